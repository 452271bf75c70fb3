#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&portal::routes::PORTAL_GET_REFUND_CREDIT_NOTE).await
}
