#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&portal::routes::PORTAL_CONFIRM_EMAIL_CHANGE).await
}
