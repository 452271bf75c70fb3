//! One module per endpoint: each turns an `ApiRequest` into a call on [`crate::service`]
//! and its result into a response. The webhooks context's errors become the API's here.

pub mod create_webhook;
pub mod delete_webhook;
pub mod get_webhook;
pub mod get_webhook_headers;
pub mod get_webhook_secret;
pub mod list_webhooks;
pub mod update_webhook;
pub mod update_webhook_headers;

use crate::WebhookId;
use crate::endpoint::MAX_ENDPOINTS_PER_BUSINESS;
use crate::service::WebhookError;
use platform::error::ApiError;
use platform::http::ApiRequest;

/// The `{webhook_id}` path segment. A malformed id cannot exist, so it is a 404.
pub fn webhook_id(request: &ApiRequest) -> Result<WebhookId, ApiError> {
    WebhookId::parse(request.path_param("webhook_id")).ok_or(ApiError::NotFound)
}

impl From<WebhookError> for ApiError {
    fn from(e: WebhookError) -> Self {
        match e {
            WebhookError::Invalid(message) => ApiError::InvalidRequestParameters(message),
            WebhookError::NotFound => ApiError::NotFound,
            WebhookError::LimitReached => ApiError::Conflict {
                code: "WEBHOOK_LIMIT_REACHED",
                message: format!(
                    "A business can have at most {MAX_ENDPOINTS_PER_BUSINESS} webhook endpoints; delete one first."
                ),
                retryable: false,
            },
            WebhookError::Changed => ApiError::Conflict {
                code: "WEBHOOK_BUSY",
                message: "The webhook endpoint was changed by another request; retry.".into(),
                retryable: true,
            },
            WebhookError::Store(e) => e.into(),
        }
    }
}
