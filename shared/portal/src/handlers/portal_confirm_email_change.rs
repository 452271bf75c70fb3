use crate::email_change;
use crate::i18n::Locale;
use crate::page::{email_change_page, error_page};
use platform::app::AppState;
use platform::http::ApiRequest;
use platform::http::ApiResult;

/// The "Confirm" button of an e-mail change's page: makes the change, once.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let locale = Locale::choose(None, request.header("accept-language"));
    Ok(
        match email_change::confirm(state, request.path_param("token")).await {
            Ok(outcome) => email_change_page(locale, &outcome, true),
            Err(error) => error_page(error, locale),
        },
    )
}
