use super::instance_id;
use crate::license_key::parse_rename;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let id = state.after_key(&mut key, instance_id(&request)).await?;
    let name = state
        .after_key(&mut key, parse_rename(&request.body).map_err(Into::into))
        .await?;
    let instance = crate::service::rename_instance(state, &mut key, &id, &name).await?;
    Ok(ApiResponse::ok(&instance))
}
