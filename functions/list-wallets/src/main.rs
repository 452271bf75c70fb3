#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run(&shared::routes::LIST_WALLETS).await
}
