use crate::base::PortalBase;
use crate::page::with_portal_headers;
use crate::sections::profile;
use crate::sessions::{authenticate, check_csrf};
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Changes the session's own customer: name, e-mail, phone. CSRF-checked.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    check_csrf(
        &session,
        &request,
        &PortalBase::for_request(crate::config::get()?.base.as_ref(), &request)?,
    )?;
    let patch = match profile::parse_change(&request.body) {
        Ok(patch) => patch,
        Err(refused) => return refused.into_response().map(with_portal_headers),
    };
    let profile = profile::update(state, &session, &patch).await?;
    Ok(with_portal_headers(ApiResponse::ok(&profile)))
}
