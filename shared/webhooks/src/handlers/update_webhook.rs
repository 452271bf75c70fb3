use super::webhook_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};
use platform::json::parse_json_object;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let id = webhook_id(&request)?;
    let patch = parse_json_object(&request.body)?;
    let endpoint = crate::service::update(state, &business, &id, patch).await?;
    Ok(ApiResponse::ok(&endpoint.details()))
}
