//! Customer items, their wallets at creation, the name-suffix index, and customer queries.

use crate::CustomerId;
use crate::accounts::{CustomerWallet, StoredWallet, wallet_item};
use crate::customer::Customer;
use crate::keys;
use crate::search;
use aws_sdk_dynamodb::types::{Put, TransactWriteItem};
use platform::dynamo::keys as table;
use platform::dynamo::{
    Item, Store, StoreError, TRANSACTION_MAX_ACTIONS, delete, delete_if, from_item, key_map, n,
    put_new, s, to_item, with, with_key,
};
use platform::ids::BusinessId;
use platform::paging::Page;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A customer as stored: the wire object plus its optimistic-concurrency version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredCustomer {
    #[serde(flatten)]
    pub customer: Customer,
    pub version: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct NameIndexEntry {
    customer_id: CustomerId,
    created_at: String,
    name_lower: String,
}

/// Which customers a list request wants, newest first.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    pub email: Option<String>,
    /// Already normalized with [`search::normalize`].
    pub name: Option<String>,
    pub created_at_gte: Option<String>,
    pub created_at_lte: Option<String>,
}

impl CustomerFilter {
    fn created_in_range(&self, created_at: &str) -> bool {
        self.created_at_gte
            .as_deref()
            .is_none_or(|gte| created_at >= gte)
            && self
                .created_at_lte
                .as_deref()
                .is_none_or(|lte| created_at <= lte)
    }

    pub fn matches(&self, customer: &Customer) -> bool {
        self.created_in_range(&customer.created_at)
            && self
                .email
                .as_deref()
                .is_none_or(|e| customer.email.eq_ignore_ascii_case(e))
            && self
                .name
                .as_deref()
                .is_none_or(|q| search::name_matches(&customer.name, q))
    }
}

fn customer_item(stored: &StoredCustomer) -> Item {
    let c = &stored.customer;
    let item = with_key(
        to_item(stored),
        &keys::customer(&c.business_id, &c.customer_id),
    );
    let created = table::created_sort_key(&c.created_at, c.customer_id.as_str());
    let item = with(
        item,
        table::GSI1PK,
        s(keys::customers_by_created(&c.business_id)),
    );
    let item = with(item, table::GSI1SK, s(&created));
    let item = with(
        item,
        table::GSI2PK,
        s(keys::customers_by_email(&c.business_id, &c.email)),
    );
    with(item, table::GSI2SK, s(created))
}

fn name_index_keys(customer: &Customer) -> HashSet<table::ItemKey> {
    search::suffix_keys(&customer.name)
        .into_iter()
        .map(|suffix| keys::name_index(&customer.business_id, &suffix, &customer.customer_id))
        .collect()
}

fn name_index_item(customer: &Customer, key: &table::ItemKey) -> Item {
    let entry = NameIndexEntry {
        customer_id: customer.customer_id.clone(),
        created_at: customer.created_at.clone(),
        name_lower: search::normalize(&customer.name),
    };
    with_key(to_item(&entry), key)
}

// A customer's creation is one transaction: the customer, a wallet per currency, at
// most one name-suffix item per character of the name, and the check of the caller's API
// key (platform::auth). The limits on names and on currencies exist to keep that within
// DynamoDB's limit; this holds them to it.
const CREATION_MAX_ACTIONS: usize =
    1 + platform::money::MAX_SUPPORTED_CURRENCIES + crate::customer::NAME_MAX_CHARS + 1;
const _: () = assert!(CREATION_MAX_ACTIONS <= TRANSACTION_MAX_ACTIONS);

/// The one transaction that writes a new customer, its wallets and its name-index items:
/// there is never a customer without wallets, nor one that search cannot find.
pub fn creation_actions(
    store: &Store,
    customer: &Customer,
    wallets: &[CustomerWallet],
) -> Vec<TransactWriteItem> {
    let stored = StoredCustomer {
        customer: customer.clone(),
        version: 0,
    };
    let mut actions = vec![put_new(store.table(), customer_item(&stored))];
    for wallet in wallets {
        let stored_wallet = StoredWallet {
            wallet: wallet.clone(),
            version: 0,
        };
        actions.push(put_new(
            store.table(),
            wallet_item(&customer.business_id, &stored_wallet),
        ));
    }
    for key in &name_index_keys(customer) {
        actions.push(put_new(store.table(), name_index_item(customer, key)));
    }
    actions
}

pub async fn customer(
    store: &Store,
    business_id: &BusinessId,
    customer_id: &CustomerId,
) -> Result<Option<StoredCustomer>, StoreError> {
    store
        .get(&keys::customer(business_id, customer_id), true)
        .await?
        .map(from_item)
        .transpose()
}

/// Replaces a customer if it is still at `previous.version`, and moves its name-index
/// items when the name changed. `Err(TransactionCanceled)` means someone else changed
/// or erased it first.
pub async fn update_customer(
    store: &Store,
    previous: &StoredCustomer,
    updated: &Customer,
) -> Result<StoredCustomer, StoreError> {
    let stored = StoredCustomer {
        customer: updated.clone(),
        version: previous.version + 1,
    };
    let replace = TransactWriteItem::builder()
        .put(
            Put::builder()
                .table_name(store.table())
                .set_item(Some(customer_item(&stored)))
                .condition_expression("version = :expected")
                .expression_attribute_values(":expected", n(previous.version))
                .build()
                .expect("table, item set"),
        )
        .build();
    let old_keys = name_index_keys(&previous.customer);
    let new_keys = name_index_keys(updated);
    let mut actions = vec![replace];
    if previous.customer.name != updated.name {
        // Entries carry the lower-cased name, so even kept suffixes are rewritten.
        actions.extend(
            new_keys
                .iter()
                .map(|k| platform::dynamo::put_any(store.table(), name_index_item(updated, k))),
        );
    }
    let stale: Vec<_> = old_keys.difference(&new_keys).collect();
    if actions.len() + stale.len() <= TRANSACTION_MAX_ACTIONS {
        actions.extend(stale.iter().map(|k| delete(store.table(), k)));
        store.transact(actions).await?;
    } else {
        // Two long, different names overflow one transaction. The new index items are
        // written with the customer; stale ones are removed after. Until then they
        // only cost reads: search confirms every hit against the customer item.
        store.transact(actions).await?;
        for chunk in stale.chunks(TRANSACTION_MAX_ACTIONS) {
            store
                .transact(chunk.iter().map(|k| delete(store.table(), k)).collect())
                .await?;
        }
    }
    Ok(stored)
}

/// Deletes the customer (all personal data), its wallets if every balance is zero,
/// and its index items, in one transaction. Ledger entries stay for audit; they hold
/// no personal data. `Err(TransactionCanceled)` means a balance moved or the customer
/// changed since `customer` and `wallets` were read.
pub async fn erase_customer(
    store: &Store,
    customer: &StoredCustomer,
    wallets: &[StoredWallet],
) -> Result<(), StoreError> {
    let c = &customer.customer;
    let mut actions = vec![delete_if(
        store.table(),
        &keys::customer(&c.business_id, &c.customer_id),
        "version = :expected",
        &[(":expected", n(customer.version))],
    )];
    for wallet in wallets {
        let currency = wallet.wallet.currency;
        actions.push(delete_if(
            store.table(),
            &keys::wallet(&c.business_id, &c.customer_id, currency),
            "balance = :zero AND version = :expected",
            &[(":zero", n(0)), (":expected", n(wallet.version))],
        ));
    }
    actions.extend(name_index_keys(c).iter().map(|k| delete(store.table(), k)));
    store.transact(actions).await
}

/// One page of a business's customers, newest first.
pub async fn list_customers(
    store: &Store,
    business_id: &BusinessId,
    filter: &CustomerFilter,
    page: Page,
) -> Result<Vec<Customer>, StoreError> {
    match (&filter.email, &filter.name) {
        (Some(email), _) => {
            query_customers_newest_first(
                store,
                table::GSI2,
                table::GSI2PK,
                table::GSI2SK,
                keys::customers_by_email(business_id, email),
                filter,
                page,
            )
            .await
        }
        (None, Some(name)) => {
            search_customers_by_name(store, business_id, name, filter, page).await
        }
        (None, None) => {
            query_customers_newest_first(
                store,
                table::GSI1,
                table::GSI1PK,
                table::GSI1SK,
                keys::customers_by_created(business_id),
                filter,
                page,
            )
            .await
        }
    }
}

/// Reads a newest-first index partition, applying `filter` to what the key condition
/// cannot express, until the page is full.
async fn query_customers_newest_first(
    store: &Store,
    index: &str,
    pk_name: &str,
    sk_name: &str,
    partition: String,
    filter: &CustomerFilter,
    page: Page,
) -> Result<Vec<Customer>, StoreError> {
    let wanted = page.offset + page.size;
    let (condition, bounds) = match (&filter.created_at_gte, &filter.created_at_lte) {
        (Some(gte), Some(lte)) => (
            "#pk = :pk AND #sk BETWEEN :lo AND :hi",
            vec![
                (":lo", table::created_lower_bound(gte)),
                (":hi", table::created_upper_bound(lte)),
            ],
        ),
        (Some(gte), None) => (
            "#pk = :pk AND #sk >= :lo",
            vec![(":lo", table::created_lower_bound(gte))],
        ),
        (None, Some(lte)) => (
            "#pk = :pk AND #sk <= :hi",
            vec![(":hi", table::created_upper_bound(lte))],
        ),
        (None, None) => ("#pk = :pk", vec![]),
    };
    let mut query = store
        .client()
        .query()
        .table_name(store.table())
        .index_name(index)
        .key_condition_expression(condition)
        .expression_attribute_names("#pk", pk_name)
        .expression_attribute_values(":pk", s(&partition))
        .scan_index_forward(false);
    if condition.contains("#sk") {
        query = query.expression_attribute_names("#sk", sk_name);
    }
    for (name, value) in &bounds {
        query = query.expression_attribute_values(*name, s(value));
    }
    // A name filter drops items after reading, so pages are not cut to what is wanted.
    let every_item_counts = filter.name.is_none();
    let mut matches = Vec::new();
    store
        .query_until(query, Some(wanted), every_item_counts, |item| {
            let stored: StoredCustomer = from_item(item)?;
            let counts = filter.matches(&stored.customer);
            if counts {
                matches.push(stored.customer);
            }
            Ok(counts)
        })
        .await?;
    Ok(matches
        .into_iter()
        .skip(page.offset)
        .take(page.size)
        .collect())
}

/// Substring search through the suffix index: reads the index entries whose suffix
/// starts with the query, then only the customers of the requested page.
async fn search_customers_by_name(
    store: &Store,
    business_id: &BusinessId,
    query: &str,
    filter: &CustomerFilter,
    page: Page,
) -> Result<Vec<Customer>, StoreError> {
    let mut candidates: HashMap<CustomerId, String> = HashMap::new();
    let index_query = store
        .client()
        .query()
        .table_name(store.table())
        .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
        .expression_attribute_values(":pk", s(keys::name_index_pk(business_id)))
        .expression_attribute_values(":prefix", s(search::query_key_prefix(query)));
    store
        .query_until(index_query, None, false, |item| {
            let entry: NameIndexEntry = from_item(item)?;
            if entry.name_lower.contains(query) && filter.created_in_range(&entry.created_at) {
                candidates.insert(entry.customer_id, entry.created_at);
            }
            Ok(true)
        })
        .await?;
    let mut ordered: Vec<(String, CustomerId)> = candidates
        .into_iter()
        .map(|(id, created)| (created, id))
        .collect();
    ordered.sort_unstable_by(|a, b| b.cmp(a));
    let mut remaining = ordered.into_iter().skip(page.offset).map(|(_, id)| id);
    let mut found = Vec::with_capacity(page.size);
    // Fetch only as many customers as the page still needs; an index entry whose
    // customer changed name since is skipped and the next candidate takes its place.
    while found.len() < page.size {
        let batch: Vec<CustomerId> = remaining.by_ref().take(page.size - found.len()).collect();
        if batch.is_empty() {
            break;
        }
        let mut customers = customers_by_ids(store, business_id, &batch).await?;
        customers.retain(|c| filter.matches(c));
        customers.sort_unstable_by(|a, b| {
            (&b.created_at, &b.customer_id).cmp(&(&a.created_at, &a.customer_id))
        });
        found.extend(customers);
    }
    Ok(found)
}

async fn customers_by_ids(
    store: &Store,
    business_id: &BusinessId,
    ids: &[CustomerId],
) -> Result<Vec<Customer>, StoreError> {
    let unique: HashSet<&CustomerId> = ids.iter().collect();
    let item_keys: Vec<table::ItemKey> = unique
        .into_iter()
        .map(|id| keys::customer(business_id, id))
        .collect();
    store
        .batch_get(&item_keys)
        .await?
        .into_iter()
        .map(|item| from_item::<StoredCustomer>(item).map(|stored| stored.customer))
        .collect()
}

/// Whether the customer exists, without reading its personal data.
pub async fn customer_exists(
    store: &Store,
    business_id: &BusinessId,
    customer_id: &CustomerId,
) -> Result<bool, StoreError> {
    let out = store
        .client()
        .get_item()
        .table_name(store.table())
        .set_key(Some(key_map(&keys::customer(business_id, customer_id))))
        .projection_expression("PK")
        .send()
        .await
        .map_err(platform::dynamo::classify)?;
    Ok(out.item.is_some())
}

/// All of a customer's wallets, in one query of its partition.
pub async fn wallets(
    store: &Store,
    business_id: &BusinessId,
    customer_id: &CustomerId,
) -> Result<Vec<StoredWallet>, StoreError> {
    let out = store
        .client()
        .query()
        .table_name(store.table())
        .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
        .expression_attribute_values(":pk", s(keys::customer_pk(business_id, customer_id)))
        .expression_attribute_values(":prefix", s(keys::WALLET_SK_PREFIX))
        .consistent_read(true)
        .send()
        .await
        .map_err(platform::dynamo::classify)?;
    out.items
        .unwrap_or_default()
        .into_iter()
        .map(from_item)
        .collect()
}
