use crate::app::AppState;
use crate::auth::authenticate;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::service::customers;
use http::StatusCode;

/// Extension: erases the customer's personal data (a privacy request).
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = authenticate(state, &request).await?;
    let customer_id = super::customer_id(&request)?;
    customers::erase(state, &business, customer_id).await?;
    Ok(ApiResponse::json(
        StatusCode::OK,
        &serde_json::json!({ "customer_id": customer_id, "erased": true }),
    ))
}
