use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};
use platform::json::parse_json_object;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let new = parse_json_object(&request.body)?;
    let endpoint = crate::service::create(state, &business, new).await?;
    Ok(ApiResponse::ok(&endpoint.details()))
}
