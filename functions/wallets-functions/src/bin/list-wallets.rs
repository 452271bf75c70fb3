#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&wallets::routes::LIST_WALLETS).await
}
