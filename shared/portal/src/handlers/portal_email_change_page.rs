use crate::email_change;
use crate::page::email_change_answer;
use platform::app::AppState;
use platform::http::ApiRequest;
use platform::http::ApiResult;

/// An e-mail change's confirmation link, opened: a page with the "Confirm" button (or
/// why the link does nothing). Reads only, so a mail scanner's fetch leaves it usable.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let outcome = email_change::pending(state, request.path_param("token")).await;
    Ok(email_change_answer(
        request.header("accept-language"),
        outcome,
        false,
    ))
}
