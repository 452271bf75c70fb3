//! Per-key rate limits of the public licence calls (docs/api.md, "Licence calls").
//!
//! Two limits, so that a validation stays one read:
//! - every call (activate, deactivate, validate) is counted in the process that serves
//!   it, in fixed windows, at no I/O cost ([`CallLimiter`]). A Lambda function runs in
//!   as many processes as it has concurrent requests, so this bounds a key's rate per
//!   process, not in total: N warm processes admit up to N times the limit;
//! - state changes (activations and deactivations) are also counted in the table, per
//!   key and window, by one more action in the change's own transaction (an item in the
//!   key's partition, `keys::change_window`): a total limit at no extra request. A
//!   refused change is cancelled whole, so only committed changes count.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

pub const WINDOW_SECONDS: i64 = 60;
/// Calls a process admits per key and window, for each licence call.
pub const CALLS_PER_WINDOW: u32 = 60;
/// Committed activations and deactivations per key and window, over every process.
pub const CHANGES_PER_WINDOW: u32 = 30;
/// Keys a process tracks at once; past it, the oldest windows are forgotten first.
const MAX_TRACKED_KEYS: usize = 10_000;

/// The window a time (Unix seconds) falls in.
pub fn window(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(WINDOW_SECONDS)
}

/// A fixed-window counter per key hash, in this process.
pub struct CallLimiter {
    windows: LazyLock<Mutex<HashMap<String, (i64, u32)>>>,
}

impl CallLimiter {
    pub const fn new() -> Self {
        CallLimiter {
            windows: LazyLock::new(Mutex::default),
        }
    }

    /// Counts a call for `key_hash` in `window`; false once the window's calls are spent.
    pub fn admit(&self, key_hash: &str, window: i64) -> bool {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() >= MAX_TRACKED_KEYS && !windows.contains_key(key_hash) {
            windows.retain(|_, (w, _)| *w == window);
            if windows.len() >= MAX_TRACKED_KEYS {
                windows.clear();
            }
        }
        let entry = windows.entry(key_hash.to_string()).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= CALLS_PER_WINDOW {
            return false;
        }
        entry.1 += 1;
        true
    }
}

impl Default for CallLimiter {
    fn default() -> Self {
        Self::new()
    }
}

pub static ACTIVATIONS: CallLimiter = CallLimiter::new();
pub static DEACTIVATIONS: CallLimiter = CallLimiter::new();
pub static VALIDATIONS: CallLimiter = CallLimiter::new();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_admits_its_calls_per_key_then_refuses_until_the_next() {
        let limiter = CallLimiter::new();
        for _ in 0..CALLS_PER_WINDOW {
            assert!(limiter.admit("a", 1));
        }
        assert!(!limiter.admit("a", 1));
        assert!(limiter.admit("b", 1), "another key has its own count");
        assert!(limiter.admit("a", 2), "a new window starts afresh");
    }

    #[test]
    fn tracked_keys_stay_bounded() {
        let limiter = CallLimiter::new();
        for i in 0..MAX_TRACKED_KEYS * 2 {
            assert!(limiter.admit(&i.to_string(), 1));
        }
        assert!(limiter.windows.lock().unwrap().len() <= MAX_TRACKED_KEYS);
    }

    #[test]
    fn windows_are_fixed_minutes() {
        assert_eq!(window(0), 0);
        assert_eq!(window(59), 0);
        assert_eq!(window(60), 1);
    }
}
