use crate::base::PortalBase;
use crate::links::{self, LinkRequest};
use customers::CustomerId;
use customers::handlers::customer_id;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// Query parameters, not a body: `send_email`, `return_url` (https only).
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let (customer_id, link_request, base) = state.after_key(&mut key, parse(&request)).await?;
    let link = links::mint(state, &mut key, &customer_id, &link_request, &base).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "link": link }))
        .with_header("cache-control", "no-store"))
}

fn parse(request: &ApiRequest) -> Result<(CustomerId, LinkRequest, PortalBase), ApiError> {
    Ok((
        customer_id(request)?,
        LinkRequest::parse(request)?,
        PortalBase::for_request(crate::config::get()?.base.as_ref(), request)?,
    ))
}
