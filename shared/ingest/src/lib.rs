//! The ingest context: a business's ingest endpoints (each with a Standard Webhooks
//! secret) and the signed events a payment engine posts to them. Ingest verifies,
//! deduplicates and keeps every event raw; the contexts that own what an event carries
//! plan its effect (`platform::inbound`), and ingest commits plan and record together.

pub mod endpoint;
pub mod envelope;
pub mod handlers;
pub mod keys;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod planners;
pub mod receive;
pub mod routes;
pub mod service;
pub mod store;

/// Standard Webhooks lives in platform: ingest verifies with it, webhooks signs with it.
pub use platform::standard_webhooks as signature;

platform::id_type!(
    /// An ingest endpoint (`ing_...`): the last segment of the URL the engine posts to.
    IngestEndpointId,
    "ing_"
);
