//! The subscriptions context: the subscriptions the payment engine's events describe,
//! the merchant's and the customer's changes to them here (cancel now or at the next
//! billing date, withdraw, metadata), who made them, and the rule that merges later
//! events with those changes.

pub mod handlers;
pub mod inbound;
pub mod keys;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod patch;
pub mod record;
pub mod routes;
pub mod service;
pub mod store;
pub mod subscription;

platform::id_type!(
    /// A subscription, as the payment engine names it (`sub_...`).
    SubscriptionId,
    "sub_"
);
