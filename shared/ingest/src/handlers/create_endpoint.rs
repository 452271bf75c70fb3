use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let base_url = crate::service::base_url(&request)?;
    let created = crate::service::create(state, &business, &base_url).await?;
    Ok(ApiResponse::ok(&created))
}
