use crate::customer::NewCustomer;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let new_customer = state
        .after_key(
            &mut key,
            NewCustomer::parse(&request.body).map_err(Into::into),
        )
        .await?;
    let customer = crate::service::create(state, &mut key, new_customer).await?;
    Ok(ApiResponse::ok(&customer))
}
