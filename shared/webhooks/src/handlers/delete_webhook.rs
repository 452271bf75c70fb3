use super::webhook_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Answers `{}`: the SDK reads no body.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    crate::service::delete(state, &business, &webhook_id(&request)?).await?;
    Ok(ApiResponse::ok(&serde_json::json!({})))
}
