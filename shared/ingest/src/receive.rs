//! `POST /ingest/{id}`: one signed event, verified, deduplicated, kept and applied.
//!
//! The effect is exactly-once per business and `webhook-id`: the event's record (put
//! only if absent) and its owner's planned writes commit in one `TransactWriteItems`,
//! with a check that the event's customer exists. The common case is that one request.
//! A cancellation says what to do next: the record existed (a duplicate: nothing
//! changes), the customer is unknown (create them, same id, and commit again), a planned
//! condition failed (the stored object is newer or needs merging: read it strongly, plan
//! again with what was read, commit that or record the event as stale).

use crate::IngestEndpointId;
use crate::endpoint::StoredEndpoint;
use crate::envelope::{self, WEBHOOK_ID_MAX_CHARS};
use crate::planners;
use crate::signature::{self, ID_HEADER, SIGNATURE_HEADER, SignedHeaders, TIMESTAMP_HEADER};
use crate::store::{self, EventRecord, Outcome};
use aws_sdk_dynamodb::types::{ConditionCheck, TransactWriteItem};
use chrono::Duration;
use customers::customer::InvalidCustomer;
use platform::app::AppState;
use platform::dynamo::keys::ItemKey;
use platform::dynamo::{Item, StoreError, TRANSACTION_MAX_ACTIONS, key_map};
use platform::error::ApiError;
use platform::http::ApiRequest;
use platform::inbound::{Current, CustomerSnapshot, EventPlan, InboundEvent, Planned, Planner};
use platform::{retry, time};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// How long a raw event is kept (DynamoDB TTL on `expires_at`): long enough to audit a
/// quarter and to replay after any outage, short enough that the table does not grow
/// without bound.
pub const EVENT_RETENTION: Duration = Duration::days(90);

/// Attempts at committing one event before answering 500 (the engine retries later with
/// the same `webhook-id`, so nothing is lost or doubled).
const COMMIT_ATTEMPTS: u32 = 6;
/// No attempt starts after this long, so the answer (500 at worst) comes well inside the
/// functions' 10 s timeout even when each request takes its SDK timeout.
const COMMIT_BUDGET: std::time::Duration = std::time::Duration::from_secs(3);

/// The headers a record keeps beside the raw body.
const KEPT_HEADERS: &[&str] = &[
    ID_HEADER,
    TIMESTAMP_HEADER,
    SIGNATURE_HEADER,
    "content-type",
    "user-agent",
];

/// What happened to a verified event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    Recorded(Outcome),
    /// Its `webhook-id` was seen before: nothing changed.
    Duplicate,
}

impl Received {
    pub fn as_str(self) -> &'static str {
        match self {
            Received::Recorded(outcome) => outcome.as_str(),
            Received::Duplicate => "duplicate",
        }
    }
}

/// Why an event is refused.
#[derive(Debug)]
pub enum Refused {
    /// No such endpoint, or no valid signature: the two look the same to the sender.
    Unverified,
    /// Signed, but not Dodo's envelope, or its object is not what its type names.
    Invalid(String),
    /// The event's customer, unknown here, cannot be created as it is described.
    InvalidCustomer(String),
    Failed(ApiError),
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        Refused::Failed(e.into())
    }
}

// --- Endpoints, cached per process like API keys ------------------------------------

type EndpointCache = Mutex<HashMap<IngestEndpointId, (StoredEndpoint, Instant)>>;

/// A warm function verifies without reading: an endpoint is re-read after the key
/// cache's TTL (API_KEY_CACHE_TTL_SECONDS), or at once when a signature fails with the
/// cached copy (the secret may have just been rotated). A deleted endpoint is refused
/// within the TTL, as a revoked API key is.
fn cache() -> &'static EndpointCache {
    static CACHE: OnceLock<EndpointCache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Entries beyond this are dropped wholesale (endpoints are few; this bounds memory).
const CACHE_MAX_ENTRIES: usize = 1024;

/// The endpoint as this process knows it (`true`: from the cache), else as read.
async fn cached_endpoint(
    state: &AppState,
    id: &IngestEndpointId,
) -> Result<Option<(StoredEndpoint, bool)>, StoreError> {
    let cached = cache().lock().expect("cache lock").get(id).cloned();
    if let Some((endpoint, fetched)) = cached
        && fetched.elapsed() < state.config.api_key_cache_ttl
    {
        return Ok(Some((endpoint, true)));
    }
    Ok(read_endpoint(state, id)
        .await?
        .map(|endpoint| (endpoint, false)))
}

async fn read_endpoint(
    state: &AppState,
    id: &IngestEndpointId,
) -> Result<Option<StoredEndpoint>, StoreError> {
    let found = store::endpoint(&state.store, id).await?;
    let mut cached = cache().lock().expect("cache lock");
    match &found {
        Some(endpoint) => {
            if cached.len() >= CACHE_MAX_ENTRIES {
                cached.clear();
            }
            cached.insert(id.clone(), (endpoint.clone(), Instant::now()));
        }
        None => {
            cached.remove(id);
        }
    }
    Ok(found)
}

/// The endpoint a delivery is for, once its signature verifies with one of its secrets.
async fn verified_endpoint(
    state: &AppState,
    endpoint_id: &str,
    headers: &SignedHeaders<'_>,
    body: &[u8],
) -> Result<StoredEndpoint, Refused> {
    let id = IngestEndpointId::parse(endpoint_id).ok_or(Refused::Unverified)?;
    let now = time::now();
    let Some((mut endpoint, mut from_cache)) = cached_endpoint(state, &id).await? else {
        return Err(Refused::Unverified);
    };
    loop {
        match signature::verify(&endpoint.accepted_keys(now), headers, body, now) {
            Ok(()) => return Ok(endpoint),
            // The cached copy may predate a rotation: read it once more.
            Err(signature::Refused::Signature) if from_cache => {
                endpoint = read_endpoint(state, &id)
                    .await?
                    .ok_or(Refused::Unverified)?;
                from_cache = false;
            }
            Err(_) => return Err(Refused::Unverified),
        }
    }
}

// --- The event ------------------------------------------------------------------------

pub async fn receive(
    state: &AppState,
    endpoint_id: &str,
    request: &ApiRequest,
) -> Result<(String, Received), Refused> {
    let header = |name| request.header(name).ok_or(Refused::Unverified);
    let headers = SignedHeaders {
        id: header(ID_HEADER)?,
        timestamp: header(TIMESTAMP_HEADER)?,
        signature: header(SIGNATURE_HEADER)?,
    };
    let endpoint = verified_endpoint(state, endpoint_id, &headers, &request.body).await?;
    if headers.id.is_empty() || headers.id.chars().count() > WEBHOOK_ID_MAX_CHARS {
        return Err(Refused::Invalid(format!(
            "webhook-id must be 1 to {WEBHOOK_ID_MAX_CHARS} characters"
        )));
    }
    let body = std::str::from_utf8(&request.body)
        .map_err(|_| Refused::Invalid("the body is not UTF-8 JSON".into()))?;
    let envelope = envelope::parse(body.as_bytes()).map_err(Refused::Invalid)?;
    let received_at = time::now();
    let event_timestamp = time::format(envelope.timestamp);
    let received = time::format(received_at);
    let record = EventRecord {
        business: &endpoint.business_id,
        endpoint: &endpoint.ingest_endpoint_id,
        webhook_id: headers.id,
        event_type: &envelope.event_type,
        event_timestamp: &event_timestamp,
        received_at: &received,
        expires_at: (received_at + EVENT_RETENTION).timestamp(),
        body,
        headers: KEPT_HEADERS
            .iter()
            .filter_map(|name| request.header(name).map(|v| (*name, v.to_string())))
            .collect(),
    };
    let event = InboundEvent {
        business: &endpoint.business_id,
        webhook_id: headers.id,
        event_type: &envelope.event_type,
        timestamp: envelope.timestamp,
        data: &envelope.data,
    };
    let result = match planners::plan(planners::PLANNERS, &event, state.store.table()) {
        Ok(planned) => commit(state, &record, &event, planned).await,
        Err(why) => Err(Refused::Invalid(why)),
    };
    let received = match result {
        // A delivery seen before is acknowledged whatever its content: the engine may
        // resend an id with data this service now refuses (a read only on this path).
        Err(refused @ (Refused::Invalid(_) | Refused::InvalidCustomer(_))) => {
            if state.store.get(&record.key(), true).await?.is_none() {
                return Err(refused);
            }
            Received::Duplicate
        }
        other => other?,
    };
    tracing::info!(
        ingest_endpoint_id = %endpoint.ingest_endpoint_id,
        event_type = %envelope.event_type,
        outcome = received.as_str(),
        "inbound event"
    );
    Ok((headers.id.to_string(), received))
}

/// Where the actions of one attempt sit in its transaction, to read its cancellation.
struct Attempt {
    outcome: Outcome,
    actions: Vec<TransactWriteItem>,
    /// The plan's own actions.
    plan: std::ops::Range<usize>,
    /// The customer's existence check, or their creation.
    customer: std::ops::Range<usize>,
    creates_customer: bool,
}

fn invalid_customer(why: impl std::fmt::Display) -> Refused {
    Refused::InvalidCustomer(format!("the event's customer: {why}"))
}

fn customer_exists(
    table: &str,
    business: &platform::ids::BusinessId,
    snapshot: &CustomerSnapshot,
) -> Result<TransactWriteItem, Refused> {
    let customer = customers::CustomerId::parse(&snapshot.customer_id).ok_or_else(|| {
        invalid_customer(format_args!(
            "customer_id must be '{}' and letters and digits",
            customers::CustomerId::PREFIX
        ))
    })?;
    Ok(TransactWriteItem::builder()
        .condition_check(
            ConditionCheck::builder()
                .table_name(table)
                .set_key(Some(key_map(&customers::keys::customer(
                    business, &customer,
                ))))
                .condition_expression("attribute_exists(PK)")
                .build()
                .expect("table, key, condition set"),
        )
        .build())
}

/// The customer's creation, for a transaction of `others` actions besides; created on
/// its own first when both do not fit in one (harmless if they exist by then).
async fn customer_creation(
    state: &AppState,
    business: &platform::ids::BusinessId,
    snapshot: &CustomerSnapshot,
    others: usize,
) -> Result<Vec<TransactWriteItem>, Refused> {
    let creation = customers::service::creation_from_snapshot(state, business, snapshot).map_err(
        |e| match e {
            InvalidCustomer::Body(why) | InvalidCustomer::Field(why) => invalid_customer(why),
            InvalidCustomer::TooManyMetadataKeys => invalid_customer("metadata"),
        },
    )?;
    if others + creation.len() <= TRANSACTION_MAX_ACTIONS {
        return Ok(creation);
    }
    match state.store.transact(creation).await {
        Ok(()) => {}
        Err(StoreError::TransactionCanceled(reasons))
            if reasons.iter().any(|r| r.condition_failed()) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(vec![customer_exists(
        state.store.table(),
        business,
        snapshot,
    )?])
}

async fn attempt(
    state: &AppState,
    record: &EventRecord<'_>,
    planned: &Option<(Planner, Planned)>,
    customer_missing: bool,
) -> Result<Attempt, Refused> {
    let table = state.store.table();
    let (outcome, plan): (Outcome, Option<&EventPlan>) = match planned {
        None => (Outcome::Ignored, None),
        Some((_, Planned::Stale)) => (Outcome::Stale, None),
        Some((_, Planned::Write(plan))) => (Outcome::Applied, Some(plan)),
    };
    let mut actions = vec![record.put(table, outcome)];
    let plan_start = actions.len();
    if let Some(plan) = plan {
        actions.extend(plan.actions.iter().cloned());
    }
    let plan_range = plan_start..actions.len();
    let customer_start = actions.len();
    let mut creates_customer = false;
    if let Some(snapshot) = plan.and_then(|p| p.customer.as_ref()) {
        if customer_missing {
            let creation =
                customer_creation(state, record.business, snapshot, actions.len()).await?;
            creates_customer = creation.len() > 1;
            actions.extend(creation);
        } else {
            actions.push(customer_exists(table, record.business, snapshot)?);
        }
    }
    let customer_range = customer_start..actions.len();
    Ok(Attempt {
        outcome,
        actions,
        plan: plan_range,
        customer: customer_range,
        creates_customer,
    })
}

/// The items at `reads`, strongly consistent, in that order (`None`: absent).
async fn read_in_order(
    state: &AppState,
    reads: &[ItemKey],
) -> Result<Vec<Option<Item>>, StoreError> {
    let mut found = state.store.batch_get(reads).await?;
    Ok(reads
        .iter()
        .map(|key| {
            let matches = |item: &Item| {
                let attribute = |name| item.get(name).and_then(|v| v.as_s().ok());
                attribute(platform::dynamo::keys::PK) == Some(&key.pk)
                    && attribute(platform::dynamo::keys::SK) == Some(&key.sk)
            };
            found
                .iter()
                .position(matches)
                .map(|at| found.swap_remove(at))
        })
        .collect())
}

async fn commit(
    state: &AppState,
    record: &EventRecord<'_>,
    event: &InboundEvent<'_>,
    mut planned: Option<(Planner, Planned)>,
) -> Result<Received, Refused> {
    let mut customer_missing = false;
    let mut contention = 0;
    let started = Instant::now();
    for _ in 0..COMMIT_ATTEMPTS {
        if started.elapsed() > COMMIT_BUDGET {
            break;
        }
        let attempt = attempt(state, record, &planned, customer_missing).await?;
        let outcome = attempt.outcome;
        let reasons = match state.store.transact(attempt.actions).await {
            Ok(()) => return Ok(Received::Recorded(outcome)),
            Err(StoreError::TransactionCanceled(reasons)) => reasons,
            // An ambiguous failure may have committed: the next attempt then finds the
            // record and answers duplicate, which is exactly right.
            Err(StoreError::Throttled | StoreError::Ambiguous(_)) => {
                retry::backoff(contention).await;
                contention += 1;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let failed = |range: &std::ops::Range<usize>| {
            // A TransactionConflictException outside a cancellation has one reason only.
            reasons
                .get(range.clone())
                .is_some_and(|failed| failed.iter().any(|r| r.condition_failed()))
        };
        if reasons.first().is_some_and(|r| r.condition_failed()) {
            return Ok(Received::Duplicate);
        }
        if failed(&attempt.customer) {
            // Unknown: create them. Created meanwhile by someone else: check again.
            customer_missing = !attempt.creates_customer;
            continue;
        }
        if failed(&attempt.plan) {
            let Some((planner, Planned::Write(plan))) = &planned else {
                unreachable!("only a written plan has actions")
            };
            let planner = *planner;
            let current = read_in_order(state, &plan.reads).await?;
            let replanned = planner(event, Current::Read(&current), state.store.table()).map_err(
                |refusal| match refusal {
                    platform::inbound::EventRefusal::InvalidData(why) => Refused::Invalid(why),
                    platform::inbound::EventRefusal::NotHandled => Refused::Failed(
                        ApiError::internal("a planner refused an event it had planned"),
                    ),
                },
            )?;
            planned = Some((planner, replanned));
            continue;
        }
        // Only conflicts with concurrent transactions: wait, then try the same again.
        retry::backoff(contention).await;
        contention += 1;
    }
    Err(Refused::Failed(ApiError::internal(format!(
        "inbound event {} not committed within {COMMIT_ATTEMPTS} attempts or {COMMIT_BUDGET:?}",
        record.webhook_id
    ))))
}
