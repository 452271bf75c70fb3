use crate::base::PortalBase;
use crate::i18n::Locale;
use crate::links::{self, Exchange};
use crate::page::{error_page, failure_page, with_portal_headers};
use crate::sessions::{check_form_post, session_cookie};
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};
use platform::time;

/// The link page's "Continue": exchanges the link's token for a session cookie, once,
/// and redirects to the portal page, or shows why it cannot (expired, used, unknown).
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let locale = Locale::choose(None, request.header("accept-language"));
    let opened = async {
        let base = PortalBase::for_request(crate::config::get()?.base.as_ref(), &request)?;
        check_form_post(&request, &base)?;
        let exchange = links::exchange(state, request.path_param("token")).await?;
        Ok((base, exchange))
    };
    Ok(match opened.await {
        Ok((base, Exchange::Opened { session, secret })) => {
            let cookie =
                session_cookie(&secret, session.expires_at, time::now().timestamp(), &base);
            with_portal_headers(ApiResponse::redirect(base.url())).with_header("set-cookie", cookie)
        }
        Ok((_, Exchange::Refused(refusal))) => failure_page(refusal.into(), locale),
        Err(error) => error_page(error, locale),
    })
}
