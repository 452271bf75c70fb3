use customers::CustomerId;
use customers::handlers::customer_id;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};
use platform::money::CurrencyCode;
use platform::paging::Page;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let (customer_id, currency, page) = state.after_key(&mut key, query(state, &request)).await?;
    let business = key.business().clone();
    let ledger = crate::service::ledger(state, &business, &customer_id, currency, page);
    let items = state
        .alongside_key(&mut key, async { ledger.await.map_err(ApiError::from) })
        .await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "items": items })))
}

fn query(
    state: &AppState,
    request: &ApiRequest,
) -> Result<(CustomerId, Option<CurrencyCode>, Page), ApiError> {
    let customer_id = customer_id(request)?;
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
    Ok((customer_id, currency, request.page()?))
}
