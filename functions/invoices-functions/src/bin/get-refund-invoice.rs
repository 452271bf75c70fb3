#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&invoices::routes::GET_REFUND_INVOICE).await
}
