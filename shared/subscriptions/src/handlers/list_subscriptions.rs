use crate::store::SubscriptionFilter;
use billing::handlers::{created_window, customer_filter, enum_filter, text_filter};
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};
use platform::paging::Page;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let (filter, page) = state.after_key(&mut key, list_request(&request)).await?;
    let items = crate::service::list(state, &mut key, filter, page).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "items": items })))
}

fn list_request(request: &ApiRequest) -> Result<(SubscriptionFilter, Page), ApiError> {
    let (created_at_gte, created_at_lte) = created_window(request)?;
    let filter = SubscriptionFilter {
        customer_id: customer_filter(request)?,
        status: enum_filter(request, "status")?,
        cancel_at_next_billing_date: request.parsed_query_param("cancel_at_next_billing_date")?,
        product_id: text_filter(request, "product_id")?,
        brand_id: text_filter(request, "brand_id")?,
        created_at_gte,
        created_at_lte,
    };
    Ok((filter, request.page()?))
}
