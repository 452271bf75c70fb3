use crate::handlers::customer_id;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let customer_id = customer_id(&request)?;
    let stored = crate::store::customer(&state.store, &business, &customer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(ApiResponse::ok(&stored.customer))
}
