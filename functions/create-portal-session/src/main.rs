#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run(&shared::routes::CREATE_PORTAL_SESSION).await
}
