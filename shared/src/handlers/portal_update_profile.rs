use crate::app::AppState;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::portal::base::PortalBase;
use crate::portal::page::with_portal_headers;
use crate::portal::sections::profile;
use crate::portal::sessions::{authenticate, check_csrf};

/// Changes the session's own customer: name, e-mail, phone. CSRF-checked.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    check_csrf(
        &session,
        &request,
        &PortalBase::for_request(&state.config, &request)?,
    )?;
    let patch = match profile::parse_change(&request.body) {
        Ok(patch) => patch,
        Err(refused) => return refused.into_response().map(with_portal_headers),
    };
    let profile = profile::update(state, &session, &patch).await?;
    Ok(with_portal_headers(ApiResponse::ok(&profile)))
}
