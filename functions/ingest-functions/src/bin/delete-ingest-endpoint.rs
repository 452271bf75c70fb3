#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&ingest::routes::DELETE_INGEST_ENDPOINT).await
}
