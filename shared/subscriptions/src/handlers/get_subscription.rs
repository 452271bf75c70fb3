use crate::handlers::subscription_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let id = state.after_key(&mut key, subscription_id(&request)).await?;
    let stored = crate::service::get_with_key(state, &mut key, &id).await?;
    Ok(ApiResponse::ok(&stored.record.subscription))
}
