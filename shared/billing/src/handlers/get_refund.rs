use super::refund_id;
use platform::app::AppState;
use platform::http::{ApiRequest, ApiResponse, ApiResult};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let refund_id = state.after_key(&mut key, refund_id(&request)).await?;
    let refund = crate::service::stored_refund(state, &mut key, &refund_id).await?;
    Ok(ApiResponse::ok(&refund))
}
