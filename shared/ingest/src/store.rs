//! Ingest endpoint items, their per-business counter, and event records.

use crate::IngestEndpointId;
use crate::endpoint::{ENDPOINTS_PER_BUSINESS_MAX, StoredEndpoint};
use crate::keys;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::TransactWriteItem;
use platform::dynamo::keys as table;
use platform::dynamo::{
    Item, Store, StoreError, capped_count_change, classify, delete_if, from_item, key_map, n,
    put_new, s, to_item, with, with_key,
};
use platform::ids::BusinessId;
use platform::paging::Page;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

fn endpoint_item(endpoint: &StoredEndpoint) -> Item {
    let item = with_key(
        to_item(endpoint),
        &keys::endpoint(&endpoint.ingest_endpoint_id),
    );
    let item = with(
        item,
        table::GSI1PK,
        s(keys::endpoints_by_created(&endpoint.business_id)),
    );
    with(
        item,
        table::GSI1SK,
        s(table::created_sort_key(
            &endpoint.created_at,
            endpoint.ingest_endpoint_id.as_str(),
        )),
    )
}

fn count_update(table_name: &str, business: &BusinessId, delta: i64) -> TransactWriteItem {
    capped_count_change(
        table_name,
        &keys::endpoint_count(business),
        "endpoints",
        delta,
        ENDPOINTS_PER_BUSINESS_MAX,
    )
}

/// Whether a creation was refused because the business has its maximum of endpoints.
#[derive(Debug)]
pub enum CreateRefused {
    LimitReached,
    Store(StoreError),
}

/// Writes a new endpoint and counts it, refusing past the per-business limit.
pub async fn create_endpoint(
    store: &Store,
    endpoint: &StoredEndpoint,
) -> Result<(), CreateRefused> {
    let actions = vec![
        put_new(store.table(), endpoint_item(endpoint)),
        count_update(store.table(), &endpoint.business_id, 1),
    ];
    match store.transact(actions).await {
        Ok(()) => Ok(()),
        Err(StoreError::TransactionCanceled(reasons))
            if reasons.get(1).is_some_and(|r| r.condition_failed()) =>
        {
            Err(CreateRefused::LimitReached)
        }
        Err(e) => Err(CreateRefused::Store(e)),
    }
}

/// Deletes a business's endpoint; `false` if it has none of that id.
pub async fn delete_endpoint(
    store: &Store,
    business: &BusinessId,
    endpoint: &IngestEndpointId,
) -> Result<bool, StoreError> {
    let actions = vec![
        delete_if(
            store.table(),
            &keys::endpoint(endpoint),
            "business_id = :business",
            &[(":business", s(business.as_str()))],
        ),
        count_update(store.table(), business, -1),
    ];
    match store.transact(actions).await {
        Ok(()) => Ok(true),
        Err(StoreError::TransactionCanceled(reasons))
            if reasons.first().is_some_and(|r| r.condition_failed()) =>
        {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

pub async fn endpoint(
    store: &Store,
    endpoint: &IngestEndpointId,
) -> Result<Option<StoredEndpoint>, StoreError> {
    store
        .get(&keys::endpoint(endpoint), true)
        .await?
        .map(from_item)
        .transpose()
}

fn newest_first_on_gsi1(store: &Store, partition: String) -> QueryFluentBuilder {
    store
        .client()
        .query()
        .table_name(store.table())
        .index_name(table::GSI1)
        .key_condition_expression("GSI1PK = :pk")
        .expression_attribute_values(":pk", s(partition))
        .scan_index_forward(false)
}

/// A business's endpoints, newest first (there are at most the limit's few).
pub async fn endpoints(
    store: &Store,
    business: &BusinessId,
) -> Result<Vec<StoredEndpoint>, StoreError> {
    let query = newest_first_on_gsi1(store, keys::endpoints_by_created(business));
    let mut found = Vec::new();
    store
        .query_until(query, None, false, |item| {
            found.push(from_item(item)?);
            Ok(true)
        })
        .await?;
    Ok(found)
}

/// Replaces a business's endpoint's secret, keeping the current one as the previous
/// until `previous_expires_at` (one atomic update: the old value moves server-side).
/// `false` if the business has no endpoint of that id.
pub async fn rotate_secret(
    store: &Store,
    business: &BusinessId,
    endpoint: &IngestEndpointId,
    new_secret: &str,
    rotated_at: &str,
    previous_expires_at: &str,
) -> Result<bool, StoreError> {
    let result = store
        .client()
        .update_item()
        .table_name(store.table())
        .set_key(Some(key_map(&keys::endpoint(endpoint))))
        .condition_expression("business_id = :business")
        .update_expression(
            "SET previous_secret = secret, secret = :secret, \
             previous_secret_expires_at = :expires, secret_rotated_at = :rotated",
        )
        .expression_attribute_values(":business", s(business.as_str()))
        .expression_attribute_values(":secret", s(new_secret))
        .expression_attribute_values(":expires", s(previous_expires_at))
        .expression_attribute_values(":rotated", s(rotated_at))
        .send()
        .await
        .map_err(classify);
    match result {
        Ok(_) => Ok(true),
        Err(StoreError::ConditionFailed) => Ok(false),
        Err(e) => Err(e),
    }
}

/// What became of an event, as its record says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Its owner's plan was committed with the record.
    Applied,
    /// No context handles its type: kept, nothing applied.
    Ignored,
    /// The stored state was newer: kept, nothing applied.
    Stale,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Ignored => "ignored",
            Outcome::Stale => "stale",
        }
    }
}

/// One received event, raw, as kept for audit and replay.
#[derive(Debug, Clone)]
pub struct EventRecord<'a> {
    pub business: &'a BusinessId,
    pub endpoint: &'a IngestEndpointId,
    pub webhook_id: &'a str,
    pub event_type: &'a str,
    pub event_timestamp: &'a str,
    pub received_at: &'a str,
    /// Epoch seconds after which DynamoDB's TTL removes the record.
    pub expires_at: i64,
    /// The body exactly as received (verified as UTF-8 JSON before it gets here).
    pub body: &'a str,
    pub headers: Vec<(&'static str, String)>,
}

impl EventRecord<'_> {
    pub fn key(&self) -> table::ItemKey {
        keys::event(self.business, self.webhook_id)
    }

    /// The record's put, which fails if the business already has an event of this
    /// `webhook-id`: the one condition that makes an event's effect exactly-once.
    pub fn put(&self, table_name: &str, outcome: Outcome) -> TransactWriteItem {
        let headers: HashMap<String, _> = self
            .headers
            .iter()
            .map(|(name, value)| (name.to_string(), s(value.as_str())))
            .collect();
        let item = with_key(Item::new(), &self.key());
        let attributes = [
            ("business_id", s(self.business.as_str())),
            ("ingest_endpoint_id", s(self.endpoint.as_str())),
            ("webhook_id", s(self.webhook_id)),
            ("type", s(self.event_type)),
            ("event_timestamp", s(self.event_timestamp)),
            ("received_at", s(self.received_at)),
            ("outcome", s(outcome.as_str())),
            ("body", s(self.body)),
            (
                "headers",
                aws_sdk_dynamodb::types::AttributeValue::M(headers),
            ),
            (table::EXPIRES_AT, n(self.expires_at)),
            (table::GSI1PK, s(keys::events_by_received(self.endpoint))),
            (
                table::GSI1SK,
                s(table::created_sort_key(
                    self.received_at,
                    &platform::ids::secret_hash(self.webhook_id),
                )),
            ),
        ];
        let item = attributes
            .into_iter()
            .fold(item, |item, (name, value)| with(item, name, value));
        put_new(table_name, item)
    }
}

/// An event as kept, as the audit route shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptEvent {
    pub webhook_id: String,
    pub ingest_endpoint_id: IngestEndpointId,
    #[serde(rename = "type")]
    pub event_type: String,
    /// The envelope's `timestamp`.
    pub event_timestamp: String,
    pub received_at: String,
    pub outcome: String,
    /// The body exactly as received.
    pub body: String,
    pub headers: HashMap<String, String>,
    #[serde(skip_serializing)]
    pub expires_at: i64,
}

/// One page of an endpoint's events, newest first; records past their TTL count as gone.
pub async fn events(
    store: &Store,
    endpoint: &IngestEndpointId,
    page: Page,
    now_epoch: i64,
) -> Result<Vec<KeptEvent>, StoreError> {
    let query = newest_first_on_gsi1(store, keys::events_by_received(endpoint));
    let mut found = Vec::new();
    store
        .query_until(query, Some(page.offset + page.size), false, |item| {
            let event: KeptEvent = from_item(item)?;
            let live = event.expires_at > now_epoch;
            if live {
                found.push(event);
            }
            Ok(live)
        })
        .await?;
    Ok(found
        .into_iter()
        .skip(page.offset)
        .take(page.size)
        .collect())
}
