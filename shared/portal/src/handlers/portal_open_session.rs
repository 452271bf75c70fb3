use crate::i18n::Locale;
use crate::links;
use crate::page::{continue_page, error_page, failure_page};
use platform::app::AppState;
use platform::http::ApiRequest;
use platform::http::ApiResult;

/// The link a customer opens: a page with a "Continue" button when the link would open,
/// else why it cannot (expired, used, unknown). Reads the link, writes nothing.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let locale = Locale::choose(None, request.header("accept-language"));
    Ok(
        match links::check(state, request.path_param("token")).await {
            Ok(None) => continue_page(locale),
            Ok(Some(refusal)) => failure_page(refusal.into(), locale),
            Err(error) => error_page(error, locale),
        },
    )
}
