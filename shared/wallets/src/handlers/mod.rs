//! One module per endpoint: each turns an `ApiRequest` into a call on [`crate::service`]
//! and its result into a response. The wallets context's errors become the API's here.

pub mod create_ledger_entry;
pub mod list_ledger_entries;
pub mod list_wallets;

use crate::ledger::{LedgerEntryRequest, LedgerError};
use crate::service::WalletError;
use platform::error::ApiError;
use platform::json::parse_json_object;
use platform::money::SupportedCurrencies;

/// A `POST .../wallets/ledger-entries` body: JSON first, then the ledger's rules.
pub fn entry_request(
    body: &[u8],
    currencies: &SupportedCurrencies,
) -> Result<LedgerEntryRequest, ApiError> {
    Ok(LedgerEntryRequest::validate(
        parse_json_object(body)?,
        currencies,
    )?)
}

impl From<LedgerError> for ApiError {
    fn from(e: LedgerError) -> Self {
        match e {
            LedgerError::InvalidField(message) => ApiError::InvalidRequestParameters(message),
            LedgerError::UnsupportedCurrency(code) => ApiError::UnsupportedCurrency(code),
            LedgerError::InsufficientFunds => ApiError::InsufficientWalletFunds,
        }
    }
}

impl From<WalletError> for ApiError {
    fn from(e: WalletError) -> Self {
        match e {
            WalletError::NotFound => ApiError::NotFound,
            WalletError::Refused(refusal) => refusal.into(),
            WalletError::IdempotencyKeyReused => ApiError::Conflict {
                code: "IDEMPOTENCY_KEY_REUSED",
                message: "This idempotency_key was already used with different parameters.".into(),
                retryable: false,
            },
            WalletError::Busy => ApiError::Conflict {
                code: "WALLET_BUSY",
                message: "The wallet is busy with other entries; retry this request.".into(),
                retryable: true,
            },
            WalletError::LedgerBehind => ApiError::Conflict {
                code: "LEDGER_CATCHING_UP",
                message: "The ledger is still recording the latest entries; retry in a moment."
                    .into(),
                retryable: true,
            },
            WalletError::Valuation(detail) => ApiError::internal(detail),
            WalletError::Store(e) => e.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_request(json: &str) -> Result<LedgerEntryRequest, ApiError> {
        super::entry_request(
            json.as_bytes(),
            &SupportedCurrencies::parse("USD,INR").unwrap(),
        )
    }

    #[test]
    fn entry_requests_answer_the_api_error_codes() {
        let r = entry_request(
            r#"{"amount":500,"currency":"USD","entry_type":"credit","idempotency_key":"k1"}"#,
        )
        .unwrap();
        assert_eq!(r.amount_minor, 500);
        assert_eq!(r.idempotency_key.as_deref(), Some("k1"));
        let codes = [
            (
                r#"{"amount":0,"currency":"USD","entry_type":"credit"}"#,
                "INVALID_REQUEST_PARAMETERS",
            ),
            (
                r#"{"amount":-5,"currency":"USD","entry_type":"debit"}"#,
                "INVALID_REQUEST_PARAMETERS",
            ),
            (
                r#"{"amount":1.5,"currency":"USD","entry_type":"debit"}"#,
                "INVALID_REQUEST_BODY",
            ),
            (
                r#"{"amount":10000000000001,"currency":"USD","entry_type":"credit"}"#,
                "INVALID_REQUEST_PARAMETERS",
            ),
            (
                r#"{"amount":1,"currency":"EUR","entry_type":"credit"}"#,
                "UNSUPPORTED_CURRENCY",
            ),
            (
                r#"{"amount":1,"currency":"USD","entry_type":"refund"}"#,
                "INVALID_REQUEST_BODY",
            ),
            (r#"{"amount":1,"currency":"USD"}"#, "INVALID_REQUEST_BODY"),
        ];
        for (json, code) in codes {
            assert_eq!(entry_request(json).unwrap_err().code(), code, "{json}");
        }
    }
}
