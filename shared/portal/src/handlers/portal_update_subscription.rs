use crate::page::with_portal_headers;
use crate::sections::subscriptions;
use crate::sessions::authenticate_change;
use ::subscriptions::handlers::subscription_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// The customer cancels one of their subscriptions (now or at the end of the period) or
/// withdraws a scheduled cancellation. CSRF-checked.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let (session, _) = authenticate_change(state, &request).await?;
    let id = subscription_id(&request)?;
    let patch = subscriptions::parse_change(&request.body)?;
    let changed = subscriptions::change(state, &session, &id, &patch).await?;
    Ok(with_portal_headers(ApiResponse::ok(&changed)))
}
