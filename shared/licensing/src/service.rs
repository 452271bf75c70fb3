//! The licensing use cases: the merchant's (import, read, update, list; instances) and
//! the public licence calls (activate, deactivate, validate), whose credential is the
//! key string itself.

use crate::keys;
use crate::license_key::{
    ActivatedInstance, CustomerDetails, InstanceName, LicenceCall, LicenseKey, LicenseKeyInstance,
    LicenseKeyPatch, LicenseKeyRecord, LicensingError, NewLicenseKey, ProductDetails, Status,
};
use crate::rate_limit::{self, CallLimiter};
use crate::store::{self, KeyFilter};
use crate::{LicenseKeyId, LicenseKeyInstanceId};
use aws_sdk_dynamodb::types::TransactWriteItem;
use platform::app::AppState;
use platform::auth::KeyClaim;
use platform::dynamo::{Cancellation, StoreError};
use platform::error::ApiError;
use platform::ids::{BusinessId, secret_hash};
use platform::paging::Page;
use platform::time;

/// Concurrent writers to one key (activations, a merchant's update) conflict only in a
/// transaction's moment; a few tries with backoff settle them.
const MAX_ATTEMPTS: u32 = 8;

fn now() -> (String, i64) {
    let t = time::now();
    (time::format(t), t.timestamp())
}

// --- The merchant's routes --------------------------------------------------------------

/// Imports a key for a customer of `business` (whose key is proven): one transaction.
pub async fn import(
    state: &AppState,
    business: &BusinessId,
    new: NewLicenseKey,
) -> Result<LicenseKey, LicensingError> {
    let (now, _) = now();
    let record = new.into_record(business.clone(), now.clone());
    let failed = |reasons: &[Cancellation], at: usize| {
        reasons.get(at).is_some_and(Cancellation::condition_failed)
    };
    for attempt in 0..MAX_ATTEMPTS {
        match state
            .store
            .transact(store::import_actions(&state.store, &record))
            .await
        {
            Ok(()) => return Ok(record.to_wire(&now)),
            // The id is fresh: only an earlier attempt whose answer was lost made it.
            Err(StoreError::TransactionCanceled(reasons))
                if failed(&reasons, store::IMPORT_BASE) =>
            {
                return Ok(record.to_wire(&now));
            }
            Err(StoreError::TransactionCanceled(reasons))
                if failed(&reasons, store::IMPORT_CUSTOMER_CHECK) =>
            {
                return Err(LicensingError::NotFound);
            }
            Err(StoreError::TransactionCanceled(reasons))
                if failed(&reasons, store::IMPORT_LOOKUP) =>
            {
                return Err(LicensingError::KeyInUse);
            }
            Err(e) if retryable(&e) => platform::retry::backoff(attempt).await,
            Err(e) => return Err(e.into()),
        }
    }
    Err(LicensingError::Busy)
}

/// Whether trying the same write again can help: contention, throttling, or an answer
/// lost. Each write here is safe to repeat: its conditions refuse a second application
/// and the refusal is read as the first one's success (see [`commit_change`]).
fn retryable(e: &StoreError) -> bool {
    e.is_contention() || matches!(e, StoreError::Throttled | StoreError::Ambiguous(_))
}

/// The key `id` of the claimed business, read with the proof of the caller's key.
async fn stored_key(
    state: &AppState,
    claim: &mut KeyClaim,
    id: &LicenseKeyId,
) -> Result<LicenseKeyRecord, ApiError> {
    let item = state
        .get_with_key(claim, &keys::license_key(claim.business(), id))
        .await?;
    item.map(store::record_of)
        .transpose()?
        .ok_or(ApiError::NotFound)
}

pub async fn get(
    state: &AppState,
    claim: &mut KeyClaim,
    id: &LicenseKeyId,
) -> Result<LicenseKey, ApiError> {
    Ok(stored_key(state, claim, id).await?.to_wire(&now().0))
}

/// Applies the merchant's change to both of the key's items (one transaction). The
/// answer is the key as read with the change applied.
pub async fn update(
    state: &AppState,
    claim: &mut KeyClaim,
    id: &LicenseKeyId,
    patch: &LicenseKeyPatch,
) -> Result<LicenseKey, ApiError> {
    let mut record = stored_key(state, claim, id).await?;
    patch.apply(&mut record);
    if !patch.is_empty() {
        let mut attempt = 0;
        loop {
            match store::patch(&state.store, &record, patch).await {
                Ok(()) => break,
                Err(e) if retryable(&e) && attempt + 1 < MAX_ATTEMPTS => {
                    platform::retry::backoff(attempt).await;
                    attempt += 1;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(record.to_wire(&now().0))
}

/// A page of the business's keys; the query runs while the caller's key is read.
pub async fn list(
    state: &AppState,
    claim: &mut KeyClaim,
    filter: KeyFilter,
    page: Page,
) -> Result<Vec<LicenseKey>, ApiError> {
    let business = claim.business().clone();
    let (now, _) = now();
    state
        .alongside_key(claim, async {
            let records = store::list_keys(&state.store, &business, &filter, page, &now).await?;
            Ok(records.iter().map(|r| r.to_wire(&now)).collect())
        })
        .await
}

pub async fn list_instances(
    state: &AppState,
    claim: &mut KeyClaim,
    license_key: Option<LicenseKeyId>,
    page: Page,
) -> Result<Vec<LicenseKeyInstance>, ApiError> {
    let business = claim.business().clone();
    state
        .alongside_key(claim, async {
            Ok(store::list_instances(&state.store, &business, license_key.as_ref(), page).await?)
        })
        .await
}

pub async fn get_instance(
    state: &AppState,
    claim: &mut KeyClaim,
    id: &LicenseKeyInstanceId,
) -> Result<LicenseKeyInstance, ApiError> {
    let business = claim.business().clone();
    state
        .alongside_key(claim, async {
            let found = store::instance_by_id(&state.store, &business, id).await?;
            found
                .map(|(_, instance)| instance)
                .ok_or(ApiError::NotFound)
        })
        .await
}

pub async fn rename_instance(
    state: &AppState,
    claim: &mut KeyClaim,
    id: &LicenseKeyInstanceId,
    name: &InstanceName,
) -> Result<LicenseKeyInstance, ApiError> {
    let business = claim.business().clone();
    let (item_key, _) = state
        .alongside_key(claim, async {
            store::instance_by_id(&state.store, &business, id)
                .await?
                .ok_or(ApiError::NotFound)
        })
        .await?;
    store::rename_instance(&state.store, &item_key, name.as_str())
        .await?
        .ok_or(ApiError::NotFound)
}

// --- The public licence calls ----------------------------------------------------------

/// Counts the call against the key's in-process window (no I/O), for a wrong key as for
/// a right one.
fn admit(limiter: &CallLimiter, key: &str, unix_seconds: i64) -> Result<(), LicensingError> {
    if limiter.admit(&secret_hash(key), rate_limit::window(unix_seconds)) {
        Ok(())
    } else {
        Err(LicensingError::RateLimited)
    }
}

/// The key's record, or NotFound: a wrong, missing or empty key costs the same one read.
async fn licence(
    state: &AppState,
    call: &LicenceCall,
    instance: Option<&LicenseKeyInstanceId>,
) -> Result<(LicenseKeyRecord, Option<LicenseKeyInstance>), LicensingError> {
    let (record, instance) = store::lookup(&state.store, call.key(), instance).await?;
    Ok((record.ok_or(LicensingError::NotFound)?, instance))
}

/// Activates the key on a new instance: one read of the lookup item, then one
/// transaction whose condition holds the limit whatever runs concurrently. The
/// customer's details for the answer are read meanwhile.
pub async fn activate(
    state: &AppState,
    call: &LicenceCall,
) -> Result<ActivatedInstance, LicensingError> {
    let name = InstanceName::parse(call.name.clone().unwrap_or_default())?;
    let (now, unix_seconds) = now();
    admit(&rate_limit::ACTIVATIONS, call.key(), unix_seconds)?;
    let (record, _) = licence(state, call, None).await?;
    if let Some(refusal) = record.activation_refusal(&now) {
        return Err(refusal);
    }
    let instance = LicenseKeyInstance {
        id: LicenseKeyInstanceId::time_ordered(),
        business_id: record.business_id.clone(),
        created_at: now.clone(),
        license_key_id: record.id.clone(),
        name: name.as_str().to_string(),
    };
    let actions =
        || store::activation_actions(&state.store, &record, &instance, &now, unix_seconds);
    let (committed, customer) = tokio::join!(
        commit_change(state, actions, Some((call.key(), &instance.id)), &now),
        store::customer(&state.store, &record.business_id, &record.customer_id)
    );
    committed?;
    // The activation stands even if the customer cannot be read: the answer then
    // carries the customer's id alone.
    let customer = customer.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "activation: the key's customer could not be read");
        None
    });
    Ok(ActivatedInstance {
        customer: match customer {
            Some(c) => CustomerDetails {
                customer_id: c.customer_id,
                email: c.email,
                name: c.name,
                metadata: c.metadata,
                phone_number: c.phone_number,
            },
            None => CustomerDetails {
                customer_id: record.customer_id.clone(),
                email: String::new(),
                name: String::new(),
                metadata: Default::default(),
                phone_number: None,
            },
        },
        product: ProductDetails {
            product_id: record.product_id.clone(),
            name: None,
        },
        instance,
    })
}

/// Frees the instance's activation: one read (the lookup and the instance together),
/// then one transaction. Allowed on a disabled or expired key too: it only frees a seat.
pub async fn deactivate(state: &AppState, call: &LicenceCall) -> Result<(), LicensingError> {
    let (now, unix_seconds) = now();
    admit(&rate_limit::DEACTIVATIONS, call.key(), unix_seconds)?;
    let instance_id = call
        .instance_id()?
        .ok_or_else(|| LicensingError::Field("license_key_instance_id is required".into()))?;
    let (record, instance) = licence(state, call, Some(&instance_id)).await?;
    if instance.is_none() {
        return Err(LicensingError::NotFound);
    }
    let actions = || store::deactivation_actions(&state.store, &record, &instance_id, unix_seconds);
    commit_change(state, actions, None, &now).await
}

/// Whether the key is usable (active) and, when an instance is named, whether it is one
/// of the key's. One read: the lookup item, with the instance in the same request.
pub async fn validate(state: &AppState, call: &LicenceCall) -> Result<bool, LicensingError> {
    let (now, unix_seconds) = now();
    admit(&rate_limit::VALIDATIONS, call.key(), unix_seconds)?;
    let instance_id = call.instance_id()?;
    let (record, instance) = licence(state, call, instance_id.as_ref()).await?;
    let instance_holds = instance_id.is_none() || instance.is_some();
    Ok(record.status(&now) == Status::Active && instance_holds)
}

/// After an activation lost a conflict: whether it is settled already, by its own
/// instance (an earlier attempt whose answer was lost made it) or by the key (the limit
/// reached, the key disabled or expired meanwhile). One read, which spares the doomed
/// transactions a hot key's losers would otherwise keep sending.
async fn activation_settled(
    state: &AppState,
    key: &str,
    instance: &LicenseKeyInstanceId,
    now: &str,
) -> Result<Option<Result<(), LicensingError>>, LicensingError> {
    let (record, made) = store::lookup(&state.store, key, Some(instance)).await?;
    Ok(match (record, made) {
        (_, Some(_)) => Some(Ok(())),
        (None, None) => Some(Err(LicensingError::NotFound)),
        (Some(record), None) => record.activation_refusal(now).map(Err),
    })
}

/// Commits an activation or a deactivation (`store::activation_actions` or
/// `deactivation_actions`), trying again through contention, throttling and lost
/// answers. Trying again is safe: the instance action's condition (new for an
/// activation, existing for a deactivation) refuses a second application, and that
/// refusal means the change is in effect.
async fn commit_change(
    state: &AppState,
    actions: impl Fn() -> Vec<TransactWriteItem>,
    activation: Option<(&str, &LicenseKeyInstanceId)>,
    now: &str,
) -> Result<(), LicensingError> {
    let mut last = None;
    for attempt in 0..MAX_ATTEMPTS {
        match state.store.transact(actions()).await {
            Ok(()) => return Ok(()),
            Err(StoreError::TransactionCanceled(reasons)) => {
                let failed =
                    |at: usize| reasons.get(at).is_some_and(Cancellation::condition_failed);
                if failed(store::CHANGE_INSTANCE) {
                    return Ok(());
                }
                if failed(store::CHANGE_LOOKUP) {
                    // Only an activation asks for the item as it stood (a deactivation
                    // is refused here only if the key is gone).
                    let stood = reasons[store::CHANGE_LOOKUP].item.clone();
                    return Err(match stood.map(store::record_of).transpose()? {
                        None => LicensingError::NotFound,
                        Some(record) => record
                            .activation_refusal(now)
                            .unwrap_or(LicensingError::ActivationLimitReached),
                    });
                }
                if failed(store::CHANGE_WINDOW) {
                    return Err(LicensingError::RateLimited);
                }
                let e = StoreError::TransactionCanceled(reasons);
                if !e.is_contention() {
                    return Err(e.into());
                }
                if let Some((key, instance)) = activation
                    && let Some(settled) = activation_settled(state, key, instance, now).await?
                {
                    return settled;
                }
                last = Some(e);
            }
            Err(e) if retryable(&e) => last = Some(e),
            Err(e) => return Err(e.into()),
        }
        platform::retry::backoff(attempt).await;
    }
    Err(match last {
        Some(StoreError::Throttled) => StoreError::Throttled.into(),
        _ => LicensingError::Busy,
    })
}
