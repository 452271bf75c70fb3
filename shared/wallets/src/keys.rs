//! Storage keys of the wallets context. Ledger entries and idempotency records live in
//! the customer's partition (customers context), beside the wallets they belong to.

use crate::LedgerEntryId;
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

/// Where the projection put an entry (`store::EntryLocation`), found by the entry's id.
pub fn entry_location(business: &BusinessId, entry: &LedgerEntryId) -> ItemKey {
    item(format!("B#{business}#LEDGERENTRY#{entry}"), "LEDGERENTRY")
}

/// How far the projection has written a wallet's ledger (`store::raise_watermark`). It
/// sorts after every entry of its wallet (`~` follows the digits), so a newest-first read
/// of the ledger meets it first and learns in the same read how complete the ledger is.
pub fn watermark(business: &BusinessId, customer: &CustomerId, currency: CurrencyCode) -> ItemKey {
    item(
        customer_pk(business, customer),
        format!("{}{WATERMARK_SUFFIX}", ledger_sk_prefix(currency)),
    )
}

pub const WATERMARK_SUFFIX: &str = "~";

/// GSI1 sort key of a wallet's watermark: after every entry's time, as above.
pub fn watermark_by_created(currency: CurrencyCode) -> String {
    format!("{WATERMARK_SUFFIX}{currency}")
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
