//! Wallet accounts: every customer has one wallet per supported currency, opened in the
//! customer's own creation transaction and closed (only when empty) at erasure. The
//! customers context owns their existence and item shape; the wallets context owns every
//! balance change and the ledger.

use crate::CustomerId;
use crate::keys;
use platform::dynamo::{Item, to_item, with_key};
use platform::ids::BusinessId;
use platform::money::CurrencyCode;
use serde::{Deserialize, Serialize};

/// `CustomerWallet` as the official SDK reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerWallet {
    pub customer_id: CustomerId,
    pub currency: CurrencyCode,
    pub balance: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// A wallet as stored: the wire object and the version that orders its ledger (the
/// wallets context keeps the entry that made the version beside them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredWallet {
    #[serde(flatten)]
    pub wallet: CustomerWallet,
    pub version: u64,
}

pub fn wallet_item(business: &BusinessId, stored: &StoredWallet) -> Item {
    let w = &stored.wallet;
    with_key(
        to_item(stored),
        &keys::wallet(business, &w.customer_id, w.currency),
    )
}
