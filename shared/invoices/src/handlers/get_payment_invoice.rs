use crate::handlers::pdf_response;
use billing::PaymentId;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::{ApiRequest, ApiResult};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let payment_id = PaymentId::parse(request.path_param("payment_id")).ok_or(ApiError::NotFound);
    let payment_id = state.after_key(&mut key, payment_id).await?;
    let document = crate::service::payment_invoice(state, &mut key, &payment_id).await?;
    Ok(pdf_response(&document))
}
