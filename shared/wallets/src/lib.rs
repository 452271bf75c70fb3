//! The wallets context: balances in each currency and the credit ledger that explains
//! every change, exact under concurrency and idempotent.

pub mod handlers;
pub mod keys;
pub mod ledger;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod projection;
pub mod routes;
pub mod service;
pub mod store;

platform::id_type!(
    /// A ledger entry (`cwt_...`).
    LedgerEntryId,
    "cwt_"
);
