use crate::app::AppState;
use crate::auth::authenticate;
use crate::domain::customer::NewCustomer;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::service::customers;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = authenticate(state, &request).await?;
    let new_customer = NewCustomer::parse(&request.body)?;
    let customer = customers::create(state, &business, new_customer).await?;
    Ok(ApiResponse::ok(&customer))
}
