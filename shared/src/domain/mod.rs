//! Domain rules: parsing and validation of everything a client sends, and the invariants
//! of customers, wallets and the ledger. Nothing here knows about HTTP or DynamoDB.

pub mod customer;
pub mod ids;
pub mod ledger;
pub mod money;
pub mod paging;
pub mod search;
pub mod time;

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
