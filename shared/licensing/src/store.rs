//! License key and instance items, the transactions that change them, and their queries.
//!
//! A key's record is kept twice, identically: the base item (by id, in the list indexes)
//! and the lookup item (by key-string hash). Every write changes both in one transaction,
//! so the two never disagree, and the public calls read only the lookup.

use crate::keys;
use crate::license_key::{LicenseKeyInstance, LicenseKeyPatch, LicenseKeyRecord, Source, Status};
use crate::rate_limit::{CHANGES_PER_WINDOW, WINDOW_SECONDS};
use crate::{LicenseKeyId, LicenseKeyInstanceId};
use aws_sdk_dynamodb::types::builders::UpdateBuilder;
use aws_sdk_dynamodb::types::{
    AttributeValue, ConditionCheck, ReturnValue, ReturnValuesOnConditionCheckFailure,
    TransactWriteItem, Update,
};
use customers::CustomerId;
use platform::dynamo::keys::{self as table, ItemKey};
use platform::dynamo::listing::{CreatedWindow, Listing, newest_first};
use platform::dynamo::{
    Item, Store, StoreError, from_item, key_map, n, put_new, s, to_item, with, with_key,
};
use platform::ids::BusinessId;
use platform::paging::Page;

fn base_item(record: &LicenseKeyRecord) -> Item {
    let created = table::created_sort_key(&record.created_at, record.id.as_str());
    let item = with_key(
        to_item(record),
        &keys::license_key(&record.business_id, &record.id),
    );
    let item = with(
        item,
        table::GSI1PK,
        s(keys::keys_by_customer(
            &record.business_id,
            &record.customer_id,
        )),
    );
    let item = with(item, table::GSI1SK, s(&created));
    let item = with(
        item,
        table::GSI2PK,
        s(keys::keys_by_business(&record.business_id)),
    );
    with(item, table::GSI2SK, s(created))
}

fn lookup_item(record: &LicenseKeyRecord) -> Item {
    with_key(to_item(record), &keys::lookup(&record.key))
}

fn instance_item(key: &str, instance: &LicenseKeyInstance) -> Item {
    let item = with_key(to_item(instance), &keys::instance(key, &instance.id));
    let item = with(
        item,
        table::GSI1PK,
        s(keys::instances_by_key(
            &instance.business_id,
            &instance.license_key_id,
        )),
    );
    let item = with(item, table::GSI1SK, s(instance.id.as_str()));
    let item = with(
        item,
        table::GSI2PK,
        s(keys::instances_by_business(&instance.business_id)),
    );
    with(item, table::GSI2SK, s(instance.id.as_str()))
}

/// A transaction action updating one item. `condition` always includes the item's
/// existence, so an update never creates a half item.
fn update(
    store: &Store,
    key: &ItemKey,
    expression: &str,
    condition: &str,
    values: &[(&str, AttributeValue)],
    names: &[(&str, &str)],
) -> UpdateBuilder {
    let mut update = Update::builder()
        .table_name(store.table())
        .set_key(Some(key_map(key)))
        .update_expression(expression)
        .condition_expression(condition);
    for (name, value) in values {
        update = update.expression_attribute_values(*name, value.clone());
    }
    for (placeholder, attribute) in names {
        update = update.expression_attribute_names(*placeholder, *attribute);
    }
    update
}

fn action(update: UpdateBuilder) -> TransactWriteItem {
    TransactWriteItem::builder()
        .update(update.build().expect("table, key and expression set"))
        .build()
}

/// Where each action of an import sits in its transaction.
pub const IMPORT_CUSTOMER_CHECK: usize = 0;
pub const IMPORT_BASE: usize = 1;
pub const IMPORT_LOOKUP: usize = 2;

/// One transaction imports a key: the customer must exist in this business, and the
/// key string must be no key's yet (the lookup item is new), whichever business.
pub fn import_actions(store: &Store, record: &LicenseKeyRecord) -> Vec<TransactWriteItem> {
    let customer_check = ConditionCheck::builder()
        .table_name(store.table())
        .set_key(Some(key_map(&customers::keys::customer(
            &record.business_id,
            &record.customer_id,
        ))))
        .condition_expression("attribute_exists(PK)")
        .build()
        .expect("table, key and condition set");
    vec![
        TransactWriteItem::builder()
            .condition_check(customer_check)
            .build(),
        put_new(store.table(), base_item(record)),
        put_new(store.table(), lookup_item(record)),
    ]
}

/// The writes that create a key announced by the payment engine: both items new.
pub fn creation_actions(table_name: &str, record: &LicenseKeyRecord) -> Vec<TransactWriteItem> {
    vec![
        put_new(table_name, base_item(record)),
        put_new(table_name, lookup_item(record)),
    ]
}

pub fn record_of(item: Item) -> Result<LicenseKeyRecord, StoreError> {
    from_item(item)
}

/// Writes a merchant's change to both items. Only the patched attributes are set, so a
/// concurrent activation's count is never overwritten.
pub async fn patch(
    store: &Store,
    record: &LicenseKeyRecord,
    patch: &LicenseKeyPatch,
) -> Result<(), StoreError> {
    let mut set = Vec::new();
    let mut remove = Vec::new();
    let mut values = Vec::new();
    if let Some(disabled) = patch.disabled {
        set.push("disabled = :disabled");
        values.push((":disabled", AttributeValue::Bool(disabled)));
    }
    match patch.activations_limit {
        Some(Some(limit)) => {
            set.push("activations_limit = :limit");
            values.push((":limit", n(limit)));
        }
        Some(None) => remove.push("activations_limit"),
        None => {}
    }
    match &patch.expires_at {
        Some(Some(expires_at)) => {
            set.push("key_expires_at = :expires_at");
            values.push((":expires_at", s(expires_at)));
        }
        Some(None) => remove.push("key_expires_at"),
        None => {}
    }
    let mut expression = String::new();
    if !set.is_empty() {
        expression.push_str(&format!("SET {}", set.join(", ")));
    }
    if !remove.is_empty() {
        expression.push_str(&format!(" REMOVE {}", remove.join(", ")));
    }
    let both = [
        keys::license_key(&record.business_id, &record.id),
        keys::lookup(&record.key),
    ];
    store
        .transact(
            both.iter()
                .map(|key| {
                    action(update(
                        store,
                        key,
                        expression.trim(),
                        "attribute_exists(PK)",
                        &values,
                        &[],
                    ))
                })
                .collect(),
        )
        .await
}

/// Where each action of an activation or deactivation sits in its transaction.
pub const CHANGE_INSTANCE: usize = 0;
pub const CHANGE_LOOKUP: usize = 1;
pub const CHANGE_WINDOW: usize = 3;

/// Counts one change in the key's current window, refused once the window is full. The
/// item outlives its window by one window, then TTL removes it.
fn count_change(store: &Store, key: &str, unix_seconds: i64) -> TransactWriteItem {
    let window = crate::rate_limit::window(unix_seconds);
    action(update(
        store,
        &keys::change_window(key, window),
        "SET #ttl = :ttl ADD changes :one",
        "attribute_not_exists(changes) OR changes < :max",
        &[
            (":ttl", n((window + 2) * WINDOW_SECONDS)),
            (":one", n(1)),
            (":max", n(CHANGES_PER_WINDOW)),
        ],
        &[("#ttl", table::EXPIRES_AT)],
    ))
}

/// One activation: the instance (new), the key's count raised on both items, and the
/// change counted. The lookup item's condition is the rule: the key exists, is not
/// disabled, has not expired, and has a free activation; DynamoDB applies it to the
/// latest count, so concurrent activations can never pass the limit. On refusal the
/// lookup item comes back (ALL_OLD) to say why.
pub fn activation_actions(
    store: &Store,
    record: &LicenseKeyRecord,
    instance: &LicenseKeyInstance,
    now: &str,
    unix_seconds: i64,
) -> Vec<TransactWriteItem> {
    let raise = "SET instances_count = instances_count + :one";
    let lookup = update(
        store,
        &keys::lookup(&record.key),
        raise,
        "attribute_exists(PK) AND disabled = :false \
         AND (attribute_not_exists(key_expires_at) OR key_expires_at > :now) \
         AND (attribute_not_exists(activations_limit) OR instances_count < activations_limit)",
        &[
            (":one", n(1)),
            (":false", AttributeValue::Bool(false)),
            (":now", s(now)),
        ],
        &[],
    )
    .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
    vec![
        put_new(store.table(), instance_item(&record.key, instance)),
        action(lookup),
        action(update(
            store,
            &keys::license_key(&record.business_id, &record.id),
            raise,
            "attribute_exists(PK)",
            &[(":one", n(1))],
            &[],
        )),
        count_change(store, &record.key, unix_seconds),
    ]
}

/// One deactivation: the instance deleted (it must exist), the count lowered on both
/// items, and the change counted.
pub fn deactivation_actions(
    store: &Store,
    record: &LicenseKeyRecord,
    instance: &LicenseKeyInstanceId,
    unix_seconds: i64,
) -> Vec<TransactWriteItem> {
    let lower = |key: ItemKey| {
        action(update(
            store,
            &key,
            "SET instances_count = instances_count - :one",
            "attribute_exists(PK) AND instances_count >= :one",
            &[(":one", n(1))],
            &[],
        ))
    };
    vec![
        platform::dynamo::delete_if(
            store.table(),
            &keys::instance(&record.key, instance),
            "attribute_exists(PK)",
            &[],
        ),
        lower(keys::lookup(&record.key)),
        lower(keys::license_key(&record.business_id, &record.id)),
        count_change(store, &record.key, unix_seconds),
    ]
}

/// What the public calls read: the key's lookup item and, when asked, one of its
/// instances, in one request.
pub async fn lookup(
    store: &Store,
    key: &str,
    instance: Option<&LicenseKeyInstanceId>,
) -> Result<(Option<LicenseKeyRecord>, Option<LicenseKeyInstance>), StoreError> {
    let Some(instance) = instance else {
        let record = store.get(&keys::lookup(key), true).await?;
        return Ok((record.map(record_of).transpose()?, None));
    };
    let lookup_sk = keys::lookup(key).sk;
    let (mut record, mut found) = (None, None);
    for item in store
        .batch_get(&[keys::lookup(key), keys::instance(key, instance)])
        .await?
    {
        if item.get(table::SK).and_then(|v| v.as_s().ok()) == Some(&lookup_sk) {
            record = Some(record_of(item)?);
        } else {
            found = Some(from_item(item)?);
        }
    }
    Ok((record, found))
}

/// Which license keys a list wants, newest first: by customer or the business, within a
/// created-at window (the key condition), with the rest filtered on read.
#[derive(Debug, Clone, Default)]
pub struct KeyFilter {
    pub customer_id: Option<CustomerId>,
    pub product_id: Option<String>,
    pub status: Option<Status>,
    pub source: Option<Source>,
    pub created_at_gte: Option<String>,
    pub created_at_lte: Option<String>,
}

impl KeyFilter {
    /// What the key condition cannot say.
    fn matches(&self, record: &LicenseKeyRecord, now: &str) -> bool {
        self.product_id
            .as_deref()
            .is_none_or(|p| record.product_id == p)
            && self.status.is_none_or(|s| record.status(now) == s)
            && self.source.is_none_or(|s| record.source == s)
    }

    fn filters_after_reading(&self) -> bool {
        self.product_id.is_some() || self.status.is_some() || self.source.is_some()
    }
}

/// One page of a business's license keys (of one customer, with `customer_id`), newest
/// first: one Query of GSI1 (by customer) or GSI2 (by business), more only when the
/// other filters drop items.
pub async fn list_keys(
    store: &Store,
    business: &BusinessId,
    filter: &KeyFilter,
    page: Page,
    now: &str,
) -> Result<Vec<LicenseKeyRecord>, StoreError> {
    let listing = Listing::of(
        filter.customer_id.as_ref(),
        |customer| keys::keys_by_customer(business, customer),
        || keys::keys_by_business(business),
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
        filter.filters_after_reading(),
        |item| {
            let record = record_of(item)?;
            Ok(filter.matches(&record, now).then_some(record))
        },
    )
    .await
}

/// One page of instances, newest first (their ids sort by time): of one key (GSI1), or
/// of the whole business (GSI2). One Query either way.
pub async fn list_instances(
    store: &Store,
    business: &BusinessId,
    license_key: Option<&LicenseKeyId>,
    page: Page,
) -> Result<Vec<LicenseKeyInstance>, StoreError> {
    let (index, pk_name, partition) = match license_key {
        Some(key) => (
            table::GSI1,
            table::GSI1PK,
            keys::instances_by_key(business, key),
        ),
        None => (
            table::GSI2,
            table::GSI2PK,
            keys::instances_by_business(business),
        ),
    };
    let query = store
        .client()
        .query()
        .table_name(store.table())
        .index_name(index)
        .key_condition_expression("#pk = :pk")
        .expression_attribute_names("#pk", pk_name)
        .expression_attribute_values(":pk", s(partition))
        .scan_index_forward(false);
    let mut found = Vec::new();
    store
        .query_until(query, Some(page.offset + page.size), true, |item| {
            found.push(from_item(item)?);
            Ok(true)
        })
        .await?;
    Ok(found
        .into_iter()
        .skip(page.offset)
        .take(page.size)
        .collect())
}

/// An instance of this business by its id, and its item's key: one Query of GSI2 (an
/// index, so an instance activated a moment ago may take the index's lag to appear).
pub async fn instance_by_id(
    store: &Store,
    business: &BusinessId,
    id: &LicenseKeyInstanceId,
) -> Result<Option<(ItemKey, LicenseKeyInstance)>, StoreError> {
    let out = store
        .client()
        .query()
        .table_name(store.table())
        .index_name(table::GSI2)
        .key_condition_expression("#pk = :pk AND #sk = :sk")
        .expression_attribute_names("#pk", table::GSI2PK)
        .expression_attribute_names("#sk", table::GSI2SK)
        .expression_attribute_values(":pk", s(keys::instances_by_business(business)))
        .expression_attribute_values(":sk", s(id.as_str()))
        .send()
        .await
        .map_err(platform::dynamo::classify)?;
    let Some(item) = out.items.unwrap_or_default().into_iter().next() else {
        return Ok(None);
    };
    let attribute = |name: &str| {
        item.get(name)
            .and_then(|v| v.as_s().ok())
            .cloned()
            .ok_or_else(|| StoreError::Other(format!("instance item without {name}")))
    };
    let key = table::item(attribute(table::PK)?, attribute(table::SK)?);
    Ok(Some((key, from_item(item)?)))
}

/// Renames an instance; None if it is gone.
pub async fn rename_instance(
    store: &Store,
    key: &ItemKey,
    name: &str,
) -> Result<Option<LicenseKeyInstance>, StoreError> {
    let out = store
        .client()
        .update_item()
        .table_name(store.table())
        .set_key(Some(key_map(key)))
        .update_expression("SET #name = :name")
        .condition_expression("attribute_exists(PK)")
        .expression_attribute_names("#name", "name")
        .expression_attribute_values(":name", s(name))
        .return_values(ReturnValue::AllNew)
        .send()
        .await;
    match out.map_err(platform::dynamo::classify) {
        Ok(out) => out.attributes.map(from_item).transpose(),
        Err(StoreError::ConditionFailed) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The customer's details for an activation's answer, None if the customer is unknown
/// here (a key announced by an event names only its customer's id) or erased.
pub async fn customer(
    store: &Store,
    business: &BusinessId,
    customer: &CustomerId,
) -> Result<Option<customers::customer::Customer>, StoreError> {
    Ok(customers::store::customer(store, business, customer)
        .await?
        .map(|stored| stored.customer))
}
