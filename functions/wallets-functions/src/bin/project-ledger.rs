#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run_stream(&wallets::routes::PROJECT_LEDGER).await
}
