//! Request bodies: every one is a JSON object.

use crate::error::ApiError;
use serde::de::DeserializeOwned;

/// Every request body is a JSON object; anything else is `INVALID_REQUEST_BODY`.
pub fn parse_json_object<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if !body.trim_ascii_start().starts_with(b"{") {
        return Err(ApiError::InvalidRequestBody(
            "the request body must be a JSON object".into(),
        ));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::InvalidRequestBody(format!("invalid request body: {e}")))
}
