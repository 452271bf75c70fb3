use super::endpoint_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let endpoint = endpoint_id(&request)?;
    crate::service::delete(state, &business, &endpoint).await?;
    Ok(ApiResponse::ok(&serde_json::json!({
        "ingest_endpoint_id": endpoint,
        "deleted": true,
    })))
}
