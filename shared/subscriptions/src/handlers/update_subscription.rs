use crate::handlers::subscription_id;
use crate::patch::SubscriptionPatch;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let id = state.after_key(&mut key, subscription_id(&request)).await?;
    let patch = state
        .after_key(
            &mut key,
            SubscriptionPatch::parse(&request.body).map_err(Into::into),
        )
        .await?;
    let subscription = crate::service::update_with_key(state, &mut key, &id, &patch).await?;
    Ok(ApiResponse::ok(&subscription))
}
