use crate::page::with_portal_headers;
use crate::sections::billing;
use crate::sessions::authenticate;
use platform::app::AppState;
use platform::http::ApiRequest;
use platform::http::ApiResult;

/// The PDF invoice of one of the session's customer's payments; any other id is 404.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    let document =
        billing::payment_invoice(state, &session, request.path_param("payment_id")).await?;
    Ok(with_portal_headers(invoices::handlers::pdf_response(
        &document,
    )))
}
