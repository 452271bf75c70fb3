use crate::page::with_portal_headers;
use crate::sections::licenses;
use crate::sessions::authenticate_change;
use licensing::handlers::{instance_id, license_key_id};
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Frees one activation of the customer's key. CSRF-checked.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let (session, _) = authenticate_change(state, &request).await?;
    let key = license_key_id(&request)?;
    licenses::deactivate(state, &session, &key, &instance_id(&request)?).await?;
    Ok(with_portal_headers(ApiResponse::ok(&serde_json::json!({}))))
}
