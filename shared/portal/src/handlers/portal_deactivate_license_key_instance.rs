use crate::base::PortalBase;
use crate::page::with_portal_headers;
use crate::sections::licenses;
use crate::sessions::{authenticate, check_csrf};
use licensing::handlers::{instance_id, license_key_id};
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Frees one activation of the customer's key. CSRF-checked.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let session = authenticate(state, &request).await?;
    check_csrf(
        &session,
        &request,
        &PortalBase::for_request(crate::config::get()?.base.as_ref(), &request)?,
    )?;
    let key = license_key_id(&request)?;
    licenses::deactivate(state, &session, &key, &instance_id(&request)?).await?;
    Ok(with_portal_headers(ApiResponse::ok(&serde_json::json!({}))))
}
