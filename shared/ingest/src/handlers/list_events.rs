use super::endpoint_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let endpoint = endpoint_id(&request)?;
    let page = request.page()?;
    let items = crate::service::events(state, &business, &endpoint, page).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "items": items })))
}
