use crate::app::AppState;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::portal::page::with_portal_headers;
use crate::portal::sections::ledger;
use crate::portal::sessions::authenticate;

/// Query: `page_number` (0-based), `page_size`, as the merchant API pages.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    let page = ledger::page(state, &session, super::page(&request)?).await?;
    Ok(with_portal_headers(ApiResponse::ok(&page)))
}
