//! The subscriptions context's use cases: read, list, and change a subscription here.
//! The portal and the dashboard call [`update`] with their own [`Actor`]; the merchant
//! API calls [`update_with_key`].

use crate::SubscriptionId;
use crate::keys;
use crate::patch::{Actor, PatchRefusal, SubscriptionPatch};
use crate::record::SubscriptionRecord;
use crate::store::{self, StoredSubscription, SubscriptionFilter};
use crate::subscription::{Subscription, SubscriptionListItem, Timestamp};
use platform::app::AppState;
use platform::auth::KeyClaim;
use platform::dynamo::StoreError;
use platform::error::ApiError;
use platform::ids::BusinessId;
use platform::paging::Page;

/// Concurrent changes to one subscription are rare; a few re-reads settle them.
const MAX_ATTEMPTS: u32 = 4;

/// Why a use case fails, in this context's terms (`handlers` maps them to the API's).
#[derive(Debug)]
pub enum SubscriptionError {
    NotFound,
    Refused(PatchRefusal),
    /// Others kept changing it while this request ran.
    Busy,
    Api(ApiError),
}

impl From<StoreError> for SubscriptionError {
    fn from(e: StoreError) -> Self {
        SubscriptionError::Api(e.into())
    }
}

impl From<ApiError> for SubscriptionError {
    fn from(e: ApiError) -> Self {
        SubscriptionError::Api(e)
    }
}

/// The subscription (not found if absent or another business's), read in one request
/// with the proof of the caller's key.
pub async fn get_with_key(
    state: &AppState,
    key: &mut KeyClaim,
    id: &SubscriptionId,
) -> Result<StoredSubscription, SubscriptionError> {
    let item_key = keys::subscription(key.business(), id);
    let item = state.get_with_key(key, &item_key).await?;
    item.map(store::parse)
        .transpose()?
        .ok_or(SubscriptionError::NotFound)
}

/// A page of the business's subscriptions; the query runs while the caller's key is read.
pub async fn list(
    state: &AppState,
    key: &mut KeyClaim,
    filter: SubscriptionFilter,
    page: Page,
) -> Result<Vec<SubscriptionListItem>, ApiError> {
    let business = key.business().clone();
    let records = state
        .alongside_key(key, async {
            Ok(store::list(&state.store, &business, &filter, page).await?)
        })
        .await?;
    Ok(records
        .into_iter()
        .map(|r| SubscriptionListItem::from(r.subscription))
        .collect())
}

/// Changes a subscription of `business` as `actor` (the portal's customer, a dashboard
/// user). A customer reaches only their own subscriptions; any other is not found.
pub async fn update(
    state: &AppState,
    business: &BusinessId,
    id: &SubscriptionId,
    patch: &SubscriptionPatch,
    actor: &Actor,
) -> Result<Subscription, SubscriptionError> {
    let stored = store::subscription(&state.store, business, id)
        .await?
        .ok_or(SubscriptionError::NotFound)?;
    apply(state, stored, patch, actor).await
}

/// [`update`] for the merchant's API key, recorded as the actor by its key id; the first
/// read carries the proof of the key.
pub async fn update_with_key(
    state: &AppState,
    key: &mut KeyClaim,
    id: &SubscriptionId,
    patch: &SubscriptionPatch,
) -> Result<Subscription, SubscriptionError> {
    let stored = get_with_key(state, key, id).await?;
    let actor = Actor::ApiKey {
        key_id: key.key_id(),
    };
    apply(state, stored, patch, &actor).await
}

/// Writes the patch over the subscription as read, reading it again when an event or
/// another patch changed it first, or when the write's answer was lost: every patch
/// applied to its own result changes nothing, so re-applying to what was read again is
/// exact either way.
async fn apply(
    state: &AppState,
    mut stored: StoredSubscription,
    patch: &SubscriptionPatch,
    actor: &Actor,
) -> Result<Subscription, SubscriptionError> {
    if let Actor::Customer { customer_id, .. } = actor
        && stored.record.subscription.core.customer.customer_id != *customer_id
    {
        return Err(SubscriptionError::NotFound);
    }
    for attempt in 0..MAX_ATTEMPTS {
        let now = Timestamp::from_time(platform::time::now());
        let next: SubscriptionRecord = patch
            .apply(&stored.record, actor, &now)
            .map_err(SubscriptionError::Refused)?;
        if next == stored.record {
            return Ok(next.subscription);
        }
        match store::replace(&state.store, &stored, &next).await {
            Ok(()) => return Ok(next.subscription),
            Err(StoreError::ConditionFailed) => {}
            Err(e @ StoreError::Ambiguous(_)) => {
                tracing::warn!(error = %e, "a subscription write's answer was lost")
            }
            Err(e) if e.is_contention() => platform::retry::backoff(attempt).await,
            Err(e) => return Err(e.into()),
        }
        let record = &stored.record;
        stored = store::subscription(
            &state.store,
            &record.business_id,
            &record.subscription.core.subscription_id,
        )
        .await?
        .ok_or(SubscriptionError::NotFound)?;
    }
    Err(SubscriptionError::Busy)
}
