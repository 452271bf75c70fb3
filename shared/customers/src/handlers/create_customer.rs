use crate::customer::NewCustomer;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let new_customer = NewCustomer::parse(&request.body)?;
    let customer = crate::service::create(state, &business, new_customer).await?;
    Ok(ApiResponse::ok(&customer))
}
