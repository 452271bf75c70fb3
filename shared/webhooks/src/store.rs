//! Storage of endpoints: one partition per business (keys.rs), a count item capping
//! them, and a revision guarding every read-modify-write.

use crate::WebhookId;
use crate::endpoint::{Endpoint, MAX_ENDPOINTS_PER_BUSINESS};
use crate::keys;
use aws_sdk_dynamodb::types::TransactWriteItem;
use platform::dynamo::keys::{PK, SK};
use platform::dynamo::{
    Store, StoreError, capped_count_change, classify, delete_if, from_item, key_map, n, put_new, s,
    to_item, with_key,
};
use platform::ids::BusinessId;

#[derive(Debug)]
pub enum EndpointStoreError {
    NotFound,
    /// The business has [`MAX_ENDPOINTS_PER_BUSINESS`] endpoints already.
    LimitReached,
    /// Another change of the endpoint committed since it was read.
    Changed,
    Store(StoreError),
}

impl From<StoreError> for EndpointStoreError {
    fn from(e: StoreError) -> Self {
        EndpointStoreError::Store(e)
    }
}

fn item(business: &BusinessId, endpoint: &Endpoint) -> platform::dynamo::Item {
    with_key(to_item(endpoint), &keys::endpoint(business, &endpoint.id))
}

/// Adds `delta` to the business's endpoint count; an increase only below the cap.
fn count_change(store: &Store, business: &BusinessId, delta: i64) -> TransactWriteItem {
    capped_count_change(
        store.table(),
        &keys::endpoint_count(business),
        "endpoints",
        delta,
        MAX_ENDPOINTS_PER_BUSINESS,
    )
}

/// Which action of a cancelled transaction failed its condition.
fn failed_condition(e: &StoreError) -> Option<usize> {
    match e {
        StoreError::TransactionCanceled(reasons) => {
            reasons.iter().position(|r| r.condition_failed())
        }
        _ => None,
    }
}

pub async fn create(
    store: &Store,
    business: &BusinessId,
    endpoint: &Endpoint,
) -> Result<(), EndpointStoreError> {
    let actions = vec![
        put_new(store.table(), item(business, endpoint)),
        count_change(store, business, 1),
    ];
    store
        .transact(actions)
        .await
        .map_err(|e| match failed_condition(&e) {
            Some(1) => EndpointStoreError::LimitReached,
            _ => e.into(),
        })
}

pub async fn get(
    store: &Store,
    business: &BusinessId,
    id: &WebhookId,
) -> Result<Endpoint, EndpointStoreError> {
    let found = store.get(&keys::endpoint(business, id), true).await?;
    Ok(from_item(found.ok_or(EndpointStoreError::NotFound)?)?)
}

/// Writes `endpoint` (its revision one past `read`'s) if nothing changed it since `read`.
pub async fn replace(
    store: &Store,
    business: &BusinessId,
    read: &Endpoint,
    endpoint: &Endpoint,
) -> Result<(), EndpointStoreError> {
    debug_assert_eq!(endpoint.revision, read.revision + 1);
    store
        .client()
        .put_item()
        .table_name(store.table())
        .set_item(Some(item(business, endpoint)))
        .condition_expression("revision = :read")
        .expression_attribute_values(":read", n(read.revision))
        .send()
        .await
        .map(|_| ())
        .map_err(|e| match classify(e) {
            StoreError::ConditionFailed => EndpointStoreError::Changed,
            other => other.into(),
        })
}

pub async fn delete(
    store: &Store,
    business: &BusinessId,
    id: &WebhookId,
) -> Result<(), EndpointStoreError> {
    let actions = vec![
        delete_if(
            store.table(),
            &keys::endpoint(business, id),
            "attribute_exists(PK)",
            &[],
        ),
        count_change(store, business, -1),
    ];
    store
        .transact(actions)
        .await
        .map_err(|e| match failed_condition(&e) {
            Some(0) => EndpointStoreError::NotFound,
            _ => e.into(),
        })
}

/// Up to `limit` endpoints after `after` (in id order), and whether more follow.
pub async fn list(
    store: &Store,
    business: &BusinessId,
    after: Option<&WebhookId>,
    limit: usize,
) -> Result<(Vec<Endpoint>, bool), EndpointStoreError> {
    let start_key = after.map(|id| key_map(&keys::endpoint(business, id)));
    let out = store
        .client()
        .query()
        .table_name(store.table())
        .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#sk", SK)
        .expression_attribute_values(":pk", s(keys::endpoints_pk(business)))
        .expression_attribute_values(":prefix", s(keys::ENDPOINT_SK_PREFIX))
        .set_exclusive_start_key(start_key)
        .consistent_read(true)
        // One more than asked: whether it comes tells if this page is the last.
        .limit(i32::try_from(limit + 1).unwrap_or(i32::MAX))
        .send()
        .await
        .map_err(classify)?;
    let mut endpoints = out
        .items
        .unwrap_or_default()
        .into_iter()
        .map(from_item)
        .collect::<Result<Vec<Endpoint>, StoreError>>()?;
    let more = endpoints.len() > limit;
    endpoints.truncate(limit);
    Ok((endpoints, more))
}
