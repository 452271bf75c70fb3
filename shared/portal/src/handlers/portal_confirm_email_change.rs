use crate::email_change;
use crate::page::email_change_answer;
use platform::app::AppState;
use platform::http::ApiRequest;
use platform::http::ApiResult;

/// The "Confirm" button of an e-mail change's page: makes the change, once.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let outcome = email_change::confirm(state, request.path_param("token")).await;
    Ok(email_change_answer(
        request.header("accept-language"),
        outcome,
        true,
    ))
}
