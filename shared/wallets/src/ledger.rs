//! Wallets and the credit ledger: entry requests, balance arithmetic and the chain invariant.

use crate::LedgerEntryId;
use customers::CustomerId;
use platform::ids::BusinessId;
use platform::money::CurrencyCode;
use platform::money::{Currency, SupportedCurrencies};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One entry moves at most this many minor units (10 billion USD in cents).
pub const AMOUNT_MAX_MINOR: i64 = 1_000_000_000_000;
/// No balance may exceed this; it keeps every sum far from `i64` overflow.
pub const BALANCE_MAX_MINOR: i64 = 1_000_000_000_000_000;
pub const IDEMPOTENCY_KEY_MAX_CHARS: usize = 255;
pub const REASON_MAX_CHARS: usize = 500;
/// Idempotency records are kept this long (7 days; Stripe keeps 24 hours).
pub const IDEMPOTENCY_RETENTION_SECONDS: i64 = 7 * 24 * 3600;
pub const MERCHANT_ADJUSTMENT: &str = "merchant_adjustment";
/// A payment refunded to the wallet as store credit (billing context).
pub const REFUND: &str = "refund";

/// `CustomerWalletTransaction` as the official SDK reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerWalletTransaction {
    pub id: LedgerEntryId,
    pub customer_id: CustomerId,
    pub business_id: BusinessId,
    pub currency: CurrencyCode,
    pub amount: i64,
    pub is_credit: bool,
    pub before_balance: i64,
    pub after_balance: i64,
    pub event_type: String,
    pub reason: Option<String>,
    pub reference_object_id: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryType {
    Credit,
    Debit,
}

/// An entry as it rides on the wallet item (`last_entry`) in the update that applies it:
/// everything the ledger entry needs but the balances and the version, which the table's
/// stream supplies (before and after images) when the projection writes the entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryDoc {
    pub id: LedgerEntryId,
    pub business_id: BusinessId,
    pub amount: i64,
    pub is_credit: bool,
    pub event_type: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub reference_object_id: Option<String>,
    pub created_at: String,
    /// With the fingerprint, completes the idempotency record once the entry is projected.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    #[serde(default)]
    pub request_fingerprint: Option<String>,
}

impl EntryDoc {
    /// The credit of a refund to the customer's wallet: the ledger links it to the refund
    /// (`reference_object_id`). The refund itself makes it happen once, so it carries no
    /// idempotency key of its own.
    pub fn refund_credit(
        business: &BusinessId,
        amount: i64,
        refund_id: &str,
        reason: Option<String>,
        created_at: String,
    ) -> EntryDoc {
        EntryDoc {
            id: LedgerEntryId::new(),
            business_id: business.clone(),
            amount,
            is_credit: true,
            event_type: REFUND.into(),
            reason,
            reference_object_id: Some(refund_id.to_string()),
            created_at,
            idempotency_key: None,
            request_fingerprint: None,
        }
    }
}

/// Why a ledger entry cannot be made, in the ledger's own terms; the wallets context's
/// handlers turn it into the API's error (`handlers::mod`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    /// A field of the request is out of its range; the text says which and why.
    InvalidField(String),
    UnsupportedCurrency(String),
    /// A debit larger than the balance.
    InsufficientFunds,
}

/// The `POST .../wallets/ledger-entries` body as sent.
#[derive(Debug, Deserialize)]
pub struct LedgerEntryBody {
    amount: i64,
    currency: String,
    entry_type: EntryType,
    #[serde(default)]
    idempotency_key: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// A validated `POST .../wallets/ledger-entries` body.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerEntryRequest {
    pub amount_minor: i64,
    pub currency: Currency,
    pub entry_type: EntryType,
    pub idempotency_key: Option<String>,
    pub reason: Option<String>,
}

impl LedgerEntryRequest {
    pub fn validate(
        body: LedgerEntryBody,
        currencies: &SupportedCurrencies,
    ) -> Result<Self, LedgerError> {
        if body.amount <= 0 || body.amount > AMOUNT_MAX_MINOR {
            return Err(LedgerError::InvalidField(format!(
                "amount must be an integer from 1 to {AMOUNT_MAX_MINOR} (minor units)"
            )));
        }
        let currency = *currencies
            .get(&body.currency)
            .ok_or_else(|| LedgerError::UnsupportedCurrency(body.currency.clone()))?;
        let idempotency_key = body.idempotency_key.filter(|k| !k.is_empty());
        if let Some(key) = &idempotency_key
            && (key.chars().count() > IDEMPOTENCY_KEY_MAX_CHARS
                || key.chars().any(char::is_control))
        {
            return Err(LedgerError::InvalidField(format!(
                "idempotency_key must be at most {IDEMPOTENCY_KEY_MAX_CHARS} printable characters"
            )));
        }
        if body
            .reason
            .as_ref()
            .is_some_and(|r| r.chars().count() > REASON_MAX_CHARS)
        {
            return Err(LedgerError::InvalidField(format!(
                "reason must be at most {REASON_MAX_CHARS} characters"
            )));
        }
        Ok(LedgerEntryRequest {
            amount_minor: body.amount,
            currency,
            entry_type: body.entry_type,
            idempotency_key,
            reason: body.reason,
        })
    }

    /// What "the same parameters" means for an idempotency key: every field but the key.
    pub fn fingerprint(&self) -> String {
        let canonical = serde_json::json!([
            self.amount_minor,
            self.currency.code,
            self.entry_type,
            self.reason,
        ]);
        platform::ids::hex(&Sha256::digest(canonical.to_string().as_bytes()))
    }

    /// The balance after this entry, or why it cannot be applied. Nothing is written when
    /// this fails, so `INSUFFICIENT_WALLET_FUNDS` leaves no trace.
    pub fn balance_after(&self, before_minor: i64) -> Result<i64, LedgerError> {
        let after = match self.entry_type {
            EntryType::Credit => before_minor.checked_add(self.amount_minor),
            EntryType::Debit => before_minor.checked_sub(self.amount_minor),
        };
        match after {
            Some(after) if after < 0 => Err(LedgerError::InsufficientFunds),
            Some(after) if after <= BALANCE_MAX_MINOR => Ok(after),
            _ => Err(LedgerError::InvalidField(format!(
                "the balance would exceed {BALANCE_MAX_MINOR} minor units"
            ))),
        }
    }
}

/// Checks a wallet's ledger, oldest entry first, against its balance: every entry moves
/// its amount in its direction, chains from the previous one, and nothing is negative.
pub fn verify_chain(entries: &[CustomerWalletTransaction], balance: i64) -> Result<(), String> {
    verify_chain_from(0, entries, balance)
}

/// [`verify_chain`] for a stretch of a ledger that starts at `opening_balance`: what the
/// write path asserts of each entry it is about to write.
pub fn verify_chain_from(
    opening_balance: i64,
    entries: &[CustomerWalletTransaction],
    balance: i64,
) -> Result<(), String> {
    let mut expected_before = opening_balance;
    for entry in entries {
        let signed = if entry.is_credit {
            entry.amount
        } else {
            -entry.amount
        };
        if entry.before_balance != expected_before {
            return Err(format!(
                "entry {} does not chain: before {} != {}",
                entry.id, entry.before_balance, expected_before
            ));
        }
        if entry.amount <= 0
            || entry.before_balance.checked_add(signed) != Some(entry.after_balance)
        {
            return Err(format!("entry {} does not add up", entry.id));
        }
        if entry.after_balance < 0 {
            return Err(format!("entry {} leaves a negative balance", entry.id));
        }
        expected_before = entry.after_balance;
    }
    if expected_before != balance {
        return Err(format!(
            "ledger ends at {expected_before} but the balance is {balance}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currencies() -> SupportedCurrencies {
        SupportedCurrencies::parse("USD,INR").unwrap()
    }

    fn request(json: &str) -> Result<LedgerEntryRequest, LedgerError> {
        let body =
            serde_json::from_str(json).map_err(|e| LedgerError::InvalidField(e.to_string()))?;
        LedgerEntryRequest::validate(body, &currencies())
    }

    #[test]
    fn parses_and_bounds_entries() {
        let r = request(
            r#"{"amount":500,"currency":"USD","entry_type":"credit","idempotency_key":"k1"}"#,
        )
        .unwrap();
        assert_eq!(r.amount_minor, 500);
        assert_eq!(r.idempotency_key.as_deref(), Some("k1"));
        for json in [
            r#"{"amount":0,"currency":"USD","entry_type":"credit"}"#,
            r#"{"amount":10000000000001,"currency":"USD","entry_type":"credit"}"#,
        ] {
            assert!(
                matches!(request(json), Err(LedgerError::InvalidField(_))),
                "{json}"
            );
        }
        assert_eq!(
            request(r#"{"amount":1,"currency":"EUR","entry_type":"credit"}"#).unwrap_err(),
            LedgerError::UnsupportedCurrency("EUR".into())
        );
    }

    #[test]
    fn debits_never_go_below_zero_and_sums_are_checked() {
        let debit = request(r#"{"amount":100,"currency":"USD","entry_type":"debit"}"#).unwrap();
        assert_eq!(debit.balance_after(100).unwrap(), 0);
        assert_eq!(
            debit.balance_after(99).unwrap_err(),
            LedgerError::InsufficientFunds
        );
        let credit =
            request(r#"{"amount":1000000000000,"currency":"USD","entry_type":"credit"}"#).unwrap();
        assert!(credit.balance_after(BALANCE_MAX_MINOR).is_err());
    }

    #[test]
    fn fingerprint_covers_every_parameter_but_the_key() {
        let a =
            request(r#"{"amount":5,"currency":"USD","entry_type":"credit","idempotency_key":"a"}"#)
                .unwrap();
        let b =
            request(r#"{"amount":5,"currency":"USD","entry_type":"credit","idempotency_key":"b"}"#)
                .unwrap();
        let c =
            request(r#"{"amount":5,"currency":"INR","entry_type":"credit","idempotency_key":"a"}"#)
                .unwrap();
        let d =
            request(r#"{"amount":5,"currency":"USD","entry_type":"credit","reason":"x"}"#).unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
        assert_ne!(a.fingerprint(), d.fingerprint());
    }

    fn entry(
        id: &str,
        amount: i64,
        is_credit: bool,
        before: i64,
        after: i64,
    ) -> CustomerWalletTransaction {
        CustomerWalletTransaction {
            id: LedgerEntryId::parse(&format!("cwt_{id}")).unwrap(),
            customer_id: CustomerId::parse("cus_1").unwrap(),
            business_id: BusinessId::parse("bus_1").unwrap(),
            currency: CurrencyCode::USD,
            amount,
            is_credit,
            before_balance: before,
            after_balance: after,
            event_type: MERCHANT_ADJUSTMENT.into(),
            reason: None,
            reference_object_id: None,
            created_at: "t".into(),
        }
    }

    #[test]
    fn chains_are_verified() {
        let good = [entry("a", 10, true, 0, 10), entry("b", 4, false, 10, 6)];
        assert!(verify_chain(&good, 6).is_ok());
        assert!(verify_chain(&good, 7).is_err());
        let broken = [entry("a", 10, true, 0, 10), entry("b", 4, false, 9, 5)];
        assert!(verify_chain(&broken, 5).is_err());
        let wrong_sum = [entry("a", 10, true, 0, 11)];
        assert!(verify_chain(&wrong_sum, 11).is_err());
    }
}
