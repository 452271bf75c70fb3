#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&customers::routes::GET_CUSTOMER).await
}
