//! Waiting between attempts of an optimistic write.

use std::time::Duration;

/// Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And
/// Jitter"): contending writers spread out instead of colliding again in lockstep.
pub async fn backoff(attempt: u32) {
    const BASE_MS: u64 = 4;
    const CAP_MS: u64 = 100;
    let ceiling_us = CAP_MS.min(BASE_MS << attempt.min(8)) * 1000;
    tokio::time::sleep(Duration::from_micros(fastrand::u64(0..=ceiling_us))).await;
}
