use crate::email_change;
use crate::i18n::Locale;
use crate::page::{email_change_page, error_page};
use platform::app::AppState;
use platform::http::ApiRequest;
use platform::http::ApiResult;

/// An e-mail change's confirmation link, opened: a page with the "Confirm" button (or
/// why the link does nothing). Reads only, so a mail scanner's fetch leaves it usable.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let locale = Locale::choose(None, request.header("accept-language"));
    Ok(
        match email_change::pending(state, request.path_param("token")).await {
            Ok(outcome) => email_change_page(locale, &outcome, false),
            Err(error) => error_page(error, locale),
        },
    )
}
