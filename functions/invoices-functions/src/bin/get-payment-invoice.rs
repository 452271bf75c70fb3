#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&invoices::routes::GET_PAYMENT_INVOICE).await
}
