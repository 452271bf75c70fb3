#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&portal::routes::PORTAL_UPDATE_SUBSCRIPTION).await
}
