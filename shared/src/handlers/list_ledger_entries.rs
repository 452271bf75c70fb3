use crate::app::AppState;
use crate::auth::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::http::{ApiRequest, ApiResponse};
use crate::service::wallets;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = authenticate(state, &request).await?;
    let customer_id = super::customer_id(&request)?;
    let currency = request
        .query_param("currency")?
        .map(|code| {
            state
                .config
                .currencies
                .get(code)
                .map(|c| c.code)
                .ok_or_else(|| ApiError::UnsupportedCurrency(code.to_string()))
        })
        .transpose()?;
    let page = super::page(&request)?;
    let items = wallets::ledger(state, &business, customer_id, currency, page).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "items": items })))
}
