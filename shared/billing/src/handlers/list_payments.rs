use super::{created_window, customer_filter, enum_filter, text_filter};
use crate::service::PaymentFilter;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::{ApiRequest, ApiResponse, ApiResult};
use platform::paging::Page;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let (filter, page) = state.after_key(&mut key, query(&request)).await?;
    let items = crate::service::payments(state, &mut key, filter, page).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "items": items })))
}

fn query(request: &ApiRequest) -> Result<(PaymentFilter, Page), ApiError> {
    let (created_at_gte, created_at_lte) = created_window(request)?;
    let filter = PaymentFilter {
        customer_id: customer_filter(request)?,
        created_at_gte,
        created_at_lte,
        subscription_id: text_filter(request, "subscription_id")?,
        status: enum_filter(request, "status")?,
        currency: text_filter(request, "currency")?,
        brand_id: text_filter(request, "brand_id")?,
        product_id: text_filter(request, "product_id")?,
    };
    Ok((filter, request.page()?))
}
