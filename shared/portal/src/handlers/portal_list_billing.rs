use crate::page::with_portal_headers;
use crate::sections::billing;
use crate::sessions::authenticate;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Query: `page_number` (0-based), `page_size`, as the merchant API pages.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    let page = billing::page(state, &session, request.page()?).await?;
    Ok(with_portal_headers(ApiResponse::ok(&page)))
}
