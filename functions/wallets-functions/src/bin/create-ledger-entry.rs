#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&wallets::routes::CREATE_LEDGER_ENTRY).await
}
