use crate::page::with_portal_headers;
use crate::sections::profile;
use crate::sessions::authenticate_change;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Changes the session's own customer: name and phone at once, e-mail once the new
/// address confirms it. CSRF-checked.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let (session, base) = authenticate_change(state, &request).await?;
    let patch = match profile::parse_change(&request.body) {
        Ok(patch) => patch,
        Err(refused) => return refused.into_response().map(with_portal_headers),
    };
    let profile = profile::update(state, &session, &patch, &base).await?;
    Ok(with_portal_headers(ApiResponse::ok(&profile)))
}
