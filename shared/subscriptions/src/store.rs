//! Subscription items: one per subscription, indexed by customer (GSI1) and by business
//! (GSI2), newest first. Every write is conditional:
//!
//! - an event's blind write holds only if the item is absent, or older than the event
//!   and holding nothing a replacement could lose (`needs_merge = false`);
//! - any write made from a read (a merged event, a patch) holds only if the item still
//!   has the `revision` read; every write sets a fresh one.
//!
//! So neither a concurrent patch nor a concurrent event can be lost: the loser reads
//! again and merges.

use crate::SubscriptionId;
use crate::keys;
use crate::record::SubscriptionRecord;
use crate::subscription::{SubscriptionStatus, Timestamp};
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use customers::CustomerId;
use platform::dynamo::keys as table;
use platform::dynamo::listing::{CreatedWindow, Listing, newest_first};
use platform::dynamo::{Item, Store, StoreError, from_item, s, to_item, with, with_key};
use platform::ids::BusinessId;
use platform::paging::Page;
use serde::Deserialize;

const REVISION: &str = "revision";
const NEEDS_MERGE: &str = "needs_merge";

/// A record as read, with the revision a write made from it must find.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StoredSubscription {
    #[serde(flatten)]
    pub record: SubscriptionRecord,
    pub revision: String,
}

pub fn key_of(record: &SubscriptionRecord) -> table::ItemKey {
    keys::subscription(
        &record.business_id,
        &record.subscription.core.subscription_id,
    )
}

fn item(record: &SubscriptionRecord) -> Item {
    let s_ = &record.subscription;
    let created = table::created_sort_key(
        s_.core.created_at.as_str(),
        s_.core.subscription_id.as_str(),
    );
    let item = with_key(to_item(record), &key_of(record));
    let item = with(
        item,
        table::GSI1PK,
        s(keys::subscriptions_of_customer(
            &record.business_id,
            &s_.core.customer.customer_id,
        )),
    );
    let item = with(item, table::GSI1SK, s(&created));
    let item = with(
        item,
        table::GSI2PK,
        s(keys::subscriptions_of_business(&record.business_id)),
    );
    let item = with(item, table::GSI2SK, s(created));
    let item = with(item, REVISION, s(platform::ids::random_id("rev_")));
    with(
        item,
        NEEDS_MERGE,
        AttributeValue::Bool(record.needs_merge()),
    )
}

/// The condition a write of `record` must meet.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// No subscription with this id yet.
    Absent,
    /// An event's write without reading: absent, or older than `event_at` and with
    /// nothing to merge.
    OlderWithNothingToMerge(&'a Timestamp),
    /// Unchanged since read.
    Revision(&'a str),
}

fn put(store_table: &str, record: &SubscriptionRecord, expect: Expect<'_>) -> Put {
    let builder = Put::builder()
        .table_name(store_table)
        .set_item(Some(item(record)))
        .expression_attribute_names("#pk", table::PK);
    let builder = match expect {
        Expect::Absent => builder.condition_expression("attribute_not_exists(#pk)"),
        Expect::OlderWithNothingToMerge(event_at) => builder
            .condition_expression(
                "attribute_not_exists(#pk) OR (#event_at < :event_at AND #needs_merge = :false)",
            )
            .expression_attribute_names("#event_at", "event_at")
            .expression_attribute_names("#needs_merge", NEEDS_MERGE)
            .expression_attribute_values(":event_at", s(event_at.as_str()))
            .expression_attribute_values(":false", AttributeValue::Bool(false)),
        Expect::Revision(revision) => builder
            .condition_expression("attribute_exists(#pk) AND #revision = :revision")
            .expression_attribute_names("#revision", REVISION)
            .expression_attribute_values(":revision", s(revision)),
    };
    builder.build().expect("table, item set")
}

/// `record`'s write as a transaction action (an event's effect, committed by ingest).
pub fn put_action(
    store_table: &str,
    record: &SubscriptionRecord,
    expect: Expect<'_>,
) -> TransactWriteItem {
    TransactWriteItem::builder()
        .put(put(store_table, record, expect))
        .build()
}

/// Writes `record` over `previous` if no one changed it since it was read.
/// `Err(ConditionFailed)`: someone did; read again.
pub async fn replace(
    store: &Store,
    previous: &StoredSubscription,
    record: &SubscriptionRecord,
) -> Result<(), StoreError> {
    let p = put(store.table(), record, Expect::Revision(&previous.revision));
    store
        .client()
        .put_item()
        .table_name(store.table())
        .set_item(Some(p.item))
        .set_condition_expression(p.condition_expression)
        .set_expression_attribute_names(p.expression_attribute_names)
        .set_expression_attribute_values(p.expression_attribute_values)
        .send()
        .await
        .map(|_| ())
        .map_err(platform::dynamo::classify)
}

pub fn parse(item: Item) -> Result<StoredSubscription, StoreError> {
    from_item(item)
}

pub async fn subscription(
    store: &Store,
    business: &BusinessId,
    id: &SubscriptionId,
) -> Result<Option<StoredSubscription>, StoreError> {
    store
        .get(&keys::subscription(business, id), true)
        .await?
        .map(parse)
        .transpose()
}

/// Which subscriptions a list wants, newest first.
#[derive(Debug, Clone, Default)]
pub struct SubscriptionFilter {
    pub customer_id: Option<CustomerId>,
    pub status: Option<SubscriptionStatus>,
    pub cancel_at_next_billing_date: Option<bool>,
    pub product_id: Option<String>,
    pub brand_id: Option<String>,
    pub created_at_gte: Option<String>,
    pub created_at_lte: Option<String>,
}

impl SubscriptionFilter {
    /// Whether the filters the key condition cannot express are all absent.
    fn is_key_only(&self) -> bool {
        self.status.is_none()
            && self.cancel_at_next_billing_date.is_none()
            && self.product_id.is_none()
            && self.brand_id.is_none()
    }

    fn matches(&self, record: &SubscriptionRecord) -> bool {
        let s_ = &record.subscription;
        self.status.is_none_or(|status| s_.core.status == status)
            && self
                .cancel_at_next_billing_date
                .is_none_or(|c| s_.core.cancel_at_next_billing_date == c)
            && self
                .product_id
                .as_deref()
                .is_none_or(|p| s_.core.product_id.as_str() == p)
            && self
                .brand_id
                .as_deref()
                .is_none_or(|b| s_.brand_id.as_str() == b)
    }
}

/// One page of a business's subscriptions (of one customer, with `customer_id`), newest
/// first: one Query of GSI1 (by customer) or GSI2 (by business), more only when the
/// other filters drop items.
pub async fn list(
    store: &Store,
    business: &BusinessId,
    filter: &SubscriptionFilter,
    page: Page,
) -> Result<Vec<SubscriptionRecord>, StoreError> {
    let listing = Listing::of(
        filter.customer_id.as_ref(),
        |customer| keys::subscriptions_of_customer(business, customer),
        || keys::subscriptions_of_business(business),
    );
    let window = CreatedWindow {
        gte: filter.created_at_gte.clone(),
        lte: filter.created_at_lte.clone(),
    };
    newest_first(
        store,
        listing,
        &window,
        page,
        !filter.is_key_only(),
        |item| {
            let stored = parse(item)?;
            Ok(filter.matches(&stored.record).then_some(stored.record))
        },
    )
    .await
}
