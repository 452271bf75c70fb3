#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&portal::routes::PORTAL_START_SESSION).await
}
