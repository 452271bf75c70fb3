//! Storage keys of the wallets context. Ledger entries and idempotency records live in
//! the customer's partition (customers context), beside the wallets they belong to.

use customers::CustomerId;
use customers::keys::customer_pk;
use platform::dynamo::keys::{ItemKey, item};
use platform::ids::BusinessId;
use platform::money::CurrencyCode;

/// Ledger entries sort by the wallet version they produced: exact per-wallet order.
pub fn ledger_entry(
    business: &BusinessId,
    customer: &CustomerId,
    currency: CurrencyCode,
    version: u64,
) -> ItemKey {
    item(
        customer_pk(business, customer),
        format!("LEDGER#{currency}#{version:012}"),
    )
}

pub fn ledger_sk_prefix(currency: CurrencyCode) -> String {
    format!("LEDGER#{currency}#")
}

pub fn idempotency_record(
    business: &BusinessId,
    customer: &CustomerId,
    idempotency_key: &str,
) -> ItemKey {
    item(
        customer_pk(business, customer),
        format!("IDEMPOTENCY#{idempotency_key}"),
    )
}

/// GSI1: a customer's ledger across currencies, by creation time.
pub fn ledger_by_created(business: &BusinessId, customer: &CustomerId) -> String {
    format!("{}#LEDGER", customer_pk(business, customer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_sort_by_version_within_the_customer_partition() {
        let b = BusinessId::parse("bus_1").unwrap();
        let c = CustomerId::parse("cus_1").unwrap();
        let key = ledger_entry(&b, &c, CurrencyCode::USD, 7);
        assert_eq!(key.sk, "LEDGER#USD#000000000007");
        assert_eq!(key.pk, customers::keys::customer(&b, &c).pk);
    }
}
