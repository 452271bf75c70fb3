use crate::license_key::NewLicenseKey;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// An import. The caller's key is proven first: the import's transaction already checks
/// the customer and the key string, and its refusals must say which.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let new = NewLicenseKey::parse(&request.body)?;
    let license_key = crate::service::import(state, &business, new).await?;
    Ok(ApiResponse::ok(&license_key))
}
