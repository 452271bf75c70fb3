#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&customers::routes::CREATE_CUSTOMER).await
}
