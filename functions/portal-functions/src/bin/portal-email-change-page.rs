#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&portal::routes::PORTAL_EMAIL_CHANGE_PAGE).await
}
