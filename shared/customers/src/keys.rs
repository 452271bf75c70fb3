//! Storage keys of the customers context: customers, their wallet accounts, and the
//! indexes that list and search them. docs/architecture.md lists every item type.

use crate::CustomerId;
use platform::dynamo::keys::{ItemKey, item};
use platform::ids::BusinessId;
use platform::money::CurrencyCode;

/// One partition per customer holds the customer, its wallets and (wallets context) its
/// ledger and idempotency records, so a customer's items never mix with another's.
pub fn customer_pk(business: &BusinessId, customer: &CustomerId) -> String {
    format!("B#{business}#C#{customer}")
}

pub fn customer(business: &BusinessId, customer: &CustomerId) -> ItemKey {
    item(customer_pk(business, customer), "CUSTOMER")
}

pub fn wallet(business: &BusinessId, customer: &CustomerId, currency: CurrencyCode) -> ItemKey {
    item(
        customer_pk(business, customer),
        format!("{WALLET_SK_PREFIX}{currency}"),
    )
}

/// Query prefix for all of a customer's wallets.
pub const WALLET_SK_PREFIX: &str = "WALLET#";

/// GSI1: all of a business's customers, by creation time.
pub fn customers_by_created(business: &BusinessId) -> String {
    format!("B#{business}#CUSTOMERS")
}

/// GSI2: customers by email.
pub fn customers_by_email(business: &BusinessId, email: &str) -> String {
    format!("B#{business}#EMAIL#{}", email.to_lowercase())
}

/// Name search index: one item per name suffix.
pub fn name_index_pk(business: &BusinessId) -> String {
    format!("B#{business}#NAMEIDX")
}

pub fn name_index(business: &BusinessId, suffix_key: &str, customer: &CustomerId) -> ItemKey {
    // NUL cannot occur in a name (control characters are refused), so it ends the suffix
    // unambiguously and keeps "ab" + id sorted before "abc" + id.
    item(
        name_index_pk(business),
        format!("{suffix_key}\u{0}{customer}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_items_share_one_partition_per_business_and_customer() {
        let (b1, b2) = (
            BusinessId::parse("bus_1").unwrap(),
            BusinessId::parse("bus_2").unwrap(),
        );
        let c1 = CustomerId::parse("cus_1").unwrap();
        let c = customer(&b1, &c1);
        assert_eq!(wallet(&b1, &c1, CurrencyCode::USD).pk, c.pk);
        assert_eq!(wallet(&b1, &c1, CurrencyCode::USD).sk, "WALLET#USD");
        assert_ne!(customer(&b2, &c1).pk, c.pk, "tenants never share a key");
    }
}
