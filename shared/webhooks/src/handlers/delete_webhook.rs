use super::webhook_id;
use bytes::Bytes;
use http::StatusCode;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    crate::service::delete(state, &business, &webhook_id(&request)?).await?;
    Ok(ApiResponse {
        status: StatusCode::NO_CONTENT,
        headers: Vec::new(),
        body: Bytes::new(),
    })
}
