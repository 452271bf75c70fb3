use super::payment_id;
use platform::app::AppState;
use platform::http::{ApiRequest, ApiResponse, ApiResult};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let payment_id = state.after_key(&mut key, payment_id(&request)).await?;
    let items = crate::service::payment_line_items(state, &mut key, &payment_id).await?;
    Ok(ApiResponse::ok(&items))
}
