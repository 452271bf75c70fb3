use crate::handlers::pdf_response;
use billing::RefundId;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::{ApiRequest, ApiResult};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let refund_id = RefundId::parse(request.path_param("refund_id")).ok_or(ApiError::NotFound);
    let refund_id = state.after_key(&mut key, refund_id).await?;
    let document = crate::service::credit_note(state, &mut key, &refund_id).await?;
    Ok(pdf_response(&document))
}
