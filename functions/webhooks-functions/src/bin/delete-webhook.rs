#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&webhooks::routes::DELETE_WEBHOOK).await
}
