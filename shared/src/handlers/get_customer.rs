use crate::app::AppState;
use crate::auth::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = authenticate(state, &request).await?;
    let customer_id = super::customer_id(&request)?;
    let stored = state
        .store
        .customer(&business.0, customer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(ApiResponse::ok(&stored.customer))
}
