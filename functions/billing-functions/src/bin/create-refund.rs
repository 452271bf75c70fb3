#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&billing::routes::CREATE_REFUND).await
}
