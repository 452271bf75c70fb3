#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&ingest::routes::ROTATE_INGEST_SECRET).await
}
