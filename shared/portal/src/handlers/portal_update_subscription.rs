use crate::base::PortalBase;
use crate::page::with_portal_headers;
use crate::sections::subscriptions;
use crate::sessions::{authenticate, check_csrf};
use ::subscriptions::handlers::subscription_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// The customer cancels one of their subscriptions (now or at the end of the period) or
/// withdraws a scheduled cancellation. CSRF-checked.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    check_csrf(
        &session,
        &request,
        &PortalBase::for_request(crate::config::get()?.base.as_ref(), &request)?,
    )?;
    let id = subscription_id(&request)?;
    let patch = subscriptions::parse_change(&request.body)?;
    let changed = subscriptions::change(state, &session, &id, &patch).await?;
    Ok(with_portal_headers(ApiResponse::ok(&changed)))
}
