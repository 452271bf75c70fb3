//! Wallet balance changes: the conditional transaction that keeps balance, ledger and
//! idempotency record in step, and ledger queries.

use crate::LedgerEntryId;
use crate::keys;
use crate::ledger::CustomerWalletTransaction;
use aws_sdk_dynamodb::types::{
    Put, ReturnValuesOnConditionCheckFailure, TransactWriteItem, Update,
};
use customers::CustomerId;
use customers::accounts::CustomerWallet;
use customers::accounts::StoredWallet;
use customers::keys::{customer_pk, wallet as wallet_key};
use platform::dynamo::keys as table;
use platform::dynamo::{
    Item, Store, StoreError, from_item, key_map, n, put_new, s, to_item, with, with_key,
};
use platform::ids::BusinessId;
use platform::money::CurrencyCode;
use platform::paging::Page;
use serde::{Deserialize, Serialize};

/// What an idempotency key remembers: which request it was and what was answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    pub request_fingerprint: String,
    pub entry_id: LedgerEntryId,
    pub response: CustomerWallet,
    pub created_at: String,
    /// Epoch seconds; past it the record counts as gone even before TTL removes it.
    pub expires_at: i64,
}

/// Why an entry was not appended.
#[derive(Debug)]
pub enum AppendRefusal {
    /// The wallet is not as read: here is how it stands (`None`: it is gone).
    WalletMoved(Option<StoredWallet>),
    /// The idempotency key is taken (by an earlier request, or this one's own commit
    /// whose answer was lost): here is its record.
    KeyUsed(IdempotencyRecord),
    /// Another transaction held an item (TransactionConflict): try again.
    Contended,
    /// The request may or may not have committed.
    OutcomeUnknown(String),
    Store(StoreError),
}

/// Everything an attempt to append an entry needs to know, read in one request.
#[derive(Debug, Default)]
pub struct WalletSnapshot {
    pub wallet: Option<StoredWallet>,
    pub idempotency: Option<IdempotencyRecord>,
    /// The entry at the version a previous attempt of this request tried to write.
    pub probed_entry: Option<CustomerWalletTransaction>,
}

pub struct WalletRead<'a> {
    pub business_id: &'a BusinessId,
    pub customer_id: &'a CustomerId,
    pub currency: CurrencyCode,
    pub idempotency_key: Option<&'a str>,
    pub probe_version: Option<u64>,
}

fn ledger_item(business_id: &BusinessId, entry: &CustomerWalletTransaction, version: u64) -> Item {
    let currency = entry.currency;
    let item = with_key(
        to_item(entry),
        &keys::ledger_entry(business_id, &entry.customer_id, currency, version),
    );
    let item = with(
        item,
        table::GSI1PK,
        s(keys::ledger_by_created(business_id, &entry.customer_id)),
    );
    with(
        item,
        table::GSI1SK,
        s(table::created_sort_key(
            &entry.created_at,
            &format!("{currency}#{version:012}"),
        )),
    )
}

/// Reads the wallet, and in the same request the idempotency record and the probed
/// ledger entry when asked for (strongly consistent).
pub async fn wallet_snapshot(
    store: &Store,
    read: &WalletRead<'_>,
) -> Result<WalletSnapshot, StoreError> {
    let wallet_key = wallet_key(read.business_id, read.customer_id, read.currency);
    let idempotency_key = read
        .idempotency_key
        .map(|k| keys::idempotency_record(read.business_id, read.customer_id, k));
    let probe_key = read
        .probe_version
        .map(|v| keys::ledger_entry(read.business_id, read.customer_id, read.currency, v));
    let mut snapshot = WalletSnapshot::default();
    if idempotency_key.is_none() && probe_key.is_none() {
        snapshot.wallet = store
            .get(&wallet_key, true)
            .await?
            .map(from_item)
            .transpose()?;
        return Ok(snapshot);
    }
    let wanted: Vec<table::ItemKey> =
        [Some(wallet_key.clone()), idempotency_key.clone(), probe_key]
            .into_iter()
            .flatten()
            .collect();
    for item in store.batch_get(&wanted).await? {
        let sk = match item.get(table::SK) {
            Some(aws_sdk_dynamodb::types::AttributeValue::S(sk)) => sk.clone(),
            _ => return Err(StoreError::Other("item without sort key".into())),
        };
        if sk == wallet_key.sk {
            snapshot.wallet = Some(from_item(item)?);
        } else if idempotency_key.as_ref().is_some_and(|k| k.sk == sk) {
            snapshot.idempotency = Some(from_item(item)?);
        } else {
            snapshot.probed_entry = Some(from_item(item)?);
        }
    }
    Ok(snapshot)
}

/// Appends `entry` as version `wallet.version + 1` of the wallet, in one transaction
/// with the new balance and the idempotency record. Writes nothing unless the wallet
/// is still exactly as `wallet` says and the idempotency key is unused; when it is
/// not, the refusal carries the item as it stands, so the caller needs no re-read.
pub async fn append_ledger_entry(
    store: &Store,
    business_id: &BusinessId,
    wallet: &StoredWallet,
    entry: &CustomerWalletTransaction,
    idempotency: Option<(&str, &IdempotencyRecord)>,
) -> Result<(), AppendRefusal> {
    let currency = entry.currency;
    let next_version = wallet.version + 1;
    let update = Update::builder()
        .table_name(store.table())
        .set_key(Some(key_map(&wallet_key(
            business_id,
            &entry.customer_id,
            currency,
        ))))
        .update_expression(
            "SET balance = :after, version = :next, updated_at = :now, last_entry_id = :entry",
        )
        .condition_expression("version = :expected AND balance = :before")
        .expression_attribute_values(":after", n(entry.after_balance))
        .expression_attribute_values(":before", n(entry.before_balance))
        .expression_attribute_values(":next", n(next_version))
        .expression_attribute_values(":expected", n(wallet.version))
        .expression_attribute_values(":now", s(&entry.created_at))
        .expression_attribute_values(":entry", s(entry.id.as_str()))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .expect("table, key, expression set");
    let mut actions = vec![
        TransactWriteItem::builder().update(update).build(),
        put_new(store.table(), ledger_item(business_id, entry, next_version)),
    ];
    if let Some((key, record)) = idempotency {
        let item = with_key(
            to_item(record),
            &keys::idempotency_record(business_id, &entry.customer_id, key),
        );
        let put = Put::builder()
            .table_name(store.table())
            .set_item(Some(with(item, table::EXPIRES_AT, n(record.expires_at))))
            .condition_expression("attribute_not_exists(PK) OR expires_at < :now_epoch")
            .expression_attribute_values(":now_epoch", n(platform::time::now().timestamp()))
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .build()
            .expect("table, item set");
        actions.push(TransactWriteItem::builder().put(put).build());
    }
    let reasons = match store.transact(actions).await {
        Ok(()) => return Ok(()),
        Err(StoreError::TransactionCanceled(reasons)) => reasons,
        Err(StoreError::Ambiguous(detail)) => {
            return Err(AppendRefusal::OutcomeUnknown(detail));
        }
        Err(other) => return Err(AppendRefusal::Store(other)),
    };
    let refused_item = |index: usize| {
        reasons
            .get(index)
            .filter(|r| r.condition_failed())
            .map(|r| r.item.clone())
    };
    if let Some(Some(record)) = refused_item(2) {
        return Err(AppendRefusal::KeyUsed(
            from_item(record).map_err(AppendRefusal::Store)?,
        ));
    }
    if let Some(current) = refused_item(0) {
        let current = current
            .map(from_item)
            .transpose()
            .map_err(AppendRefusal::Store)?;
        return Err(AppendRefusal::WalletMoved(current));
    }
    let refusal = StoreError::TransactionCanceled(reasons);
    if refusal.is_contention() {
        Err(AppendRefusal::Contended)
    } else {
        Err(AppendRefusal::Store(refusal))
    }
}

/// One page of a customer's ledger, newest first: one wallet's entries in exact
/// order, or all currencies by time.
pub async fn ledger_entries(
    store: &Store,
    business_id: &BusinessId,
    customer_id: &CustomerId,
    currency: Option<CurrencyCode>,
    page: Page,
) -> Result<Vec<CustomerWalletTransaction>, StoreError> {
    let wanted = page.offset + page.size;
    let mut entries = Vec::with_capacity(wanted);
    let mut start_key = None;
    loop {
        let query = store
            .client()
            .query()
            .table_name(store.table())
            .scan_index_forward(false);
        let query = match currency {
            Some(currency) => query
                .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
                .expression_attribute_values(":pk", s(customer_pk(business_id, customer_id)))
                .expression_attribute_values(":prefix", s(keys::ledger_sk_prefix(currency))),
            None => query
                .index_name(table::GSI1)
                .key_condition_expression("GSI1PK = :pk")
                .expression_attribute_values(
                    ":pk",
                    s(keys::ledger_by_created(business_id, customer_id)),
                ),
        };
        let out = query
            .limit(i32::try_from(wanted - entries.len()).unwrap_or(i32::MAX))
            .set_exclusive_start_key(start_key.take())
            .send()
            .await
            .map_err(platform::dynamo::classify)?;
        for item in out.items.unwrap_or_default() {
            entries.push(from_item(item)?);
        }
        start_key = out.last_evaluated_key;
        if entries.len() >= wanted || start_key.is_none() {
            break;
        }
    }
    Ok(entries
        .into_iter()
        .skip(page.offset)
        .take(page.size)
        .collect())
}
