//! Lists newest first by creation time, as every resource's `GET` list does: each listed
//! item is projected into GSI1 under its customer and into GSI2 under its business, both
//! sorted by `<created_at>#<id>` (keys::created_sort_key), so a list by `customer_id` and
//! a business-wide list are each one Query.

use super::keys as table;
use super::{Item, Store, StoreError, s};
use crate::paging::Page;

/// The index partition a list reads.
#[derive(Debug, Clone)]
pub enum Listing {
    /// One customer's partition of GSI1 (its key value).
    Customer(String),
    /// The business's partition of GSI2 (its key value).
    Business(String),
}

impl Listing {
    /// The customer's partition when the list is filtered by customer, else the business's.
    pub fn of<C>(
        customer: Option<&C>,
        by_customer: impl FnOnce(&C) -> String,
        by_business: impl FnOnce() -> String,
    ) -> Listing {
        match customer {
            Some(customer) => Listing::Customer(by_customer(customer)),
            None => Listing::Business(by_business()),
        }
    }
}

/// A `created_at_gte` / `created_at_lte` window (RFC 3339), both optional.
#[derive(Debug, Clone, Default)]
pub struct CreatedWindow {
    pub gte: Option<String>,
    pub lte: Option<String>,
}

/// One page, newest first, of an index partition: one Query (more only when `parse`
/// drops items or the page is deeper than DynamoDB's 1 MB). `parse` turns an item into
/// a row, or `None` to skip it; `filtered` says whether it may (then pages are read
/// whole instead of cut to what is still wanted).
pub async fn newest_first<T>(
    store: &Store,
    listing: Listing,
    window: &CreatedWindow,
    page: Page,
    filtered: bool,
    mut parse: impl FnMut(Item) -> Result<Option<T>, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let (index, pk_name, sk_name, partition) = match listing {
        Listing::Customer(pk) => (table::GSI1, table::GSI1PK, table::GSI1SK, pk),
        Listing::Business(pk) => (table::GSI2, table::GSI2PK, table::GSI2SK, pk),
    };
    let mut condition = String::from("#pk = :pk");
    let mut query = store
        .client()
        .query()
        .table_name(store.table())
        .index_name(index)
        .expression_attribute_names("#pk", pk_name)
        .expression_attribute_values(":pk", s(partition))
        .scan_index_forward(false);
    match (&window.gte, &window.lte) {
        (Some(gte), Some(lte)) => {
            condition.push_str(" AND #sk BETWEEN :lo AND :hi");
            query = query
                .expression_attribute_values(":lo", s(table::created_lower_bound(gte)))
                .expression_attribute_values(":hi", s(table::created_upper_bound(lte)));
        }
        (Some(gte), None) => {
            condition.push_str(" AND #sk >= :lo");
            query = query.expression_attribute_values(":lo", s(table::created_lower_bound(gte)));
        }
        (None, Some(lte)) => {
            condition.push_str(" AND #sk <= :hi");
            query = query.expression_attribute_values(":hi", s(table::created_upper_bound(lte)));
        }
        (None, None) => {}
    }
    if condition.contains("#sk") {
        query = query.expression_attribute_names("#sk", sk_name);
    }
    let query = query.key_condition_expression(condition);
    let mut rows = Vec::new();
    store
        .query_until(query, Some(page.offset + page.size), !filtered, |item| {
            let row = parse(item)?;
            let counts = row.is_some();
            rows.extend(row);
            Ok(counts)
        })
        .await?;
    Ok(rows.into_iter().skip(page.offset).take(page.size).collect())
}
