#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&webhooks::routes::GET_WEBHOOK).await
}
