//! Merchant authentication: `Authorization: Bearer sk_...` → the business it belongs to.
//!
//! Keys are looked up by their SHA-256, so the key itself is never stored and the lookup
//! compares hashes, not secrets. A warm function keeps known keys in a small cache for
//! `API_KEY_CACHE_TTL_SECONDS` (30 s by default): a revocation takes effect within it.
//!
//! A key names its business (`sk_<business hex>_<secret>`, [`crate::ids::new_api_key`]),
//! so a cold function need not wait for the key's record before its own first request:
//! the request's [`KeyClaim`] says which business to act for, and the proof of the key
//! (its record exists, is not revoked and is of that business) rides along that request.
//! The `AppState` methods that carry it (`get_with_key`, `transact_with_key`,
//! `alongside_key`, `prove_key`) answer nothing they read, and commit nothing, unless the
//! proof holds: anything else is 401. Keys of the first format (`sk_<secret>`) name no
//! business; they are looked up first, as before.

use crate::dynamo::keys::{ItemKey, PK, SK, api_key as api_key_item};
use crate::dynamo::{Item, Store, StoreError, from_item, key_map, s};
use crate::error::ApiError;
use crate::http::ApiRequest;
use crate::ids::{ApiKeyShape, BusinessId, api_key_shape, secret_hash};
use aws_sdk_dynamodb::types::{AttributeValue, ConditionCheck, TransactWriteItem};
use serde::Deserialize;
use std::collections::HashMap;
use std::future::Future;
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

/// Who the request's key says it acts for, read from the request without I/O (keys of
/// the first format excepted), and whether that is proven yet.
#[derive(Debug, Clone)]
pub struct KeyClaim {
    business: BusinessId,
    key_hash: String,
    /// This process knows the key (its cache, or a proof checked during this request).
    verified: bool,
}

impl KeyClaim {
    /// The business the key names. Until the claim is verified, only for building the
    /// keys of the request that carries the proof: nothing read for it may be answered
    /// before the proof holds.
    pub fn business(&self) -> &BusinessId {
        &self.business
    }

    pub fn is_verified(&self) -> bool {
        self.verified
    }

    /// The key's public id (`platform::ids::api_key_id`), for records of who did what.
    pub fn key_id(&self) -> String {
        crate::ids::api_key_id(&self.key_hash)
    }

    /// The key's item, for a caller that fetches it in a BatchGetItem of its own (then
    /// `AppState::prove_key` with [`KeyClaim::take_key_item`]); None once verified.
    pub fn key_item(&self) -> Option<ItemKey> {
        (!self.verified).then(|| api_key_item(&self.key_hash))
    }

    /// Takes the key's item out of the items a batch read returned.
    pub fn take_key_item(&self, items: &mut Vec<Item>) -> Option<Item> {
        let key = key_map(&api_key_item(&self.key_hash));
        let position = items
            .iter()
            .position(|item| item.get(PK) == key.get(PK) && item.get(SK) == key.get(SK))?;
        Some(items.swap_remove(position))
    }

    /// A transaction action that holds only if the key is valid for its business.
    fn condition_check(&self, table: &str) -> TransactWriteItem {
        let check = ConditionCheck::builder()
            .table_name(table)
            .set_key(Some(key_map(&api_key_item(&self.key_hash))))
            .condition_expression(
                "attribute_exists(#pk) AND #business = :business AND #revoked = :false",
            )
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#business", "business_id")
            .expression_attribute_names("#revoked", "revoked")
            .expression_attribute_values(":business", s(self.business.as_str()))
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .build()
            .expect("table, key and condition set");
        TransactWriteItem::builder().condition_check(check).build()
    }
}

/// What a key's record must show for the key to be good (of `ApiKeyRecord`).
#[derive(Deserialize)]
struct KeyProof {
    business_id: BusinessId,
    revoked: bool,
}

/// The bearer key and its shape, if the header holds one of our keys. A malformed key is
/// refused without a storage read.
fn bearer_key(request: &ApiRequest) -> Option<(&str, ApiKeyShape)> {
    let header = request.header("authorization")?;
    let (scheme, key) = header.split_once(' ')?;
    let key = key.trim();
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    api_key_shape(key).map(|shape| (key, shape))
}

/// Decides on a key from its record and caches the outcome. No record: 401, not cached
/// (a key minted a moment ago must work at once). A record of another business than the
/// key names: 401. Revoked: 401, cached like a good key.
fn settle(
    cache: &ApiKeyCache,
    key_hash: &str,
    named: Option<&BusinessId>,
    record: Option<KeyProof>,
) -> Result<BusinessId, ApiError> {
    let record = record.ok_or(ApiError::Unauthorized)?;
    if named.is_some_and(|named| *named != record.business_id) {
        return Err(ApiError::Unauthorized);
    }
    let business = (!record.revoked).then_some(record.business_id);
    cache.put(key_hash.to_string(), business.clone(), Instant::now());
    business.ok_or(ApiError::Unauthorized)
}

fn proof_of(item: Option<Item>) -> Result<Option<KeyProof>, ApiError> {
    Ok(item.map(from_item).transpose()?)
}

/// The request's key claim; `AppState::key_claim` is the entry point.
pub(crate) async fn claim(
    store: &Store,
    cache: &ApiKeyCache,
    request: &ApiRequest,
) -> Result<KeyClaim, ApiError> {
    let (key, shape) = bearer_key(request).ok_or(ApiError::Unauthorized)?;
    let key_hash = secret_hash(key);
    let known = cache.get(&key_hash, Instant::now());
    let (business, verified) = match (shape, known) {
        (_, Some(None)) => return Err(ApiError::Unauthorized),
        (ApiKeyShape::Names(named), Some(Some(known))) if named != known => {
            return Err(ApiError::Unauthorized);
        }
        (ApiKeyShape::Names(named), known) => (named, known.is_some()),
        (ApiKeyShape::Anonymous, Some(Some(known))) => (known, true),
        (ApiKeyShape::Anonymous, None) => {
            let record = proof_of(store.get(&api_key_item(&key_hash), true).await?)?;
            (settle(cache, &key_hash, None, record)?, true)
        }
    };
    Ok(KeyClaim {
        business,
        key_hash,
        verified,
    })
}

/// Checks the key's item as fetched with the caller's own read; `AppState::prove_key`.
pub(crate) fn prove(
    cache: &ApiKeyCache,
    claim: &mut KeyClaim,
    key_item: Option<Item>,
) -> Result<(), ApiError> {
    if !claim.verified {
        settle(
            cache,
            &claim.key_hash,
            Some(&claim.business),
            proof_of(key_item)?,
        )?;
        claim.verified = true;
    }
    Ok(())
}

/// Proves the claim on its own: one GetItem of the key's item.
pub(crate) async fn verify(
    store: &Store,
    cache: &ApiKeyCache,
    claim: &mut KeyClaim,
) -> Result<(), ApiError> {
    if let Some(key_item) = claim.key_item() {
        let fetched = store.get(&key_item, true).await?;
        prove(cache, claim, fetched)?;
    }
    Ok(())
}

pub(crate) async fn get_with_key(
    store: &Store,
    cache: &ApiKeyCache,
    claim: &mut KeyClaim,
    item: &ItemKey,
) -> Result<Option<Item>, ApiError> {
    let Some(key_item) = claim.key_item() else {
        return Ok(store.get(item, true).await?);
    };
    let mut items = store.batch_get(&[key_item, item.clone()]).await?;
    let fetched = claim.take_key_item(&mut items);
    prove(cache, claim, fetched)?;
    Ok(items.pop())
}

pub(crate) async fn alongside_key<T>(
    store: &Store,
    cache: &ApiKeyCache,
    claim: &mut KeyClaim,
    work: impl Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    let Some(key_item) = claim.key_item() else {
        return work.await;
    };
    let (fetched, result) = tokio::join!(store.get(&key_item, true), work);
    prove(cache, claim, fetched?)?;
    result
}

pub(crate) async fn transact_with_key(
    store: &Store,
    cache: &ApiKeyCache,
    claim: &mut KeyClaim,
    mut actions: Vec<TransactWriteItem>,
) -> Result<(), ApiError> {
    if claim.verified {
        return Ok(store.transact(actions).await?);
    }
    actions.push(claim.condition_check(store.table()));
    let key_check = actions.len() - 1;
    match store.transact(actions).await {
        Ok(()) => {
            cache.put(
                claim.key_hash.clone(),
                Some(claim.business.clone()),
                Instant::now(),
            );
            claim.verified = true;
            Ok(())
        }
        Err(StoreError::TransactionCanceled(reasons))
            if reasons.get(key_check).is_some_and(|r| r.condition_failed()) =>
        {
            Err(ApiError::Unauthorized)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dynamo::{to_item, with_key};
    use crate::ids::{API_KEY_PREFIX, new_api_key, new_secret};
    use http::{HeaderMap, HeaderValue, Method};

    fn request_with(auth: &str) -> ApiRequest {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", HeaderValue::from_str(auth).unwrap());
        ApiRequest::new(Method::GET, "/customers", headers, Default::default())
    }

    fn unverified(key: &str) -> KeyClaim {
        let Some(ApiKeyShape::Names(business)) = api_key_shape(key) else {
            panic!("{key} names no business");
        };
        KeyClaim {
            business,
            key_hash: secret_hash(key),
            verified: false,
        }
    }

    /// The key's item as stored (`ApiKeyRecord` with its key).
    fn key_item(key: &str, business: &BusinessId, revoked: bool) -> Item {
        let record = crate::api_keys::ApiKeyRecord {
            key_id: "key_1".into(),
            business_id: business.clone(),
            revoked,
            created_at: "2026-01-01T00:00:00.000000Z".into(),
        };
        with_key(to_item(&record), &api_key_item(&secret_hash(key)))
    }

    #[test]
    fn only_well_formed_bearer_keys_are_looked_up() {
        let old = new_secret(API_KEY_PREFIX);
        let business = BusinessId::new();
        let named = new_api_key(&business);
        for key in [&old, &named] {
            for scheme in ["Bearer", "bearer", "BEARER"] {
                assert_eq!(
                    bearer_key(&request_with(&format!("{scheme} {key}"))).map(|(k, _)| k),
                    Some(key.as_str())
                );
            }
        }
        assert_eq!(
            bearer_key(&request_with(&format!("Bearer {named}"))).map(|(_, shape)| shape),
            Some(ApiKeyShape::Names(business))
        );
        for bad in [
            "",
            "Bearer",
            "Basic abc",
            &format!("Token {old}"),
            &format!("Token {named}"),
            "Bearer sk_123",
            &format!("Bearer {}", &old[1..]),
            &format!("Bearer {}", &named[..named.len() - 1]),
        ] {
            assert!(bearer_key(&request_with(bad)).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_good_key_record_verifies_the_claim_and_is_cached() {
        let cache = ApiKeyCache::new(Duration::from_secs(30));
        let business = BusinessId::new();
        let key = new_api_key(&business);
        let mut claim = unverified(&key);
        assert!(claim.key_item().is_some());
        prove(&cache, &mut claim, Some(key_item(&key, &business, false))).unwrap();
        assert!(claim.is_verified() && claim.key_item().is_none());
        assert_eq!(
            cache.get(&secret_hash(&key), Instant::now()),
            Some(Some(business))
        );
    }

    #[test]
    fn a_claim_is_unauthorized_unless_its_record_holds() {
        let business = BusinessId::new();
        let key = new_api_key(&business);
        let cases = [
            ("missing", None),
            ("revoked", Some(key_item(&key, &business, true))),
            (
                "another business",
                Some(key_item(&key, &BusinessId::new(), false)),
            ),
        ];
        for (case, record) in cases {
            let cache = ApiKeyCache::new(Duration::from_secs(30));
            let mut claim = unverified(&key);
            assert!(
                matches!(
                    prove(&cache, &mut claim, record),
                    Err(ApiError::Unauthorized)
                ),
                "{case}"
            );
            assert!(!claim.is_verified(), "{case}");
            // Nothing that would let the key through later is cached.
            assert!(
                !matches!(cache.get(&claim.key_hash, Instant::now()), Some(Some(_))),
                "{case}"
            );
        }
    }

    #[test]
    fn a_forged_key_naming_another_business_proves_nothing() {
        // Business A's secret with B's id swapped in: its hash is no key's, so its
        // record is missing; and were it A's record, A is not the business it names.
        let (a, b) = (BusinessId::new(), BusinessId::new());
        let key_a = new_api_key(&a);
        let forged = key_a.replacen(
            a.as_str().strip_prefix("bus_").unwrap(),
            b.as_str().strip_prefix("bus_").unwrap(),
            1,
        );
        let mut claim = unverified(&forged);
        assert_eq!(claim.business(), &b);
        let cache = ApiKeyCache::new(Duration::from_secs(30));
        assert!(prove(&cache, &mut claim, None).is_err());
        let a_record = key_item(&key_a, &a, false);
        assert!(prove(&cache, &mut claim, Some(a_record)).is_err());
    }

    #[test]
    fn the_key_item_is_found_among_a_batch_reads_items() {
        let business = BusinessId::new();
        let key = new_api_key(&business);
        let claim = unverified(&key);
        let other = with_key(
            to_item(&serde_json::json!({"x": 1})),
            &crate::dynamo::keys::item("B#x".into(), "CUSTOMER"),
        );
        let mut items = vec![other.clone(), key_item(&key, &business, false)];
        assert!(claim.take_key_item(&mut items).is_some());
        assert_eq!(items, vec![other]);
        assert!(claim.take_key_item(&mut items).is_none());
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
