use crate::license_key::LicenceCall;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Public: the license key in the body is the credential.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let call = LicenceCall::parse(&request.body)?;
    let activated = crate::service::activate(state, &call).await?;
    Ok(ApiResponse::ok(&activated))
}
