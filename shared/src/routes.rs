//! The route table: the one list of endpoints. Each Lambda binary runs one entry, the
//! local server serves them all, and a test checks template.yaml against it.

use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::handlers;
use crate::http::{ApiRequest, ApiResponse, BODY_MAX_BYTES, REQUEST_ID_HEADER};
use crate::metrics::{self, RequestMetrics};
use crate::observability;
use http::Method;
use std::future::Future;
use std::pin::Pin;
use tracing::Instrument;

pub type HandlerFuture<'a> = Pin<Box<dyn Future<Output = ApiResult> + Send + 'a>>;
pub type Handler = for<'a> fn(&'a AppState, ApiRequest) -> HandlerFuture<'a>;

pub struct Route {
    /// Also the crate, binary and SAM function name under `functions/`.
    pub function: &'static str,
    pub method: Method,
    /// API Gateway path syntax: `{name}` matches one segment.
    pub path: &'static str,
    pub handler: Handler,
}

macro_rules! route {
    ($const_name:ident, $function:literal, $method:ident, $path:literal, $handler:path) => {
        pub const $const_name: Route = Route {
            function: $function,
            method: Method::$method,
            path: $path,
            handler: |state, request| Box::pin($handler(state, request)),
        };
    };
}

route!(
    CREATE_CUSTOMER,
    "create-customer",
    POST,
    "/customers",
    handlers::create_customer::handle
);
route!(
    LIST_CUSTOMERS,
    "list-customers",
    GET,
    "/customers",
    handlers::list_customers::handle
);
route!(
    GET_CUSTOMER,
    "get-customer",
    GET,
    "/customers/{customer_id}",
    handlers::get_customer::handle
);
route!(
    UPDATE_CUSTOMER,
    "update-customer",
    PATCH,
    "/customers/{customer_id}",
    handlers::update_customer::handle
);
route!(
    DELETE_CUSTOMER,
    "delete-customer",
    DELETE,
    "/customers/{customer_id}",
    handlers::delete_customer::handle
);
route!(
    LIST_WALLETS,
    "list-wallets",
    GET,
    "/customers/{customer_id}/wallets",
    handlers::list_wallets::handle
);
route!(
    CREATE_LEDGER_ENTRY,
    "create-ledger-entry",
    POST,
    "/customers/{customer_id}/wallets/ledger-entries",
    handlers::create_ledger_entry::handle
);
route!(
    LIST_LEDGER_ENTRIES,
    "list-ledger-entries",
    GET,
    "/customers/{customer_id}/wallets/ledger-entries",
    handlers::list_ledger_entries::handle
);
route!(
    CREATE_PORTAL_SESSION,
    "create-portal-session",
    POST,
    "/customers/{customer_id}/customer-portal/session",
    handlers::create_portal_session::handle
);
// The hosted customer portal: a browser with a portal session cookie, never a merchant key.
route!(
    PORTAL_OPEN_SESSION,
    "portal-open-session",
    GET,
    "/portal/session/{token}",
    handlers::portal_open_session::handle
);
route!(
    PORTAL_PAGE,
    "portal-page",
    GET,
    "/portal",
    handlers::portal_page::handle
);
route!(
    PORTAL_GET_PROFILE,
    "portal-get-profile",
    GET,
    "/portal/api/profile",
    handlers::portal_get_profile::handle
);
route!(
    PORTAL_UPDATE_PROFILE,
    "portal-update-profile",
    PATCH,
    "/portal/api/profile",
    handlers::portal_update_profile::handle
);
route!(
    PORTAL_LIST_WALLETS,
    "portal-list-wallets",
    GET,
    "/portal/api/wallets",
    handlers::portal_list_wallets::handle
);
route!(
    PORTAL_LIST_LEDGER,
    "portal-list-ledger",
    GET,
    "/portal/api/ledger",
    handlers::portal_list_ledger::handle
);
// The OpenAPI document of the API (repo-root openapi.json); no credentials.
route!(
    GET_OPENAPI,
    "get-openapi",
    GET,
    "/openapi.json",
    handlers::get_openapi::handle
);

pub const ROUTES: &[Route] = &[
    CREATE_CUSTOMER,
    LIST_CUSTOMERS,
    GET_CUSTOMER,
    UPDATE_CUSTOMER,
    DELETE_CUSTOMER,
    LIST_WALLETS,
    CREATE_LEDGER_ENTRY,
    LIST_LEDGER_ENTRIES,
    CREATE_PORTAL_SESSION,
    PORTAL_OPEN_SESSION,
    PORTAL_PAGE,
    PORTAL_GET_PROFILE,
    PORTAL_UPDATE_PROFILE,
    PORTAL_LIST_WALLETS,
    PORTAL_LIST_LEDGER,
    GET_OPENAPI,
];

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

/// The route for a request, for a server that hosts every route.
pub fn find(method: &Method, path: &str) -> Option<&'static Route> {
    ROUTES
        .iter()
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
            Some(_) if request.body.len() > BODY_MAX_BYTES => Err(ApiError::PayloadTooLarge),
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
    error
        .into_response()
        .with_header(REQUEST_ID_HEADER, request_id)
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

    #[test]
    fn every_method_and_path_is_routed_once() {
        for route in ROUTES {
            let concrete = route
                .path
                .replace("{customer_id}", "cus_1")
                .replace("{token}", "cpl_1");
            assert_eq!(
                find(&route.method, &concrete).map(|r| r.function),
                Some(route.function)
            );
            let same = ROUTES
                .iter()
                .filter(|r| r.method == route.method && r.path == route.path)
                .count();
            assert_eq!(same, 1, "{} {}", route.method, route.path);
        }
        assert!(find(&Method::PUT, "/customers").is_none());
    }
}
