//! One module per endpoint: each turns an `ApiRequest` into a call on [`crate::service`]
//! and its result into a response. The billing context's errors become the API's here.

pub mod create_refund;
pub mod get_payment;
pub mod get_payment_line_items;
pub mod get_refund;
pub mod list_payments;
pub mod list_refunds;

use crate::refund::RefundRefusal;
use crate::service::BillingError;
use crate::{PaymentId, RefundId};
use customers::CustomerId;
use customers::customer::METADATA_MAX_KEYS;
use platform::error::ApiError;
use platform::http::ApiRequest;
use serde::de::DeserializeOwned;

/// The `{payment_id}` path segment; a malformed id cannot exist, so it is a 404.
pub fn payment_id(request: &ApiRequest) -> Result<PaymentId, ApiError> {
    PaymentId::parse(request.path_param("payment_id")).ok_or(ApiError::NotFound)
}

pub fn refund_id(request: &ApiRequest) -> Result<RefundId, ApiError> {
    RefundId::parse(request.path_param("refund_id")).ok_or(ApiError::NotFound)
}

fn invalid_query(name: &str) -> ApiError {
    ApiError::InvalidQueryParams(format!("query parameter '{name}' has an invalid value"))
}

/// A list's `customer_id` filter.
pub fn customer_filter(request: &ApiRequest) -> Result<Option<CustomerId>, ApiError> {
    request
        .query_param("customer_id")?
        .map(|raw| CustomerId::parse(raw).ok_or_else(|| invalid_query("customer_id")))
        .transpose()
}

/// A query parameter naming one of an enumeration's values (as serde spells them).
pub fn enum_filter<T: DeserializeOwned>(
    request: &ApiRequest,
    name: &str,
) -> Result<Option<T>, ApiError> {
    request
        .query_param(name)?
        .map(|raw| {
            serde_json::from_value(serde_json::Value::String(raw.to_string()))
                .map_err(|_| invalid_query(name))
        })
        .transpose()
}

/// A short free-text filter (an id of another context, a code).
pub fn text_filter(request: &ApiRequest, name: &str) -> Result<Option<String>, ApiError> {
    const FILTER_MAX_CHARS: usize = 128;
    request
        .query_param(name)?
        .map(|raw| {
            (raw.chars().count() <= FILTER_MAX_CHARS)
                .then(|| raw.to_string())
                .ok_or_else(|| invalid_query(name))
        })
        .transpose()
}

/// `created_at_gte` / `created_at_lte`, in the stored timestamps' format.
pub fn created_window(request: &ApiRequest) -> Result<(Option<String>, Option<String>), ApiError> {
    let timestamp = |name: &str| -> Result<Option<String>, ApiError> {
        request
            .query_param(name)?
            .map(|raw| {
                platform::time::parse_filter(raw)
                    .map(platform::time::format)
                    .ok_or_else(|| {
                        ApiError::InvalidQueryParams(format!(
                            "{name} must be an RFC 3339 timestamp"
                        ))
                    })
            })
            .transpose()
    };
    Ok((timestamp("created_at_gte")?, timestamp("created_at_lte")?))
}

impl From<RefundRefusal> for ApiError {
    fn from(e: RefundRefusal) -> Self {
        match e {
            RefundRefusal::Body(message) => ApiError::InvalidRequestBody(message),
            RefundRefusal::Field(message) => ApiError::InvalidRequestParameters(message),
            RefundRefusal::TooManyMetadataKeys => ApiError::MaximumKeysReached {
                max_keys: METADATA_MAX_KEYS,
            },
            RefundRefusal::NoSuchPayment => ApiError::NotFound,
            RefundRefusal::NotRefundable(message) => ApiError::Conflict {
                code: "PAYMENT_NOT_REFUNDABLE",
                message,
                retryable: false,
            },
            RefundRefusal::ExceedsRefundable {
                requested,
                refundable,
            } => ApiError::Conflict {
                code: "REFUND_EXCEEDS_REFUNDABLE",
                message: format!(
                    "The refund asks for {requested}, but {refundable} (minor units) is refundable."
                ),
                retryable: false,
            },
            RefundRefusal::UnsupportedCurrency(code) => {
                ApiError::UnsupportedCurrency(code.to_string())
            }
        }
    }
}

impl From<BillingError> for ApiError {
    fn from(e: BillingError) -> Self {
        match e {
            BillingError::NotFound => ApiError::NotFound,
            BillingError::Refused(refusal) => refusal.into(),
            BillingError::IdempotencyKeyReused => ApiError::Conflict {
                code: "IDEMPOTENCY_KEY_REUSED",
                message: "This idempotency key was already used with a different request.".into(),
                retryable: false,
            },
            BillingError::NoWallet => ApiError::Conflict {
                code: "WALLET_NOT_FOUND",
                message: "The customer holds no wallet in the payment's currency.".into(),
                retryable: false,
            },
            BillingError::Busy => ApiError::Conflict {
                code: "PAYMENT_BUSY",
                message: "The payment is busy with other refunds; retry this request.".into(),
                retryable: true,
            },
            BillingError::Store(e) => e.into(),
            BillingError::Api(e) => e,
        }
    }
}
