use super::query_filter;
use crate::LicenseKeyId;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let query = query_filter(&request, "license_key_id", LicenseKeyId::parse)
        .and_then(|license_key| Ok((license_key, request.page()?)));
    let (license_key, page) = state.after_key(&mut key, query).await?;
    let items = crate::service::list_instances(state, &mut key, license_key, page).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "items": items })))
}
