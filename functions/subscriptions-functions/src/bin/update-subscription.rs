#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&subscriptions::routes::UPDATE_SUBSCRIPTION).await
}
