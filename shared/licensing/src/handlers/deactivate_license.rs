use crate::license_key::LicenceCall;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Public: the license key in the body is the credential. Answers an empty object (the
/// SDKs read no body).
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let call = LicenceCall::parse(&request.body)?;
    crate::service::deactivate(state, &call).await?;
    Ok(ApiResponse::ok(&serde_json::json!({})))
}
