#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&webhooks::routes::LIST_WEBHOOKS).await
}
