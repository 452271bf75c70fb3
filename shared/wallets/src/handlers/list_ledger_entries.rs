use customers::handlers::customer_id;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let customer_id = customer_id(&request)?;
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
    let page = request.page()?;
    let items = crate::service::ledger(state, &business, &customer_id, currency, page).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "items": items })))
}
