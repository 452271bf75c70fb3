//! `PATCH /subscriptions/{id}`: the body, who asks, and the rules of a change made here.
//! A value of [`SubscriptionPatch`] is valid by construction; [`SubscriptionPatch::apply`]
//! decides against the record as stored.

use crate::record::{CancellationHere, SubscriptionRecord, apply_cancellation};
use crate::subscription::{
    ActorType, CancelReason, CancellationFeedback, CancelledBy, CheckedMetadata,
    SubscriptionStatus, Text, Timestamp,
};
use customers::CustomerId;
use customers::customer::{InvalidCustomer, Metadata, parse_metadata};
use platform::json::parse_json_object;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// Fields of the SDK's `SubscriptionUpdateParams` that the payment engine owns: this
/// service records them from events and refuses to change them (docs/api.md).
pub const ENGINE_OWNED_FIELDS: &[&str] = &[
    "billing",
    "customer_business_name",
    "customer_name",
    "tax_id",
    "next_billing_date",
    "credit_entitlement_cart",
    "disable_on_demand",
    "pause",
    "subscription_period_count",
    "subscription_period_interval",
];

/// Who changes a subscription: the merchant's API key, a merchant's dashboard user, or
/// the customer in the portal. Recorded as `cancelled_by` when they cancel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    ApiKey {
        key_id: String,
    },
    MerchantUser {
        user_id: String,
        email: String,
        name: String,
    },
    Customer {
        customer_id: CustomerId,
        email: String,
        name: String,
    },
}

impl Actor {
    fn cancelled_by(&self) -> CancelledBy {
        let text = |s: &str| Text::parse(s.to_string());
        match self {
            Actor::ApiKey { key_id } => CancelledBy {
                actor_type: ActorType::ApiKey,
                email: None,
                name: None,
                actor_id: text(key_id),
            },
            Actor::MerchantUser {
                user_id,
                email,
                name,
            } => CancelledBy {
                actor_type: ActorType::MerchantUser,
                email: text(email),
                name: text(name),
                actor_id: text(user_id),
            },
            Actor::Customer {
                customer_id,
                email,
                name,
            } => CancelledBy {
                actor_type: ActorType::Customer,
                email: text(email),
                name: text(name),
                actor_id: text(customer_id.as_str()),
            },
        }
    }

    fn default_reason(&self) -> CancelReason {
        match self {
            Actor::Customer { .. } => CancelReason::CancelledByCustomer,
            Actor::ApiKey { .. } | Actor::MerchantUser { .. } => CancelReason::CancelledByMerchant,
        }
    }
}

/// What a patch asks of the subscription's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    CancelNow,
    CancelAtNextBillingDate,
    WithdrawScheduledCancel,
    /// Any status but `cancelled`: pausing and resuming are the engine's; for an ended
    /// subscription it is a reactivation, refused for good.
    SetStatus(SubscriptionStatus),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubscriptionPatch {
    pub lifecycle: Option<Lifecycle>,
    pub cancel_reason: Option<CancelReason>,
    pub cancellation_feedback: Option<CancellationFeedback>,
    pub cancellation_comment: Option<Text>,
    pub metadata: Option<CheckedMetadata>,
}

/// Why a patch is refused, in this context's terms (handlers map them to the API's).
#[derive(Debug, Clone, PartialEq)]
pub enum PatchRefusal {
    /// Not the JSON the route takes.
    Body(String),
    /// A field outside its rules.
    Field(String),
    Metadata(InvalidCustomer),
    /// A field the engine owns.
    EngineOwned(&'static str),
    /// The subscription has ended: it cannot be revived, scheduled or withdrawn.
    Ended(SubscriptionStatus),
    /// Pausing or resuming, which only the engine does.
    StatusNotSettable(SubscriptionStatus),
    /// A customer may only cancel, schedule or withdraw a cancellation.
    NotForCustomers(&'static str),
}

/// Distinguishes a field that is absent (`None`) from one sent as `null` (`Some(None)`).
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
struct PatchBody {
    #[serde(default)]
    cancel_at_next_billing_date: Option<bool>,
    #[serde(default)]
    status: Option<SubscriptionStatus>,
    #[serde(default)]
    cancel_reason: Option<CancelReason>,
    #[serde(default)]
    cancellation_feedback: Option<CancellationFeedback>,
    #[serde(default)]
    cancellation_comment: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    metadata: Option<Option<Metadata>>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

impl SubscriptionPatch {
    /// `null` is the same as absent, except for `metadata`, which it empties.
    pub fn parse(body: &[u8]) -> Result<Self, PatchRefusal> {
        let body: PatchBody =
            parse_json_object(body).map_err(|e| PatchRefusal::Body(e.message()))?;
        if let Some(field) = ENGINE_OWNED_FIELDS
            .iter()
            .find(|f| body.rest.get(**f).is_some_and(|v| !v.is_null()))
        {
            return Err(PatchRefusal::EngineOwned(field));
        }
        let lifecycle = match (body.status, body.cancel_at_next_billing_date) {
            (Some(SubscriptionStatus::Cancelled), Some(true)) | (None, Some(true)) => {
                Some(Lifecycle::CancelAtNextBillingDate)
            }
            (Some(SubscriptionStatus::Cancelled), _) => Some(Lifecycle::CancelNow),
            (None, Some(false)) => Some(Lifecycle::WithdrawScheduledCancel),
            (Some(status), None) => Some(Lifecycle::SetStatus(status)),
            (Some(_), Some(_)) => {
                return Err(PatchRefusal::Field(
                    "cancel_at_next_billing_date goes only with status cancelled".into(),
                ));
            }
            (None, None) => None,
        };
        let cancelling = matches!(
            lifecycle,
            Some(Lifecycle::CancelNow | Lifecycle::CancelAtNextBillingDate)
        );
        let has_details = body.cancel_reason.is_some()
            || body.cancellation_feedback.is_some()
            || body.cancellation_comment.is_some();
        if has_details && !cancelling {
            return Err(PatchRefusal::Field(
                "cancel_reason, cancellation_feedback and cancellation_comment go only with a cancellation (status cancelled or cancel_at_next_billing_date true)".into(),
            ));
        }
        let metadata = body
            .metadata
            .map(|m| {
                parse_metadata(m.unwrap_or_default())
                    .map(CheckedMetadata)
                    .map_err(PatchRefusal::Metadata)
            })
            .transpose()?;
        Ok(SubscriptionPatch {
            lifecycle,
            cancel_reason: body.cancel_reason,
            cancellation_feedback: body.cancellation_feedback,
            cancellation_comment: body.cancellation_comment,
            metadata,
        })
    }

    /// The record after this patch by `actor` at `now`. Asking an ended subscription for
    /// what it already is (cancelling a cancelled one) changes nothing and is no error.
    pub fn apply(
        &self,
        record: &SubscriptionRecord,
        actor: &Actor,
        now: &Timestamp,
    ) -> Result<SubscriptionRecord, PatchRefusal> {
        if matches!(actor, Actor::Customer { .. }) {
            if self.metadata.is_some() {
                return Err(PatchRefusal::NotForCustomers("metadata"));
            }
            if self.cancel_reason.is_some() {
                return Err(PatchRefusal::NotForCustomers("cancel_reason"));
            }
        }
        let mut next = record.clone();
        let status = record.subscription.core.status;
        let cancellation = || CancellationHere {
            by: actor.cancelled_by(),
            reason: self.cancel_reason.unwrap_or(actor.default_reason()),
            feedback: self.cancellation_feedback,
            comment: self.cancellation_comment.clone(),
        };
        let scheduled = record.subscription.core.cancel_at_next_billing_date;
        match self.lifecycle {
            None => {}
            Some(Lifecycle::CancelNow) if status == SubscriptionStatus::Cancelled => {}
            Some(Lifecycle::CancelAtNextBillingDate) if status.is_terminal() && scheduled => {}
            Some(Lifecycle::WithdrawScheduledCancel) if status.is_terminal() && !scheduled => {}
            Some(Lifecycle::SetStatus(wanted)) if wanted == status && status.is_terminal() => {}
            Some(_) if status.is_terminal() => return Err(PatchRefusal::Ended(status)),
            Some(Lifecycle::CancelNow) => {
                let here = cancellation();
                let s = &mut next.subscription;
                s.core.status = SubscriptionStatus::Cancelled;
                s.core.cancelled_at = Some(now.clone());
                apply_cancellation(s, &here);
                next.changes_here.cancellation = Some(here);
            }
            Some(Lifecycle::CancelAtNextBillingDate) => {
                let here = cancellation();
                next.subscription.core.cancel_at_next_billing_date = true;
                apply_cancellation(&mut next.subscription, &here);
                next.changes_here.cancel_at_next_billing_date = Some(true);
                next.changes_here.cancellation = Some(here);
            }
            Some(Lifecycle::WithdrawScheduledCancel) => {
                let s = &mut next.subscription;
                s.core.cancel_at_next_billing_date = false;
                s.core.cancelled_by = None;
                s.cancel_reason = None;
                s.cancellation_feedback = None;
                s.cancellation_comment = None;
                next.changes_here.cancel_at_next_billing_date = Some(false);
                next.changes_here.cancellation = None;
            }
            Some(Lifecycle::SetStatus(wanted)) => {
                return Err(PatchRefusal::StatusNotSettable(wanted));
            }
        }
        if let Some(metadata) = &self.metadata {
            next.subscription.core.metadata = metadata.clone();
            next.changes_here.metadata = Some(metadata.clone());
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::{at, record};

    fn key() -> Actor {
        Actor::ApiKey {
            key_id: "key_0123456789abcdef".into(),
        }
    }

    fn patch(body: &str) -> Result<SubscriptionPatch, PatchRefusal> {
        SubscriptionPatch::parse(body.as_bytes())
    }

    fn now() -> Timestamp {
        at("2026-01-15T00:00:00Z")
    }

    #[test]
    fn bodies_parse_into_lifecycle_requests() {
        let cases = [
            (
                r#"{"cancel_at_next_billing_date":true}"#,
                Some(Lifecycle::CancelAtNextBillingDate),
            ),
            (
                r#"{"cancel_at_next_billing_date":false}"#,
                Some(Lifecycle::WithdrawScheduledCancel),
            ),
            (r#"{"status":"cancelled"}"#, Some(Lifecycle::CancelNow)),
            (
                r#"{"status":"cancelled","cancel_at_next_billing_date":false}"#,
                Some(Lifecycle::CancelNow),
            ),
            (
                r#"{"status":"cancelled","cancel_at_next_billing_date":true}"#,
                Some(Lifecycle::CancelAtNextBillingDate),
            ),
            (
                r#"{"status":"active"}"#,
                Some(Lifecycle::SetStatus(SubscriptionStatus::Active)),
            ),
            (
                r#"{"status":null,"cancel_at_next_billing_date":null,"billing":null}"#,
                None,
            ),
        ];
        for (body, lifecycle) in cases {
            assert_eq!(patch(body).unwrap().lifecycle, lifecycle, "{body}");
        }
        assert_eq!(
            patch(r#"{"metadata":null}"#).unwrap().metadata,
            Some(CheckedMetadata::default())
        );
    }

    #[test]
    fn bad_bodies_are_refused_with_reasons() {
        assert!(matches!(patch("[]"), Err(PatchRefusal::Body(_))));
        assert!(matches!(
            patch(r#"{"status":"gone"}"#),
            Err(PatchRefusal::Body(_))
        ));
        assert!(matches!(
            patch(r#"{"cancellation_feedback":"meh","status":"cancelled"}"#),
            Err(PatchRefusal::Body(_))
        ));
        assert_eq!(
            patch(r#"{"billing":{"country":"US"}}"#),
            Err(PatchRefusal::EngineOwned("billing"))
        );
        assert_eq!(
            patch(r#"{"next_billing_date":"2026-01-01T00:00:00Z"}"#),
            Err(PatchRefusal::EngineOwned("next_billing_date"))
        );
        assert!(matches!(
            patch(r#"{"cancellation_comment":"why"}"#),
            Err(PatchRefusal::Field(_))
        ));
        assert!(matches!(
            patch(r#"{"status":"active","cancel_at_next_billing_date":true}"#),
            Err(PatchRefusal::Field(_))
        ));
        let long = format!(
            r#"{{"status":"cancelled","cancellation_comment":"{}"}}"#,
            "x".repeat(1001)
        );
        assert!(matches!(patch(&long), Err(PatchRefusal::Body(_))));
    }

    #[test]
    fn cancelling_now_records_who_and_why() {
        let active = record("active", "2026-01-10T00:00:00Z");
        let p = patch(r#"{"status":"cancelled","cancellation_feedback":"too_expensive","cancellation_comment":"pricey"}"#).unwrap();
        let cancelled = p.apply(&active, &key(), &now()).unwrap();
        let s = &cancelled.subscription;
        assert_eq!(s.core.status, SubscriptionStatus::Cancelled);
        assert_eq!(s.core.cancelled_at, Some(now()));
        let by = s.core.cancelled_by.as_ref().unwrap();
        assert_eq!(
            (by.actor_type, by.actor_id.as_ref().unwrap().as_str()),
            (ActorType::ApiKey, "key_0123456789abcdef")
        );
        assert_eq!(s.cancel_reason, Some(CancelReason::CancelledByMerchant));
        assert_eq!(
            s.cancellation_feedback,
            Some(CancellationFeedback::TooExpensive)
        );
        assert!(cancelled.needs_merge());
        // Cancelling again changes nothing; reviving is refused for good.
        assert_eq!(
            p.apply(&cancelled, &key(), &at("2026-01-16T00:00:00Z"))
                .unwrap(),
            cancelled
        );
        for body in [
            r#"{"status":"active"}"#,
            r#"{"cancel_at_next_billing_date":true}"#,
        ] {
            assert_eq!(
                patch(body).unwrap().apply(&cancelled, &key(), &now()),
                Err(PatchRefusal::Ended(SubscriptionStatus::Cancelled)),
                "{body}"
            );
        }
        let metadata = patch(r#"{"metadata":{"note":"churned"}}"#).unwrap();
        assert!(
            metadata.apply(&cancelled, &key(), &now()).is_ok(),
            "notes on an ended subscription are fine"
        );
    }

    #[test]
    fn scheduling_and_withdrawing() {
        let active = record("active", "2026-01-10T00:00:00Z");
        let customer = Actor::Customer {
            customer_id: CustomerId::parse("cus_test1").unwrap(),
            email: "ada@example.com".into(),
            name: "Ada".into(),
        };
        let scheduled =
            patch(r#"{"cancel_at_next_billing_date":true,"cancellation_feedback":"unused"}"#)
                .unwrap()
                .apply(&active, &customer, &now())
                .unwrap();
        assert!(scheduled.subscription.core.cancel_at_next_billing_date);
        assert_eq!(
            scheduled.subscription.core.status,
            SubscriptionStatus::Active
        );
        assert_eq!(
            scheduled.subscription.cancel_reason,
            Some(CancelReason::CancelledByCustomer)
        );
        assert_eq!(
            scheduled
                .subscription
                .core
                .cancelled_by
                .as_ref()
                .unwrap()
                .email
                .as_ref()
                .unwrap()
                .as_str(),
            "ada@example.com"
        );
        let withdrawn = patch(r#"{"cancel_at_next_billing_date":false}"#)
            .unwrap()
            .apply(&scheduled, &key(), &now())
            .unwrap();
        assert!(!withdrawn.subscription.core.cancel_at_next_billing_date);
        assert_eq!(withdrawn.subscription.core.cancelled_by, None);
        assert_eq!(
            withdrawn.changes_here.cancel_at_next_billing_date,
            Some(false)
        );
        assert_eq!(
            patch(r#"{"status":"paused"}"#)
                .unwrap()
                .apply(&active, &key(), &now()),
            Err(PatchRefusal::StatusNotSettable(SubscriptionStatus::Paused))
        );
        assert_eq!(
            patch(r#"{"metadata":{}}"#)
                .unwrap()
                .apply(&active, &customer, &now()),
            Err(PatchRefusal::NotForCustomers("metadata"))
        );
    }
}
