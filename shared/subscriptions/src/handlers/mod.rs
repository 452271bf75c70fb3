//! One module per endpoint: each turns an `ApiRequest` into a call on [`crate::service`]
//! and its result into a response. The subscriptions context's errors become the API's
//! here.

pub mod get_subscription;
pub mod list_subscriptions;
pub mod update_subscription;

use crate::SubscriptionId;
use crate::patch::PatchRefusal;
use crate::service::SubscriptionError;
use crate::subscription::SubscriptionStatus;
use platform::error::ApiError;
use platform::http::ApiRequest;

/// The `{subscription_id}` path segment. A malformed id cannot exist, so it is a 404.
pub fn subscription_id(request: &ApiRequest) -> Result<SubscriptionId, ApiError> {
    SubscriptionId::parse(request.path_param("subscription_id")).ok_or(ApiError::NotFound)
}

impl From<PatchRefusal> for ApiError {
    fn from(refusal: PatchRefusal) -> Self {
        match refusal {
            PatchRefusal::Body(message) => ApiError::InvalidRequestBody(message),
            PatchRefusal::Field(message) => ApiError::InvalidRequestParameters(message),
            PatchRefusal::Metadata(invalid) => invalid.into(),
            PatchRefusal::EngineOwned(field) => ApiError::InvalidRequestBody(format!(
                "{field} cannot be changed through this API: the payment engine owns it. \
                 This route changes cancel_at_next_billing_date, status (cancelled only), \
                 cancel_reason, cancellation_feedback, cancellation_comment and metadata."
            )),
            PatchRefusal::StatusNotSettable(status) => ApiError::InvalidRequestBody(format!(
                "status cannot be set to {}: only cancelled can be set here; pausing and \
                 resuming are the payment engine's",
                status.as_str()
            )),
            PatchRefusal::NotForCustomers(field) => {
                ApiError::InvalidRequestParameters(format!("a customer cannot change {field}"))
            }
            PatchRefusal::Ended(status) => ApiError::Conflict {
                code: if status == SubscriptionStatus::Cancelled {
                    "SUBSCRIPTION_CANCELLED"
                } else {
                    "SUBSCRIPTION_ENDED"
                },
                message: format!(
                    "The subscription is {}: it cannot be reactivated, and its cancellation \
                     can be neither scheduled nor withdrawn.",
                    status.as_str()
                ),
                retryable: false,
            },
        }
    }
}

impl From<SubscriptionError> for ApiError {
    fn from(e: SubscriptionError) -> Self {
        match e {
            SubscriptionError::NotFound => ApiError::NotFound,
            SubscriptionError::Refused(refusal) => refusal.into(),
            SubscriptionError::Busy => ApiError::Conflict {
                code: "SUBSCRIPTION_BUSY",
                message: "The subscription kept changing while this request ran; retry it.".into(),
                retryable: true,
            },
            SubscriptionError::Api(e) => e,
        }
    }
}
