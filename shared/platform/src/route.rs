//! Routes: what an endpoint is (function, method, path, who may call it, which AWS
//! actions it needs, its handler) and the one way a request runs through one.
//! Each context lists its routes; each Lambda binary runs one, the local server serves
//! them all, and tests check template.yaml and openapi.json against them.

use crate::app::AppState;
use crate::error::ApiError;
use crate::http::ApiResult;
use crate::http::{ApiRequest, ApiResponse, BODY_MAX_BYTES, REQUEST_ID_HEADER};
use crate::metrics::{self, RequestMetrics};
use crate::observability;
use crate::stream::ItemChange;
pub use http::Method;
use std::future::Future;
use std::pin::Pin;
use tracing::Instrument;

pub type HandlerFuture<'a> = Pin<Box<dyn Future<Output = ApiResult> + Send + 'a>>;
pub type Handler = for<'a> fn(&'a AppState, ApiRequest) -> HandlerFuture<'a>;

pub type ConsumerFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;
pub type ConsumerHandler = for<'a> fn(&'a AppState, Vec<ItemChange>) -> ConsumerFuture<'a>;

/// Who may call a route, and how they prove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// A merchant's secret API key (`Authorization: Bearer sk_...`).
    MerchantKey,
    /// A customer's browser holding a portal session cookie.
    PortalSession,
    /// Anyone: the route reveals nothing private (or checks a secret of its own).
    Public,
}

impl Caller {
    pub fn as_str(self) -> &'static str {
        match self {
            Caller::MerchantKey => "merchant_key",
            Caller::PortalSession => "portal_session",
            Caller::Public => "public",
        }
    }
}

/// An AWS action a route's function is allowed to call: its IAM policy is exactly these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsAction {
    GetItem,
    BatchGetItem,
    /// On the table and its indexes.
    Query,
    PutItem,
    UpdateItem,
    DeleteItem,
    ConditionCheckItem,
    BatchWriteItem,
    /// Only from the deployment's configured sender.
    SesSendEmail,
}

impl AwsAction {
    pub fn iam_name(self) -> &'static str {
        match self {
            AwsAction::GetItem => "dynamodb:GetItem",
            AwsAction::BatchGetItem => "dynamodb:BatchGetItem",
            AwsAction::Query => "dynamodb:Query",
            AwsAction::PutItem => "dynamodb:PutItem",
            AwsAction::UpdateItem => "dynamodb:UpdateItem",
            AwsAction::DeleteItem => "dynamodb:DeleteItem",
            AwsAction::ConditionCheckItem => "dynamodb:ConditionCheckItem",
            AwsAction::BatchWriteItem => "dynamodb:BatchWriteItem",
            AwsAction::SesSendEmail => "ses:SendEmail",
        }
    }
}

pub struct Route {
    /// Also the binary and SAM function name.
    pub function: &'static str,
    pub method: Method,
    /// API Gateway path syntax: `{name}` matches one segment.
    pub path: &'static str,
    /// One line for the template's description and the OpenAPI summary.
    pub summary: &'static str,
    pub caller: Caller,
    pub actions: &'static [AwsAction],
    pub handler: Handler,
}

/// A function fed by the table's change stream rather than by HTTP: in AWS a stream
/// event source mapping invokes it with batches of changes, in order per item; the local
/// server polls the stream and runs the same handler. A failed batch is retried whole,
/// so a handler must be harmless to run twice on the same changes.
pub struct StreamConsumer {
    /// Also the binary and SAM function name.
    pub function: &'static str,
    pub summary: &'static str,
    /// The items it consumes: changes of items whose sort key starts with this.
    pub sort_key_prefix: &'static str,
    pub actions: &'static [AwsAction],
    pub handler: ConsumerHandler,
}

/// Declares a stream consumer constant, like [`route!`] for HTTP.
#[macro_export]
macro_rules! stream_consumer {
    ($const_name:ident, $function:literal, $summary:literal, $prefix:expr,
     [$($action:ident),* $(,)?], $handler:path) => {
        pub const $const_name: $crate::route::StreamConsumer = $crate::route::StreamConsumer {
            function: $function,
            summary: $summary,
            sort_key_prefix: $prefix,
            actions: &[$($crate::route::AwsAction::$action),*],
            handler: |state, changes| Box::pin($handler(state, changes)),
        };
    };
}

/// Declares a route constant:
///
/// ```ignore
/// route!(GET_CUSTOMER, "get-customer", GET, "/customers/{customer_id}",
///        "Returns one customer.", MerchantKey, [GetItem], handlers::get_customer::handle);
/// ```
#[macro_export]
macro_rules! route {
    ($const_name:ident, $function:literal, $method:ident, $path:literal, $summary:literal,
     $caller:ident, [$($action:ident),* $(,)?], $handler:path) => {
        pub const $const_name: $crate::route::Route = $crate::route::Route {
            function: $function,
            method: $crate::route::Method::$method,
            path: $path,
            summary: $summary,
            caller: $crate::route::Caller::$caller,
            actions: &[$($crate::route::AwsAction::$action),*],
            handler: |state, request| Box::pin($handler(state, request)),
        };
    };
}

/// Matches `path` against a route pattern, returning the `{name}` segment values.
pub fn match_path(pattern: &'static str, path: &str) -> Option<Vec<(&'static str, String)>> {
    let mut pattern_segments = pattern.trim_matches('/').split('/');
    let mut path_segments = path
        .trim_end_matches('/')
        .trim_start_matches('/')
        .split('/');
    let mut params = Vec::new();
    loop {
        match (pattern_segments.next(), path_segments.next()) {
            (None, None) => return Some(params),
            (Some(p), Some(s)) if p.starts_with('{') && p.ends_with('}') && !s.is_empty() => {
                params.push((&p[1..p.len() - 1], s.to_string()));
            }
            (Some(p), Some(s)) if p == s => {}
            _ => return None,
        }
    }
}

/// The route for a request, for a server that hosts many routes.
pub fn find(routes: &[&'static Route], method: &Method, path: &str) -> Option<&'static Route> {
    routes
        .iter()
        .copied()
        .find(|r| r.method == *method && match_path(r.path, path).is_some())
}

/// Runs one request through a route: size limit, path parameters, the handler, the
/// error mapping, the request id header, the request log line and its metrics. Every
/// transport goes through here.
pub async fn dispatch(
    state: &AppState,
    route: Option<&'static Route>,
    request: ApiRequest,
) -> ApiResponse {
    let span = tracing::info_span!(
        "request",
        request_id = %request.request_id,
        lambda_request_id = request.lambda_request_id.as_deref(),
    );
    run_route(state, route, request).instrument(span).await
}

async fn run_route(
    state: &AppState,
    route: Option<&'static Route>,
    mut request: ApiRequest,
) -> ApiResponse {
    let request_id = request.request_id.clone();
    let started = std::time::Instant::now();
    let (result, counters) = metrics::collect(async {
        match route.and_then(|r| match_path(r.path, &request.path).map(|p| (r, p))) {
            None => Err(ApiError::NotFound),
            Some(_) if request.body.len() > BODY_MAX_BYTES => Err(ApiError::PayloadTooLarge {
                max_bytes: BODY_MAX_BYTES,
            }),
            Some((route, params)) => {
                request.path_params = params;
                (route.handler)(state, request).await
            }
        }
    })
    .await;
    let (response, error_code) = match result {
        Ok(response) => (response.with_header(REQUEST_ID_HEADER, &request_id), None),
        Err(error) => {
            let code = error.code();
            (error_response(error, &request_id), Some(code))
        }
    };
    let duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let function = route.map_or("unrouted", |r| r.function);
    tracing::info!(
        function,
        status = response.status.as_u16(),
        error_code,
        duration_ms,
        "request"
    );
    if observability::emits_metrics() {
        let report = RequestMetrics {
            function,
            status: response.status.as_u16(),
            error_code,
            duration_ms,
            counters,
        };
        println!("{}", report.to_emf(chrono::Utc::now().timestamp_millis()));
    }
    response
}

/// An error answered before (or instead of) a handler, with the request id header.
pub fn error_response(error: ApiError, request_id: &str) -> ApiResponse {
    ApiResponse::from_error(error).with_header(REQUEST_ID_HEADER, request_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_bind_segments_exactly() {
        assert_eq!(
            match_path(
                "/customers/{customer_id}/wallets",
                "/customers/cus_1/wallets"
            ),
            Some(vec![("customer_id", "cus_1".to_string())])
        );
        assert_eq!(match_path("/customers", "/customers/"), Some(vec![]));
        assert_eq!(match_path("/customers/{customer_id}", "/customers"), None);
        assert_eq!(match_path("/customers/{customer_id}", "/customers//"), None);
        assert_eq!(
            match_path("/customers/{customer_id}", "/customers/a/b"),
            None
        );
    }
}
