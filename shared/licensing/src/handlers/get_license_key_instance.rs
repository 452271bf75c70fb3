use super::instance_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let id = state.after_key(&mut key, instance_id(&request)).await?;
    let instance = crate::service::get_instance(state, &mut key, &id).await?;
    Ok(ApiResponse::ok(&instance))
}
