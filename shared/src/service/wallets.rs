use crate::app::AppState;
use crate::auth::BusinessId;
use crate::domain::ids;
use crate::domain::ledger::{
    CustomerWallet, CustomerWalletTransaction, EntryType, IDEMPOTENCY_RETENTION_SECONDS,
    LedgerEntryRequest, MERCHANT_ADJUSTMENT,
};
use crate::domain::money::CurrencyCode;
use crate::domain::paging::Page;
use crate::domain::time;
use crate::error::ApiError;
use crate::storage::StoreError;
use crate::storage::ledger::{IdempotencyRecord, WalletRead};
use serde::Serialize;

/// Attempts at one ledger entry under contention before answering a retryable 409.
pub const MAX_ENTRY_ATTEMPTS: u32 = 8;

#[derive(Debug, Serialize)]
pub struct WalletBalances {
    pub items: Vec<CustomerWallet>,
    pub total_balance_usd: i64,
}

pub async fn balances(
    state: &AppState,
    business: &BusinessId,
    customer_id: &str,
) -> Result<WalletBalances, ApiError> {
    let stored = state.store.wallets(&business.0, customer_id).await?;
    // Wallets are created with the customer and deleted when it is erased, so none
    // means no such customer (for this business).
    if stored.is_empty() {
        return Err(ApiError::NotFound);
    }
    let currencies = &state.config.currencies;
    let mut items: Vec<CustomerWallet> = stored.into_iter().map(|s| s.wallet).collect();
    let position = |code: &str| {
        currencies
            .iter()
            .position(|c| c.code.as_str() == code)
            .unwrap_or(usize::MAX)
    };
    items.sort_by_key(|w| position(&w.currency));
    let total_balance_usd = state
        .config
        .usd_rates
        .total_usd_minor(
            items
                .iter()
                .filter_map(|w| currencies.get(&w.currency).map(|c| (c, w.balance))),
        )
        .map_err(ApiError::internal)?;
    Ok(WalletBalances {
        items,
        total_balance_usd,
    })
}

fn replay(
    record: IdempotencyRecord,
    request: &LedgerEntryRequest,
) -> Result<CustomerWallet, ApiError> {
    if record.request_fingerprint == request.fingerprint() {
        Ok(record.response)
    } else {
        Err(ApiError::Conflict {
            code: "IDEMPOTENCY_KEY_REUSED",
            message: "This idempotency_key was already used with different parameters.".into(),
            retryable: false,
        })
    }
}

/// Credits or debits a wallet exactly once.
///
/// Each attempt reads the wallet (with the idempotency record, in the same request) and
/// writes balance, entry and record in one transaction conditioned on the wallet's
/// version, so two writers can never both win and a debit can never overdraw. When a
/// write fails or its outcome is unknown (a lost response, an SDK retry that then hit
/// its own earlier commit), the next read also fetches the entry slot this request
/// tried to fill: finding our own entry id there means it did commit.
pub async fn record_entry(
    state: &AppState,
    business: &BusinessId,
    customer_id: &str,
    request: &LedgerEntryRequest,
) -> Result<CustomerWallet, ApiError> {
    let entry_id = ids::new_ledger_entry_id();
    let mut tried_version: Option<u64> = None;
    for attempt in 0..MAX_ENTRY_ATTEMPTS {
        let snapshot = state
            .store
            .wallet_snapshot(&WalletRead {
                business_id: &business.0,
                customer_id,
                currency: request.currency.code,
                idempotency_key: request.idempotency_key.as_deref(),
                probe_version: tried_version,
            })
            .await?;
        if let Some(mine) = snapshot.probed_entry.filter(|e| e.id == entry_id) {
            let wallet = snapshot.wallet.ok_or(ApiError::NotFound)?.wallet;
            return Ok(CustomerWallet {
                balance: mine.after_balance,
                updated_at: mine.created_at,
                ..wallet
            });
        }
        if let Some(record) = snapshot
            .idempotency
            .filter(|r| r.expires_at > time::now().timestamp())
        {
            return replay(record, request);
        }
        let wallet = snapshot.wallet.ok_or(ApiError::NotFound)?;
        let after_balance = request.balance_after(wallet.wallet.balance)?;
        let now = time::format(time::now());
        let entry = CustomerWalletTransaction {
            id: entry_id.clone(),
            customer_id: customer_id.to_string(),
            business_id: business.0.clone(),
            currency: request.currency.code.to_string(),
            amount: request.amount_minor,
            is_credit: request.entry_type == EntryType::Credit,
            before_balance: wallet.wallet.balance,
            after_balance,
            event_type: MERCHANT_ADJUSTMENT.into(),
            reason: request.reason.clone(),
            reference_object_id: None,
            created_at: now.clone(),
        };
        let response = CustomerWallet {
            balance: after_balance,
            updated_at: now.clone(),
            ..wallet.wallet.clone()
        };
        let record = request.idempotency_key.as_deref().map(|key| {
            (
                key,
                IdempotencyRecord {
                    request_fingerprint: request.fingerprint(),
                    entry_id: entry_id.clone(),
                    response: response.clone(),
                    created_at: now.clone(),
                    expires_at: time::now().timestamp() + IDEMPOTENCY_RETENTION_SECONDS,
                },
            )
        });
        tried_version = Some(wallet.version + 1);
        match state
            .store
            .append_ledger_entry(
                &business.0,
                &wallet,
                &entry,
                record.as_ref().map(|(k, r)| (*k, r)),
            )
            .await
        {
            Ok(()) => return Ok(response),
            Err(StoreError::TransactionCanceled(reasons)) => {
                tracing::info!(attempt, ?reasons, "ledger entry contended; retrying");
            }
            Err(StoreError::Ambiguous(detail)) => {
                tracing::warn!(attempt, %detail, "ledger entry outcome unknown; re-reading");
            }
            Err(e) => return Err(e.into()),
        }
        super::backoff(attempt).await;
    }
    Err(ApiError::Conflict {
        code: "WALLET_BUSY",
        message: "The wallet is busy with other entries; retry this request.".into(),
        retryable: true,
    })
}

pub async fn ledger(
    state: &AppState,
    business: &BusinessId,
    customer_id: &str,
    currency: Option<CurrencyCode>,
    page: Page,
) -> Result<Vec<CustomerWalletTransaction>, ApiError> {
    let (exists, entries) = tokio::try_join!(
        state.store.customer_exists(&business.0, customer_id),
        state
            .store
            .ledger_entries(&business.0, customer_id, currency, page),
    )?;
    if !exists {
        return Err(ApiError::NotFound);
    }
    Ok(entries)
}
