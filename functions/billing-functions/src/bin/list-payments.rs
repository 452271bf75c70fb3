#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&billing::routes::LIST_PAYMENTS).await
}
