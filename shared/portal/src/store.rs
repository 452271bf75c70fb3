//! Customer portal items: link tokens and browser sessions. Each is keyed by the SHA-256
//! of its secret (the secret itself is never stored) and carries `expires_at`, which
//! reads check and DynamoDB TTL uses to remove it.

use crate::keys;
use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};
use customers::CustomerId;
use platform::dynamo::keys::{EXPIRES_AT, ItemKey};
use platform::dynamo::{
    Item, Store, StoreError, from_item, key_map, n, put_new, to_item, with, with_key,
};
use platform::ids::BusinessId;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A minted portal link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalLink {
    pub business_id: BusinessId,
    pub customer_id: CustomerId,
    pub return_url: Option<String>,
    pub created_at: String,
    /// Epoch seconds.
    pub expires_at: i64,
    /// Set when the link is exchanged for a session; a link opens once.
    pub used: bool,
}

/// A browser session opened with a link; it ends when the link would have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalSessionRecord {
    pub business_id: BusinessId,
    pub customer_id: CustomerId,
    pub return_url: Option<String>,
    pub created_at: String,
    /// Epoch seconds.
    pub expires_at: i64,
}

/// `value` as a new item under `key`, with `expires_at` as its TTL.
fn expiring_item<T: Serialize>(value: &T, key: &ItemKey, expires_at: i64) -> Item {
    with(with_key(to_item(value), key), EXPIRES_AT, n(expires_at))
}

/// Writes a new item keyed by a secret's hash (a fresh secret never collides: the
/// condition only keeps a write from replacing anything).
async fn put_expiring<T: Serialize>(
    store: &Store,
    key: &ItemKey,
    value: &T,
    expires_at: i64,
) -> Result<(), StoreError> {
    store
        .client()
        .put_item()
        .table_name(store.table())
        .set_item(Some(expiring_item(value, key, expires_at)))
        .condition_expression("attribute_not_exists(PK)")
        .send()
        .await
        .map(|_| ())
        .map_err(platform::dynamo::classify)
}

async fn read<T: DeserializeOwned>(store: &Store, key: &ItemKey) -> Result<Option<T>, StoreError> {
    store.get(key, true).await?.map(from_item).transpose()
}

/// Marks a single-use item used, on condition that it is unused and unexpired at `now`.
fn mark_used(store: &Store, key: &ItemKey, now: i64) -> Update {
    Update::builder()
        .table_name(store.table())
        .set_key(Some(key_map(key)))
        .update_expression("SET used = :true")
        .condition_expression("used = :false AND #expires_at > :now")
        .expression_attribute_names("#expires_at", EXPIRES_AT)
        .expression_attribute_values(":true", AttributeValue::Bool(true))
        .expression_attribute_values(":false", AttributeValue::Bool(false))
        .expression_attribute_values(":now", n(now))
        .build()
        .expect("table, key and expressions set")
}

pub async fn put_portal_link(
    store: &Store,
    token_hash: &str,
    link: &PortalLink,
) -> Result<(), StoreError> {
    put_expiring(
        store,
        &keys::portal_token(token_hash),
        link,
        link.expires_at,
    )
    .await
}

pub async fn portal_link(
    store: &Store,
    token_hash: &str,
) -> Result<Option<PortalLink>, StoreError> {
    read(store, &keys::portal_token(token_hash)).await
}

/// Marks the link used and writes the session, in one transaction that succeeds only
/// if the link exists, is unused and has not expired at `now`.
/// `Err(TransactionCanceled)` means it was not (or a concurrent exchange won).
pub async fn exchange_portal_link(
    store: &Store,
    token_hash: &str,
    now: i64,
    session_hash: &str,
    session: &PortalSessionRecord,
) -> Result<(), StoreError> {
    let claim = mark_used(store, &keys::portal_token(token_hash), now);
    let session_item = expiring_item(
        session,
        &keys::portal_session(session_hash),
        session.expires_at,
    );
    store
        .transact(vec![
            TransactWriteItem::builder().update(claim).build(),
            put_new(store.table(), session_item),
        ])
        .await
}

pub async fn portal_session(
    store: &Store,
    session_hash: &str,
) -> Result<Option<PortalSessionRecord>, StoreError> {
    read(store, &keys::portal_session(session_hash)).await
}

/// An e-mail change asked for in the portal, waiting for the new address to confirm it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailChangeRecord {
    pub business_id: BusinessId,
    pub customer_id: CustomerId,
    pub old_email: String,
    pub new_email: String,
    /// The customer's `preferred_locale` when the change was asked for: the confirmation
    /// page speaks the e-mail's language.
    #[serde(default)]
    pub preferred_locale: Option<String>,
    pub created_at: String,
    /// Epoch seconds.
    pub expires_at: i64,
    /// Set when the change is confirmed; a link confirms once.
    pub used: bool,
}

pub async fn put_email_change(
    store: &Store,
    token_hash: &str,
    change: &EmailChangeRecord,
) -> Result<(), StoreError> {
    put_expiring(
        store,
        &keys::email_change(token_hash),
        change,
        change.expires_at,
    )
    .await
}

pub async fn email_change(
    store: &Store,
    token_hash: &str,
) -> Result<Option<EmailChangeRecord>, StoreError> {
    read(store, &keys::email_change(token_hash)).await
}

/// Marks a change confirmed, on condition that it is unused and unexpired at `now`.
pub async fn use_email_change(store: &Store, token_hash: &str, now: i64) -> Result<(), StoreError> {
    let claim = mark_used(store, &keys::email_change(token_hash), now);
    store
        .client()
        .update_item()
        .table_name(store.table())
        .set_key(Some(claim.key))
        .update_expression(claim.update_expression)
        .set_condition_expression(claim.condition_expression)
        .set_expression_attribute_names(claim.expression_attribute_names)
        .set_expression_attribute_values(claim.expression_attribute_values)
        .send()
        .await
        .map(|_| ())
        .map_err(platform::dynamo::classify)
}
