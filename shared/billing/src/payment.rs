//! Payments as the official SDK reads them (`Payment`, `PaymentListResponse`, the line
//! items), and the rules that say how much of a payment is still refundable.
//!
//! A payment reaches this service only through the payment engine's signed events: its
//! fields are the engine's, kept as reported. Two things are this service's own: the
//! refunds made or learnt here (`refunds`, `refund_status`), and the refundable amount of
//! each line item.

use crate::{PaymentId, RefundId};
use customers::CustomerId;
use customers::customer::Metadata;
use platform::ids::BusinessId;
use platform::money::CurrencyCode;
use serde::{Deserialize, Serialize};

/// Most line items one payment may carry: a refund touching all of them is one update
/// whose expressions stay within DynamoDB's 4 KB per expression.
pub const LINE_ITEMS_MAX: usize = 50;
/// Most refunds one payment may carry (each rides on the payment item, 400 KB at most).
pub const REFUNDS_PER_PAYMENT_MAX: usize = 200;
/// One payment moves at most this many minor units.
pub const AMOUNT_MAX_MINOR: i64 = wallets::ledger::AMOUNT_MAX_MINOR;

/// Timestamps as the engine sends them (any RFC 3339 offset), kept in the service's one
/// format (`platform::time::format`), whose string order is time order.
pub mod timestamp {
    use serde::{Deserialize, Deserializer};

    pub fn parse(raw: &str) -> Option<String> {
        chrono::DateTime::parse_from_rfc3339(raw.trim())
            .ok()
            .map(|t| platform::time::format(t.with_timezone(&chrono::Utc)))
    }

    pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let raw = String::deserialize(d)?;
        parse(&raw).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 timestamp"))
    }

    pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|raw| {
                parse(&raw).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 timestamp"))
            })
            .transpose()
    }
}

/// The SDK's `IntentStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntentStatus {
    Succeeded,
    Failed,
    Cancelled,
    Processing,
    RequiresCustomerAction,
    RequiresMerchantAction,
    RequiresPaymentMethod,
    RequiresConfirmation,
    RequiresCapture,
    PartiallyCaptured,
    PartiallyCapturedAndCapturable,
}

impl IntentStatus {
    pub const ALL: [IntentStatus; 11] = [
        IntentStatus::Succeeded,
        IntentStatus::Failed,
        IntentStatus::Cancelled,
        IntentStatus::Processing,
        IntentStatus::RequiresCustomerAction,
        IntentStatus::RequiresMerchantAction,
        IntentStatus::RequiresPaymentMethod,
        IntentStatus::RequiresConfirmation,
        IntentStatus::RequiresCapture,
        IntentStatus::PartiallyCaptured,
        IntentStatus::PartiallyCapturedAndCapturable,
    ];
}

/// The SDK's `PaymentRefundStatus`: `None` while no refund has succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentRefundStatus {
    Partial,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentProvider {
    Stripe,
    Adyen,
    Dodo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeType {
    New,
    Renewal,
    PlanChange,
    OnDemand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreeDsFlow {
    Challenge,
    Frictionless,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreeDsStatus {
    Authenticated,
    AttemptAcknowledged,
    Exempted,
    Failed,
    NotSupported,
    ProcessingError,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStage {
    PreDispute,
    Dispute,
    PreArbitration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStatus {
    DisputeOpened,
    DisputeExpired,
    DisputeAccepted,
    DisputeCancelled,
    DisputeChallenged,
    DisputeWon,
    DisputeLost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountType {
    Flat,
    Percentage,
}

/// The SDK's `CustomerLimitedDetails`: the customer as the payment engine knew them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerLimitedDetails {
    pub customer_id: CustomerId,
    pub email: String,
    pub name: String,
    #[serde(default)]
    pub metadata: Option<Metadata>,
    #[serde(default)]
    pub phone_number: Option<String>,
}

/// The SDK's `BillingAddress`; `country` is an ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillingAddress {
    pub country: String,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub zipcode: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    pub amount: String,
    pub business_id: String,
    #[serde(deserialize_with = "timestamp::required")]
    pub created_at: String,
    pub currency: String,
    pub dispute_id: String,
    pub dispute_stage: DisputeStage,
    pub dispute_status: DisputeStatus,
    pub payment_id: String,
    #[serde(default)]
    pub is_resolved_by_rdr: Option<bool>,
    #[serde(default)]
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomFieldResponse {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscountDetail {
    pub amount: i64,
    pub business_id: String,
    pub code: String,
    #[serde(deserialize_with = "timestamp::required")]
    pub created_at: String,
    pub discount_id: String,
    pub metadata: Metadata,
    pub position: i64,
    pub preserve_on_plan_change: bool,
    pub restricted_to: Vec<String>,
    pub times_used: i64,
    #[serde(rename = "type")]
    pub discount_type: DiscountType,
    #[serde(default)]
    pub cycles_remaining: Option<i64>,
    #[serde(default, deserialize_with = "timestamp::optional")]
    pub expires_at: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub subscription_cycles: Option<i64>,
    #[serde(default)]
    pub usage_limit: Option<i64>,
}

/// The SDK's `SubscriptionServicePeriod`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServicePeriod {
    #[serde(deserialize_with = "timestamp::required")]
    pub ends_at: String,
    pub proration_factor: String,
    #[serde(deserialize_with = "timestamp::required")]
    pub starts_at: String,
    pub subscription_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCart {
    pub product_id: String,
    pub quantity: i64,
}

/// The SDK's `RefundStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    Succeeded,
    Failed,
    Pending,
    Review,
}

impl RefundStatus {
    pub const ALL: [RefundStatus; 4] = [
        RefundStatus::Succeeded,
        RefundStatus::Failed,
        RefundStatus::Pending,
        RefundStatus::Review,
    ];

    /// Whether the refund's amount counts against the payment: everything but a failure.
    pub fn counts(self) -> bool {
        self != RefundStatus::Failed
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkReferenceType {
    AcquirerReferenceNumber,
    SystemTraceAuditNumber,
    RetrievalReferenceNumber,
    Other,
}

/// The SDK's `RefundListItem`: a refund as a list (and a payment's `refunds`) shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundListItem {
    pub business_id: BusinessId,
    #[serde(deserialize_with = "timestamp::required")]
    pub created_at: String,
    pub is_partial: bool,
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
    pub network_reference_type: Option<NetworkReferenceType>,
    #[serde(default, deserialize_with = "timestamp::optional")]
    pub network_reference_updated_at: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

fn dodo() -> PaymentProvider {
    PaymentProvider::Dodo
}

/// The SDK's `Payment`. Fields newer than some engines' payloads default when absent
/// (`brand_id` empty, lists empty, flags false, `payment_provider` dodo, settlement as
/// charged); `refunds` and `refund_status` are always this service's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    pub billing: BillingAddress,
    #[serde(default)]
    pub brand_id: String,
    pub business_id: BusinessId,
    #[serde(deserialize_with = "timestamp::required")]
    pub created_at: String,
    pub currency: CurrencyCode,
    pub customer: CustomerLimitedDetails,
    #[serde(default)]
    pub digital_products_delivered: bool,
    #[serde(default)]
    pub disputes: Vec<Dispute>,
    #[serde(default)]
    pub includes_usage: bool,
    #[serde(default)]
    pub is_multi_subscription: bool,
    #[serde(default)]
    pub is_update_payment_method: bool,
    #[serde(default)]
    pub metadata: Metadata,
    pub payment_id: PaymentId,
    #[serde(default = "dodo")]
    pub payment_provider: PaymentProvider,
    #[serde(default)]
    pub refunds: Vec<RefundListItem>,
    #[serde(default)]
    pub retry_attempt: i64,
    #[serde(default)]
    pub service_periods: Vec<ServicePeriod>,
    #[serde(default)]
    pub settlement_amount: Option<i64>,
    #[serde(default)]
    pub settlement_currency: Option<CurrencyCode>,
    #[serde(default)]
    pub subscription_ids: Vec<String>,
    pub total_amount: i64,
    #[serde(default)]
    pub card_exp_month: Option<String>,
    #[serde(default)]
    pub card_exp_year: Option<String>,
    #[serde(default)]
    pub card_holder_name: Option<String>,
    #[serde(default)]
    pub card_issuing_country: Option<String>,
    #[serde(default)]
    pub card_last_four: Option<String>,
    #[serde(default)]
    pub card_network: Option<String>,
    #[serde(default)]
    pub card_type: Option<String>,
    #[serde(default)]
    pub charge_type: Option<ChargeType>,
    #[serde(default)]
    pub checkout_session_id: Option<String>,
    #[serde(default)]
    pub custom_field_responses: Option<Vec<CustomFieldResponse>>,
    #[serde(default)]
    pub discount_id: Option<String>,
    #[serde(default)]
    pub discounts: Option<Vec<DiscountDetail>>,
    #[serde(default)]
    pub error_code: Option<String>,
    #[serde(default)]
    pub error_message: Option<String>,
    #[serde(default)]
    pub invoice_id: Option<String>,
    #[serde(default)]
    pub invoice_url: Option<String>,
    #[serde(default)]
    pub payment_link: Option<String>,
    #[serde(default)]
    pub payment_method: Option<String>,
    #[serde(default)]
    pub payment_method_id: Option<String>,
    #[serde(default)]
    pub payment_method_type: Option<String>,
    #[serde(default)]
    pub product_cart: Option<Vec<ProductCart>>,
    #[serde(default)]
    pub refund_status: Option<PaymentRefundStatus>,
    #[serde(default)]
    pub settlement_tax: Option<i64>,
    #[serde(default)]
    pub status: Option<IntentStatus>,
    #[serde(default)]
    pub subscription_id: Option<String>,
    #[serde(default)]
    pub tax: Option<i64>,
    #[serde(default)]
    pub three_ds_flow: Option<ThreeDsFlow>,
    #[serde(default)]
    pub three_ds_status: Option<ThreeDsStatus>,
    #[serde(default)]
    pub three_ds_version: Option<String>,
    #[serde(default, deserialize_with = "timestamp::optional")]
    pub updated_at: Option<String>,
}

/// The SDK's `PaymentListResponse`: one row of `GET /payments`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentListItem {
    pub brand_id: String,
    pub created_at: String,
    pub currency: CurrencyCode,
    pub customer: CustomerLimitedDetails,
    pub digital_products_delivered: bool,
    /// License keys are another context's (licensing, which builds on this one): a
    /// payment here never knows of them, so this is always false.
    pub has_license_key: bool,
    pub includes_usage: bool,
    pub is_multi_subscription: bool,
    pub metadata: Metadata,
    pub payment_id: PaymentId,
    pub payment_provider: PaymentProvider,
    pub retry_attempt: i64,
    pub service_periods: Vec<ServicePeriod>,
    pub subscription_ids: Vec<String>,
    pub total_amount: i64,
    pub card_exp_month: Option<String>,
    pub card_exp_year: Option<String>,
    pub card_last_four: Option<String>,
    pub card_network: Option<String>,
    pub card_type: Option<String>,
    pub charge_type: Option<ChargeType>,
    pub checkout_session_id: Option<String>,
    pub dispute_status: Option<DisputeStatus>,
    pub invoice_id: Option<String>,
    pub invoice_url: Option<String>,
    pub payment_method: Option<String>,
    pub payment_method_type: Option<String>,
    pub refund_status: Option<PaymentRefundStatus>,
    pub status: Option<IntentStatus>,
    pub subscription_id: Option<String>,
    pub three_ds_flow: Option<ThreeDsFlow>,
    pub three_ds_status: Option<ThreeDsStatus>,
    pub three_ds_version: Option<String>,
}

impl From<Payment> for PaymentListItem {
    fn from(p: Payment) -> Self {
        let dispute_status = p
            .disputes
            .iter()
            .max_by(|a, b| a.created_at.cmp(&b.created_at))
            .map(|d| d.dispute_status);
        PaymentListItem {
            brand_id: p.brand_id,
            created_at: p.created_at,
            currency: p.currency,
            customer: p.customer,
            digital_products_delivered: p.digital_products_delivered,
            has_license_key: false,
            includes_usage: p.includes_usage,
            is_multi_subscription: p.is_multi_subscription,
            metadata: p.metadata,
            payment_id: p.payment_id,
            payment_provider: p.payment_provider,
            retry_attempt: p.retry_attempt,
            service_periods: p.service_periods,
            subscription_ids: p.subscription_ids,
            total_amount: p.total_amount,
            card_exp_month: p.card_exp_month,
            card_exp_year: p.card_exp_year,
            card_last_four: p.card_last_four,
            card_network: p.card_network,
            card_type: p.card_type,
            charge_type: p.charge_type,
            checkout_session_id: p.checkout_session_id,
            dispute_status,
            invoice_id: p.invoice_id,
            invoice_url: p.invoice_url,
            payment_method: p.payment_method,
            payment_method_type: p.payment_method_type,
            refund_status: p.refund_status,
            status: p.status,
            subscription_id: p.subscription_id,
            three_ds_flow: p.three_ds_flow,
            three_ds_status: p.three_ds_status,
            three_ds_version: p.three_ds_version,
        }
    }
}

/// One line of a payment as charged: what a refund can name (`items[].item_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    pub items_id: String,
    /// Charged for this item, tax included.
    pub amount: i64,
    #[serde(default)]
    pub tax: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// One row of `GET /payments/{id}/line-items`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineItemView {
    pub items_id: String,
    pub amount: i64,
    pub refundable_amount: i64,
    pub tax: i64,
    pub name: Option<String>,
    pub description: Option<String>,
}

/// The SDK's `PaymentRetrieveLineItemsResponse`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineItems {
    pub currency: CurrencyCode,
    pub items: Vec<LineItemView>,
    pub partial_refund_allowed: bool,
}

/// What an engine's payment event may carry beyond Dodo's `Payment` (extensions): the
/// amount of each line, and whether the payment method takes partial refunds.
#[derive(Debug, Default, Deserialize)]
pub struct PaymentExtensions {
    #[serde(default)]
    pub line_items: Option<Vec<LineItem>>,
    #[serde(default)]
    pub partial_refund_allowed: Option<bool>,
}

/// Why an engine's payment is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPayment(pub String);

impl Payment {
    /// The engine's payment as this service keeps it: the business is the ingest
    /// endpoint's owner whatever the payload says, and refunds are this service's own.
    pub fn from_engine(
        data: &serde_json::Value,
        business: &BusinessId,
    ) -> Result<(Payment, Vec<LineItem>, bool), InvalidPayment> {
        let mut payment: Payment = serde_json::from_value(data.clone())
            .map_err(|e| InvalidPayment(format!("not a Payment: {e}")))?;
        let extensions: PaymentExtensions = serde_json::from_value(data.clone())
            .map_err(|e| InvalidPayment(format!("bad line_items: {e}")))?;
        payment.business_id = business.clone();
        payment.metadata = engine_metadata(std::mem::take(&mut payment.metadata))?;
        payment.customer.metadata = payment
            .customer
            .metadata
            .take()
            .map(engine_metadata)
            .transpose()?;
        payment.refunds = Vec::new();
        payment.refund_status = None;
        if !(0..=AMOUNT_MAX_MINOR).contains(&payment.total_amount) {
            return Err(InvalidPayment(format!(
                "total_amount must be from 0 to {AMOUNT_MAX_MINOR}"
            )));
        }
        let line_items = match extensions.line_items {
            Some(items) => items,
            None => vec![payment.whole_line()],
        };
        check_line_items(&line_items, payment.total_amount)?;
        Ok((
            payment.settled(),
            line_items,
            extensions.partial_refund_allowed.unwrap_or(true),
        ))
    }

    /// The one line of a payment whose event named no line amounts: the product when
    /// there is exactly one, else the payment itself.
    fn whole_line(&self) -> LineItem {
        let items_id = match self.product_cart.as_deref() {
            Some([only]) => only.product_id.clone(),
            _ => self.payment_id.to_string(),
        };
        LineItem {
            items_id,
            amount: self.total_amount,
            tax: self.tax.unwrap_or(0),
            name: None,
            description: None,
        }
    }

    /// `settlement_*` (always set once kept) default to what was charged when the engine did not say.
    fn settled(mut self) -> Payment {
        self.settlement_amount.get_or_insert(self.total_amount);
        self.settlement_currency.get_or_insert(self.currency);
        self
    }
}

/// Metadata from the engine, within the limits the API answers it by (the SDK reads
/// values as strings, numbers or booleans only).
pub fn engine_metadata(metadata: Metadata) -> Result<Metadata, InvalidPayment> {
    customers::customer::parse_metadata(metadata).map_err(|_| {
        InvalidPayment("metadata: at most 50 keys of strings, numbers or booleans".into())
    })
}

fn check_line_items(items: &[LineItem], total: i64) -> Result<(), InvalidPayment> {
    if items.is_empty() || items.len() > LINE_ITEMS_MAX {
        return Err(InvalidPayment(format!(
            "a payment has 1 to {LINE_ITEMS_MAX} line items"
        )));
    }
    let mut seen = std::collections::HashSet::new();
    let mut sum: i64 = 0;
    for item in items {
        if item.items_id.is_empty() || item.items_id.len() > 64 || !seen.insert(&item.items_id) {
            return Err(InvalidPayment(
                "line item ids must be unique and 1 to 64 characters".into(),
            ));
        }
        if item.amount < 0 || item.tax < 0 || item.tax > item.amount {
            return Err(InvalidPayment(
                "line item amounts and taxes must be non-negative, tax within the amount".into(),
            ));
        }
        sum = sum.saturating_add(item.amount);
    }
    if sum != total {
        return Err(InvalidPayment(format!(
            "line item amounts add up to {sum}, not the total_amount {total}"
        )));
    }
    Ok(())
}

/// The refund summary of a payment: `full` once succeeded refunds reach what was paid.
pub fn refund_status(total_amount: i64, refunds: &[RefundListItem]) -> Option<PaymentRefundStatus> {
    let succeeded: i64 = refunds
        .iter()
        .filter(|r| r.status == RefundStatus::Succeeded)
        .filter_map(|r| r.amount)
        .sum();
    match succeeded {
        0 => None,
        s if s >= total_amount => Some(PaymentRefundStatus::Full),
        _ => Some(PaymentRefundStatus::Partial),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    pub(crate) fn engine_payment() -> serde_json::Value {
        json!({
            "billing": {"country": "US"},
            "business_id": "bus_engine",
            "created_at": "2026-01-02T03:04:05Z",
            "currency": "USD",
            "customer": {"customer_id": "cus_1", "email": "a@example.com", "name": "Ada"},
            "payment_id": "pay_1",
            "total_amount": 1000,
            "tax": 100,
            "status": "succeeded",
            "product_cart": [{"product_id": "pdt_1", "quantity": 1}],
            "refunds": [{"business_id": "bus_x", "created_at": "2026-01-02T03:04:05Z",
                         "is_partial": false, "payment_id": "pay_1", "refund_id": "ref_x",
                         "status": "succeeded"}]
        })
    }

    #[test]
    fn an_engine_payment_is_kept_for_its_endpoint_owner_without_its_refunds() {
        let owner = BusinessId::parse("bus_owner").unwrap();
        let (payment, lines, partial) = Payment::from_engine(&engine_payment(), &owner).unwrap();
        assert_eq!(payment.business_id, owner);
        assert_eq!(payment.created_at, "2026-01-02T03:04:05.000000Z");
        assert!(payment.refunds.is_empty());
        assert!(partial);
        assert_eq!(
            lines,
            vec![LineItem {
                items_id: "pdt_1".into(),
                amount: 1000,
                tax: 100,
                name: None,
                description: None
            }]
        );
        assert_eq!(payment.settlement_amount, Some(1000));
        assert_eq!(
            payment.settlement_currency,
            Some(platform::money::CurrencyCode::USD)
        );
        assert_eq!(payment.payment_provider, PaymentProvider::Dodo);
    }

    #[test]
    fn line_items_must_add_up_to_the_total() {
        let owner = BusinessId::parse("bus_owner").unwrap();
        let mut data = engine_payment();
        data["line_items"] = json!([
            {"items_id": "a", "amount": 600, "tax": 60},
            {"items_id": "b", "amount": 400}
        ]);
        let (_, lines, _) = Payment::from_engine(&data, &owner).unwrap();
        assert_eq!(lines.len(), 2);
        data["line_items"][1]["amount"] = json!(300);
        assert!(Payment::from_engine(&data, &owner).is_err());
        data["line_items"][1] = json!({"items_id": "a", "amount": 400});
        assert!(
            Payment::from_engine(&data, &owner).is_err(),
            "duplicate ids"
        );
        let mut bad_status = engine_payment();
        bad_status["status"] = json!("done");
        assert!(Payment::from_engine(&bad_status, &owner).is_err());
        let mut nested = engine_payment();
        nested["metadata"] = json!({"a": {"b": 1}});
        assert!(Payment::from_engine(&nested, &owner).is_err());
    }

    #[test]
    fn refund_status_counts_succeeded_refunds_only() {
        let refund = |amount, status| RefundListItem {
            business_id: BusinessId::parse("bus_1").unwrap(),
            created_at: "t".into(),
            is_partial: true,
            payment_id: PaymentId::parse("pay_1").unwrap(),
            refund_id: RefundId::new(),
            status,
            amount: Some(amount),
            currency: None,
            network_reference: None,
            network_reference_type: None,
            network_reference_updated_at: None,
            reason: None,
        };
        assert_eq!(refund_status(100, &[]), None);
        assert_eq!(
            refund_status(100, &[refund(100, RefundStatus::Pending)]),
            None
        );
        assert_eq!(
            refund_status(100, &[refund(40, RefundStatus::Succeeded)]),
            Some(PaymentRefundStatus::Partial)
        );
        assert_eq!(
            refund_status(
                100,
                &[
                    refund(40, RefundStatus::Succeeded),
                    refund(60, RefundStatus::Succeeded)
                ]
            ),
            Some(PaymentRefundStatus::Full)
        );
    }
}
