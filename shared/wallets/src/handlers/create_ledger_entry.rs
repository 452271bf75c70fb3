use super::entry_request;
use customers::handlers::customer_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let customer_id = customer_id(&request)?;
    let entry = entry_request(&request.body, &state.config.currencies)?;
    let wallet = crate::service::record_entry(state, &business, &customer_id, &entry).await?;
    Ok(ApiResponse::ok(&wallet))
}
