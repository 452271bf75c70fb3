//! Billing use cases: reading payments and refunds (also for other contexts, such as
//! invoices), listing them, and refunding a payment exactly once, never beyond what was
//! paid.

use crate::keys;
use crate::payment::{
    IntentStatus, LineItems, Payment, PaymentListItem, RefundListItem, RefundStatus,
};
use crate::refund::{Destination, Refund, RefundPlan, RefundRefusal, RefundRequest};
use crate::store::{self, PaymentChange, RefundKeyRecord, RefundRecord, StoredPayment};
use crate::{PaymentId, RefundId};
use customers::CustomerId;
use platform::app::AppState;
use platform::auth::KeyClaim;
use platform::dynamo::keys::ItemKey;
use platform::dynamo::listing::{CreatedWindow, Listing, newest_first};
use platform::dynamo::{Item, StoreError, from_item};
use platform::error::ApiError;
use platform::ids::BusinessId;
use platform::paging::Page;
use platform::time;
use std::time::Duration;
use wallets::ledger::{BALANCE_MAX_MINOR, EntryDoc, IDEMPOTENCY_RETENTION_SECONDS};

/// Attempts at one refund before a retryable 409: each lost race re-plans on the
/// payment as the refusal showed it, without another read.
pub const MAX_REFUND_ATTEMPTS: u32 = 8;
/// After an attempt whose answer was lost, this long passes before the table is asked
/// whether it landed: by then a late copy of the attempt cannot still land (the
/// DynamoDB client cuts an attempt at 2 s).
const SETTLE_AFTER_LOST_ANSWER: Duration = Duration::from_secs(2);

/// Why a billing operation did not happen, in the billing context's terms; the one
/// mapping to the API's errors is in `handlers`.
#[derive(Debug)]
pub enum BillingError {
    /// No such payment or refund for this business.
    NotFound,
    Refused(RefundRefusal),
    /// The idempotency key was used before with another request.
    IdempotencyKeyReused,
    /// The customer holds no wallet in the payment's currency.
    NoWallet,
    /// Every attempt met concurrent writers; the request can be retried as it is.
    Busy,
    Store(StoreError),
    /// The caller's API key did not prove good (or another platform refusal).
    Api(ApiError),
}

impl From<StoreError> for BillingError {
    fn from(e: StoreError) -> Self {
        BillingError::Store(e)
    }
}

impl From<ApiError> for BillingError {
    fn from(e: ApiError) -> Self {
        BillingError::Api(e)
    }
}

/// One payment of `business`, as the API answers it (for other contexts: invoices).
pub async fn payment(
    state: &AppState,
    business: &BusinessId,
    payment_id: &str,
) -> Result<Payment, BillingError> {
    let id = PaymentId::parse(payment_id).ok_or(BillingError::NotFound)?;
    let stored = store::payment(&state.store, business, &id)
        .await?
        .ok_or(BillingError::NotFound)?;
    Ok(stored.payment())
}

/// One refund of `business`, as the API answers it (for other contexts: invoices).
pub async fn refund(
    state: &AppState,
    business: &BusinessId,
    refund_id: &str,
) -> Result<Refund, BillingError> {
    let id = RefundId::parse(refund_id).ok_or(BillingError::NotFound)?;
    let record = store::refund(&state.store, business, &id)
        .await?
        .ok_or(BillingError::NotFound)?;
    Ok(record.refund)
}

/// One payment for a merchant, read in one request with the proof of the caller's key.
pub async fn stored_payment(
    state: &AppState,
    key: &mut KeyClaim,
    payment_id: &PaymentId,
) -> Result<StoredPayment, BillingError> {
    let item = state
        .get_with_key(key, &keys::payment(key.business(), payment_id))
        .await?;
    item.map(StoredPayment::from_item)
        .transpose()?
        .ok_or(BillingError::NotFound)
}

pub async fn payment_line_items(
    state: &AppState,
    key: &mut KeyClaim,
    payment_id: &PaymentId,
) -> Result<LineItems, BillingError> {
    Ok(stored_payment(state, key, payment_id).await?.line_items())
}

/// One refund for a merchant, read in one request with the proof of the caller's key.
pub async fn stored_refund(
    state: &AppState,
    key: &mut KeyClaim,
    refund_id: &RefundId,
) -> Result<Refund, BillingError> {
    let item = state
        .get_with_key(key, &keys::refund(key.business(), refund_id))
        .await?;
    let record: Option<RefundRecord> = item.map(from_item).transpose()?;
    Ok(record.ok_or(BillingError::NotFound)?.refund)
}

/// `GET /payments` filters; the created range and `customer_id` are key conditions, the
/// rest are checked on the items read.
#[derive(Debug, Clone, Default)]
pub struct PaymentFilter {
    pub customer_id: Option<CustomerId>,
    pub created_at_gte: Option<String>,
    pub created_at_lte: Option<String>,
    pub subscription_id: Option<String>,
    pub status: Option<IntentStatus>,
    pub currency: Option<String>,
    pub brand_id: Option<String>,
    pub product_id: Option<String>,
}

impl PaymentFilter {
    fn window(&self) -> CreatedWindow {
        CreatedWindow {
            gte: self.created_at_gte.clone(),
            lte: self.created_at_lte.clone(),
        }
    }

    fn filters(&self) -> bool {
        self.subscription_id.is_some()
            || self.status.is_some()
            || self.currency.is_some()
            || self.brand_id.is_some()
            || self.product_id.is_some()
    }

    fn matches(&self, p: &Payment) -> bool {
        self.subscription_id
            .as_ref()
            .is_none_or(|s| p.subscription_id.as_ref() == Some(s) || p.subscription_ids.contains(s))
            && self.status.is_none_or(|s| p.status == Some(s))
            && self
                .currency
                .as_ref()
                .is_none_or(|c| p.currency.as_str() == c)
            && self.brand_id.as_ref().is_none_or(|b| &p.brand_id == b)
            && self.product_id.as_ref().is_none_or(|id| {
                p.product_cart
                    .iter()
                    .flatten()
                    .any(|item| &item.product_id == id)
            })
    }
}

/// A page of the business's payments, newest first; the query runs while the caller's
/// key is read, and is answered only if the key holds.
pub async fn payments(
    state: &AppState,
    key: &mut KeyClaim,
    filter: PaymentFilter,
    page: Page,
) -> Result<Vec<PaymentListItem>, BillingError> {
    let business = key.business().clone();
    let read = payments_of(state, &business, &filter, page);
    Ok(state
        .alongside_key(key, async { read.await.map_err(ApiError::from) })
        .await?)
}

/// A page of `business`'s payments, newest first (for other contexts too: the portal's
/// billing history is one customer's).
pub async fn payments_of(
    state: &AppState,
    business: &BusinessId,
    filter: &PaymentFilter,
    page: Page,
) -> Result<Vec<PaymentListItem>, StoreError> {
    let listing = Listing::of(
        filter.customer_id.as_ref(),
        |c| keys::payments_by_customer(business, c),
        || keys::payments_by_business(business),
    );
    newest_first(
        &state.store,
        listing,
        &filter.window(),
        page,
        filter.filters(),
        |item| {
            let payment = StoredPayment::from_item(item)?.payment();
            Ok(filter.matches(&payment).then(|| payment.into()))
        },
    )
    .await
}

/// `GET /refunds` filters.
#[derive(Debug, Clone, Default)]
pub struct RefundFilter {
    pub customer_id: Option<CustomerId>,
    pub created_at_gte: Option<String>,
    pub created_at_lte: Option<String>,
    pub status: Option<RefundStatus>,
    pub subscription_id: Option<String>,
}

pub async fn refunds(
    state: &AppState,
    key: &mut KeyClaim,
    filter: RefundFilter,
    page: Page,
) -> Result<Vec<RefundListItem>, BillingError> {
    let business = key.business().clone();
    let read = refunds_of(state, &business, &filter, page);
    Ok(state
        .alongside_key(key, async { read.await.map_err(ApiError::from) })
        .await?)
}

/// A page of `business`'s refunds, newest first (for other contexts too).
pub async fn refunds_of(
    state: &AppState,
    business: &BusinessId,
    filter: &RefundFilter,
    page: Page,
) -> Result<Vec<RefundListItem>, StoreError> {
    let listing = Listing::of(
        filter.customer_id.as_ref(),
        |c| keys::refunds_by_customer(business, c),
        || keys::refunds_by_business(business),
    );
    let window = CreatedWindow {
        gte: filter.created_at_gte.clone(),
        lte: filter.created_at_lte.clone(),
    };
    let filtered = filter.status.is_some() || filter.subscription_id.is_some();
    newest_first(&state.store, listing, &window, page, filtered, |item| {
        let record: RefundRecord = from_item(item)?;
        let matches = filter.status.is_none_or(|s| record.refund.status == s)
            && filter
                .subscription_id
                .as_ref()
                .is_none_or(|s| record.subscription_id.as_ref() == Some(s));
        Ok(matches.then(|| record.refund.list_item()))
    })
    .await
}

/// What the table said about one refund attempt.
enum Attempt {
    Done(Box<Refund>),
    /// The payment changed since it was read: plan again on it as it now stands (`None`:
    /// read it again).
    Again(Option<Item>),
    /// Not applied, and unknown whether it landed: ask the table before anything else.
    Lost,
}

/// Refunds a payment: at most what is still refundable (of the payment, and of each line
/// item), exactly once per idempotency key.
///
/// Two requests in the common case: one BatchGetItem (the payment, the idempotency
/// record, and the caller's API key while unproven) and one TransactWriteItems (the new
/// refund, the payment's refunded amounts conditioned on what they may still take, the
/// key's record, and for a wallet refund the wallet's credit). A lost race re-plans on
/// the payment the refusal returned (ALL_OLD); a lost answer is settled by the refund's
/// own item, whose id is fixed for the request's whole life.
pub async fn create_refund(
    state: &AppState,
    key: &mut KeyClaim,
    request: &RefundRequest,
) -> Result<Refund, BillingError> {
    let business = key.business().clone();
    let refund_id = RefundId::new();
    let created_at = time::format(time::now());
    let payment_key = keys::payment(&business, &request.payment_id);
    let key_record_key = request
        .idempotency_key
        .as_ref()
        .map(|k| keys::refund_idempotency(&business, k));
    let refund_key = keys::refund(&business, &refund_id);
    let fingerprint = request.fingerprint();
    let mut payment_item: Option<Item> = None;
    let mut lost = false;
    for attempt in 0..MAX_REFUND_ATTEMPTS {
        if attempt > 0 {
            platform::retry::backoff(attempt).await;
        }
        if payment_item.is_none() {
            let mut wanted = vec![payment_key.clone()];
            wanted.extend(key_record_key.clone());
            if lost {
                wanted.push(refund_key.clone());
            }
            let mut read = read_with_key(state, key, &wanted).await?;
            if let Some(done) = read.remove(&(refund_key.pk.clone(), refund_key.sk.clone())) {
                return Ok(from_item::<RefundRecord>(done)?.refund);
            }
            if let Some(holder) = key_record_key
                .as_ref()
                .and_then(|k| read.remove(&(k.pk.clone(), k.sk.clone())))
                && let Some(answer) = replay(from_item(holder)?, &fingerprint)?
            {
                return Ok(answer);
            }
            payment_item = Some(
                read.remove(&(payment_key.pk.clone(), payment_key.sk.clone()))
                    .ok_or(BillingError::NotFound)?,
            );
            lost = false;
        }
        let stored = StoredPayment::from_item(payment_item.take().expect("read above"))?;
        let plan = stored
            .refundable()
            .plan(request)
            .map_err(BillingError::Refused)?;
        let payment = &stored.record.payment;
        if request.destination == Destination::Wallet
            && state
                .config
                .currencies
                .get(payment.currency.as_str())
                .is_none()
        {
            return Err(BillingError::Refused(RefundRefusal::UnsupportedCurrency(
                payment.currency,
            )));
        }
        let record = new_refund(payment, request, &plan, &refund_id, &created_at);
        match try_refund(
            state,
            &business,
            request,
            &fingerprint,
            &record,
            &stored,
            &plan,
        )
        .await?
        {
            Attempt::Done(refund) => return Ok(*refund),
            Attempt::Again(current) => payment_item = current,
            Attempt::Lost => {
                tokio::time::sleep(SETTLE_AFTER_LOST_ANSWER).await;
                lost = true;
            }
        }
    }
    Err(BillingError::Busy)
}

/// The items at `wanted`, read in one BatchGetItem with the caller's key while it is
/// unproven: nothing read is used unless the key proves good.
async fn read_with_key(
    state: &AppState,
    key: &mut KeyClaim,
    wanted: &[ItemKey],
) -> Result<std::collections::HashMap<(String, String), Item>, BillingError> {
    let mut wanted = wanted.to_vec();
    let key_item = key.key_item();
    wanted.extend(key_item.clone());
    let mut read = store::items_by_key(&state.store, &wanted).await?;
    if let Some(key_item) = key_item {
        let proof = read.remove(&(key_item.pk, key_item.sk));
        state.prove_key(key, proof)?;
    }
    Ok(read)
}

/// What a held idempotency key answers: the first answer for the same request, 409 for
/// another; nothing once it has expired.
fn replay(holder: RefundKeyRecord, fingerprint: &str) -> Result<Option<Refund>, BillingError> {
    if holder.expires_at < time::now().timestamp() {
        return Ok(None);
    }
    if holder.request_fingerprint != fingerprint {
        return Err(BillingError::IdempotencyKeyReused);
    }
    Ok(Some(holder.response))
}

fn new_refund(
    payment: &Payment,
    request: &RefundRequest,
    plan: &RefundPlan,
    refund_id: &RefundId,
    created_at: &str,
) -> RefundRecord {
    let status = match request.destination {
        Destination::Wallet => RefundStatus::Succeeded,
        Destination::OriginalPaymentMethod => RefundStatus::Pending,
    };
    RefundRecord {
        refund: Refund {
            brand_id: payment.brand_id.clone(),
            business_id: payment.business_id.clone(),
            created_at: created_at.to_string(),
            customer: payment.customer.clone(),
            is_partial: plan.is_partial,
            metadata: request.metadata.clone(),
            payment_id: payment.payment_id.clone(),
            refund_id: refund_id.clone(),
            status,
            amount: Some(plan.amount),
            currency: Some(payment.currency),
            network_reference: None,
            network_reference_type: None,
            network_reference_updated_at: None,
            reason: request.reason.clone(),
        },
        destination: request.destination,
        parts: plan.parts.clone(),
        subscription_id: payment.subscription_id.clone(),
        event_at: None,
    }
}

/// One attempt at the refund's transaction.
async fn try_refund(
    state: &AppState,
    business: &BusinessId,
    request: &RefundRequest,
    fingerprint: &str,
    record: &RefundRecord,
    stored: &StoredPayment,
    plan: &RefundPlan,
) -> Result<Attempt, BillingError> {
    let table = state.store.table();
    let refund = &record.refund;
    let summary = refund.list_item();
    let lines: Vec<i64> = plan
        .parts
        .iter()
        .map(|part| {
            stored
                .record
                .line_items
                .iter()
                .find(|l| l.items_id == part.items_id)
                .map_or(0, |l| l.amount)
        })
        .collect();
    let mut actions = vec![
        store::put_new_refund(table, record),
        store::change_payment(
            table,
            &PaymentChange {
                business,
                payment: &refund.payment_id,
                summary: &summary,
                amount: plan.amount,
                parts: plan
                    .parts
                    .iter()
                    .map(|p| (p.items_id.clone(), p.amount))
                    .collect(),
                caps: Some((stored.record.payment.total_amount, lines)),
                listed: Some(false),
            },
        ),
    ];
    const PAYMENT: usize = 1;
    let key_action = request.idempotency_key.as_ref().map(|k| {
        actions.push(store::claim_key(
            table,
            business,
            k,
            &RefundKeyRecord {
                request_fingerprint: fingerprint.to_string(),
                response: refund.clone(),
                expires_at: time::now().timestamp() + IDEMPOTENCY_RETENTION_SECONDS,
            },
        ));
        actions.len() - 1
    });
    let wallet_action = (record.destination == Destination::Wallet).then(|| {
        let credit = EntryDoc::refund_credit(
            business,
            plan.amount,
            refund.refund_id.as_str(),
            refund.reason.clone(),
            refund.created_at.clone(),
        );
        actions.push(wallets::store::entry_action(
            table,
            business,
            &refund.customer.customer_id,
            stored.record.payment.currency,
            &credit,
            BALANCE_MAX_MINOR,
        ));
        actions.len() - 1
    });
    let reasons = match state.store.transact(actions).await {
        Ok(()) => return Ok(Attempt::Done(Box::new(refund.clone()))),
        Err(StoreError::TransactionCanceled(reasons)) => reasons,
        Err(StoreError::Ambiguous(detail)) => {
            tracing::warn!(%detail, "refund outcome unknown; resolving");
            return Ok(Attempt::Lost);
        }
        Err(e) => return Err(e.into()),
    };
    let refused = |i: usize| reasons.get(i).filter(|r| r.condition_failed());
    if let Some(landed) = refused(0) {
        // The refund's id is this request's own: an earlier attempt of it landed (its
        // answer lost, and the SDK sent it again).
        let item = landed
            .item
            .clone()
            .ok_or_else(|| StoreError::Other("refused refund without its item".into()))?;
        return Ok(Attempt::Done(Box::new(
            from_item::<RefundRecord>(item)?.refund,
        )));
    }
    if let Some(held) = key_action.and_then(refused) {
        let holder = held
            .item
            .clone()
            .ok_or_else(|| StoreError::Other("refused key without its record".into()))?;
        if let Some(answer) = replay(from_item(holder)?, fingerprint)? {
            return Ok(Attempt::Done(Box::new(answer)));
        }
        return Ok(Attempt::Again(None));
    }
    if let Some(changed) = refused(PAYMENT) {
        return match &changed.item {
            Some(current) => Ok(Attempt::Again(Some(current.clone()))),
            None => Err(BillingError::NotFound),
        };
    }
    if let Some(wallet) = wallet_action.and_then(refused) {
        return Err(match wallet.item {
            None => BillingError::NoWallet,
            Some(_) => BillingError::Refused(RefundRefusal::Field(format!(
                "the wallet's balance would exceed {BALANCE_MAX_MINOR} minor units"
            ))),
        });
    }
    if StoreError::TransactionCanceled(reasons.clone()).is_contention() {
        return Ok(Attempt::Again(None));
    }
    Err(StoreError::TransactionCanceled(reasons).into())
}
