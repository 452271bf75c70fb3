use crate::store::SubscriptionFilter;
use crate::subscription::SubscriptionStatus;
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

/// Longest `product_id` or `brand_id` filter; the engine's ids are far shorter.
const ID_FILTER_MAX_CHARS: usize = 64;

fn list_request(request: &ApiRequest) -> Result<(SubscriptionFilter, Page), ApiError> {
    let invalid =
        |name: &str, what: &str| ApiError::InvalidQueryParams(format!("{name} must be {what}"));
    let timestamp = |name: &str| -> Result<Option<String>, ApiError> {
        request
            .query_param(name)?
            .map(|raw| {
                platform::time::parse_filter(raw)
                    .map(platform::time::format)
                    .ok_or_else(|| invalid(name, "an RFC 3339 timestamp"))
            })
            .transpose()
    };
    let id_filter = |name: &str| -> Result<Option<String>, ApiError> {
        match request.query_param(name)? {
            Some(raw) if raw.chars().count() > ID_FILTER_MAX_CHARS => Err(invalid(
                name,
                &format!("at most {ID_FILTER_MAX_CHARS} characters"),
            )),
            other => Ok(other.map(str::to_string)),
        }
    };
    let customer_id = request
        .query_param("customer_id")?
        .map(|raw| CustomerId::parse(raw).ok_or_else(|| invalid("customer_id", "a customer id")))
        .transpose()?;
    let status = request
        .query_param("status")?
        .map(|raw| {
            SubscriptionStatus::parse(raw).ok_or_else(|| {
                invalid(
                    "status",
                    "one of pending, active, on_hold, paused, cancelled, failed, expired, past_due",
                )
            })
        })
        .transpose()?;
    let filter = SubscriptionFilter {
        customer_id,
        status,
        cancel_at_next_billing_date: request.parsed_query_param("cancel_at_next_billing_date")?,
        product_id: id_filter("product_id")?,
        brand_id: id_filter("brand_id")?,
        created_at_gte: timestamp("created_at_gte")?,
        created_at_lte: timestamp("created_at_lte")?,
    };
    Ok((filter, request.page()?))
}
