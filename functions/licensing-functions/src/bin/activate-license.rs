#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&licensing::routes::ACTIVATE_LICENSE).await
}
