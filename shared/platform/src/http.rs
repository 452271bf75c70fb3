//! Transport-neutral request and response types. The Lambda adapter and the local server
//! both translate into these, so handlers never see `lambda_http` or `hyper` types.

use crate::error::ApiError;
use crate::paging::Page;
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use serde::de::DeserializeOwned;

/// Bodies above this are refused with 413 before any parsing.
pub const BODY_MAX_BYTES: usize = 64 * 1024;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// What a handler returns.
pub type ApiResult<T = ApiResponse> = Result<T, ApiError>;

#[derive(Debug)]
pub struct ApiRequest {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Values of the `{name}` segments of the matched route pattern.
    pub path_params: Vec<(&'static str, String)>,
    /// The API request id (API Gateway's, or the local server's), sent back to clients.
    pub request_id: String,
    /// The Lambda invocation id, for logs.
    pub lambda_request_id: Option<String>,
}

impl ApiRequest {
    pub fn new(method: Method, path_and_query: &str, headers: HeaderMap, body: Bytes) -> Self {
        let (path, raw_query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let query = form_urlencoded::parse(raw_query.as_bytes())
            .into_owned()
            .collect();
        ApiRequest {
            method,
            path: path.to_string(),
            query,
            headers,
            body,
            path_params: Vec::new(),
            request_id: String::new(),
            lambda_request_id: None,
        }
    }

    pub fn path_param(&self, name: &str) -> &str {
        self.path_params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The single value of a query parameter; a repeated parameter is ambiguous and refused.
    pub fn query_param(&self, name: &str) -> Result<Option<&str>, ApiError> {
        let mut values = self.query.iter().filter(|(k, _)| k == name);
        let first = values.next().map(|(_, v)| v.as_str());
        if values.next().is_some() {
            return Err(ApiError::InvalidQueryParams(format!(
                "query parameter '{name}' is given more than once"
            )));
        }
        Ok(first)
    }

    /// Parses a query parameter with `FromStr`, naming it in the error.
    pub fn parsed_query_param<T: std::str::FromStr>(
        &self,
        name: &str,
    ) -> Result<Option<T>, ApiError> {
        self.query_param(name)?
            .map(|raw| {
                raw.parse().map_err(|_| {
                    ApiError::InvalidQueryParams(format!(
                        "query parameter '{name}' has an invalid value"
                    ))
                })
            })
            .transpose()
    }

    /// The page asked for with `page_number` and `page_size`.
    pub fn page(&self) -> Result<Page, ApiError> {
        Page::parse(
            self.parsed_query_param("page_number")?,
            self.parsed_query_param("page_size")?,
        )
    }

    /// The value of a cookie sent with the request (`Cookie: a=1; b=2`). A cookie sent more
    /// than once is ambiguous and counts as absent.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        let mut values = self
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|header| header.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v);
        let first = values.next();
        if values.next().is_some() { None } else { first }
    }

    /// Deserializes the body as a JSON object of type `T`.
    pub fn json_body<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        crate::json::parse_json_object(&self.body)
    }
}

#[derive(Debug, Clone)]
pub struct ApiResponse {
    pub status: StatusCode,
    pub headers: Vec<(&'static str, String)>,
    pub body: Bytes,
}

impl ApiResponse {
    pub fn json<T: serde::Serialize + ?Sized>(status: StatusCode, value: &T) -> Self {
        let body = serde_json::to_vec(value).expect("API types always serialize");
        ApiResponse {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.into(),
        }
    }

    pub fn ok<T: serde::Serialize + ?Sized>(value: &T) -> Self {
        Self::json(StatusCode::OK, value)
    }

    pub fn html(status: StatusCode, body: String) -> Self {
        ApiResponse {
            status,
            headers: vec![("content-type", "text/html; charset=utf-8".into())],
            body: body.into(),
        }
    }

    /// A body of any bytes (a PDF, say) with its media type. The Lambda adapter hands
    /// every body to API Gateway base64-encoded, so binary bodies arrive intact.
    pub fn binary(content_type: &'static str, body: Vec<u8>) -> Self {
        ApiResponse {
            status: StatusCode::OK,
            headers: vec![("content-type", content_type.into())],
            body: body.into(),
        }
    }

    /// 303 See Other: the browser follows with a GET, whatever the request's method was.
    pub fn redirect(location: impl Into<String>) -> Self {
        ApiResponse {
            status: StatusCode::SEE_OTHER,
            headers: vec![("location", location.into())],
            body: Bytes::new(),
        }
    }

    /// The response as an `http` type, for the transports (Lambda adapter, local server).
    pub fn into_http(self) -> Result<http::Response<Bytes>, http::Error> {
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(*name, value);
        }
        builder.body(self.body)
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// The one place an error becomes a response: `{code, message}` with the error's
    /// status, and `x-should-retry: false` where a retry cannot help.
    pub fn from_error(error: ApiError) -> Self {
        if let ApiError::Internal(detail) = &error {
            let detail = crate::observability::redact(detail);
            tracing::error!(%detail, "internal error");
        }
        let response = ApiResponse::json(
            error.status(),
            &serde_json::json!({ "code": error.code(), "message": error.message() }),
        );
        if error.retryable() {
            response
        } else {
            response.with_header("x-should-retry", "false")
        }
    }
}
