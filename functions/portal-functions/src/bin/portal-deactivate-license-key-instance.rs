#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&portal::routes::PORTAL_DEACTIVATE_LICENSE_KEY_INSTANCE).await
}
