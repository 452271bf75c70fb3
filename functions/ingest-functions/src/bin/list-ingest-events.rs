#[tokio::main]
async fn main() -> Result<(), platform::lambda::Error> {
    platform::lambda::run(&ingest::routes::LIST_INGEST_EVENTS).await
}
