#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run(&shared::routes::DELETE_CUSTOMER).await
}
