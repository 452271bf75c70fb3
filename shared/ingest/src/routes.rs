//! The ingest context's endpoints.

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    CREATE_INGEST_ENDPOINT,
    "create-ingest-endpoint",
    POST,
    "/ingest-endpoints",
    "Creates an ingest endpoint for a payment engine's signed events (extension).",
    MerchantKey,
    [GetItem, PutItem, UpdateItem],
    handlers::create_endpoint::handle
);
route!(
    LIST_INGEST_ENDPOINTS,
    "list-ingest-endpoints",
    GET,
    "/ingest-endpoints",
    "Lists a business's ingest endpoints, without secrets (extension).",
    MerchantKey,
    [GetItem, Query],
    handlers::list_endpoints::handle
);
route!(
    DELETE_INGEST_ENDPOINT,
    "delete-ingest-endpoint",
    DELETE,
    "/ingest-endpoints/{ingest_endpoint_id}",
    "Deletes an ingest endpoint (extension).",
    MerchantKey,
    [GetItem, DeleteItem, UpdateItem],
    handlers::delete_endpoint::handle
);
route!(
    ROTATE_INGEST_SECRET,
    "rotate-ingest-secret",
    POST,
    "/ingest-endpoints/{ingest_endpoint_id}/rotate-secret",
    "Replaces an ingest endpoint's secret; the old one verifies 24 h more (extension).",
    MerchantKey,
    [GetItem, UpdateItem],
    handlers::rotate_secret::handle
);
route!(
    LIST_INGEST_EVENTS,
    "list-ingest-events",
    GET,
    "/ingest-endpoints/{ingest_endpoint_id}/events",
    "Lists an ingest endpoint's kept events, raw, newest first (extension).",
    MerchantKey,
    [GetItem, Query],
    handlers::list_events::handle
);
route!(
    RECEIVE_INGEST_EVENT,
    "receive-ingest-event",
    POST,
    "/ingest/{ingest_endpoint_id}",
    "Receives one signed event from a payment engine (Standard Webhooks; extension).",
    Public,
    [
        GetItem,
        BatchGetItem,
        PutItem,
        UpdateItem,
        DeleteItem,
        ConditionCheckItem
    ],
    handlers::receive_event::handle
);

pub const ROUTES: &[&Route] = &[
    &CREATE_INGEST_ENDPOINT,
    &LIST_INGEST_ENDPOINTS,
    &DELETE_INGEST_ENDPOINT,
    &ROTATE_INGEST_SECRET,
    &LIST_INGEST_EVENTS,
    &RECEIVE_INGEST_EVENT,
];
