use crate::page::with_portal_headers;
use crate::sections::subscriptions;
use crate::sessions::authenticate;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    let list = subscriptions::list(state, &session).await?;
    Ok(with_portal_headers(ApiResponse::ok(&list)))
}
