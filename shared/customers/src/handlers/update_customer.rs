use crate::customer::CustomerPatch;
use crate::handlers::customer_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let customer_id = customer_id(&request)?;
    let patch = CustomerPatch::parse(&request.body)?;
    let customer = crate::service::update(state, &business, &customer_id, &patch).await?;
    Ok(ApiResponse::ok(&customer))
}
