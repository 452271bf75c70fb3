use crate::handlers::customer_id;
use http::StatusCode;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Extension: erases the customer's personal data (a privacy request).
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let customer_id = state.after_key(&mut key, customer_id(&request)).await?;
    crate::service::erase(state, &mut key, &customer_id).await?;
    Ok(ApiResponse::json(
        StatusCode::OK,
        &serde_json::json!({ "customer_id": customer_id, "erased": true }),
    ))
}
