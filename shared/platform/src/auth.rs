//! Merchant authentication: `Authorization: Bearer sk_...` → the business it belongs to.
//!
//! Keys are looked up by their SHA-256, so the key itself is never stored and the lookup
//! compares hashes, not secrets. A warm function keeps known keys in a small cache for
//! `API_KEY_CACHE_TTL_SECONDS` (30 s by default): a revocation takes effect within it.

use crate::dynamo::Store;
use crate::error::ApiError;
use crate::http::ApiRequest;
use crate::ids::{API_KEY_PREFIX, BusinessId, is_secret_shaped, secret_hash};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const API_KEY_CACHE_MAX_ENTRIES: usize = 256;

pub struct ApiKeyCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, (Option<BusinessId>, Instant)>>,
}

impl ApiKeyCache {
    pub fn new(ttl: Duration) -> Self {
        ApiKeyCache {
            ttl,
            entries: Mutex::default(),
        }
    }

    fn get(&self, key_hash: &str, now: Instant) -> Option<Option<BusinessId>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key_hash)
            .filter(|(_, cached_at)| now.duration_since(*cached_at) < self.ttl)
            .map(|(business, _)| business.clone())
    }

    fn put(&self, key_hash: String, business: Option<BusinessId>, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= API_KEY_CACHE_MAX_ENTRIES {
            entries.retain(|_, (_, cached_at)| now.duration_since(*cached_at) < self.ttl);
            if entries.len() >= API_KEY_CACHE_MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key_hash, (business, now));
    }
}

/// The bearer key, if the header has the shape of one of our keys. A malformed key is
/// refused without a storage read.
fn bearer_key(request: &ApiRequest) -> Option<&str> {
    let header = request.header("authorization")?;
    let (scheme, key) = header.split_once(' ')?;
    let key = key.trim();
    (scheme.eq_ignore_ascii_case("bearer") && is_secret_shaped(key, API_KEY_PREFIX)).then_some(key)
}

/// The business whose key the request carries; `AppState::authenticate` is the entry point.
pub(crate) async fn authenticate(
    store: &Store,
    cache: &ApiKeyCache,
    request: &ApiRequest,
) -> Result<BusinessId, ApiError> {
    let key = bearer_key(request).ok_or(ApiError::Unauthorized)?;
    let key_hash = secret_hash(key);
    let now = Instant::now();
    let business = match cache.get(&key_hash, now) {
        Some(cached) => cached,
        None => {
            let record = store.api_key(&key_hash).await?;
            // Unknown keys are not cached: a key minted a moment ago must work at once.
            let Some(record) = record else {
                return Err(ApiError::Unauthorized);
            };
            let business = (!record.revoked).then_some(record.business_id);
            cache.put(key_hash, business.clone(), now);
            business
        }
    };
    business.ok_or(ApiError::Unauthorized)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue, Method};

    fn request_with(auth: &str) -> ApiRequest {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", HeaderValue::from_str(auth).unwrap());
        ApiRequest::new(Method::GET, "/customers", headers, Default::default())
    }

    #[test]
    fn only_well_formed_bearer_keys_are_looked_up() {
        let key = crate::ids::new_secret(API_KEY_PREFIX);
        assert_eq!(
            bearer_key(&request_with(&format!("Bearer {key}"))),
            Some(key.as_str())
        );
        assert_eq!(
            bearer_key(&request_with(&format!("bearer {key}"))),
            Some(key.as_str())
        );
        for bad in [
            "",
            "Bearer",
            "Basic abc",
            &format!("Token {key}"),
            "Bearer sk_123",
            &format!("Bearer {}", &key[1..]),
        ] {
            assert_eq!(bearer_key(&request_with(bad)), None, "{bad}");
        }
    }

    #[test]
    fn cache_entries_expire_and_stay_bounded() {
        let cache = ApiKeyCache::new(Duration::from_secs(30));
        let start = Instant::now();
        cache.put("h".into(), BusinessId::parse("bus_1"), start);
        assert_eq!(cache.get("h", start), Some(BusinessId::parse("bus_1")));
        assert_eq!(cache.get("h", start + Duration::from_secs(30)), None);
        for i in 0..API_KEY_CACHE_MAX_ENTRIES * 2 {
            cache.put(format!("k{i}"), None, start);
        }
        assert!(cache.entries.lock().unwrap().len() <= API_KEY_CACHE_MAX_ENTRIES);
    }
}
