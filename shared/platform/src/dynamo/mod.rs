//! DynamoDB access shared by every context: the table handle, the translation of DynamoDB
//! failures into [`StoreError`], item (de)serialization, and the request shapes every
//! context uses (transaction actions, batch gets with unprocessed keys, query paging).

pub mod keys;
pub mod listing;
pub mod table;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::{
    AttributeValue, Delete, KeysAndAttributes, Put, PutRequest, TransactWriteItem, Update,
    WriteRequest,
};
use keys::ItemKey;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

pub type Item = HashMap<String, AttributeValue>;

/// DynamoDB's limit on actions in one `TransactWriteItems`.
pub const TRANSACTION_MAX_ACTIONS: usize = 100;

/// A handle on the table. Cheap to clone; built once per process.
#[derive(Debug, Clone)]
pub struct Store {
    client: Client,
    table: String,
}

/// Why a storage call failed, in the terms callers decide on.
#[derive(Debug)]
pub enum StoreError {
    /// A condition on a single-item write failed.
    ConditionFailed,
    /// A transaction was cancelled; one reason per action, in order.
    TransactionCanceled(Vec<Cancellation>),
    /// DynamoDB is shedding load; the SDK's own retries were used up.
    Throttled,
    /// The request may or may not have been applied (connection lost, timeout, 5xx).
    Ambiguous(String),
    Other(String),
}

/// Why one action of a cancelled transaction failed: `code` is "None" for actions that
/// were fine, else "ConditionalCheckFailed", "TransactionConflict", ...; `item` is the
/// item as it stood, for actions that ask for it (ReturnValuesOnConditionCheckFailure).
#[derive(Debug, Clone)]
pub struct Cancellation {
    pub code: String,
    pub item: Option<Item>,
}

impl Cancellation {
    pub fn condition_failed(&self) -> bool {
        self.code == "ConditionalCheckFailed"
    }
}

impl StoreError {
    /// A transaction refused because of concurrent writers (a condition on the state read
    /// no longer holds, or another transaction held an item): re-reading and trying again
    /// can succeed. Any other refusal (e.g. a ValidationException) cannot.
    pub fn is_contention(&self) -> bool {
        match self {
            StoreError::TransactionCanceled(reasons) => reasons.iter().all(|r| {
                matches!(
                    r.code.as_str(),
                    "None" | "ConditionalCheckFailed" | "TransactionConflict"
                )
            }),
            _ => false,
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl From<StoreError> for crate::error::ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Throttled => crate::error::ApiError::TooManyRequests,
            other => crate::error::ApiError::internal(other),
        }
    }
}

const THROTTLING_CODES: &[&str] = &[
    "ThrottlingException",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
];

pub fn classify<E, R>(err: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match &err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            match e.code() {
                Some("ConditionalCheckFailedException") => StoreError::ConditionFailed,
                Some(code) if THROTTLING_CODES.contains(&code) => StoreError::Throttled,
                Some("TransactionConflictException") => {
                    StoreError::TransactionCanceled(vec![Cancellation {
                        code: "TransactionConflict".into(),
                        item: None,
                    }])
                }
                Some("InternalServerError") | Some("ServiceUnavailable") => {
                    StoreError::Ambiguous(format!("{err:?}"))
                }
                _ => StoreError::Other(format!(
                    "{}: {}",
                    e.code().unwrap_or("?"),
                    e.message().unwrap_or("")
                )),
            }
        }
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            StoreError::Ambiguous(format!("{err:?}"))
        }
        _ => StoreError::Other(format!("{err:?}")),
    }
}

pub fn to_item<T: Serialize>(value: &T) -> Item {
    serde_dynamo::to_item(value).expect("storage items always serialize")
}

pub fn from_item<T: DeserializeOwned>(item: Item) -> Result<T, StoreError> {
    serde_dynamo::from_item(item).map_err(|e| StoreError::Other(format!("malformed item: {e}")))
}

pub fn key_map(key: &ItemKey) -> Item {
    HashMap::from([
        (keys::PK.to_string(), AttributeValue::S(key.pk.clone())),
        (keys::SK.to_string(), AttributeValue::S(key.sk.clone())),
    ])
}

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

/// A transaction action that creates an item that must not exist yet.
pub fn put_new(table: &str, item: Item) -> TransactWriteItem {
    TransactWriteItem::builder()
        .put(
            Put::builder()
                .table_name(table)
                .set_item(Some(item))
                .condition_expression("attribute_not_exists(PK)")
                .build()
                .expect("table, item set"),
        )
        .build()
}

pub fn put_any(table: &str, item: Item) -> TransactWriteItem {
    TransactWriteItem::builder()
        .put(
            Put::builder()
                .table_name(table)
                .set_item(Some(item))
                .build()
                .expect("table, item set"),
        )
        .build()
}

/// A transaction action that deletes an item only while `condition` holds.
pub fn delete_if(
    table: &str,
    key: &ItemKey,
    condition: &str,
    values: &[(&str, AttributeValue)],
) -> TransactWriteItem {
    let mut delete = Delete::builder()
        .table_name(table)
        .set_key(Some(key_map(key)))
        .condition_expression(condition);
    for (name, value) in values {
        delete = delete.expression_attribute_values(*name, value.clone());
    }
    TransactWriteItem::builder()
        .delete(delete.build().expect("table, key set"))
        .build()
}

pub fn delete(table: &str, key: &ItemKey) -> TransactWriteItem {
    TransactWriteItem::builder()
        .delete(
            Delete::builder()
                .table_name(table)
                .set_key(Some(key_map(key)))
                .build()
                .expect("table, key set"),
        )
        .build()
}

/// A transaction action adding `delta` to the counter `attribute` of the item at `key`
/// (created at zero); an increase only while the counter is below `max`, so a cap holds
/// whatever runs concurrently.
pub fn capped_count_change(
    table: &str,
    key: &ItemKey,
    attribute: &str,
    delta: i64,
    max: u32,
) -> TransactWriteItem {
    let mut update = Update::builder()
        .table_name(table)
        .set_key(Some(key_map(key)))
        .update_expression("SET #count = if_not_exists(#count, :zero) + :delta")
        .expression_attribute_names("#count", attribute)
        .expression_attribute_values(":zero", n(0))
        .expression_attribute_values(":delta", n(delta));
    if delta > 0 {
        update = update
            .condition_expression("attribute_not_exists(#count) OR #count < :max")
            .expression_attribute_values(":max", n(max));
    }
    TransactWriteItem::builder()
        .update(update.build().expect("table, key, expression set"))
        .build()
}

/// Adds an attribute to an item built by serde, for attributes that are storage concerns
/// rather than part of the domain value (keys, versions, TTL).
pub fn with(mut item: Item, name: &str, value: AttributeValue) -> Item {
    item.insert(name.to_string(), value);
    item
}

pub fn with_key(item: Item, key: &ItemKey) -> Item {
    with(with(item, keys::PK, s(&key.pk)), keys::SK, s(&key.sk))
}

impl Store {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Store {
            client,
            table: table.into(),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    pub async fn get(&self, key: &ItemKey, consistent: bool) -> Result<Option<Item>, StoreError> {
        self.client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key_map(key)))
            .consistent_read(consistent)
            .send()
            .await
            .map(|out| out.item)
            .map_err(classify)
    }

    /// Strongly consistent reads of many items (absent ones are simply not returned), in
    /// requests of at most 100 keys, following up on unprocessed keys.
    pub async fn batch_get(&self, item_keys: &[ItemKey]) -> Result<Vec<Item>, StoreError> {
        const BATCH_GET_MAX_KEYS: usize = 100;
        let mut items = Vec::with_capacity(item_keys.len());
        for chunk in item_keys.chunks(BATCH_GET_MAX_KEYS) {
            let mut request = Some(
                KeysAndAttributes::builder()
                    .set_keys(Some(chunk.iter().map(key_map).collect()))
                    .consistent_read(true)
                    .build()
                    .expect("keys set"),
            );
            while let Some(keys_and_attributes) = request.take() {
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(&self.table, keys_and_attributes)
                    .send()
                    .await
                    .map_err(classify)?;
                items.extend(
                    out.responses
                        .unwrap_or_default()
                        .remove(&self.table)
                        .unwrap_or_default(),
                );
                request = out.unprocessed_keys.and_then(|mut u| u.remove(&self.table));
            }
        }
        Ok(items)
    }

    /// Writes many items unconditionally, in requests of at most 25, following up on
    /// unprocessed items. For derived items whose rewrite is harmless (same content).
    pub async fn put_all(&self, items: Vec<Item>) -> Result<(), StoreError> {
        const BATCH_WRITE_MAX_ITEMS: usize = 25;
        let mut requests: Vec<WriteRequest> = items
            .into_iter()
            .map(|item| {
                WriteRequest::builder()
                    .put_request(
                        PutRequest::builder()
                            .set_item(Some(item))
                            .build()
                            .expect("item set"),
                    )
                    .build()
            })
            .collect();
        let mut attempt = 0;
        while !requests.is_empty() {
            let rest = requests.split_off(requests.len().min(BATCH_WRITE_MAX_ITEMS));
            let out = self
                .client
                .batch_write_item()
                .request_items(&self.table, std::mem::replace(&mut requests, rest))
                .send()
                .await
                .map_err(classify)?;
            if let Some(unprocessed) = out
                .unprocessed_items
                .and_then(|mut u| u.remove(&self.table))
                && !unprocessed.is_empty()
            {
                // DynamoDB is shedding load: give it room before the leftovers.
                crate::retry::backoff(attempt).await;
                attempt += 1;
                requests.extend(unprocessed);
            }
        }
        Ok(())
    }

    /// Reads a query page after page: `keep` sees each item and says whether it counts,
    /// and the reading stops once `wanted` items counted (or the results end). With
    /// `limit_pages`, each page asks for no more than are still wanted, which is exact
    /// when every item counts; without, pages are DynamoDB's full 1 MB ones, which costs
    /// fewer round trips when `keep` drops many.
    pub async fn query_until(
        &self,
        query: QueryFluentBuilder,
        wanted: Option<usize>,
        limit_pages: bool,
        mut keep: impl FnMut(Item) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let mut kept = 0usize;
        let mut start_key = None;
        loop {
            let mut page = query.clone().set_exclusive_start_key(start_key.take());
            if let (Some(wanted), true) = (wanted, limit_pages) {
                page = page.limit(i32::try_from(wanted - kept).unwrap_or(i32::MAX));
            }
            let out = page.send().await.map_err(classify)?;
            for item in out.items.unwrap_or_default() {
                if keep(item)? {
                    kept += 1;
                }
            }
            start_key = out.last_evaluated_key;
            if start_key.is_none() || wanted.is_some_and(|wanted| kept >= wanted) {
                return Ok(());
            }
        }
    }

    /// Runs one transaction. More actions than DynamoDB takes is a bug of the caller's
    /// (each caller bounds its inputs so this cannot happen): it fails loudly in debug
    /// builds and as a logged 500 in release, before any request is sent.
    pub async fn transact(&self, actions: Vec<TransactWriteItem>) -> Result<(), StoreError> {
        debug_assert!(
            actions.len() <= TRANSACTION_MAX_ACTIONS,
            "DynamoDB takes at most {TRANSACTION_MAX_ACTIONS} actions"
        );
        if actions.len() > TRANSACTION_MAX_ACTIONS {
            return Err(StoreError::Other(format!(
                "a transaction of {} actions exceeds DynamoDB's {TRANSACTION_MAX_ACTIONS}",
                actions.len()
            )));
        }
        self.client
            .transact_write_items()
            .set_transact_items(Some(actions))
            .send()
            .await
            .map(|_| ())
            .map_err(|err| {
                if let SdkError::ServiceError(service) = &err
                    && let aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(e) = service.err()
                {
                    return StoreError::TransactionCanceled(
                        e.cancellation_reasons()
                            .iter()
                            .map(|r| Cancellation {
                                code: r.code().unwrap_or("None").to_string(),
                                item: r.item().cloned(),
                            })
                            .collect(),
                    );
                }
                classify(err)
            })
    }
}
