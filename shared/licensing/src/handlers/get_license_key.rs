use super::license_key_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let id = state.after_key(&mut key, license_key_id(&request)).await?;
    let license_key = crate::service::get(state, &mut key, &id).await?;
    Ok(ApiResponse::ok(&license_key))
}
