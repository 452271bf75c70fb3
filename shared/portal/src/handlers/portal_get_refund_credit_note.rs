use crate::page::with_portal_headers;
use crate::sections::billing;
use crate::sessions::authenticate;
use platform::app::AppState;
use platform::http::ApiRequest;
use platform::http::ApiResult;

/// The PDF credit note of a refund of the session's customer; any other id is 404.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    let document = billing::credit_note(state, &session, request.path_param("refund_id")).await?;
    Ok(with_portal_headers(invoices::handlers::pdf_response(
        &document,
    )))
}
