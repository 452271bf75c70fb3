use crate::LedgerEntryId;
use crate::ledger::{
    CustomerWalletTransaction, EntryType, IDEMPOTENCY_RETENTION_SECONDS, LedgerEntryRequest,
    LedgerError, MERCHANT_ADJUSTMENT, verify_chain_from,
};
use crate::store;
use crate::store::{AppendRefusal, IdempotencyRecord, WalletRead};
use customers::CustomerId;
use customers::accounts::CustomerWallet;
use customers::accounts::StoredWallet;
use customers::store::wallets as stored_wallets;
use platform::app::AppState;
use platform::dynamo::StoreError;
use platform::ids::BusinessId;
use platform::metrics;
use platform::money::CurrencyCode;
use platform::paging::Page;
use platform::time;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Attempts at one ledger entry under contention before answering a retryable 409.
pub const MAX_ENTRY_ATTEMPTS: u32 = 8;

/// Why a wallet operation did not happen, in the wallets context's terms; the one
/// mapping to the API's errors is in `handlers`.
#[derive(Debug)]
pub enum WalletError {
    /// No such customer (or wallet) for this business.
    NotFound,
    Refused(LedgerError),
    /// The idempotency key was used before with other parameters.
    IdempotencyKeyReused,
    /// Every attempt met concurrent writers; the request can be retried as it is.
    Busy,
    /// The wallets' USD total could not be computed (a configuration fault).
    Valuation(String),
    Store(StoreError),
}

impl From<StoreError> for WalletError {
    fn from(e: StoreError) -> Self {
        WalletError::Store(e)
    }
}

#[derive(Debug, Serialize)]
pub struct WalletBalances {
    pub items: Vec<CustomerWallet>,
    pub total_balance_usd: i64,
}

pub async fn balances(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
) -> Result<WalletBalances, WalletError> {
    let stored = stored_wallets(&state.store, business, customer_id).await?;
    // Wallets are created with the customer and deleted when it is erased, so none
    // means no such customer (for this business).
    if stored.is_empty() {
        return Err(WalletError::NotFound);
    }
    let currencies = &state.config.currencies;
    let mut items: Vec<CustomerWallet> = stored.into_iter().map(|s| s.wallet).collect();
    let position = |code: &str| {
        currencies
            .iter()
            .position(|c| c.code.as_str() == code)
            .unwrap_or(usize::MAX)
    };
    items.sort_by_key(|w| position(w.currency.as_str()));
    let total_balance_usd = state
        .config
        .usd_rates
        .total_usd_minor(
            items
                .iter()
                .filter_map(|w| currencies.get(w.currency.as_str()).map(|c| (c, w.balance))),
        )
        .map_err(WalletError::Valuation)?;
    Ok(WalletBalances {
        items,
        total_balance_usd,
    })
}

fn replay(
    record: IdempotencyRecord,
    request: &LedgerEntryRequest,
) -> Result<CustomerWallet, WalletError> {
    if record.request_fingerprint == request.fingerprint() {
        Ok(record.response)
    } else {
        Err(WalletError::IdempotencyKeyReused)
    }
}

/// Per wallet, this process's writers take turns, and the last state the process saw is
/// kept as a first guess that spares the read before a write. Taking turns keeps one
/// process's concurrent requests from refusing each other's transactions (each refusal is
/// a wasted write); the guess is never trusted: the write is conditioned on the exact
/// version, and a stale guess comes back refused with the wallet as it stands.
#[derive(Default)]
pub struct WalletCache {
    wallets: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Option<StoredWallet>>>>>,
}

const WALLET_CACHE_MAX_ENTRIES: usize = 1024;

/// This process's wallet cache (one per Lambda instance or local server).
static WALLETS: LazyLock<WalletCache> = LazyLock::new(WalletCache::default);

impl WalletCache {
    fn slot(
        &self,
        business: &BusinessId,
        customer_id: &CustomerId,
        currency: CurrencyCode,
    ) -> Arc<tokio::sync::Mutex<Option<StoredWallet>>> {
        let key = format!("{business}/{customer_id}/{currency}");
        let mut wallets = self.wallets.lock().unwrap_or_else(|p| p.into_inner());
        if wallets.len() >= WALLET_CACHE_MAX_ENTRIES && !wallets.contains_key(&key) {
            // Drop the slots no request is using; their guesses are only an optimization.
            wallets.retain(|_, slot| Arc::strong_count(slot) > 1);
        }
        wallets.entry(key).or_default().clone()
    }
}

/// What the next attempt starts from.
enum Basis {
    /// A wallet state we may act on; `confirmed` when just read or returned by DynamoDB.
    Wallet {
        wallet: StoredWallet,
        confirmed: bool,
    },
    /// Read afresh (wallet, idempotency record, and the entry slot we last tried).
    Read,
}

/// Credits or debits a wallet exactly once.
///
/// An attempt writes balance, entry and idempotency record in one transaction conditioned
/// on the wallet's exact version, so two writers can never both win and a debit never
/// overdraws. A refused attempt learns the current wallet (or the idempotency record)
/// from the refusal itself. When an attempt's outcome is unknown (a lost response; an
/// SDK retry that then ran into its own earlier commit), the next read also fetches the
/// entry slot it tried: finding this request's entry id there means it did commit.
pub async fn record_entry(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
    request: &LedgerEntryRequest,
) -> Result<CustomerWallet, WalletError> {
    let slot = WALLETS.slot(business, customer_id, request.currency.code);
    let mut last_seen = slot.lock().await;
    let entry_id = LedgerEntryId::new();
    let mut tried_version: Option<u64> = None;
    let mut basis = match last_seen.clone() {
        Some(wallet) => Basis::Wallet {
            wallet,
            confirmed: false,
        },
        None => Basis::Read,
    };
    for attempt in 0..MAX_ENTRY_ATTEMPTS {
        if attempt > 0 {
            metrics::count(metrics::LEDGER_RETRIES, 1);
        }
        let (wallet, confirmed) = match basis {
            Basis::Wallet { wallet, confirmed } => (wallet, confirmed),
            Basis::Read => {
                let snapshot = store::wallet_snapshot(
                    &state.store,
                    &WalletRead {
                        business_id: business,
                        customer_id,
                        currency: request.currency.code,
                        idempotency_key: request.idempotency_key.as_deref(),
                        probe_version: tried_version,
                    },
                )
                .await?;
                let Some(wallet) = snapshot.wallet else {
                    *last_seen = None;
                    return Err(WalletError::NotFound);
                };
                if let Some(mine) = snapshot.probed_entry.filter(|e| e.id == entry_id) {
                    return Ok(CustomerWallet {
                        balance: mine.after_balance,
                        updated_at: mine.created_at,
                        ..wallet.wallet
                    });
                }
                if let Some(record) = snapshot
                    .idempotency
                    .filter(|r| r.expires_at > time::now().timestamp())
                {
                    return replay(record, request);
                }
                (wallet, true)
            }
        };
        let after_balance = match request.balance_after(wallet.wallet.balance) {
            Ok(after) => after,
            // A refusal must rest on a fresh read (and on the idempotency record, which
            // may hold this very request's earlier success), never on the cache.
            Err(_) if !confirmed => {
                basis = Basis::Read;
                continue;
            }
            Err(refusal) => {
                if refusal == LedgerError::InsufficientFunds {
                    metrics::count(metrics::INSUFFICIENT_FUNDS, 1);
                }
                return Err(WalletError::Refused(refusal));
            }
        };
        let now = time::format(time::now());
        let entry = CustomerWalletTransaction {
            id: entry_id.clone(),
            customer_id: customer_id.clone(),
            business_id: business.clone(),
            currency: request.currency.code,
            amount: request.amount_minor,
            is_credit: request.entry_type == EntryType::Credit,
            before_balance: wallet.wallet.balance,
            after_balance,
            event_type: MERCHANT_ADJUSTMENT.into(),
            reason: request.reason.clone(),
            reference_object_id: None,
            created_at: now.clone(),
        };
        // The chain rule, asserted where the entry is made (debug builds: every test run).
        debug_assert_eq!(
            verify_chain_from(
                wallet.wallet.balance,
                std::slice::from_ref(&entry),
                after_balance
            ),
            Ok(())
        );
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
        let next_version = wallet.version + 1;
        tried_version = Some(next_version);
        match store::append_ledger_entry(
            &state.store,
            business,
            &wallet,
            &entry,
            record.as_ref().map(|(k, r)| (*k, r)),
        )
        .await
        {
            Ok(()) => {
                let written = StoredWallet {
                    wallet: response.clone(),
                    version: next_version,
                    last_entry_id: Some(entry_id.to_string()),
                };
                *last_seen = Some(written);
                metrics::count(metrics::LEDGER_ENTRIES, 1);
                return Ok(response);
            }
            Err(AppendRefusal::KeyUsed(record)) if record.entry_id == entry_id => {
                return Ok(record.response);
            }
            Err(AppendRefusal::KeyUsed(record)) => return replay(record, request),
            Err(AppendRefusal::WalletMoved(None)) => {
                *last_seen = None;
                return Err(WalletError::NotFound);
            }
            Err(AppendRefusal::WalletMoved(Some(current))) => {
                if current.last_entry_id.as_deref() == Some(entry_id.as_str()) {
                    // This entry committed already (its answer was lost): the wallet as
                    // it stands is the wallet after it.
                    return Ok(current.wallet);
                }
                // Only a slot that moved on past the one we tried could hide our commit.
                basis = if current.version > next_version {
                    Basis::Read
                } else {
                    Basis::Wallet {
                        wallet: current.clone(),
                        confirmed: true,
                    }
                };
                *last_seen = Some(current);
                if confirmed {
                    tracing::info!(attempt, "ledger entry lost a race for the wallet; retrying");
                    platform::retry::backoff(attempt).await;
                }
            }
            Err(AppendRefusal::Contended) => {
                tracing::info!(attempt, "ledger entry met a transaction conflict; retrying");
                basis = Basis::Read;
                platform::retry::backoff(attempt).await;
            }
            Err(AppendRefusal::OutcomeUnknown(detail)) => {
                tracing::warn!(attempt, %detail, "ledger entry outcome unknown; re-reading");
                basis = Basis::Read;
                platform::retry::backoff(attempt).await;
            }
            Err(AppendRefusal::Store(e)) => return Err(e.into()),
        }
    }
    metrics::count(metrics::LEDGER_CONFLICTS, 1);
    Err(WalletError::Busy)
}

pub async fn ledger(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
    currency: Option<CurrencyCode>,
    page: Page,
) -> Result<Vec<CustomerWalletTransaction>, WalletError> {
    let (exists, entries) = tokio::try_join!(
        customers::store::customer_exists(&state.store, business, customer_id),
        store::ledger_entries(&state.store, business, customer_id, currency, page),
    )?;
    if !exists {
        return Err(WalletError::NotFound);
    }
    Ok(entries)
}
