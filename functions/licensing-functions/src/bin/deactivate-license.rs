#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&licensing::routes::DEACTIVATE_LICENSE).await
}
