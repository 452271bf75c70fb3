//! One module per endpoint: each turns an `ApiRequest` into a call on [`crate::service`]
//! and its result into a response. Rules live in [`crate::customer`], storage in
//! [`crate::store`].

pub mod create_customer;
pub mod delete_customer;
pub mod get_customer;
pub mod list_customers;
pub mod update_customer;

use crate::CustomerId;
use crate::customer::{InvalidCustomer, METADATA_MAX_KEYS};
use platform::error::ApiError;
use platform::http::ApiRequest;

/// The `{customer_id}` path segment, for every context's customer-scoped routes. A
/// malformed id cannot exist, so it is a 404.
pub fn customer_id(request: &ApiRequest) -> Result<CustomerId, ApiError> {
    CustomerId::parse(request.path_param("customer_id")).ok_or(ApiError::NotFound)
}

impl From<InvalidCustomer> for ApiError {
    fn from(e: InvalidCustomer) -> Self {
        match e {
            InvalidCustomer::Body(message) => ApiError::InvalidRequestBody(message),
            InvalidCustomer::Field(message) => ApiError::InvalidRequestParameters(message),
            InvalidCustomer::TooManyMetadataKeys => ApiError::MaximumKeysReached {
                max_keys: METADATA_MAX_KEYS,
            },
        }
    }
}
