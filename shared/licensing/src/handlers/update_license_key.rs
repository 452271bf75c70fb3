use super::license_key_id;
use crate::license_key::LicenseKeyPatch;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let id = state.after_key(&mut key, license_key_id(&request)).await?;
    let patch = state
        .after_key(
            &mut key,
            LicenseKeyPatch::parse(&request.body).map_err(Into::into),
        )
        .await?;
    let license_key = crate::service::update(state, &mut key, &id, &patch).await?;
    Ok(ApiResponse::ok(&license_key))
}
