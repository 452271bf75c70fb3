use crate::app::AppState;
use crate::auth::authenticate;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::service::wallets;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = authenticate(state, &request).await?;
    let customer_id = super::customer_id(&request)?;
    let balances = wallets::balances(state, &business, customer_id).await?;
    Ok(ApiResponse::ok(&balances))
}
