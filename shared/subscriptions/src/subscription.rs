//! Subscriptions: the wire objects exactly as the official SDK reads them (`Subscription`,
//! `SubscriptionListResponse`), parsed from the payment engine's events. A value of
//! [`Subscription`] is valid by construction: ids have their shapes, times are RFC 3339
//! UTC at a fixed width (so they sort as strings and can sit in sort keys), enums are
//! the SDK's, metadata is storable.

use crate::SubscriptionId;
use billing::payment::{BillingAddress, CustomFieldResponse, CustomerLimitedDetails, DiscountType};
use customers::customer::{Metadata, parse_metadata};
use platform::money::CurrencyCode;
use serde::{Deserialize, Deserializer, Serialize};

/// Longest free text this service keeps from an event or a request (names, comments,
/// engine ids that are not ours); the engine's own limits are smaller.
pub const TEXT_MAX_CHARS: usize = 1000;

/// A time as RFC 3339 UTC with microseconds (`platform::time::format`), whatever offset
/// and precision it was sent with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Timestamp(String);

impl Timestamp {
    pub fn from_time(t: chrono::DateTime<chrono::Utc>) -> Self {
        Timestamp(platform::time::format(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        chrono::DateTime::parse_from_rfc3339(&raw)
            .map(|t| Timestamp::from_time(t.with_timezone(&chrono::Utc)))
            .map_err(|_| serde::de::Error::custom("not an RFC 3339 timestamp"))
    }
}

/// Free text, at most [`TEXT_MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    pub fn parse(raw: String) -> Option<Text> {
        (raw.chars().count() <= TEXT_MAX_CHARS).then_some(Text(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Text::parse(String::deserialize(d)?).ok_or_else(|| {
            serde::de::Error::custom(format!("text longer than {TEXT_MAX_CHARS} characters"))
        })
    }
}

/// Metadata with the customers context's limits (keys, sizes, storable numbers).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct CheckedMetadata(pub Metadata);

impl<'de> Deserialize<'de> for CheckedMetadata {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_metadata(Metadata::deserialize(d)?)
            .map(CheckedMetadata)
            .map_err(|e| serde::de::Error::custom(format!("metadata: {e:?}")))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Pending,
    Active,
    OnHold,
    Paused,
    Cancelled,
    Failed,
    Expired,
    PastDue,
}

impl SubscriptionStatus {
    pub const ALL: [SubscriptionStatus; 8] = [
        Self::Pending,
        Self::Active,
        Self::OnHold,
        Self::Paused,
        Self::Cancelled,
        Self::Failed,
        Self::Expired,
        Self::PastDue,
    ];

    /// A subscription in one of these has ended for good: it is never active again.
    pub fn is_terminal(self) -> bool {
        matches!(self, Self::Cancelled | Self::Failed | Self::Expired)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Active => "active",
            Self::OnHold => "on_hold",
            Self::Paused => "paused",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
            Self::Expired => "expired",
            Self::PastDue => "past_due",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeInterval {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancellationFeedback {
    TooExpensive,
    MissingFeatures,
    SwitchedService,
    Unused,
    CustomerService,
    LowQuality,
    TooComplex,
    Other,
}

/// Why a subscription was cancelled, as `PATCH /subscriptions/{id}` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelReason {
    CancelledByCustomer,
    CancelledByMerchant,
    CancelledByMerchantSendDunning,
    CancelledByMerchantGracePeriodExpired,
    DodoTeam,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorType {
    Customer,
    MerchantUser,
    ApiKey,
    DodoTeam,
}

/// Who cancelled a subscription or scheduled its cancellation (the SDK's
/// `SubscriptionCancelledBy`). `actor_id` is our extension: the API key's id, the
/// dashboard user's id or the customer's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelledBy {
    pub actor_type: ActorType,
    pub email: Option<Text>,
    pub name: Option<Text>,
    #[serde(default)]
    pub actor_id: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addon {
    pub addon_id: Text,
    pub quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meter {
    pub currency: CurrencyCode,
    pub free_threshold: i64,
    pub measurement_unit: Text,
    pub meter_id: Text,
    pub name: Text,
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub price_per_unit: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverageBehavior {
    ForgiveAtReset,
    InvoiceAtBilling,
    CarryDeficit,
    CarryDeficitAutoRepay,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditEntitlement {
    pub credit_entitlement_id: Text,
    pub credit_entitlement_name: Text,
    pub credits_amount: Text,
    pub overage_balance: Text,
    pub overage_behavior: OverageBehavior,
    pub overage_enabled: bool,
    pub product_id: Text,
    pub remaining_balance: Text,
    pub rollover_enabled: bool,
    pub unit: Text,
    #[serde(default)]
    pub expires_after_days: Option<i64>,
    #[serde(default)]
    pub low_balance_threshold_percent: Option<i64>,
    #[serde(default)]
    pub max_rollover_count: Option<i64>,
    #[serde(default)]
    pub overage_limit: Option<Text>,
    #[serde(default)]
    pub rollover_percentage: Option<i64>,
    #[serde(default)]
    pub rollover_timeframe_count: Option<i64>,
    #[serde(default)]
    pub rollover_timeframe_interval: Option<TimeInterval>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterCreditEntitlement {
    pub credit_entitlement_id: Text,
    pub meter_id: Text,
    pub meter_name: Text,
    pub meter_units_per_credit: Text,
    pub product_id: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discount {
    pub amount: i64,
    pub business_id: Text,
    pub code: Text,
    pub created_at: Timestamp,
    pub discount_id: Text,
    pub metadata: CheckedMetadata,
    pub position: i64,
    pub preserve_on_plan_change: bool,
    pub restricted_to: Vec<Text>,
    pub times_used: i64,
    #[serde(rename = "type")]
    pub discount_type: DiscountType,
    #[serde(default)]
    pub cycles_remaining: Option<i64>,
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    #[serde(default)]
    pub name: Option<Text>,
    #[serde(default)]
    pub subscription_cycles: Option<i64>,
    #[serde(default)]
    pub usage_limit: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledAddon {
    pub addon_id: Text,
    pub name: Text,
    pub quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledChange {
    pub id: Text,
    pub addons: Vec<ScheduledAddon>,
    pub created_at: Timestamp,
    pub effective_at: Timestamp,
    pub product_id: Text,
    pub quantity: i64,
    #[serde(default)]
    pub product_description: Option<Text>,
    #[serde(default)]
    pub product_name: Option<Text>,
}

/// The fields Dodo's `Subscription` and `SubscriptionListResponse` share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionCore {
    pub subscription_id: SubscriptionId,
    pub billing: BillingAddress,
    pub cancel_at_next_billing_date: bool,
    pub created_at: Timestamp,
    pub currency: CurrencyCode,
    pub customer: CustomerLimitedDetails,
    pub has_payment_method: bool,
    pub metadata: CheckedMetadata,
    pub next_billing_date: Timestamp,
    pub on_demand: bool,
    pub payment_frequency_count: i64,
    pub payment_frequency_interval: TimeInterval,
    pub previous_billing_date: Timestamp,
    pub product_id: Text,
    pub quantity: i64,
    pub recurring_pre_tax_amount: i64,
    pub status: SubscriptionStatus,
    pub subscription_period_count: i64,
    pub subscription_period_interval: TimeInterval,
    pub tax_inclusive: bool,
    pub trial_period_days: i64,
    #[serde(default)]
    pub cancelled_at: Option<Timestamp>,
    #[serde(default)]
    pub cancelled_by: Option<CancelledBy>,
    #[serde(default)]
    pub customer_business_name: Option<Text>,
    #[serde(default)]
    pub discount_cycles_remaining: Option<i64>,
    #[serde(default)]
    pub discount_id: Option<Text>,
    #[serde(default)]
    pub paused_at: Option<Timestamp>,
    #[serde(default)]
    pub payment_method_id: Option<Text>,
    #[serde(default)]
    pub scheduled_change: Option<ScheduledChange>,
    #[serde(default)]
    pub tax_id: Option<Text>,
    #[serde(default)]
    pub trial_amount: Option<i64>,
}

/// The SDK's `Subscription`, every field always sent (optional ones as `null`), plus
/// the extension `cancel_reason`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    #[serde(flatten)]
    pub core: SubscriptionCore,
    pub addons: Vec<Addon>,
    pub brand_id: Text,
    pub credit_entitlement_cart: Vec<CreditEntitlement>,
    pub meter_credit_entitlement_cart: Vec<MeterCreditEntitlement>,
    pub meters: Vec<Meter>,
    #[serde(default)]
    pub cancellation_comment: Option<Text>,
    #[serde(default)]
    pub cancellation_feedback: Option<CancellationFeedback>,
    #[serde(default)]
    pub custom_field_responses: Option<Vec<CustomFieldResponse>>,
    #[serde(default)]
    pub discounts: Option<Vec<Discount>>,
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// Extension: the reason given when the subscription was cancelled here.
    #[serde(default)]
    pub cancel_reason: Option<CancelReason>,
}

/// The list's lightweight discount (the SDK's `SubscriptionListResponse.Discount`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiscountSummary {
    pub discount_id: Text,
    pub discount_cycles_remaining: Option<i64>,
}

/// One item of `GET /subscriptions` (the SDK's `SubscriptionListResponse`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubscriptionListItem {
    #[serde(flatten)]
    pub core: SubscriptionCore,
    pub discounts: Vec<DiscountSummary>,
}

impl From<Subscription> for SubscriptionListItem {
    fn from(s: Subscription) -> Self {
        SubscriptionListItem {
            core: s.core,
            discounts: s
                .discounts
                .unwrap_or_default()
                .into_iter()
                .map(|d| DiscountSummary {
                    discount_id: d.discount_id,
                    discount_cycles_remaining: d.cycles_remaining,
                })
                .collect(),
        }
    }
}

impl Subscription {
    /// The subscription an event's `data` describes; `Err` says what is wrong with it.
    pub fn from_event_data(data: &serde_json::Value) -> Result<Subscription, String> {
        let mut subscription = Subscription::deserialize(data).map_err(|e| e.to_string())?;
        // Only this service records why a cancellation happened here.
        subscription.cancel_reason = None;
        Ok(subscription)
    }
}
