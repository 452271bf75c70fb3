use super::webhook_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let endpoint = crate::service::get(state, &business, &webhook_id(&request)?).await?;
    Ok(ApiResponse::ok(&endpoint.details()))
}
