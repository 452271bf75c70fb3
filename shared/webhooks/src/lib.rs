//! The webhooks context: a business's outbound webhook endpoints (Dodo's endpoint API,
//! each with a Standard Webhooks secret), and the outbox event items other contexts
//! write in their own transactions for delivery to those endpoints.

pub mod endpoint;
pub mod handlers;
pub mod keys;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod outbox;
pub mod routes;
pub mod service;
pub mod store;
pub mod url_rules;

platform::id_type!(
    /// A webhook endpoint (`wh_...`).
    WebhookId,
    "wh_"
);

platform::id_type!(
    /// An outbox event (`evt_...`): also the `webhook-id` of every delivery of it, so
    /// receivers drop duplicates across retries.
    EventId,
    "evt_"
);
