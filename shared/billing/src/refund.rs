//! Refunds as the official SDK reads them (`Refund`, `RefundListItem`), the `POST
//! /refunds` body, and the rules that decide how much a refund moves and from which
//! line items.

use crate::payment::{
    AMOUNT_MAX_MINOR, CustomerLimitedDetails, IntentStatus, LINE_ITEMS_MAX, LineItem,
    REFUNDS_PER_PAYMENT_MAX, RefundListItem, RefundStatus, timestamp,
};
use crate::{PaymentId, RefundId};
use customers::customer::{Metadata, parse_metadata};
use platform::ids::BusinessId;
use platform::money::CurrencyCode;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const REASON_MAX_CHARS: usize = 3000;
pub const IDEMPOTENCY_KEY_MAX_CHARS: usize = wallets::ledger::IDEMPOTENCY_KEY_MAX_CHARS;

/// The SDK's `Refund`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refund {
    #[serde(default)]
    pub brand_id: String,
    pub business_id: BusinessId,
    #[serde(deserialize_with = "timestamp::required")]
    pub created_at: String,
    pub customer: CustomerLimitedDetails,
    pub is_partial: bool,
    #[serde(default)]
    pub metadata: Metadata,
    pub payment_id: PaymentId,
    pub refund_id: RefundId,
    pub status: RefundStatus,
    #[serde(default)]
    pub amount: Option<i64>,
    #[serde(default)]
    pub currency: Option<CurrencyCode>,
    #[serde(default)]
    pub network_reference: Option<String>,
    #[serde(default)]
    pub network_reference_type: Option<crate::payment::NetworkReferenceType>,
    #[serde(default, deserialize_with = "timestamp::optional")]
    pub network_reference_updated_at: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl Refund {
    pub fn list_item(&self) -> RefundListItem {
        RefundListItem {
            business_id: self.business_id.clone(),
            created_at: self.created_at.clone(),
            is_partial: self.is_partial,
            payment_id: self.payment_id.clone(),
            refund_id: self.refund_id.clone(),
            status: self.status,
            amount: self.amount,
            currency: self.currency,
            network_reference: self.network_reference.clone(),
            network_reference_type: self.network_reference_type,
            network_reference_updated_at: self.network_reference_updated_at.clone(),
            reason: self.reason.clone(),
        }
    }
}

/// Where the money goes (extension `destination`): back the way it came, which the
/// payment engine confirms later, or to the customer's wallet as store credit at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    OriginalPaymentMethod,
    Wallet,
}

/// How much of one line item a refund takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundPart {
    pub items_id: String,
    pub amount: i64,
}

#[derive(Debug, Deserialize)]
struct ItemBody {
    item_id: String,
    #[serde(default)]
    amount: Option<i64>,
    #[serde(default)]
    tax_inclusive: Option<bool>,
}

/// The `POST /refunds` body as sent.
#[derive(Debug, Deserialize)]
pub struct RefundBody {
    payment_id: String,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    items: Option<Vec<ItemBody>>,
    #[serde(default)]
    metadata: Option<Metadata>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    destination: Option<Destination>,
    #[serde(default)]
    idempotency_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRequest {
    pub item_id: String,
    pub amount: Option<i64>,
    pub tax_inclusive: bool,
}

/// A validated `POST /refunds`.
#[derive(Debug, Clone, PartialEq)]
pub struct RefundRequest {
    pub payment_id: PaymentId,
    pub currency: Option<CurrencyCode>,
    /// `None`: the whole refundable amount.
    pub items: Option<Vec<ItemRequest>>,
    pub metadata: Metadata,
    pub reason: Option<String>,
    pub destination: Destination,
    pub idempotency_key: Option<String>,
}

/// Why a refund is refused, in the billing context's terms (handlers map them to the
/// API's errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundRefusal {
    /// The body is not the JSON the route takes.
    Body(String),
    /// A field outside its rules.
    Field(String),
    TooManyMetadataKeys,
    /// No such payment for this business (or an id that cannot be one).
    NoSuchPayment,
    /// The payment is not in a state that can be refunded (not succeeded).
    NotRefundable(String),
    /// The request asks for more than is still refundable.
    ExceedsRefundable {
        requested: i64,
        refundable: i64,
    },
    /// A wallet refund in a currency this deployment holds no wallets in.
    UnsupportedCurrency(CurrencyCode),
}

fn field(message: impl Into<String>) -> RefundRefusal {
    RefundRefusal::Field(message.into())
}

impl RefundRequest {
    /// Validates a body; `header_key` is the `Idempotency-Key` header, if sent.
    pub fn validate(body: RefundBody, header_key: Option<&str>) -> Result<Self, RefundRefusal> {
        let payment_id = PaymentId::parse(&body.payment_id).ok_or(RefundRefusal::NoSuchPayment)?;
        let currency = body
            .currency
            .map(|c| c.parse::<CurrencyCode>().map_err(field))
            .transpose()?;
        let items = body
            .items
            .map(|items| {
                if items.is_empty() || items.len() > LINE_ITEMS_MAX {
                    return Err(field(format!(
                        "items must name 1 to {LINE_ITEMS_MAX} line items"
                    )));
                }
                let mut seen = std::collections::HashSet::new();
                items
                    .into_iter()
                    .map(|item| {
                        if !seen.insert(item.item_id.clone()) {
                            return Err(field("each item_id may appear once"));
                        }
                        if item
                            .amount
                            .is_some_and(|a| !(1..=AMOUNT_MAX_MINOR).contains(&a))
                        {
                            return Err(field(format!(
                                "items[].amount must be from 1 to {AMOUNT_MAX_MINOR} (minor units)"
                            )));
                        }
                        Ok(ItemRequest {
                            item_id: item.item_id,
                            amount: item.amount,
                            tax_inclusive: item.tax_inclusive.unwrap_or(true),
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        let metadata = parse_metadata(body.metadata.unwrap_or_default()).map_err(|e| match e {
            customers::customer::InvalidCustomer::TooManyMetadataKeys => {
                RefundRefusal::TooManyMetadataKeys
            }
            customers::customer::InvalidCustomer::Body(m)
            | customers::customer::InvalidCustomer::Field(m) => field(m),
        })?;
        if body
            .reason
            .as_ref()
            .is_some_and(|r| r.chars().count() > REASON_MAX_CHARS)
        {
            return Err(field(format!(
                "reason must be at most {REASON_MAX_CHARS} characters"
            )));
        }
        let idempotency_key = match (header_key, body.idempotency_key.as_deref()) {
            (Some(h), Some(b)) if !h.is_empty() && !b.is_empty() && h != b => {
                return Err(field(
                    "the Idempotency-Key header and idempotency_key differ",
                ));
            }
            (Some(h), _) if !h.is_empty() => Some(h.to_string()),
            (_, Some(b)) if !b.is_empty() => Some(b.to_string()),
            _ => None,
        };
        if idempotency_key.as_ref().is_some_and(|k| {
            k.chars().count() > IDEMPOTENCY_KEY_MAX_CHARS || k.chars().any(char::is_control)
        }) {
            return Err(field(format!(
                "the idempotency key must be at most {IDEMPOTENCY_KEY_MAX_CHARS} printable characters"
            )));
        }
        Ok(RefundRequest {
            payment_id,
            currency,
            items,
            metadata,
            reason: body.reason,
            destination: body
                .destination
                .unwrap_or(Destination::OriginalPaymentMethod),
            idempotency_key,
        })
    }

    /// What "the same request" means for an idempotency key: every field but the key.
    pub fn fingerprint(&self) -> String {
        let canonical = serde_json::json!([
            self.payment_id,
            self.currency,
            self.items,
            self.metadata,
            self.reason,
            self.destination,
        ]);
        platform::ids::hex(&Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// How much of a payment is refundable, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Refundable {
    pub status: Option<IntentStatus>,
    pub currency: CurrencyCode,
    pub total_amount: i64,
    /// What refunds that have not failed take already.
    pub refunded_amount: i64,
    pub partial_refund_allowed: bool,
    /// Each line and what refunds take of it already.
    pub lines: Vec<(LineItem, i64)>,
    pub refunds: usize,
}

/// What one refund moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundPlan {
    pub amount: i64,
    pub parts: Vec<RefundPart>,
    pub is_partial: bool,
}

/// A tax-exclusive amount with the line's tax added at the line's own rate, rounded half up.
fn with_tax(amount: i64, line: &LineItem) -> i64 {
    let net = line.amount - line.tax;
    if net <= 0 || line.tax == 0 {
        return amount;
    }
    let gross = (i128::from(amount) * i128::from(line.amount) * 2 + i128::from(net))
        / (2 * i128::from(net));
    i64::try_from(gross).unwrap_or(i64::MAX)
}

impl Refundable {
    fn remaining(&self) -> i64 {
        (self.total_amount - self.refunded_amount).max(0)
    }

    /// The refund `request` makes of the payment as it stands, or why it cannot be made.
    pub fn plan(&self, request: &RefundRequest) -> Result<RefundPlan, RefundRefusal> {
        if self.status != Some(IntentStatus::Succeeded) {
            return Err(RefundRefusal::NotRefundable(
                "only a succeeded payment can be refunded".into(),
            ));
        }
        if self.refunds >= REFUNDS_PER_PAYMENT_MAX {
            return Err(RefundRefusal::NotRefundable(format!(
                "a payment takes at most {REFUNDS_PER_PAYMENT_MAX} refunds"
            )));
        }
        if request.currency.is_some_and(|c| c != self.currency) {
            return Err(field(format!(
                "currency must be the payment's currency, {}",
                self.currency
            )));
        }
        let remaining = self.remaining();
        let parts = match &request.items {
            None => {
                // The whole refundable amount, taken from the lines in order.
                let mut left = remaining;
                let mut parts = Vec::new();
                for (line, refunded) in &self.lines {
                    let take = (line.amount - refunded).max(0).min(left);
                    if take > 0 {
                        parts.push(RefundPart {
                            items_id: line.items_id.clone(),
                            amount: take,
                        });
                        left -= take;
                    }
                }
                parts
            }
            Some(items) => items
                .iter()
                .map(|item| self.part(item))
                .collect::<Result<Vec<_>, _>>()?,
        };
        let amount: i64 = parts.iter().map(|p| p.amount).sum();
        if amount == 0 || amount > remaining {
            return Err(RefundRefusal::ExceedsRefundable {
                requested: amount,
                refundable: remaining,
            });
        }
        let is_partial = amount < self.total_amount;
        if is_partial && !self.partial_refund_allowed {
            return Err(field(
                "this payment's method takes no partial refunds: refund it whole",
            ));
        }
        Ok(RefundPlan {
            amount,
            parts,
            is_partial,
        })
    }

    fn part(&self, item: &ItemRequest) -> Result<RefundPart, RefundRefusal> {
        let (line, refunded) = self
            .lines
            .iter()
            .find(|(line, _)| line.items_id == item.item_id)
            .ok_or_else(|| field(format!("the payment has no line item {}", item.item_id)))?;
        let refundable = (line.amount - refunded).max(0);
        let amount = match item.amount {
            None => refundable,
            Some(amount) if item.tax_inclusive => amount,
            Some(amount) => with_tax(amount, line),
        };
        if amount == 0 || amount > refundable {
            return Err(RefundRefusal::ExceedsRefundable {
                requested: amount,
                refundable,
            });
        }
        Ok(RefundPart {
            items_id: line.items_id.clone(),
            amount,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(json: &str) -> Result<RefundRequest, RefundRefusal> {
        let body: RefundBody =
            serde_json::from_str(json).map_err(|e| RefundRefusal::Body(e.to_string()))?;
        RefundRequest::validate(body, None)
    }

    fn line(id: &str, amount: i64, tax: i64) -> LineItem {
        LineItem {
            items_id: id.into(),
            amount,
            tax,
            name: None,
            description: None,
        }
    }

    fn payment(refunded: &[i64], partial: bool) -> Refundable {
        let lines = vec![line("a", 600, 100), line("b", 400, 0)];
        Refundable {
            status: Some(IntentStatus::Succeeded),
            currency: CurrencyCode::USD,
            total_amount: 1000,
            refunded_amount: refunded.iter().sum(),
            partial_refund_allowed: partial,
            lines: lines
                .into_iter()
                .zip(refunded.iter().copied().chain(std::iter::repeat(0)))
                .collect(),
            refunds: 0,
        }
    }

    #[test]
    fn no_items_refunds_whatever_is_left_line_by_line() {
        let plan = payment(&[100, 0], true)
            .plan(&request(r#"{"payment_id":"pay_1"}"#).unwrap())
            .unwrap();
        assert_eq!(plan.amount, 900);
        assert!(plan.is_partial);
        assert_eq!(
            plan.parts,
            vec![
                RefundPart {
                    items_id: "a".into(),
                    amount: 500
                },
                RefundPart {
                    items_id: "b".into(),
                    amount: 400
                }
            ]
        );
        let whole = payment(&[], true)
            .plan(&request(r#"{"payment_id":"pay_1"}"#).unwrap())
            .unwrap();
        assert!(!whole.is_partial);
        assert_eq!(
            payment(&[600, 400], true).plan(&request(r#"{"payment_id":"pay_1"}"#).unwrap()),
            Err(RefundRefusal::ExceedsRefundable {
                requested: 0,
                refundable: 0
            })
        );
    }

    #[test]
    fn items_are_capped_by_what_is_left_of_them() {
        let p = payment(&[500, 0], true);
        let plan = p
            .plan(&request(r#"{"payment_id":"pay_1","items":[{"item_id":"a"},{"item_id":"b","amount":50}]}"#).unwrap())
            .unwrap();
        assert_eq!(plan.amount, 150);
        assert!(matches!(
            p.plan(
                &request(r#"{"payment_id":"pay_1","items":[{"item_id":"a","amount":101}]}"#)
                    .unwrap()
            ),
            Err(RefundRefusal::ExceedsRefundable {
                refundable: 100,
                ..
            })
        ));
        assert!(matches!(
            p.plan(&request(r#"{"payment_id":"pay_1","items":[{"item_id":"zz"}]}"#).unwrap()),
            Err(RefundRefusal::Field(_))
        ));
    }

    #[test]
    fn tax_exclusive_amounts_get_the_lines_tax() {
        // Line a: 600 with 100 tax, so 500 net: 100 net is 120 gross.
        let plan = payment(&[], true)
            .plan(&request(r#"{"payment_id":"pay_1","items":[{"item_id":"a","amount":100,"tax_inclusive":false}]}"#).unwrap())
            .unwrap();
        assert_eq!(plan.amount, 120);
    }

    #[test]
    fn partial_refunds_need_a_method_that_takes_them() {
        let p = payment(&[], false);
        assert!(matches!(
            p.plan(&request(r#"{"payment_id":"pay_1","items":[{"item_id":"b"}]}"#).unwrap()),
            Err(RefundRefusal::Field(_))
        ));
        assert_eq!(
            p.plan(&request(r#"{"payment_id":"pay_1"}"#).unwrap())
                .unwrap()
                .amount,
            1000
        );
    }

    #[test]
    fn only_succeeded_payments_in_their_currency_refund() {
        let mut p = payment(&[], true);
        assert!(matches!(
            p.plan(&request(r#"{"payment_id":"pay_1","currency":"INR"}"#).unwrap()),
            Err(RefundRefusal::Field(_))
        ));
        p.status = Some(IntentStatus::Processing);
        assert!(matches!(
            p.plan(&request(r#"{"payment_id":"pay_1"}"#).unwrap()),
            Err(RefundRefusal::NotRefundable(_))
        ));
    }

    #[test]
    fn bodies_are_bounded_and_keys_agree() {
        assert_eq!(
            request(r#"{"payment_id":"nope"}"#),
            Err(RefundRefusal::NoSuchPayment)
        );
        for bad in [
            r#"{"payment_id":"pay_1","items":[]}"#,
            r#"{"payment_id":"pay_1","items":[{"item_id":"a","amount":0}]}"#,
            r#"{"payment_id":"pay_1","items":[{"item_id":"a"},{"item_id":"a"}]}"#,
        ] {
            assert!(
                matches!(request(bad), Err(RefundRefusal::Field(_))),
                "{bad}"
            );
        }
        let body: RefundBody =
            serde_json::from_str(r#"{"payment_id":"pay_1","idempotency_key":"a"}"#).unwrap();
        assert!(RefundRequest::validate(body, Some("b")).is_err());
        let a = request(r#"{"payment_id":"pay_1","idempotency_key":"a"}"#).unwrap();
        let b = request(r#"{"payment_id":"pay_1","idempotency_key":"b"}"#).unwrap();
        let c = request(r#"{"payment_id":"pay_1","reason":"x"}"#).unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
    }
}
