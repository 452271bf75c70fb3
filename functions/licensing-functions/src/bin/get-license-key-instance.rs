#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&licensing::routes::GET_LICENSE_KEY_INSTANCE).await
}
