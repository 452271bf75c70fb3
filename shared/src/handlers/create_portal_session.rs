use crate::app::AppState;
use crate::auth::authenticate;
use crate::error::ApiResult;
use crate::http::{ApiRequest, ApiResponse};
use crate::portal::base::PortalBase;
use crate::portal::links::{self, LinkRequest};

/// Query parameters, not a body: `send_email`, `return_url` (https only).
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = authenticate(state, &request).await?;
    let customer_id = super::customer_id(&request)?;
    let link_request = LinkRequest::parse(&request)?;
    let base = PortalBase::for_request(&state.config, &request)?;
    let link = links::mint(state, &business, customer_id, &link_request, &base).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "link": link }))
        .with_header("cache-control", "no-store"))
}
