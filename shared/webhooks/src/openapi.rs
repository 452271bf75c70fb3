//! The webhooks context's part of the OpenAPI document. Its routes are Dodo's own
//! (the official SDK's `client.webhooks.*` is their client); their schemas come with
//! the delivery increment, until then they are listed as undocumented.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::routes;
use platform::route::Route;
use serde_json::{Value, json};

const PENDING: &str = "Dodo's webhook-endpoint API; its schemas are documented with the delivery increment of issue 11 (docs/api.md describes it meanwhile).";

pub fn tags() -> Vec<Value> {
    Vec::new()
}

pub fn operations() -> Vec<(&'static Route, Value)> {
    Vec::new()
}

pub const UNDOCUMENTED: &[(&Route, &str)] = &[
    (&routes::CREATE_WEBHOOK, PENDING),
    (&routes::LIST_WEBHOOKS, PENDING),
    (&routes::GET_WEBHOOK, PENDING),
    (&routes::UPDATE_WEBHOOK, PENDING),
    (&routes::DELETE_WEBHOOK, PENDING),
    (&routes::GET_WEBHOOK_SECRET, PENDING),
    (&routes::GET_WEBHOOK_HEADERS, PENDING),
    (&routes::UPDATE_WEBHOOK_HEADERS, PENDING),
];

pub fn components() -> Value {
    json!({})
}
