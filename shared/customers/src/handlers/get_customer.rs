use crate::handlers::customer_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let customer_id = state.after_key(&mut key, customer_id(&request)).await?;
    let stored = crate::service::get(state, &mut key, &customer_id).await?;
    Ok(ApiResponse::ok(&stored.customer))
}
