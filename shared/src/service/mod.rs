//! Use cases: each reads and writes through [`crate::storage::Store`] and applies the
//! domain rules, including the retries that optimistic concurrency needs.

pub mod customers;
pub mod wallets;

use std::time::Duration;

/// Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And
/// Jitter"): contending writers spread out instead of colliding again in lockstep.
pub(crate) async fn backoff(attempt: u32) {
    const BASE_MS: u64 = 4;
    const CAP_MS: u64 = 100;
    let ceiling_ms = CAP_MS.min(BASE_MS << attempt.min(8));
    let random = uuid::Uuid::new_v4().as_u64_pair().0;
    tokio::time::sleep(Duration::from_micros(random % (ceiling_ms * 1000 + 1))).await;
}
