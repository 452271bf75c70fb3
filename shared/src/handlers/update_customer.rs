use crate::app::AppState;
use crate::auth::authenticate;
use crate::domain::customer::CustomerPatch;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::service::customers;

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = authenticate(state, &request).await?;
    let customer_id = super::customer_id(&request)?;
    let patch = CustomerPatch::parse(&request.body)?;
    let customer = customers::update(state, &business, customer_id, &patch).await?;
    Ok(ApiResponse::ok(&customer))
}
