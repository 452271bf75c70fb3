#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&subscriptions::routes::GET_SUBSCRIPTION).await
}
