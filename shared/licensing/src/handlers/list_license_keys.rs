use super::query_filter;
use crate::license_key::{Source, Status};
use crate::store::KeyFilter;
use customers::CustomerId;
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

/// A wire enum's value from its text (`"active"` → `Status::Active`).
fn variant<T: serde::de::DeserializeOwned>(raw: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(raw.to_string())).ok()
}

fn timestamp(raw: &str) -> Option<String> {
    platform::time::parse_filter(raw).map(platform::time::format)
}

fn list_request(request: &ApiRequest) -> Result<(KeyFilter, Page), ApiError> {
    let filter = KeyFilter {
        customer_id: query_filter(request, "customer_id", CustomerId::parse)?,
        product_id: query_filter(request, "product_id", |p| {
            crate::license_key::parse_product_id(p.to_string()).ok()
        })?,
        status: query_filter(request, "status", variant::<Status>)?,
        source: query_filter(request, "source", variant::<Source>)?,
        created_at_gte: query_filter(request, "created_at_gte", timestamp)?,
        created_at_lte: query_filter(request, "created_at_lte", timestamp)?,
    };
    Ok((filter, request.page()?))
}
