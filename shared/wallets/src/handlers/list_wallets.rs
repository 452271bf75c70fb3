use customers::handlers::customer_id;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let customer_id = state.after_key(&mut key, customer_id(&request)).await?;
    let business = key.business().clone();
    let balances = crate::service::balances(state, &business, &customer_id);
    let balances = state
        .alongside_key(&mut key, async { balances.await.map_err(ApiError::from) })
        .await?;
    Ok(ApiResponse::ok(&balances))
}
