use crate::customer::CustomerPatch;
use crate::handlers::customer_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let customer_id = state.after_key(&mut key, customer_id(&request)).await?;
    let patch = state
        .after_key(
            &mut key,
            CustomerPatch::parse(&request.body).map_err(Into::into),
        )
        .await?;
    let customer = crate::service::update_with_key(state, &mut key, &customer_id, &patch).await?;
    Ok(ApiResponse::ok(&customer))
}
