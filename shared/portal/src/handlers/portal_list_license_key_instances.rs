use crate::page::with_portal_headers;
use crate::sections::licenses;
use crate::sessions::authenticate;
use licensing::handlers::license_key_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    let instances = licenses::instances(state, &session, &license_key_id(&request)?).await?;
    Ok(with_portal_headers(ApiResponse::ok(&instances)))
}
