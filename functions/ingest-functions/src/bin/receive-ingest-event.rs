#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&ingest::routes::RECEIVE_INGEST_EVENT).await
}
