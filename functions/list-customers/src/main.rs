#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run(&shared::routes::LIST_CUSTOMERS).await
}
