//! A subscription as this service keeps it: the engine's latest word on it, what the
//! merchant (or the customer) changed here since, and the rule that merges the two
//! (docs/api.md, "The merge rule").
//!
//! The payment engine owns the subscription's billing: product, quantity, amounts,
//! dates, addons, meters, discounts, the billing address. This service owns what was
//! done here: a cancellation (now or scheduled), its details and who did it, and
//! metadata. A change made here stands until the engine's events echo it; an event that
//! does not know it never undoes it. A subscription that ended (cancelled, failed,
//! expired) never becomes live again.

use crate::subscription::{
    CancelReason, CancellationFeedback, CancelledBy, CheckedMetadata, Subscription, Text, Timestamp,
};
use platform::ids::BusinessId;
use serde::{Deserialize, Serialize};

/// A cancellation (now or at the next billing date) made here: who, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancellationHere {
    pub by: CancelledBy,
    pub reason: CancelReason,
    pub feedback: Option<CancellationFeedback>,
    pub comment: Option<Text>,
}

/// What was changed here that the engine's events have not echoed yet, and the details
/// of a cancellation made here (the engine seldom knows who cancelled).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangesHere {
    #[serde(default)]
    pub cancel_at_next_billing_date: Option<bool>,
    #[serde(default)]
    pub metadata: Option<CheckedMetadata>,
    #[serde(default)]
    pub cancellation: Option<CancellationHere>,
}

impl ChangesHere {
    pub fn is_empty(&self) -> bool {
        *self == ChangesHere::default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionRecord {
    #[serde(flatten)]
    pub subscription: Subscription,
    pub business_id: BusinessId,
    /// The timestamp of the newest event applied: an event not newer than this is stale.
    pub event_at: Timestamp,
    #[serde(default)]
    pub changes_here: ChangesHere,
}

impl SubscriptionRecord {
    /// The record a first event makes.
    pub fn from_event(
        business_id: BusinessId,
        subscription: Subscription,
        event_at: Timestamp,
    ) -> Self {
        SubscriptionRecord {
            subscription,
            business_id,
            event_at,
            changes_here: ChangesHere::default(),
        }
    }

    /// Whether an event may replace this record without reading it: only when nothing
    /// here could be lost (no change made here, and the subscription has not ended).
    pub fn needs_merge(&self) -> bool {
        self.subscription.core.status.is_terminal() || !self.changes_here.is_empty()
    }

    /// The record after an event of `event_at` carrying `event`, or `None` when the
    /// event is stale (not newer than the newest applied).
    pub fn merge_event(&self, event: Subscription, event_at: Timestamp) -> Option<Self> {
        if event_at <= self.event_at {
            return None;
        }
        let stored = &self.subscription;
        let mut merged = event;
        let mut changes = self.changes_here.clone();
        if stored.core.status.is_terminal() {
            if !merged.core.status.is_terminal() {
                merged.core.status = stored.core.status;
            }
            merged.core.cancelled_at = stored
                .core
                .cancelled_at
                .clone()
                .or(merged.core.cancelled_at);
            merged.core.cancelled_by = stored
                .core
                .cancelled_by
                .clone()
                .or(merged.core.cancelled_by);
            merged.cancellation_feedback = stored
                .cancellation_feedback
                .or(merged.cancellation_feedback);
            merged.cancellation_comment = stored
                .cancellation_comment
                .clone()
                .or(merged.cancellation_comment);
        }
        if let Some(scheduled) = changes.cancel_at_next_billing_date {
            if merged.core.cancel_at_next_billing_date == scheduled {
                changes.cancel_at_next_billing_date = None;
            }
            merged.core.cancel_at_next_billing_date = scheduled;
        }
        if let Some(metadata) = &changes.metadata {
            if merged.core.metadata == *metadata {
                changes.metadata = None;
            } else {
                merged.core.metadata = metadata.clone();
            }
        }
        let cancelling =
            merged.core.status.is_terminal() || merged.core.cancel_at_next_billing_date;
        match (&changes.cancellation, cancelling) {
            (Some(here), true) => apply_cancellation(&mut merged, here),
            (Some(_), false) => changes.cancellation = None,
            (None, _) => {}
        }
        Some(SubscriptionRecord {
            subscription: merged,
            business_id: self.business_id.clone(),
            event_at,
            changes_here: changes,
        })
    }
}

/// Puts a cancellation made here on the subscription's wire fields.
pub fn apply_cancellation(subscription: &mut Subscription, here: &CancellationHere) {
    subscription.core.cancelled_by = Some(here.by.clone());
    subscription.cancel_reason = Some(here.reason);
    subscription.cancellation_feedback = here.feedback;
    subscription.cancellation_comment = here.comment.clone();
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::subscription::{ActorType, SubscriptionStatus};
    use serde_json::json;

    pub fn event_data(status: &str) -> serde_json::Value {
        json!({
            "subscription_id": "sub_test1",
            "addons": [{ "addon_id": "adn_1", "quantity": 2 }],
            "billing": { "country": "US", "city": "Boston", "state": "MA", "street": "1 Main St", "zipcode": "02101" },
            "brand_id": "bnd_1",
            "cancel_at_next_billing_date": false,
            "created_at": "2026-01-01T00:00:00Z",
            "credit_entitlement_cart": [],
            "currency": "USD",
            "customer": { "customer_id": "cus_test1", "email": "ada@example.com", "name": "Ada", "phone_number": null },
            "has_payment_method": true,
            "metadata": { "plan": "pro" },
            "meter_credit_entitlement_cart": [],
            "meters": [],
            "next_billing_date": "2026-02-01T00:00:00Z",
            "on_demand": false,
            "payment_frequency_count": 1,
            "payment_frequency_interval": "Month",
            "previous_billing_date": "2026-01-01T00:00:00Z",
            "product_id": "pdt_1",
            "quantity": 1,
            "recurring_pre_tax_amount": 1500,
            "status": status,
            "subscription_period_count": 12,
            "subscription_period_interval": "Month",
            "tax_inclusive": false,
            "trial_period_days": 0,
            "cancelled_at": null
        })
    }

    pub fn subscription(status: &str) -> Subscription {
        Subscription::from_event_data(&event_data(status)).unwrap()
    }

    pub fn at(t: &str) -> Timestamp {
        serde_json::from_value(json!(t)).unwrap()
    }

    pub fn record(status: &str, event_at: &str) -> SubscriptionRecord {
        SubscriptionRecord::from_event(
            BusinessId::parse("bus_1").unwrap(),
            subscription(status),
            at(event_at),
        )
    }

    fn by_key() -> CancellationHere {
        CancellationHere {
            by: CancelledBy {
                actor_type: ActorType::ApiKey,
                email: None,
                name: None,
                actor_id: Text::parse("key_0123".into()),
            },
            reason: CancelReason::CancelledByMerchant,
            feedback: Some(CancellationFeedback::TooExpensive),
            comment: Text::parse("moving on".into()),
        }
    }

    #[test]
    fn event_data_parses_and_times_are_normalized() {
        let s = subscription("active");
        assert_eq!(s.core.created_at.as_str(), "2026-01-01T00:00:00.000000Z");
        assert!(Subscription::from_event_data(&json!({ "subscription_id": "sub_1" })).is_err());
        let mut bad = event_data("active");
        bad["customer"]["customer_id"] = json!("cus_a#b");
        assert!(Subscription::from_event_data(&bad).is_err());
        bad = event_data("unknown_status");
        assert!(Subscription::from_event_data(&bad).is_err());
    }

    #[test]
    fn an_event_not_newer_than_the_record_is_stale() {
        let stored = record("cancelled", "2026-01-10T00:00:00Z");
        assert!(
            stored
                .merge_event(subscription("active"), at("2026-01-09T00:00:00Z"))
                .is_none()
        );
        assert!(
            stored
                .merge_event(subscription("active"), at("2026-01-10T00:00:00Z"))
                .is_none()
        );
    }

    #[test]
    fn a_newer_live_status_never_revives_an_ended_subscription() {
        let mut stored = record("cancelled", "2026-01-10T00:00:00Z");
        stored.subscription.core.cancelled_at = Some(at("2026-01-10T00:00:00Z"));
        let mut renewed = subscription("active");
        renewed.core.next_billing_date = at("2026-03-01T00:00:00Z");
        renewed.core.quantity = 3;
        let merged = stored
            .merge_event(renewed, at("2026-01-11T00:00:00Z"))
            .unwrap();
        assert_eq!(
            merged.subscription.core.status,
            SubscriptionStatus::Cancelled
        );
        assert_eq!(
            merged.subscription.core.cancelled_at,
            stored.subscription.core.cancelled_at
        );
        assert_eq!(
            merged.subscription.core.next_billing_date,
            at("2026-03-01T00:00:00Z")
        );
        assert_eq!(merged.subscription.core.quantity, 3);
        assert_eq!(merged.event_at, at("2026-01-11T00:00:00Z"));
        assert!(merged.needs_merge());
        let expired = stored
            .merge_event(subscription("expired"), at("2026-01-12T00:00:00Z"))
            .unwrap();
        assert_eq!(
            expired.subscription.core.status,
            SubscriptionStatus::Expired
        );
        assert_eq!(
            expired.subscription.core.cancelled_at,
            stored.subscription.core.cancelled_at
        );
    }

    #[test]
    fn a_cancellation_made_here_keeps_its_details_through_engine_events() {
        let mut stored = record("active", "2026-01-10T00:00:00Z");
        stored.subscription.core.status = SubscriptionStatus::Cancelled;
        stored.subscription.core.cancelled_at = Some(at("2026-01-10T01:00:00Z"));
        apply_cancellation(&mut stored.subscription, &by_key());
        stored.changes_here.cancellation = Some(by_key());
        let mut engine_cancelled = subscription("cancelled");
        engine_cancelled.core.cancelled_at = Some(at("2026-01-10T02:00:00Z"));
        let merged = stored
            .merge_event(engine_cancelled, at("2026-01-11T00:00:00Z"))
            .unwrap();
        let s = &merged.subscription;
        assert_eq!(s.core.cancelled_at, Some(at("2026-01-10T01:00:00Z")));
        assert_eq!(
            s.core.cancelled_by.as_ref().unwrap().actor_type,
            ActorType::ApiKey
        );
        assert_eq!(s.cancel_reason, Some(CancelReason::CancelledByMerchant));
        assert_eq!(
            s.cancellation_feedback,
            Some(CancellationFeedback::TooExpensive)
        );
    }

    #[test]
    fn a_schedule_set_here_survives_events_until_echoed() {
        let mut stored = record("active", "2026-01-10T00:00:00Z");
        stored.subscription.core.cancel_at_next_billing_date = true;
        stored.changes_here.cancel_at_next_billing_date = Some(true);
        stored.changes_here.cancellation = Some(by_key());
        apply_cancellation(&mut stored.subscription, &by_key());
        assert!(stored.needs_merge());

        let unaware = stored
            .merge_event(subscription("active"), at("2026-01-11T00:00:00Z"))
            .unwrap();
        assert!(unaware.subscription.core.cancel_at_next_billing_date);
        assert_eq!(unaware.changes_here.cancel_at_next_billing_date, Some(true));
        assert!(unaware.subscription.core.cancelled_by.is_some());

        let mut echo = subscription("active");
        echo.core.cancel_at_next_billing_date = true;
        let echoed = unaware
            .merge_event(echo, at("2026-01-12T00:00:00Z"))
            .unwrap();
        assert_eq!(echoed.changes_here.cancel_at_next_billing_date, None);
        assert!(
            echoed.subscription.core.cancelled_by.is_some(),
            "who scheduled it stays"
        );

        // Once echoed, the engine owns the flag again: its withdrawal applies.
        let withdrawn = echoed
            .merge_event(subscription("active"), at("2026-01-13T00:00:00Z"))
            .unwrap();
        assert!(!withdrawn.subscription.core.cancel_at_next_billing_date);
        assert!(withdrawn.subscription.core.cancelled_by.is_none());
        assert!(!withdrawn.needs_merge(), "back to blind writes");
    }

    #[test]
    fn metadata_set_here_stands_until_echoed() {
        let mut stored = record("active", "2026-01-10T00:00:00Z");
        let ours: CheckedMetadata = serde_json::from_value(json!({ "tier": "gold" })).unwrap();
        stored.subscription.core.metadata = ours.clone();
        stored.changes_here.metadata = Some(ours.clone());
        let merged = stored
            .merge_event(subscription("active"), at("2026-01-11T00:00:00Z"))
            .unwrap();
        assert_eq!(merged.subscription.core.metadata, ours);
        let mut echo = subscription("active");
        echo.core.metadata = ours.clone();
        let echoed = merged
            .merge_event(echo, at("2026-01-12T00:00:00Z"))
            .unwrap();
        assert!(echoed.changes_here.is_empty());
    }

    #[test]
    fn records_round_trip_through_storage_items() {
        let mut stored = record("active", "2026-01-10T00:00:00Z");
        stored.changes_here.cancellation = Some(by_key());
        let item = platform::dynamo::to_item(&stored);
        let back: SubscriptionRecord = platform::dynamo::from_item(item).unwrap();
        assert_eq!(back, stored);
    }
}
