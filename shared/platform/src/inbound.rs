//! The contract between the ingest context, which verifies, deduplicates and keeps the
//! payment engine's signed events, and the contexts that own the objects those events
//! carry (billing: payments, refunds, subscriptions; licensing: license keys).
//!
//! An owning context never writes an event's effect itself: it *plans* the conditional
//! writes, and ingest commits them in the same `TransactWriteItems` as the event's own
//! record. That transaction is what makes an event's effect exactly-once per
//! `webhook-id`: the record's `attribute_not_exists` condition and the effect commit or
//! fail together.
//!
//! Ordering: a plan made without reading ([`Current::Unread`]) must carry conditions
//! that fail when the stored object is newer than the event (or needs merging). When
//! they fail, ingest reads [`EventPlan::reads`] and asks again with [`Current::Read`];
//! the owner then answers the merged writes, or [`Planned::Stale`].

use crate::dynamo::Item;
use crate::dynamo::keys::ItemKey;
use crate::ids::BusinessId;
use aws_sdk_dynamodb::types::TransactWriteItem;
use chrono::{DateTime, Utc};

/// One verified event, as the engine's envelope `{business_id, type, timestamp, data}`
/// carried it; `business` is the ingest endpoint's owner, never the envelope's claim.
#[derive(Debug, Clone, Copy)]
pub struct InboundEvent<'a> {
    pub business: &'a BusinessId,
    pub webhook_id: &'a str,
    pub event_type: &'a str,
    pub timestamp: DateTime<Utc>,
    pub data: &'a serde_json::Value,
}

/// What the owner knows of the stored objects when planning.
#[derive(Debug, Clone, Copy)]
pub enum Current<'a> {
    /// Nothing read: plan blind, with conditions that fail unless the event is newer.
    Unread,
    /// The items at [`EventPlan::reads`], in that order (`None`: absent), read strongly.
    Read(&'a [Option<Item>]),
}

/// The customer an event's object belongs to, as the event describes them (Dodo's
/// `customer` object). Ingest creates them, wallets included, when they are unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerSnapshot {
    pub customer_id: String,
    pub email: String,
    pub name: String,
    pub phone_number: Option<String>,
}

#[derive(Debug)]
pub struct EventPlan {
    /// Conditional writes making the event's effect; none may touch the event record.
    pub actions: Vec<TransactWriteItem>,
    /// The items whose conditions decide ordering: read when a blind plan's conditions
    /// fail, then passed back as [`Current::Read`].
    pub reads: Vec<ItemKey>,
    pub customer: Option<CustomerSnapshot>,
}

#[derive(Debug)]
pub enum Planned {
    Write(EventPlan),
    /// The stored state is newer than the event: keep the event, apply nothing.
    Stale,
}

#[derive(Debug, PartialEq, Eq)]
pub enum EventRefusal {
    /// Not one of this owner's event types (ingest keeps it, applies nothing).
    NotHandled,
    /// The type is handled but `data` is not the object it names.
    InvalidData(String),
}

/// Every owning context's planner has this shape; ingest tries each in turn.
pub type Planner = fn(&InboundEvent<'_>, Current<'_>, &str) -> Result<Planned, EventRefusal>;
