//! Wallet storage: the one conditional update that moves a balance, idempotency claims,
//! and the ledger that the projection (`projection.rs`) derives from the wallet's changes.
//!
//! A balance changes by a plain conditional `UpdateItem` on the wallet, never by a
//! transaction: DynamoDB serializes plain writes to one item itself, so concurrent
//! writers queue instead of cancelling each other (a hot wallet runs near the speed of
//! raw writes). The entry rides on the wallet item as `last_entry`; the table's stream
//! delivers each wallet change exactly once and in order, and the projection turns it
//! into the ledger entry at the version it produced.

use crate::LedgerEntryId;
use crate::keys;
use crate::ledger::{CustomerWalletTransaction, EntryDoc};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{
    AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure, TransactWriteItem, Update,
};
use customers::CustomerId;
use customers::accounts::{CustomerWallet, StoredWallet};
use customers::keys::{customer_pk, wallet as wallet_key};
use platform::dynamo::keys as table;
use platform::dynamo::{Item, Store, StoreError, from_item, key_map, n, s, to_item, with_key};
use platform::ids::BusinessId;
use platform::money::CurrencyCode;
use platform::paging::Page;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The wallet item as the wallets context reads it: the account (customers context)
/// and the entry that made its current version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalletRecord {
    #[serde(flatten)]
    pub account: StoredWallet,
    #[serde(default)]
    pub last_entry: Option<EntryDoc>,
}

impl WalletRecord {
    pub fn made_by(&self, entry: &LedgerEntryId) -> bool {
        self.last_entry.as_ref().is_some_and(|e| &e.id == entry)
    }
}

/// What an idempotency key remembers: which request claimed it, its entry, and (once the
/// entry is in the ledger) what was answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    pub request_fingerprint: String,
    pub entry_id: LedgerEntryId,
    /// `None` while the entry is not yet in the ledger (in flight, or never applied);
    /// then the attribute is absent, which the claim's conditions test for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<CustomerWallet>,
    pub created_at: String,
    /// Epoch seconds; past it the record counts as gone even before TTL removes it.
    pub expires_at: i64,
}

/// Where an applied entry landed, written by the projection; it answers "did this
/// entry happen?" for a request whose outcome was lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryLocation {
    pub currency: CurrencyCode,
    pub version: u64,
    pub after_balance: i64,
    pub created_at: String,
}

/// How far the projection has written a wallet's ledger.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Watermark {
    pub version: u64,
}

/// Why an entry was not applied.
#[derive(Debug)]
pub enum ApplyRefusal {
    /// The condition failed: here is the wallet as it stands (`None`: no such wallet).
    Refused(Option<Box<WalletRecord>>),
    /// Not applied because a transaction (an erasure) held the wallet or DynamoDB was
    /// throttling: try again.
    Contended,
    /// The request may or may not have been applied.
    OutcomeUnknown(String),
    Store(StoreError),
}

type UpdateError = SdkError<UpdateItemError, aws_sdk_dynamodb::config::http::HttpResponse>;

/// A refused update's condition: `Ok` with the item as it stood (ALL_OLD); any other
/// failure classified.
fn condition_refusal(error: UpdateError) -> Result<Option<Item>, StoreError> {
    match error {
        SdkError::ServiceError(service)
            if matches!(
                service.err(),
                UpdateItemError::ConditionalCheckFailedException(_)
            ) =>
        {
            match service.into_err() {
                UpdateItemError::ConditionalCheckFailedException(refusal) => Ok(refusal.item),
                _ => Ok(None),
            }
        }
        other => Err(platform::dynamo::classify(other)),
    }
}

/// The one update that moves a wallet's balance by `entry` and makes it the wallet's
/// `last_entry`, whether sent alone ([`apply_entry`]) or inside another context's
/// transaction ([`entry_action`]): the projection derives the ledger entry from it either
/// way. The result must stay within `[0, ceiling]` and the wallet must exist.
const ENTRY_UPDATE: &str = "SET balance = balance + :delta, updated_at = :now, last_entry = :entry \
     ADD version :one";
const ENTRY_CONDITION: &str = "attribute_exists(PK) AND balance >= :floor AND balance <= :top";

fn entry_values(entry: &EntryDoc, ceiling: i64) -> HashMap<String, AttributeValue> {
    let (delta, floor, top) = if entry.is_credit {
        (entry.amount, 0, ceiling - entry.amount)
    } else {
        (-entry.amount, entry.amount, ceiling)
    };
    HashMap::from([
        (":delta".to_string(), n(delta)),
        (":floor".to_string(), n(floor)),
        (":top".to_string(), n(top)),
        (":one".to_string(), n(1)),
        (":now".to_string(), s(&entry.created_at)),
        (":entry".to_string(), AttributeValue::M(to_item(entry))),
    ])
}

/// [`apply_entry`]'s update as an action of a caller's transaction (a refund to the
/// wallet commits its credit with the refund). On refusal the wallet as it stood comes
/// back in the cancellation reason (`None` there: no such wallet).
pub fn entry_action(
    table_name: &str,
    business: &BusinessId,
    customer: &CustomerId,
    currency: CurrencyCode,
    entry: &EntryDoc,
    ceiling: i64,
) -> TransactWriteItem {
    let update = Update::builder()
        .table_name(table_name)
        .set_key(Some(key_map(&wallet_key(business, customer, currency))))
        .update_expression(ENTRY_UPDATE)
        .condition_expression(ENTRY_CONDITION)
        .set_expression_attribute_values(Some(entry_values(entry, ceiling)))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .expect("table, key and expressions set");
    TransactWriteItem::builder().update(update).build()
}

/// Credits or debits the wallet by `entry`, if the result stays within `[0, ceiling]`
/// and the wallet exists. DynamoDB applies it to the latest state whatever runs
/// concurrently; on success it returns the wallet after the entry, on refusal the
/// wallet as it stood.
pub async fn apply_entry(
    store: &Store,
    business: &BusinessId,
    customer: &CustomerId,
    currency: CurrencyCode,
    entry: &EntryDoc,
    ceiling: i64,
) -> Result<WalletRecord, ApplyRefusal> {
    let result = store
        .client()
        .update_item()
        .table_name(store.table())
        .set_key(Some(key_map(&wallet_key(business, customer, currency))))
        .update_expression(ENTRY_UPDATE)
        .condition_expression(ENTRY_CONDITION)
        .set_expression_attribute_values(Some(entry_values(entry, ceiling)))
        .return_values(ReturnValue::AllNew)
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        // Adding to a balance is not idempotent: the SDK must not send it again on its
        // own after a lost answer. The caller finds out whether it landed instead.
        .customize()
        .config_override(
            aws_sdk_dynamodb::config::Builder::default()
                .retry_config(aws_sdk_dynamodb::config::retry::RetryConfig::disabled()),
        )
        .send()
        .await;
    match result.map_err(condition_refusal) {
        Ok(out) => {
            let item = out.attributes.ok_or_else(|| {
                ApplyRefusal::Store(StoreError::Other("no wallet after update".into()))
            })?;
            from_item(item).map_err(ApplyRefusal::Store)
        }
        Err(Ok(current)) => {
            let current = current
                .map(from_item)
                .transpose()
                .map_err(ApplyRefusal::Store)?;
            Err(ApplyRefusal::Refused(current.map(Box::new)))
        }
        Err(Err(failure)) => Err(match failure {
            StoreError::Ambiguous(detail) => ApplyRefusal::OutcomeUnknown(detail),
            // Not applied: a transaction held the wallet, or DynamoDB shed the load.
            StoreError::Throttled => ApplyRefusal::Contended,
            refusal @ StoreError::TransactionCanceled(_) if refusal.is_contention() => {
                ApplyRefusal::Contended
            }
            other => ApplyRefusal::Store(other),
        }),
    }
}

/// The wallet as it stands (strongly consistent).
pub async fn wallet(
    store: &Store,
    business: &BusinessId,
    customer: &CustomerId,
    currency: CurrencyCode,
) -> Result<Option<WalletRecord>, StoreError> {
    store
        .get(&wallet_key(business, customer, currency), true)
        .await?
        .map(from_item)
        .transpose()
}

/// Claims an idempotency key for `record`'s entry. Refused when the key is taken (and not
/// expired): then the record that holds it comes back.
pub async fn claim_key(
    store: &Store,
    business: &BusinessId,
    customer: &CustomerId,
    key: &str,
    record: &IdempotencyRecord,
) -> Result<Option<IdempotencyRecord>, StoreError> {
    let item = with_key(
        to_item(record),
        &keys::idempotency_record(business, customer, key),
    );
    let result = store
        .client()
        .put_item()
        .table_name(store.table())
        .set_item(Some(platform::dynamo::with(
            item,
            table::EXPIRES_AT,
            n(record.expires_at),
        )))
        .condition_expression("attribute_not_exists(PK) OR expires_at < :now_epoch")
        .expression_attribute_values(":now_epoch", n(platform::time::now().timestamp()))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .send()
        .await;
    match result {
        Ok(_) => Ok(None),
        Err(SdkError::ServiceError(service))
            if service.err().is_conditional_check_failed_exception() =>
        {
            let holder = match service.into_err() {
                PutItemError::ConditionalCheckFailedException(refusal) => refusal.item,
                _ => None,
            }
            .ok_or_else(|| StoreError::Other("refused claim without its holder".into()))?;
            Ok(Some(from_item(holder)?))
        }
        Err(other) => Err(platform::dynamo::classify(other)),
    }
}

/// Hands a pending claim from the entry that never happened to a new one. False when the
/// claim moved on meanwhile (another retry took it, or its entry landed); true also when
/// an earlier attempt of this very take-over landed (its answer lost).
pub async fn take_over_claim(
    store: &Store,
    business: &BusinessId,
    customer: &CustomerId,
    key: &str,
    from: &LedgerEntryId,
    to: &LedgerEntryId,
) -> Result<bool, StoreError> {
    let result = store
        .client()
        .update_item()
        .table_name(store.table())
        .set_key(Some(key_map(&keys::idempotency_record(
            business, customer, key,
        ))))
        .update_expression("SET entry_id = :to")
        .condition_expression("entry_id = :from AND attribute_not_exists(#response)")
        .expression_attribute_names("#response", "response")
        .expression_attribute_values(":from", s(from.as_str()))
        .expression_attribute_values(":to", s(to.as_str()))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .send()
        .await;
    match result.map_err(condition_refusal) {
        Ok(_) => Ok(true),
        Err(Ok(holder)) => {
            let holder = holder.map(from_item::<IdempotencyRecord>).transpose()?;
            Ok(holder.is_some_and(|h| &h.entry_id == to && h.response.is_none()))
        }
        Err(Err(failure)) => Err(failure),
    }
}

/// Gives up a claim whose entry was refused, so the key can be used again (a refused
/// request leaves nothing behind).
pub async fn release_claim(
    store: &Store,
    business: &BusinessId,
    customer: &CustomerId,
    key: &str,
    entry: &LedgerEntryId,
) -> Result<(), StoreError> {
    let result = store
        .client()
        .delete_item()
        .table_name(store.table())
        .set_key(Some(key_map(&keys::idempotency_record(
            business, customer, key,
        ))))
        .condition_expression("entry_id = :entry AND attribute_not_exists(#response)")
        .expression_attribute_names("#response", "response")
        .expression_attribute_values(":entry", s(entry.as_str()))
        .send()
        .await
        .map_err(platform::dynamo::classify);
    match result {
        Ok(_) | Err(StoreError::ConditionFailed) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Where the projection put an entry, if it has.
pub async fn entry_location(
    store: &Store,
    business: &BusinessId,
    entry: &LedgerEntryId,
) -> Result<Option<EntryLocation>, StoreError> {
    store
        .get(&keys::entry_location(business, entry), true)
        .await?
        .map(from_item)
        .transpose()
}

/// The wallets of `currencies` and how far their ledgers are projected, in one request.
pub async fn wallets_and_watermarks(
    store: &Store,
    business: &BusinessId,
    customer: &CustomerId,
    currencies: &[CurrencyCode],
) -> Result<Vec<(WalletRecord, u64)>, StoreError> {
    let mut wanted = Vec::with_capacity(currencies.len() * 2);
    for &currency in currencies {
        wanted.push(wallet_key(business, customer, currency));
        wanted.push(keys::watermark(business, customer, currency));
    }
    let mut wallets = Vec::new();
    let mut watermarks = std::collections::HashMap::new();
    for item in store.batch_get(&wanted).await? {
        let sk = match item.get(table::SK) {
            Some(AttributeValue::S(sk)) => sk.clone(),
            _ => return Err(StoreError::Other("item without sort key".into())),
        };
        if sk.starts_with(customers::keys::WALLET_SK_PREFIX) {
            wallets.push(from_item::<WalletRecord>(item)?);
        } else {
            watermarks.insert(sk, from_item::<Watermark>(item)?.version);
        }
    }
    Ok(wallets
        .into_iter()
        .map(|w| {
            let sk = keys::watermark(business, customer, w.account.wallet.currency).sk;
            let projected = watermarks.get(&sk).copied().unwrap_or(0);
            (w, projected)
        })
        .collect())
}

/// The ledger entry item at `version` of its wallet, with its time-ordered index keys.
pub fn ledger_item(entry: &CustomerWalletTransaction, version: u64) -> Item {
    let (business, customer, currency) = (&entry.business_id, &entry.customer_id, entry.currency);
    let item = with_key(
        to_item(entry),
        &keys::ledger_entry(business, customer, currency, version),
    );
    let item = platform::dynamo::with(
        item,
        table::GSI1PK,
        s(keys::ledger_by_created(business, customer)),
    );
    platform::dynamo::with(
        item,
        table::GSI1SK,
        s(table::created_sort_key(
            &entry.created_at,
            &format!("{currency}#{version:012}"),
        )),
    )
}

/// A wallet's watermark item at `version`, with its time-ordered index keys. Only the
/// projection writes it, after the entries up to `version` are written, and it runs
/// one batch at a time per stream shard, in order, so the watermark only moves forward.
pub fn watermark_item(
    business: &BusinessId,
    customer: &CustomerId,
    currency: CurrencyCode,
    version: u64,
) -> Item {
    let item = with_key(
        to_item(&Watermark { version }),
        &keys::watermark(business, customer, currency),
    );
    let item = platform::dynamo::with(
        item,
        table::GSI1PK,
        s(keys::ledger_by_created(business, customer)),
    );
    platform::dynamo::with(item, table::GSI1SK, s(keys::watermark_by_created(currency)))
}

/// A page of the ledger and, read in the same query, how far each wallet in it has been
/// projected (its watermark, which sorts before the newest entry).
#[derive(Debug, Default)]
pub struct LedgerPage {
    pub entries: Vec<CustomerWalletTransaction>,
    pub projected: std::collections::HashMap<CurrencyCode, u64>,
}

#[derive(Deserialize)]
struct StoredWatermark {
    #[serde(rename = "SK")]
    sort_key: String,
    version: u64,
}

/// One page of a customer's ledger, newest first: one wallet's entries in exact order,
/// or all currencies by time; `currencies` is how many wallets the read may meet (their
/// watermarks come first).
pub async fn ledger_entries(
    store: &Store,
    business: &BusinessId,
    customer: &CustomerId,
    currency: Option<CurrencyCode>,
    currencies: usize,
    page: Page,
) -> Result<LedgerPage, StoreError> {
    let query = store
        .client()
        .query()
        .table_name(store.table())
        .scan_index_forward(false);
    let query = match currency {
        Some(currency) => query
            .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
            .expression_attribute_values(":pk", s(customer_pk(business, customer)))
            .expression_attribute_values(":prefix", s(keys::ledger_sk_prefix(currency)))
            .consistent_read(true),
        None => query
            .index_name(table::GSI1)
            .key_condition_expression("GSI1PK = :pk")
            .expression_attribute_values(":pk", s(keys::ledger_by_created(business, customer))),
    };
    let mut read = LedgerPage::default();
    let mut entries = Vec::with_capacity(page.offset + page.size);
    let watermarks = if currency.is_some() { 1 } else { currencies };
    store
        .query_until(
            query,
            Some(page.offset + page.size + watermarks),
            true,
            |item| {
                match item.get(table::SK) {
                    Some(AttributeValue::S(sk)) if sk.ends_with(keys::WATERMARK_SUFFIX) => {
                        let mark: StoredWatermark = from_item(item)?;
                        let code = mark
                            .sort_key
                            .split('#')
                            .nth(1)
                            .and_then(|c| c.parse().ok())
                            .ok_or_else(|| {
                                StoreError::Other("watermark without currency".into())
                            })?;
                        read.projected.insert(code, mark.version);
                    }
                    _ => entries.push(from_item(item)?),
                }
                Ok(true)
            },
        )
        .await?;
    read.entries = entries
        .into_iter()
        .skip(page.offset)
        .take(page.size)
        .collect();
    Ok(read)
}
