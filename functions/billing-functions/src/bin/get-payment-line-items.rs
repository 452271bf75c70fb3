#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&billing::routes::GET_PAYMENT_LINE_ITEMS).await
}
