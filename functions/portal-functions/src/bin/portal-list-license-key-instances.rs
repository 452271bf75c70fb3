#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&portal::routes::PORTAL_LIST_LICENSE_KEY_INSTANCES).await
}
