//! The API's error vocabulary: every context's errors end up as one of these, and each
//! has exactly one status and code. `http::ApiResponse::from_error` is the one place an
//! error becomes a response.

use http::StatusCode;

/// Every way a request can fail, as the client sees it. Internal details never reach
/// the client: [`ApiError::Internal`] carries them to the log only.
#[derive(Debug)]
pub enum ApiError {
    InvalidRequestBody(String),
    InvalidQueryParams(String),
    InvalidRequestParameters(String),
    InsufficientWalletFunds,
    /// Metadata with more keys than the limit carried.
    MaximumKeysReached {
        max_keys: usize,
    },
    UnsupportedCurrency(String),
    Unauthorized,
    /// A customer portal route without a valid portal session cookie.
    PortalSessionRequired,
    /// A portal request that failed its cross-site request forgery checks.
    Forbidden(String),
    NotFound,
    /// A clash with the current state. `retryable: false` adds `x-should-retry: false`
    /// so the official SDKs do not retry a conflict that will not go away.
    Conflict {
        code: &'static str,
        message: String,
        retryable: bool,
    },
    PayloadTooLarge {
        max_bytes: usize,
    },
    TooManyRequests,
    Internal(String),
}

impl ApiError {
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        ApiError::Internal(detail.to_string())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidRequestBody(_)
            | ApiError::InvalidQueryParams(_)
            | ApiError::InsufficientWalletFunds
            | ApiError::MaximumKeysReached { .. }
            | ApiError::UnsupportedCurrency(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized | ApiError::PortalSessionRequired => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::InvalidRequestParameters(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::InvalidRequestBody(_) => "INVALID_REQUEST_BODY",
            ApiError::InvalidQueryParams(_) => "INVALID_QUERY_PARAMS",
            ApiError::InvalidRequestParameters(_) => "INVALID_REQUEST_PARAMETERS",
            ApiError::InsufficientWalletFunds => "INSUFFICIENT_WALLET_FUNDS",
            ApiError::MaximumKeysReached { .. } => "MAXIMUM_KEYS_REACHED",
            ApiError::UnsupportedCurrency(_) => "UNSUPPORTED_CURRENCY",
            ApiError::Unauthorized | ApiError::PortalSessionRequired => "UNAUTHORIZED",
            ApiError::Forbidden(_) => "FORBIDDEN",
            ApiError::NotFound => "NOT_FOUND",
            ApiError::Conflict { code, .. } => code,
            ApiError::PayloadTooLarge { .. } => "PAYLOAD_TOO_LARGE",
            ApiError::TooManyRequests => "TOO_MANY_REQUESTS",
            ApiError::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ApiError::InvalidRequestBody(m)
            | ApiError::InvalidQueryParams(m)
            | ApiError::InvalidRequestParameters(m)
            | ApiError::Forbidden(m)
            | ApiError::Conflict { message: m, .. } => m.clone(),
            ApiError::InsufficientWalletFunds => {
                "The wallet balance is lower than the debit amount.".into()
            }
            ApiError::MaximumKeysReached { max_keys } => {
                format!("Metadata can have at most {max_keys} keys.")
            }
            ApiError::UnsupportedCurrency(c) => {
                format!("This deployment holds no wallets in currency '{c}'.")
            }
            ApiError::Unauthorized => {
                "A valid API key is required: Authorization: Bearer <key>.".into()
            }
            ApiError::PortalSessionRequired => {
                "Your portal session has ended; open a new portal link.".into()
            }
            ApiError::NotFound => "No such object.".into(),
            ApiError::PayloadTooLarge { max_bytes } => {
                format!("The request body is larger than {max_bytes} bytes.")
            }
            ApiError::TooManyRequests => "Too many requests; retry after a short pause.".into(),
            ApiError::Internal(_) => "Something went wrong on our side.".into(),
        }
    }

    /// Whether the official SDKs should retry: never for a conflict that will not go away.
    pub fn retryable(&self) -> bool {
        !matches!(
            self,
            ApiError::Conflict {
                retryable: false,
                ..
            } | ApiError::InsufficientWalletFunds
        )
    }
}
