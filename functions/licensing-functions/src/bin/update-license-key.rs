#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&licensing::routes::UPDATE_LICENSE_KEY).await
}
