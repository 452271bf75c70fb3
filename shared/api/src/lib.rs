//! The whole API: every context's routes in one table (for the local server, the
//! template and OpenAPI checks), and the OpenAPI document route.
//!
//! `openapi.json` (repo root) is generated from these routes and each context's
//! `openapi` module; regenerate it after changing a route, a wire type or an operation:
//!
//! ```sh
//! cargo run -q -p local-server -- --print-openapi > openapi.json
//! ```
//!
//! `cargo test -p api` fails while the committed file is not the generated one.

pub mod openapi;

use platform::route;
use platform::route::{Route, StreamConsumer};

route!(
    GET_OPENAPI,
    "get-openapi",
    GET,
    "/openapi.json",
    "Serves the OpenAPI 3.1 document of the API (no credentials).",
    Public,
    [],
    openapi::handle
);

/// Every function fed by the table's stream instead of HTTP.
pub fn stream_consumers() -> Vec<&'static StreamConsumer> {
    vec![&wallets::routes::PROJECT_LEDGER]
}

/// Every route of the service, each context's in its order.
pub fn routes() -> Vec<&'static Route> {
    [
        customers::routes::ROUTES,
        wallets::routes::ROUTES,
        billing::routes::ROUTES,
        portal::routes::ROUTES,
        ingest::routes::ROUTES,
        subscriptions::routes::ROUTES,
        invoices::routes::ROUTES,
        licensing::routes::ROUTES,
        webhooks::routes::ROUTES,
        &[&GET_OPENAPI],
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::route::{Method, find};

    #[test]
    fn every_method_and_path_is_routed_once() {
        let routes = routes();
        for route in &routes {
            let concrete = route
                .path
                .replace("{customer_id}", "cus_1")
                .replace("{token}", "cpl_1")
                .replace("{license_key_id}", "lic_1")
                .replace("{license_key_instance_id}", "lki_1")
                .replace("{webhook_id}", "wh_1");
            assert_eq!(
                find(&routes, &route.method, &concrete).map(|r| r.function),
                Some(route.function)
            );
            let same = routes
                .iter()
                .filter(|r| r.method == route.method && r.path == route.path)
                .count();
            assert_eq!(same, 1, "{} {}", route.method, route.path);
        }
        assert!(find(&routes, &Method::PUT, "/customers").is_none());
    }
}
