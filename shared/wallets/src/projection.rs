//! The ledger, derived from the wallets' changes exactly once and in order.
//!
//! Each balance change is one update of the wallet item carrying the entry that made it
//! (`last_entry`). The table's stream (DynamoDB Streams: every change of an item, in the
//! order made, with its before and after images) feeds this projection, which writes for
//! each change:
//! - the ledger entry at the version the change produced, with the before and after
//!   balances from the images (so the chain is exact by construction);
//! - where the entry can be found by its id (`EntryLocation`);
//! - the completed idempotency record, when the request carried a key;
//! - and, per wallet, the version it has projected up to (the watermark), which the
//!   ledger list waits for so that a client reads its own writes.
//!
//! Writing the same change twice writes the same items (a redelivered batch is
//! harmless), and entries are keyed by version, so their order never depends on the
//! order the projection runs in. In AWS a stream-triggered function runs it; locally the
//! local server polls the stream and runs the same code.

use crate::keys;
use crate::ledger::{CustomerWalletTransaction, IDEMPOTENCY_RETENTION_SECONDS, verify_chain_from};
use crate::store::{EntryLocation, IdempotencyRecord, WalletRecord, ledger_item, watermark_item};
use customers::CustomerId;
use customers::keys::WALLET_SK_PREFIX;
use platform::app::AppState;
use platform::dynamo::keys as table;
use platform::dynamo::{Item, Store, StoreError, from_item, n, to_item, with, with_key};
use platform::ids::BusinessId;
use platform::money::CurrencyCode;
use platform::stream::ItemChange;
use std::collections::HashMap;

/// The items one wallet change projects to, and the version it reached.
struct Projected {
    items: Vec<Item>,
    watermark: ((BusinessId, CustomerId, CurrencyCode), u64),
}

fn is_wallet(item: &Item) -> bool {
    matches!(item.get(table::SK), Some(aws_sdk_dynamodb::types::AttributeValue::S(sk)) if sk.starts_with(WALLET_SK_PREFIX))
}

/// What one change projects to; `None` for changes that are not ledger entries (other
/// items, a wallet's creation or erasure).
fn project_change(change: &ItemChange) -> Result<Option<Projected>, StoreError> {
    let (Some(old), Some(new)) = (&change.old, &change.new) else {
        return Ok(None);
    };
    if !is_wallet(new) {
        return Ok(None);
    }
    let before: WalletRecord = from_item(old.clone())?;
    let after: WalletRecord = from_item(new.clone())?;
    let Some(doc) = after.last_entry.clone() else {
        return Ok(None);
    };
    let version = after.account.version;
    if version <= before.account.version {
        return Ok(None);
    }
    let wallet = &after.account.wallet;
    let entry = CustomerWalletTransaction {
        id: doc.id.clone(),
        customer_id: wallet.customer_id.clone(),
        business_id: doc.business_id.clone(),
        currency: wallet.currency,
        amount: doc.amount,
        is_credit: doc.is_credit,
        before_balance: before.account.wallet.balance,
        after_balance: wallet.balance,
        event_type: doc.event_type.clone(),
        reason: doc.reason.clone(),
        reference_object_id: doc.reference_object_id.clone(),
        created_at: doc.created_at.clone(),
    };
    // One update moves the version by one and the balance by the entry: anything else
    // means a writer bypassed `store::apply_entry`.
    if version != before.account.version + 1
        || verify_chain_from(
            entry.before_balance,
            std::slice::from_ref(&entry),
            entry.after_balance,
        )
        .is_err()
    {
        return Err(StoreError::Other(format!(
            "wallet change to version {version} does not chain with its entry"
        )));
    }
    let business = &doc.business_id;
    let location = EntryLocation {
        currency: wallet.currency,
        version,
        after_balance: wallet.balance,
        created_at: doc.created_at.clone(),
    };
    let mut items = vec![
        ledger_item(&entry, version),
        with_key(to_item(&location), &keys::entry_location(business, &doc.id)),
    ];
    if let (Some(key), Some(fingerprint)) = (&doc.idempotency_key, &doc.request_fingerprint) {
        let expires_at = platform::time::parse_filter(&doc.created_at)
            .map_or_else(|| platform::time::now().timestamp(), |t| t.timestamp())
            + IDEMPOTENCY_RETENTION_SECONDS;
        let record = IdempotencyRecord {
            request_fingerprint: fingerprint.clone(),
            entry_id: doc.id.clone(),
            response: Some(wallet.clone()),
            created_at: doc.created_at.clone(),
            expires_at,
        };
        let item = with_key(
            to_item(&record),
            &keys::idempotency_record(business, &wallet.customer_id, key),
        );
        items.push(with(item, table::EXPIRES_AT, n(expires_at)));
    }
    Ok(Some(Projected {
        items,
        watermark: (
            (
                business.clone(),
                wallet.customer_id.clone(),
                wallet.currency,
            ),
            version,
        ),
    }))
}

/// The stream consumer's handler (`routes::PROJECT_LEDGER`).
pub async fn consume(state: &AppState, changes: Vec<ItemChange>) -> Result<(), String> {
    project(&state.store, &changes)
        .await
        .map(|entries| {
            if entries > 0 {
                tracing::debug!(entries, "ledger entries projected");
            }
        })
        .map_err(|e| e.to_string())
}

/// Projects a batch of changes (in stream order). Returns how many ledger entries it wrote.
pub async fn project(store: &Store, changes: &[ItemChange]) -> Result<usize, StoreError> {
    let mut items = Vec::new();
    let mut watermarks: HashMap<(BusinessId, CustomerId, CurrencyCode), u64> = HashMap::new();
    let mut entries = 0;
    for change in changes {
        if let Some(projected) = project_change(change)? {
            entries += 1;
            items.extend(projected.items);
            let (key, version) = projected.watermark;
            let highest = watermarks.entry(key).or_default();
            *highest = (*highest).max(version);
        }
    }
    // Entries first: a watermark must never claim an entry that is not written yet.
    store.put_all(items).await?;
    let marks = watermarks
        .into_iter()
        .map(|((business, customer, currency), version)| {
            watermark_item(&business, &customer, currency, version)
        })
        .collect();
    store.put_all(marks).await?;
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LedgerEntryId;
    use crate::ledger::EntryDoc;
    use customers::accounts::{CustomerWallet, StoredWallet, wallet_item};

    fn wallet(balance: i64, version: u64, entry: Option<(&str, i64, bool)>) -> Item {
        let business = BusinessId::parse("bus_1").unwrap();
        let account = StoredWallet {
            wallet: CustomerWallet {
                customer_id: CustomerId::parse("cus_1").unwrap(),
                currency: CurrencyCode::USD,
                balance,
                created_at: "2026-01-01T00:00:00.000000Z".into(),
                updated_at: "2026-01-01T00:00:00.000000Z".into(),
            },
            version,
        };
        let mut item = wallet_item(&business, &account);
        if let Some((id, amount, is_credit)) = entry {
            let doc = EntryDoc {
                id: LedgerEntryId::parse(id).unwrap(),
                business_id: business,
                amount,
                is_credit,
                event_type: "merchant_adjustment".into(),
                reason: None,
                reference_object_id: None,
                created_at: "2026-01-01T00:00:01.000000Z".into(),
                idempotency_key: Some("k".into()),
                request_fingerprint: Some("f".into()),
            };
            item.insert(
                "last_entry".into(),
                aws_sdk_dynamodb::types::AttributeValue::M(to_item(&doc)),
            );
        }
        item
    }

    #[test]
    fn a_wallet_change_becomes_its_entry_location_and_completed_key() {
        let change = ItemChange {
            old: Some(wallet(10, 3, None)),
            new: Some(wallet(4, 4, Some(("cwt_a", 6, false)))),
        };
        let projected = project_change(&change).unwrap().unwrap();
        let entry: CustomerWalletTransaction = from_item(projected.items[0].clone()).unwrap();
        assert_eq!(
            (entry.before_balance, entry.after_balance, entry.amount),
            (10, 4, 6)
        );
        assert!(!entry.is_credit);
        assert_eq!(projected.items.len(), 3);
        assert_eq!(projected.watermark.1, 4);
    }

    #[test]
    fn changes_that_are_not_entries_project_to_nothing() {
        let created = ItemChange {
            old: None,
            new: Some(wallet(0, 0, None)),
        };
        assert!(project_change(&created).unwrap().is_none());
        let erased = ItemChange {
            old: Some(wallet(0, 2, None)),
            new: None,
        };
        assert!(project_change(&erased).unwrap().is_none());
    }

    #[test]
    fn a_change_that_does_not_chain_is_refused() {
        let skipped = ItemChange {
            old: Some(wallet(10, 3, None)),
            new: Some(wallet(4, 5, Some(("cwt_a", 6, false)))),
        };
        assert!(project_change(&skipped).is_err());
        let wrong_sum = ItemChange {
            old: Some(wallet(10, 3, None)),
            new: Some(wallet(5, 4, Some(("cwt_a", 6, false)))),
        };
        assert!(project_change(&wrong_sum).is_err());
    }
}
