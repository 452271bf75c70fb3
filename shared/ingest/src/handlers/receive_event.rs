use crate::receive::{Refused, receive};
use http::StatusCode;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let endpoint_id = request.path_param("ingest_endpoint_id").to_string();
    match receive(state, &endpoint_id, &request).await {
        Ok((webhook_id, received)) => Ok(ApiResponse::ok(&serde_json::json!({
            "webhook_id": webhook_id,
            "outcome": received.as_str(),
        }))),
        // The same answer for an unknown endpoint as for a bad signature, so that
        // endpoint ids cannot be probed.
        Err(Refused::Unverified) => Ok(ApiResponse::json(
            StatusCode::UNAUTHORIZED,
            &serde_json::json!({
                "code": "UNAUTHORIZED",
                "message": "The webhook signature is missing, too old or does not verify.",
            }),
        )
        .with_header("x-should-retry", "false")),
        Err(Refused::Invalid(why)) => Err(ApiError::InvalidRequestBody(why)),
        Err(Refused::InvalidCustomer(why)) => Err(ApiError::InvalidRequestParameters(why)),
        Err(Refused::Failed(error)) => Err(error),
    }
}
