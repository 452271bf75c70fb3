use crate::license_key::LicenceCall;
use http::StatusCode;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Public: the license key in the body is the credential. Answers 200 without a body,
/// as Dodo does.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let call = LicenceCall::parse(&request.body)?;
    crate::service::deactivate(state, &call).await?;
    Ok(ApiResponse {
        status: StatusCode::OK,
        headers: Vec::new(),
        body: Default::default(),
    })
}
