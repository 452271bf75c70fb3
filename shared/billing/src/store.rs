//! Payment and refund items, the conditional writes that keep refunds within what was
//! paid, and the list queries.
//!
//! The payment item carries everything a refund must check in one place: the refunded
//! total (`refunded_amount`, every refund that has not failed), what refunds take of each
//! line item (`refunded#<items_id>`), and each refund's summary (`refund#<refund_id>`,
//! its `RefundListItem`). A refund is one transaction: the refund item (new), the payment
//! item's update conditioned on those amounts (so concurrent refunds can never exceed
//! the payment, whatever order they land in), the idempotency record, and for a wallet
//! refund the wallet's credit.

use crate::keys;
use crate::payment::{LineItem, LineItemView, LineItems, Payment, RefundListItem, refund_status};
use crate::refund::{Destination, Refund, RefundPart, Refundable};
use crate::{PaymentId, RefundId};
use aws_sdk_dynamodb::types::{
    AttributeValue, Put, ReturnValuesOnConditionCheckFailure, TransactWriteItem, Update,
};
use platform::dynamo::keys::{self as table, ItemKey};
use platform::dynamo::{
    Item, Store, StoreError, from_item, key_map, n, s, to_item, with, with_key,
};
use platform::ids::BusinessId;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The payment item's own attributes (the per-line amounts and the refunds ride beside
/// them, one attribute each: see [`StoredPayment`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentRecord {
    /// The engine's payment as last reported (its `refunds` empty: those are below).
    pub payment: Payment,
    pub line_items: Vec<LineItem>,
    pub partial_refund_allowed: bool,
    /// The time the stored state is as of: the engine's `updated_at`, else the event's
    /// timestamp. An event not newer than this is stale.
    pub ordered_at: String,
    /// What refunds that have not failed take of the payment.
    #[serde(default)]
    pub refunded_amount: i64,
}

/// A payment item as read.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPayment {
    pub record: PaymentRecord,
    /// What refunds take of each line item (absent: nothing).
    pub line_refunded: HashMap<String, i64>,
    /// Oldest first.
    pub refunds: Vec<RefundListItem>,
}

fn number(value: &AttributeValue) -> Result<i64, StoreError> {
    match value {
        AttributeValue::N(raw) => raw
            .parse()
            .map_err(|_| StoreError::Other(format!("not an integer: {raw}"))),
        _ => Err(StoreError::Other("not a number attribute".into())),
    }
}

impl StoredPayment {
    pub fn from_item(mut item: Item) -> Result<StoredPayment, StoreError> {
        let mut line_refunded = HashMap::new();
        let mut refunds = Vec::new();
        let names: Vec<String> = item.keys().cloned().collect();
        for name in names {
            if let Some(items_id) = name.strip_prefix(keys::LINE_REFUNDED_PREFIX) {
                let value = item.remove(&name).expect("listed");
                line_refunded.insert(items_id.to_string(), number(&value)?);
            } else if name.starts_with(keys::REFUND_ATTRIBUTE_PREFIX) {
                match item.remove(&name).expect("listed") {
                    AttributeValue::M(refund) => refunds.push(from_item(refund)?),
                    _ => return Err(StoreError::Other("refund attribute not a map".into())),
                }
            }
        }
        refunds.sort_by(|a: &RefundListItem, b| {
            (&a.created_at, &a.refund_id).cmp(&(&b.created_at, &b.refund_id))
        });
        Ok(StoredPayment {
            record: from_item(item)?,
            line_refunded,
            refunds,
        })
    }

    /// The payment as the API answers it, with its refunds and their summary.
    pub fn payment(&self) -> Payment {
        let mut payment = self.record.payment.clone();
        payment.refund_status = refund_status(payment.total_amount, &self.refunds);
        payment.refunds = self.refunds.clone();
        payment
    }

    fn refunded(&self, items_id: &str) -> i64 {
        self.line_refunded.get(items_id).copied().unwrap_or(0)
    }

    pub fn line_items(&self) -> LineItems {
        LineItems {
            currency: self.record.payment.currency,
            partial_refund_allowed: self.record.partial_refund_allowed,
            items: self
                .record
                .line_items
                .iter()
                .map(|line| LineItemView {
                    items_id: line.items_id.clone(),
                    amount: line.amount,
                    refundable_amount: (line.amount - self.refunded(&line.items_id)).max(0),
                    tax: line.tax,
                    name: line.name.clone(),
                    description: line.description.clone(),
                })
                .collect(),
        }
    }

    pub fn refundable(&self) -> Refundable {
        let payment = &self.record.payment;
        Refundable {
            status: payment.status,
            currency: payment.currency,
            total_amount: payment.total_amount,
            refunded_amount: self.record.refunded_amount,
            partial_refund_allowed: self.record.partial_refund_allowed,
            lines: self
                .record
                .line_items
                .iter()
                .map(|line| (line.clone(), self.refunded(&line.items_id)))
                .collect(),
            refunds: self.refunds.len(),
        }
    }
}

/// A refund item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundRecord {
    pub refund: Refund,
    pub destination: Destination,
    /// What it takes of each line item (counted on the payment while it has not failed).
    #[serde(default)]
    pub parts: Vec<RefundPart>,
    /// The payment's, for the list's `subscription_id` filter.
    #[serde(default)]
    pub subscription_id: Option<String>,
    /// The timestamp of the last engine event applied to it; absent (not null) until
    /// one is, which the settling write's condition tests for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_at: Option<String>,
}

/// What a refund's idempotency key remembers: the request and the answer it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundKeyRecord {
    pub request_fingerprint: String,
    pub response: Refund,
    /// Epoch seconds; past it the key counts as free even before TTL removes it.
    pub expires_at: i64,
}

fn indexed(item: Item, gsi1: String, gsi2: String, created_at: &str, id: &str) -> Item {
    let sort = table::created_sort_key(created_at, id);
    let item = with(item, table::GSI1PK, s(gsi1));
    let item = with(item, table::GSI1SK, s(&sort));
    let item = with(item, table::GSI2PK, s(gsi2));
    with(item, table::GSI2SK, s(sort))
}

pub fn refund_item(record: &RefundRecord) -> Item {
    let r = &record.refund;
    let item = with_key(to_item(record), &keys::refund(&r.business_id, &r.refund_id));
    indexed(
        item,
        keys::refunds_by_customer(&r.business_id, &r.customer.customer_id),
        keys::refunds_by_business(&r.business_id),
        &r.created_at,
        r.refund_id.as_str(),
    )
}

pub fn key_record_item(business: &BusinessId, key: &str, record: &RefundKeyRecord) -> Item {
    let item = with_key(to_item(record), &keys::refund_idempotency(business, key));
    with(item, table::EXPIRES_AT, n(record.expires_at))
}

/// Writes the engine's payment over the stored one when `condition` holds, keeping every
/// refund amount and summary already on the item (they are this service's own).
pub fn put_payment(table_name: &str, record: &PaymentRecord, condition: &str) -> TransactWriteItem {
    let p = &record.payment;
    let key = keys::payment(&p.business_id, &p.payment_id);
    let sort = table::created_sort_key(&p.created_at, p.payment_id.as_str());
    let update = Update::builder()
        .table_name(table_name)
        .set_key(Some(key_map(&key)))
        .update_expression(
            "SET payment = :payment, line_items = :lines, partial_refund_allowed = :partial, \
             ordered_at = :ordered_at, refunded_amount = if_not_exists(refunded_amount, :zero), \
             GSI1PK = :gsi1, GSI1SK = :sort, GSI2PK = :gsi2, GSI2SK = :sort",
        )
        .condition_expression(condition)
        .expression_attribute_values(":payment", AttributeValue::M(to_item(p)))
        .expression_attribute_values(
            ":lines",
            serde_dynamo::to_attribute_value(&record.line_items).expect("line items serialize"),
        )
        .expression_attribute_values(
            ":partial",
            AttributeValue::Bool(record.partial_refund_allowed),
        )
        .expression_attribute_values(":ordered_at", s(&record.ordered_at))
        .expression_attribute_values(":zero", n(0))
        .expression_attribute_values(
            ":gsi1",
            s(keys::payments_by_customer(
                &p.business_id,
                &p.customer.customer_id,
            )),
        )
        .expression_attribute_values(":gsi2", s(keys::payments_by_business(&p.business_id)))
        .expression_attribute_values(":sort", s(sort))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .expect("table, key and expression set");
    TransactWriteItem::builder().update(update).build()
}

/// How a refund changes its payment's item.
#[derive(Debug, Clone)]
pub struct PaymentChange<'a> {
    pub business: &'a BusinessId,
    pub payment: &'a PaymentId,
    /// The refund's summary as the payment lists it.
    pub summary: &'a RefundListItem,
    /// Added to the refunded total (negative: freed by a failure).
    pub amount: i64,
    /// Added to each line's refunded amount.
    pub parts: Vec<(String, i64)>,
    /// Hold the refunded total within this (the payment's total) and each line within
    /// its amount (by position in `parts`).
    pub caps: Option<(i64, Vec<i64>)>,
    /// Whether the payment must already list the refund (`Some(false)`: must not).
    pub listed: Option<bool>,
}

/// The payment item's update for one refund, conditioned so that refunds that have not
/// failed never take more than the payment (or a line) holds, whatever ran before.
pub fn change_payment(table_name: &str, change: &PaymentChange<'_>) -> TransactWriteItem {
    let key = keys::payment(change.business, change.payment);
    let mut set = vec![
        "refunded_amount = refunded_amount + :amount".to_string(),
        "#refund = :summary".to_string(),
    ];
    let mut conditions = vec!["attribute_exists(PK)".to_string()];
    let mut update = Update::builder()
        .table_name(table_name)
        .set_key(Some(key_map(&key)))
        .expression_attribute_names("#refund", keys::refund_attribute(&change.summary.refund_id))
        .expression_attribute_values(":amount", n(change.amount))
        .expression_attribute_values(":summary", AttributeValue::M(to_item(change.summary)))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
    match change.listed {
        Some(true) => conditions.push("attribute_exists(#refund)".into()),
        Some(false) => conditions.push("attribute_not_exists(#refund)".into()),
        None => {}
    }
    if let Some((total, _)) = &change.caps {
        conditions.push("refunded_amount <= :room".into());
        update = update.expression_attribute_values(":room", n(total - change.amount));
    }
    if !change.parts.is_empty() {
        update = update.expression_attribute_values(":zero", n(0));
    }
    for (i, (items_id, amount)) in change.parts.iter().enumerate() {
        update = update
            .expression_attribute_names(format!("#l{i}"), keys::line_refunded_attribute(items_id))
            .expression_attribute_values(format!(":l{i}"), n(amount));
        set.push(format!("#l{i} = if_not_exists(#l{i}, :zero) + :l{i}"));
        if let Some((_, lines)) = &change.caps {
            conditions.push(format!("(attribute_not_exists(#l{i}) OR #l{i} <= :cap{i})"));
            update = update.expression_attribute_values(format!(":cap{i}"), n(lines[i] - amount));
        }
    }
    let update = update
        .update_expression(format!("SET {}", set.join(", ")))
        .condition_expression(conditions.join(" AND "))
        .build()
        .expect("table, key and expression set");
    TransactWriteItem::builder().update(update).build()
}

/// A new refund item (its id is fresh, so an attempt that already landed fails this).
pub fn put_new_refund(table_name: &str, record: &RefundRecord) -> TransactWriteItem {
    let put = Put::builder()
        .table_name(table_name)
        .set_item(Some(refund_item(record)))
        .condition_expression("attribute_not_exists(PK)")
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .expect("table, item set");
    TransactWriteItem::builder().put(put).build()
}

/// Replaces a refund item if it is still as read (`event_at` as seen).
pub fn replace_refund(
    table_name: &str,
    record: &RefundRecord,
    seen_event_at: Option<&str>,
) -> TransactWriteItem {
    let mut put = Put::builder()
        .table_name(table_name)
        .set_item(Some(refund_item(record)))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
    put = match seen_event_at {
        Some(seen) => put
            .condition_expression("event_at = :seen")
            .expression_attribute_values(":seen", s(seen)),
        None => put.condition_expression("attribute_exists(PK) AND attribute_not_exists(event_at)"),
    };
    TransactWriteItem::builder()
        .put(put.build().expect("table, item set"))
        .build()
}

/// Claims a refund's idempotency key (free, or expired).
pub fn claim_key(
    table_name: &str,
    business: &BusinessId,
    key: &str,
    record: &RefundKeyRecord,
) -> TransactWriteItem {
    let put = Put::builder()
        .table_name(table_name)
        .set_item(Some(key_record_item(business, key, record)))
        .condition_expression("attribute_not_exists(PK) OR expires_at < :now_epoch")
        .expression_attribute_values(":now_epoch", n(platform::time::now().timestamp()))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .expect("table, item set");
    TransactWriteItem::builder().put(put).build()
}

pub async fn payment(
    store: &Store,
    business: &BusinessId,
    payment: &PaymentId,
) -> Result<Option<StoredPayment>, StoreError> {
    store
        .get(&keys::payment(business, payment), true)
        .await?
        .map(StoredPayment::from_item)
        .transpose()
}

pub async fn refund(
    store: &Store,
    business: &BusinessId,
    refund: &RefundId,
) -> Result<Option<RefundRecord>, StoreError> {
    store
        .get(&keys::refund(business, refund), true)
        .await?
        .map(from_item)
        .transpose()
}

/// The items at `item_keys` by key (absent ones missing), in one BatchGetItem.
pub async fn items_by_key(
    store: &Store,
    item_keys: &[ItemKey],
) -> Result<HashMap<(String, String), Item>, StoreError> {
    Ok(store
        .batch_get(item_keys)
        .await?
        .into_iter()
        .filter_map(|item| {
            let pk = item.get(table::PK)?.as_s().ok()?.clone();
            let sk = item.get(table::SK)?.as_s().ok()?.clone();
            Some(((pk, sk), item))
        })
        .collect())
}
