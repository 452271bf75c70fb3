use super::webhook_id;
use crate::endpoint::HeadersPatch;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};
use platform::json::parse_json_object;

/// Adds or replaces the given headers; the answer is the endpoint's headers, as GET gives.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let id = webhook_id(&request)?;
    let patch: HeadersPatch = parse_json_object(&request.body)?;
    let endpoint = crate::service::update_headers(state, &business, &id, patch.headers).await?;
    Ok(ApiResponse::ok(&endpoint.headers_view()))
}
