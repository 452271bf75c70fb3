//! Every storage key of the single table is built here and nowhere else.
//! docs/architecture.md has the item types and the access patterns they serve.
//!
//! Ids and currency codes are checked for shape before they get here, so the `#`
//! separator can never be forged from client input.

use crate::domain::money::CurrencyCode;

pub const PK: &str = "PK";
pub const SK: &str = "SK";
pub const GSI1: &str = "GSI1";
pub const GSI1PK: &str = "GSI1PK";
pub const GSI1SK: &str = "GSI1SK";
pub const GSI2: &str = "GSI2";
pub const GSI2PK: &str = "GSI2PK";
pub const GSI2SK: &str = "GSI2SK";
/// Epoch seconds; DynamoDB TTL removes the item some time after. Reads check it too.
pub const EXPIRES_AT: &str = "expires_at";

/// Primary key of one item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemKey {
    pub pk: String,
    pub sk: String,
}

fn item(pk: String, sk: impl Into<String>) -> ItemKey {
    ItemKey { pk, sk: sk.into() }
}

// --- API keys and businesses -------------------------------------------------------

pub fn api_key(key_hash: &str) -> ItemKey {
    item(format!("APIKEY#{key_hash}"), "APIKEY")
}

/// Points from a key's public id to its hash, so a key can be revoked by its id.
pub fn api_key_id(key_id: &str) -> ItemKey {
    item(format!("APIKEYID#{key_id}"), "APIKEYID")
}

pub fn business(business_id: &str) -> ItemKey {
    item(format!("BUSINESS#{business_id}"), "PROFILE")
}

/// Makes business names unique (case-insensitively) for the admin CLI.
pub fn business_name(name: &str) -> ItemKey {
    item(
        format!("BUSINESSNAME#{}", name.to_lowercase()),
        "BUSINESSNAME",
    )
}

// --- Customers, wallets, ledger, idempotency: one partition per customer ------------

fn customer_partition(business_id: &str, customer_id: &str) -> String {
    format!("B#{business_id}#C#{customer_id}")
}

pub fn customer(business_id: &str, customer_id: &str) -> ItemKey {
    item(customer_partition(business_id, customer_id), "CUSTOMER")
}

pub fn wallet(business_id: &str, customer_id: &str, currency: CurrencyCode) -> ItemKey {
    item(
        customer_partition(business_id, customer_id),
        format!("WALLET#{currency}"),
    )
}

/// Query prefix for all of a customer's wallets.
pub const WALLET_SK_PREFIX: &str = "WALLET#";

/// Ledger entries sort by the wallet version they produced: exact per-wallet order.
pub fn ledger_entry(
    business_id: &str,
    customer_id: &str,
    currency: CurrencyCode,
    version: u64,
) -> ItemKey {
    item(
        customer_partition(business_id, customer_id),
        format!("LEDGER#{currency}#{version:012}"),
    )
}

pub fn ledger_sk_prefix(currency: CurrencyCode) -> String {
    format!("LEDGER#{currency}#")
}

pub fn customer_pk(business_id: &str, customer_id: &str) -> String {
    customer_partition(business_id, customer_id)
}

pub fn idempotency_record(business_id: &str, customer_id: &str, idempotency_key: &str) -> ItemKey {
    item(
        customer_partition(business_id, customer_id),
        format!("IDEMPOTENCY#{idempotency_key}"),
    )
}

// --- GSI1: newest-first lists -------------------------------------------------------

/// All of a business's customers, by creation time.
pub fn customers_by_created(business_id: &str) -> String {
    format!("B#{business_id}#CUSTOMERS")
}

/// A customer's ledger across currencies, by creation time.
pub fn ledger_by_created(business_id: &str, customer_id: &str) -> String {
    format!("{}#LEDGER", customer_partition(business_id, customer_id))
}

/// Sort key of time-ordered index entries; the id breaks ties between equal times.
pub fn created_sort_key(created_at: &str, tiebreak: &str) -> String {
    format!("{created_at}#{tiebreak}")
}

/// Lower bound for "created at or after `t`": every `t#...` key sorts after `t`.
pub fn created_lower_bound(created_at: &str) -> String {
    created_at.to_string()
}

/// Upper bound for "created at or before `t`": `~` sorts after every id character.
pub fn created_upper_bound(created_at: &str) -> String {
    format!("{created_at}#~")
}

// --- GSI2: customers by email -------------------------------------------------------

pub fn customers_by_email(business_id: &str, email: &str) -> String {
    format!("B#{business_id}#EMAIL#{}", email.to_lowercase())
}

// --- Name search index: one item per name suffix -------------------------------------

pub fn name_index_pk(business_id: &str) -> String {
    format!("B#{business_id}#NAMEIDX")
}

pub fn name_index(business_id: &str, suffix_key: &str, customer_id: &str) -> ItemKey {
    // NUL cannot occur in a name (control characters are refused), so it ends the suffix
    // unambiguously and keeps "ab" + id sorted before "abc" + id.
    item(
        name_index_pk(business_id),
        format!("{suffix_key}\u{0}{customer_id}"),
    )
}

// --- Customer portal ------------------------------------------------------------------

pub fn portal_token(token_hash: &str) -> ItemKey {
    item(format!("PORTALTOKEN#{token_hash}"), "PORTALTOKEN")
}

pub fn portal_session(session_hash: &str) -> ItemKey {
    item(format!("PORTALSESSION#{session_hash}"), "PORTALSESSION")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_items_share_one_partition_per_business_and_customer() {
        let usd = CurrencyCode::USD;
        let c = customer("bus_1", "cus_1");
        assert_eq!(wallet("bus_1", "cus_1", usd).pk, c.pk);
        assert_eq!(
            ledger_entry("bus_1", "cus_1", usd, 7).sk,
            "LEDGER#USD#000000000007"
        );
        assert_ne!(
            customer("bus_2", "cus_1").pk,
            c.pk,
            "tenants never share a key"
        );
    }

    #[test]
    fn created_bounds_enclose_every_id_at_that_time() {
        let key = created_sort_key("2026-01-01T00:00:00.000000Z", "cus_ffff");
        assert!(key >= created_lower_bound("2026-01-01T00:00:00.000000Z"));
        assert!(key <= created_upper_bound("2026-01-01T00:00:00.000000Z"));
        assert!(key > created_upper_bound("2025-12-31T23:59:59.999999Z"));
    }
}
