use crate::app::AppState;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::portal::page::with_portal_headers;
use crate::portal::sections::profile;
use crate::portal::sessions::authenticate;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    let profile = profile::get(state, &session).await?;
    Ok(with_portal_headers(ApiResponse::ok(&profile)))
}
