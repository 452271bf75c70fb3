//! The billing context: payments (fed by the payment engine's signed events), refunds
//! (made here, or learnt from the engine), the refund rules that hold under concurrency,
//! and the planner that turns `payment.*` and `refund.*` events into conditional writes
//! for the ingest context to commit.

pub mod handlers;
pub mod inbound;
pub mod keys;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod payment;
pub mod refund;
pub mod routes;
pub mod service;
pub mod store;

platform::id_type!(
    /// A payment, as the payment engine names it (`pay_...`).
    PaymentId,
    "pay_"
);

platform::id_type!(
    /// A refund (`ref_...`): minted here, or named by the payment engine.
    RefundId,
    "ref_"
);
