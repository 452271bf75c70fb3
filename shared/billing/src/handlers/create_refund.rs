use crate::refund::{RefundRefusal, RefundRequest};
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::{ApiRequest, ApiResponse, ApiResult};
use platform::json::parse_json_object;

/// The extension header that makes a refund idempotent (the body's `idempotency_key`
/// does the same; the SDKs send neither on their own).
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let refund = state.after_key(&mut key, refund_request(&request)).await?;
    let refund = crate::service::create_refund(state, &mut key, &refund).await?;
    Ok(ApiResponse::ok(&refund))
}

fn refund_request(request: &ApiRequest) -> Result<RefundRequest, ApiError> {
    let body = parse_json_object(&request.body)?;
    let header = request.header(IDEMPOTENCY_KEY_HEADER);
    RefundRequest::validate(body, header).map_err(|e: RefundRefusal| e.into())
}
