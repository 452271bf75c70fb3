use crate::base::PortalBase;
use crate::i18n::Locale;
use crate::links::{self, Exchange};
use crate::page::{error_page, failure_page, with_portal_headers};
use crate::sessions::session_cookie;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};
use platform::time;

/// The link a customer opens: exchanges its token for a session cookie and redirects to
/// the portal page, or shows why it cannot (expired, used, unknown).
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let locale = Locale::choose(None, request.header("accept-language"));
    let opened = match PortalBase::for_request(crate::config::get()?.base.as_ref(), &request) {
        Ok(base) => links::exchange(state, request.path_param("token"))
            .await
            .map(|exchange| (base, exchange)),
        Err(e) => Err(e),
    };
    Ok(match opened {
        Ok((base, Exchange::Opened { session, secret })) => {
            let cookie =
                session_cookie(&secret, session.expires_at, time::now().timestamp(), &base);
            with_portal_headers(ApiResponse::redirect(base.url())).with_header("set-cookie", cookie)
        }
        Ok((_, Exchange::Refused(refusal))) => failure_page(refusal.into(), locale),
        Err(error) => error_page(error, locale),
    })
}
