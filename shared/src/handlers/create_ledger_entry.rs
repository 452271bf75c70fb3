use crate::app::AppState;
use crate::auth::authenticate;
use crate::domain::ledger::LedgerEntryRequest;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::service::wallets;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = authenticate(state, &request).await?;
    let customer_id = super::customer_id(&request)?;
    let entry = LedgerEntryRequest::parse(&request.body, &state.config.currencies)?;
    let wallet = wallets::record_entry(state, &business, customer_id, &entry).await?;
    Ok(ApiResponse::ok(&wallet))
}
