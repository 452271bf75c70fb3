use crate::base::PortalBase;
use crate::links::{self, LinkRequest};
use customers::handlers::customer_id;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Query parameters, not a body: `send_email`, `return_url` (https only).
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let customer_id = customer_id(&request)?;
    let link_request = LinkRequest::parse(&request)?;
    let base = PortalBase::for_request(crate::config::get()?.base.as_ref(), &request)?;
    let link = links::mint(state, &business, &customer_id, &link_request, &base).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "link": link }))
        .with_header("cache-control", "no-store"))
}
