#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&licensing::routes::LIST_LICENSE_KEY_INSTANCES).await
}
