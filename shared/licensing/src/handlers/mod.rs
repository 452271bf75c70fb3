//! One module per endpoint: each turns an `ApiRequest` into a call on [`crate::service`]
//! and its result into a response. The licensing context's errors become the API's here.

pub mod activate_license;
pub mod create_license_key;
pub mod deactivate_license;
pub mod get_license_key;
pub mod get_license_key_instance;
pub mod list_license_key_instances;
pub mod list_license_keys;
pub mod update_license_key;
pub mod update_license_key_instance;
pub mod validate_license;

use crate::license_key::LicensingError;
use crate::{LicenseKeyId, LicenseKeyInstanceId};
use platform::error::ApiError;
use platform::http::ApiRequest;

/// The `{license_key_id}` path segment; a malformed id cannot exist, so it is a 404.
pub fn license_key_id(request: &ApiRequest) -> Result<LicenseKeyId, ApiError> {
    LicenseKeyId::parse(request.path_param("license_key_id")).ok_or(ApiError::NotFound)
}

/// The `{license_key_instance_id}` path segment.
pub fn instance_id(request: &ApiRequest) -> Result<LicenseKeyInstanceId, ApiError> {
    LicenseKeyInstanceId::parse(request.path_param("license_key_instance_id"))
        .ok_or(ApiError::NotFound)
}

/// An optional filter parsed with `parse`, 400 `INVALID_QUERY_PARAMS` when it does not.
pub fn query_filter<T>(
    request: &ApiRequest,
    name: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Option<T>, ApiError> {
    request
        .query_param(name)?
        .map(|raw| {
            parse(raw).ok_or_else(|| {
                ApiError::InvalidQueryParams(format!(
                    "query parameter '{name}' has an invalid value"
                ))
            })
        })
        .transpose()
}

impl From<LicensingError> for ApiError {
    fn from(e: LicensingError) -> Self {
        match e {
            LicensingError::Body(message) => ApiError::InvalidRequestBody(message),
            LicensingError::Field(message) => ApiError::InvalidRequestParameters(message),
            LicensingError::NotFound => ApiError::NotFound,
            LicensingError::KeyInUse => ApiError::Conflict {
                code: "LICENSE_KEY_EXISTS",
                message: "This key string is already a license key's.".into(),
                retryable: false,
            },
            // Dodo answers a refused activation with 422.
            LicensingError::Disabled => {
                ApiError::InvalidRequestParameters("This license key is disabled.".into())
            }
            LicensingError::Expired => {
                ApiError::InvalidRequestParameters("This license key has expired.".into())
            }
            LicensingError::ActivationLimitReached => ApiError::InvalidRequestParameters(
                "This license key has reached its activation limit.".into(),
            ),
            LicensingError::RateLimited => ApiError::TooManyRequests,
            LicensingError::Busy => ApiError::Conflict {
                code: "LICENSE_KEY_BUSY",
                message: "The license key is busy with other changes; retry this request.".into(),
                retryable: true,
            },
            LicensingError::Store(e) => e.into(),
        }
    }
}
