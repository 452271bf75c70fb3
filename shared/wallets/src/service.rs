//! Wallet use cases: balances, ledger entries (exactly once, never overdrawn) and the
//! ledger list (which reads its own writes). Storage and the projection that derives the
//! ledger are in `store` and `projection`.

use crate::LedgerEntryId;
use crate::ledger::{
    BALANCE_MAX_MINOR, CustomerWalletTransaction, EntryDoc, EntryType,
    IDEMPOTENCY_RETENTION_SECONDS, LedgerEntryRequest, LedgerError, MERCHANT_ADJUSTMENT,
};
use crate::store::{self, ApplyRefusal, IdempotencyRecord, WalletRecord};
use customers::CustomerId;
use customers::accounts::CustomerWallet;
use customers::store::wallets as stored_wallets;
use platform::app::AppState;
use platform::dynamo::StoreError;
use platform::ids::BusinessId;
use platform::metrics;
use platform::money::CurrencyCode;
use platform::paging::Page;
use platform::time;
use serde::Serialize;
use std::time::{Duration, Instant};

/// Attempts at one ledger entry before answering a retryable 409. A plain update never
/// conflicts with other entries; only an in-flight erasure or a lost answer costs one.
pub const MAX_ENTRY_ATTEMPTS: u32 = 8;

/// How long a request whose outcome was lost waits for the ledger to show it.
const RESOLVE_WAIT: Duration = Duration::from_secs(5);
/// How long a ledger list waits for the projection to catch up with the wallets.
const READ_YOUR_WRITES_WAIT: Duration = Duration::from_secs(5);
const POLL_INTERVAL: Duration = Duration::from_millis(50);
/// After an attempt with a lost answer, this long passes before anything is concluded
/// from the table: DynamoDB answers or drops a request well within the client's attempt
/// timeout (2 s), so by then a late copy of the attempt cannot still land.
const SETTLE_AFTER_LOST_ANSWER: Duration = Duration::from_secs(2);

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
    /// The ledger has not caught up with the wallets in time to list it complete.
    LedgerBehind,
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

fn replay(record: IdempotencyRecord, request: &LedgerEntryRequest) -> Result<Replay, WalletError> {
    if record.request_fingerprint != request.fingerprint() {
        return Err(WalletError::IdempotencyKeyReused);
    }
    Ok(match record.response {
        Some(response) => Replay::Answer(response),
        None => Replay::Pending(record.entry_id),
    })
}

/// What an idempotency key already held says about this request.
enum Replay {
    /// The earlier request's entry is in the ledger: its answer is this one's.
    Answer(CustomerWallet),
    /// The earlier request claimed the key; whether its entry happened is not yet known.
    Pending(LedgerEntryId),
}

/// Whether an entry happened, found from the table alone.
enum Fate {
    /// It is in the wallet's history: the wallet as it stood right after it.
    Applied(CustomerWallet),
    NotApplied,
    /// The projection did not catch up in time to tell.
    Unknown,
}

/// Finds out whether `entry` was applied: the wallet names it as its last entry, or,
/// once the projection has caught up with the wallet, the ledger has it (or not).
async fn resolve(
    state: &AppState,
    business: &BusinessId,
    customer: &CustomerId,
    currency: CurrencyCode,
    entry: &LedgerEntryId,
) -> Result<Fate, WalletError> {
    let deadline = Instant::now() + RESOLVE_WAIT;
    loop {
        let Some((wallet, projected)) =
            store::wallets_and_watermarks(&state.store, business, customer, &[currency])
                .await?
                .pop()
        else {
            return Ok(Fate::NotApplied);
        };
        if wallet.made_by(entry) {
            return Ok(Fate::Applied(wallet.account.wallet));
        }
        if projected >= wallet.account.version {
            return Ok(
                match store::entry_location(&state.store, business, entry).await? {
                    Some(location) => Fate::Applied(CustomerWallet {
                        balance: location.after_balance,
                        updated_at: location.created_at,
                        ..wallet.account.wallet
                    }),
                    None => Fate::NotApplied,
                },
            );
        }
        if Instant::now() >= deadline {
            return Ok(Fate::Unknown);
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// Credits or debits a wallet exactly once.
///
/// The entry is one conditional update of the wallet (`store::apply_entry`): DynamoDB
/// applies it to the latest balance and refuses it if it would overdraw, so concurrent
/// writers queue rather than conflict, and a refusal always rests on the wallet as it
/// stands. An idempotency key is claimed first; the projection completes the claim with
/// the answer once the entry is in the ledger. When an attempt's answer is lost, the
/// table says whether it happened (`resolve`) before anything is tried again.
pub async fn record_entry(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
    request: &LedgerEntryRequest,
) -> Result<CustomerWallet, WalletError> {
    let currency = request.currency.code;
    let entry = EntryDoc {
        id: LedgerEntryId::new(),
        business_id: business.clone(),
        amount: request.amount_minor,
        is_credit: request.entry_type == EntryType::Credit,
        event_type: MERCHANT_ADJUSTMENT.into(),
        reason: request.reason.clone(),
        reference_object_id: None,
        created_at: time::format(time::now()),
        idempotency_key: request.idempotency_key.clone(),
        request_fingerprint: request
            .idempotency_key
            .as_ref()
            .map(|_| request.fingerprint()),
    };
    if let Some(key) = &request.idempotency_key
        && let Some(answer) = claim(state, business, customer_id, key, request, &entry).await?
    {
        return Ok(answer);
    }
    let outcome = apply(state, business, customer_id, currency, &entry).await;
    if let (Err(WalletError::NotFound | WalletError::Refused(_)), Some(key)) =
        (&outcome, &request.idempotency_key)
    {
        // A refused request leaves nothing behind: the key can be used again. Giving the
        // claim up is best effort: a claim left pending is taken over by the next request
        // with the key, once the table shows its entry never happened.
        if let Err(e) =
            store::release_claim(&state.store, business, customer_id, key, &entry.id).await
        {
            tracing::warn!(error = %e, "a refused entry's claim stays pending");
        }
    }
    outcome
}

/// Claims the idempotency key for `entry`. `Some(answer)` when an earlier request with
/// this key already answered (or its entry turned out to have happened).
async fn claim(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
    key: &str,
    request: &LedgerEntryRequest,
    entry: &EntryDoc,
) -> Result<Option<CustomerWallet>, WalletError> {
    let now = time::now().timestamp();
    let record = IdempotencyRecord {
        request_fingerprint: request.fingerprint(),
        entry_id: entry.id.clone(),
        response: None,
        created_at: entry.created_at.clone(),
        expires_at: now + IDEMPOTENCY_RETENTION_SECONDS,
    };
    let mut attempt = 0;
    let holder = loop {
        match store::claim_key(&state.store, business, customer_id, key, &record).await {
            Ok(None) => return Ok(None),
            Ok(Some(holder)) => break holder,
            // A lost answer (asking again tells: a refusal then shows who holds the key)
            // or a transaction in flight on the record.
            Err(e)
                if (matches!(e, StoreError::Ambiguous(_)) || e.is_contention())
                    && attempt + 1 < MAX_ENTRY_ATTEMPTS =>
            {
                attempt += 1;
                platform::retry::backoff(attempt).await;
            }
            Err(e) => return Err(e.into()),
        }
    };
    if holder.entry_id == entry.id {
        // This request's own claim, whose answer was lost.
        return Ok(None);
    }
    let earlier = match replay(holder, request)? {
        Replay::Answer(answer) => return Ok(Some(answer)),
        Replay::Pending(earlier) => earlier,
    };
    match resolve(
        state,
        business,
        customer_id,
        request.currency.code,
        &earlier,
    )
    .await?
    {
        Fate::Applied(answer) => Ok(Some(answer)),
        Fate::NotApplied => {
            let taken = store::take_over_claim(
                &state.store,
                business,
                customer_id,
                key,
                &earlier,
                &entry.id,
            )
            .await?;
            // Another retry of the same request took it first; it will answer.
            if taken {
                Ok(None)
            } else {
                tracing::info!("an earlier request with this key took its claim over first");
                Err(WalletError::Busy)
            }
        }
        Fate::Unknown => {
            tracing::warn!(
                "the ledger did not show in time whether an earlier request with this key happened"
            );
            Err(WalletError::Busy)
        }
    }
}

/// Applies `entry` to the wallet once.
async fn apply(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
    currency: CurrencyCode,
    entry: &EntryDoc,
) -> Result<CustomerWallet, WalletError> {
    for attempt in 0..MAX_ENTRY_ATTEMPTS {
        if attempt > 0 {
            metrics::count(metrics::LEDGER_RETRIES, 1);
        }
        let refusal = match store::apply_entry(
            &state.store,
            business,
            customer_id,
            currency,
            entry,
            BALANCE_MAX_MINOR,
        )
        .await
        {
            Ok(wallet) => {
                metrics::count(metrics::LEDGER_ENTRIES, 1);
                return Ok(wallet.account.wallet);
            }
            Err(refusal) => refusal,
        };
        match refusal {
            ApplyRefusal::Refused(None) => return Err(WalletError::NotFound),
            ApplyRefusal::Refused(Some(current)) => return refused(*current, entry),
            ApplyRefusal::Contended => {
                tracing::info!(
                    attempt,
                    "ledger entry met a transaction on the wallet; retrying"
                );
                platform::retry::backoff(attempt).await;
            }
            ApplyRefusal::OutcomeUnknown(detail) => {
                tracing::warn!(attempt, %detail, "ledger entry outcome unknown; resolving");
                tokio::time::sleep(SETTLE_AFTER_LOST_ANSWER).await;
                match resolve(state, business, customer_id, currency, &entry.id).await? {
                    Fate::Applied(wallet) => return Ok(wallet),
                    Fate::NotApplied => {}
                    Fate::Unknown => {
                        tracing::warn!(
                            "the ledger did not show in time whether the entry happened"
                        );
                        break;
                    }
                }
            }
            ApplyRefusal::Store(e) => return Err(e.into()),
        }
    }
    metrics::count(metrics::LEDGER_CONFLICTS, 1);
    Err(WalletError::Busy)
}

/// Why DynamoDB refused the update, from the wallet as it stood when it did.
fn refused(current: WalletRecord, entry: &EntryDoc) -> Result<CustomerWallet, WalletError> {
    if current.made_by(&entry.id) {
        // An earlier attempt of this very entry landed (its answer was lost).
        return Ok(current.account.wallet);
    }
    let balance = current.account.wallet.balance;
    let refusal = if !entry.is_credit && balance < entry.amount {
        metrics::count(metrics::INSUFFICIENT_FUNDS, 1);
        LedgerError::InsufficientFunds
    } else {
        LedgerError::InvalidField(format!(
            "the balance would exceed {BALANCE_MAX_MINOR} minor units"
        ))
    };
    Err(WalletError::Refused(refusal))
}

/// One page of a customer's ledger. It includes every entry acknowledged before the
/// request: the ledger is derived from the wallets' changes, so when the read shows the
/// projection behind the wallets as they stood at the start, it waits (briefly) and reads
/// again. The watermarks come in the same read as the entries, so they say exactly what
/// that read can have missed.
pub async fn ledger(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
    currency: Option<CurrencyCode>,
    page: Page,
) -> Result<Vec<CustomerWalletTransaction>, WalletError> {
    let currencies: Vec<CurrencyCode> = match currency {
        Some(code) => vec![code],
        None => state.config.currencies.iter().map(|c| c.code).collect(),
    };
    let read = || {
        store::ledger_entries(
            &state.store,
            business,
            customer_id,
            currency,
            currencies.len(),
            page,
        )
    };
    let (wallets, mut ledger) = tokio::try_join!(
        store::wallets_and_watermarks(&state.store, business, customer_id, &currencies),
        read(),
    )?;
    // Wallets are created with the customer and deleted when it is erased, so none
    // means no such customer (for this business).
    if wallets.is_empty() {
        return Err(WalletError::NotFound);
    }
    let complete = |ledger: &store::LedgerPage| {
        wallets.iter().all(|(wallet, _)| {
            let account = &wallet.account;
            account.version == 0
                || ledger
                    .projected
                    .get(&account.wallet.currency)
                    .is_some_and(|projected| *projected >= account.version)
        })
    };
    let deadline = Instant::now() + READ_YOUR_WRITES_WAIT;
    while !complete(&ledger) {
        if Instant::now() >= deadline {
            // Never a page that silently lacks an acknowledged entry.
            return Err(WalletError::LedgerBehind);
        }
        tokio::time::sleep(POLL_INTERVAL).await;
        ledger = read().await?;
    }
    Ok(ledger.entries)
}
