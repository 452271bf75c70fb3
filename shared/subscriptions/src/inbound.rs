//! The planner of the payment engine's `subscription.*` events (`platform::inbound`):
//! ingest commits the write planned here in one transaction with the event's record.
//!
//! Blind (nothing read), the plan writes the event's subscription if the stored one is
//! absent, or older than the event with nothing to merge (no change made here, not
//! ended). When that fails, ingest reads the item and asks again: the plan is then
//! `Stale` (the stored subscription is as new as the event or newer), or the merged
//! record (`record::SubscriptionRecord::merge_event`, docs/api.md "The merge rule")
//! written only if the item is still the one read.

use crate::record::SubscriptionRecord;
use crate::store::{self, Expect};
use crate::subscription::{Subscription, Timestamp};
use billing::payment::CustomerLimitedDetails;
use platform::inbound::{
    Current, CustomerSnapshot, EventPlan, EventRefusal, InboundEvent, Planned,
};

pub const EVENT_TYPES: &[&str] = &[
    "subscription.active",
    "subscription.renewed",
    "subscription.on_hold",
    "subscription.past_due",
    "subscription.paused",
    "subscription.unpaused",
    "subscription.cancelled",
    "subscription.failed",
    "subscription.expired",
    "subscription.plan_changed",
    "subscription.updated",
];

/// `platform::inbound::Planner` for subscription events.
pub fn plan(
    event: &InboundEvent<'_>,
    current: Current<'_>,
    table: &str,
) -> Result<Planned, EventRefusal> {
    if !EVENT_TYPES.contains(&event.event_type) {
        return Err(EventRefusal::NotHandled);
    }
    let subscription =
        Subscription::from_event_data(event.data).map_err(EventRefusal::InvalidData)?;
    let event_at = Timestamp::from_time(event.timestamp);
    let customer = snapshot(&subscription.core.customer);
    let incoming = SubscriptionRecord::from_event(event.business.clone(), subscription, event_at);
    let key = store::key_of(&incoming);
    let action = match current {
        Current::Unread => store::put_action(
            table,
            &incoming,
            Expect::OlderWithNothingToMerge(&incoming.event_at),
        ),
        Current::Read(items) => match items.first().cloned().flatten() {
            None => store::put_action(table, &incoming, Expect::Absent),
            Some(item) => {
                let stored = store::parse(item).map_err(|e| {
                    tracing::error!(error = %e, "a stored subscription is unreadable");
                    EventRefusal::InvalidData("the stored subscription is unreadable".into())
                })?;
                match stored
                    .record
                    .merge_event(incoming.subscription, incoming.event_at)
                {
                    None => return Ok(Planned::Stale),
                    Some(merged) => {
                        store::put_action(table, &merged, Expect::Revision(&stored.revision))
                    }
                }
            }
        },
    };
    Ok(Planned::Write(EventPlan {
        actions: vec![action],
        reads: vec![key],
        customer: Some(customer),
    }))
}

fn snapshot(customer: &CustomerLimitedDetails) -> CustomerSnapshot {
    CustomerSnapshot {
        customer_id: customer.customer_id.to_string(),
        email: customer.email.clone(),
        name: customer.name.clone(),
        phone_number: customer.phone_number.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::event_data;
    use aws_sdk_dynamodb::types::AttributeValue;
    use chrono::{DateTime, Utc};
    use platform::ids::BusinessId;

    fn event<'a>(
        business: &'a BusinessId,
        event_type: &'a str,
        at: &str,
        data: &'a serde_json::Value,
    ) -> InboundEvent<'a> {
        InboundEvent {
            business,
            webhook_id: "msg_1",
            event_type,
            timestamp: at.parse::<DateTime<Utc>>().unwrap(),
            data,
        }
    }

    fn written(planned: Planned) -> platform::dynamo::Item {
        let Planned::Write(plan) = planned else {
            panic!("expected a write")
        };
        assert_eq!(plan.actions.len(), 1);
        plan.actions[0].put().unwrap().item().clone()
    }

    #[test]
    fn blind_plans_are_conditioned_on_age_and_nothing_to_merge() {
        let business = BusinessId::parse("bus_1").unwrap();
        let data = event_data("active");
        let e = event(
            &business,
            "subscription.active",
            "2026-01-10T00:00:00Z",
            &data,
        );
        let Planned::Write(plan) = plan(&e, Current::Unread, "t").unwrap() else {
            panic!()
        };
        let put = plan.actions[0].put().unwrap();
        assert!(
            put.condition_expression()
                .unwrap()
                .contains("#event_at < :event_at")
        );
        assert_eq!(
            put.expression_attribute_values().unwrap()[":event_at"],
            AttributeValue::S("2026-01-10T00:00:00.000000Z".into())
        );
        assert_eq!(
            plan.reads,
            vec![crate::keys::subscription(
                &business,
                &crate::SubscriptionId::parse("sub_test1").unwrap()
            )]
        );
        assert_eq!(plan.customer.unwrap().customer_id, "cus_test1");
        assert_eq!(
            put.item()["GSI1PK"],
            AttributeValue::S("B#bus_1#C#cus_test1#SUBSCRIPTIONS".into())
        );
    }

    #[test]
    fn an_older_active_after_a_cancelled_is_stale() {
        let business = BusinessId::parse("bus_1").unwrap();
        let cancelled = event_data("cancelled");
        let stored = written(
            plan(
                &event(
                    &business,
                    "subscription.cancelled",
                    "2026-01-10T00:00:00Z",
                    &cancelled,
                ),
                Current::Unread,
                "t",
            )
            .unwrap(),
        );
        assert_eq!(stored["needs_merge"], AttributeValue::Bool(true));
        let active = event_data("active");
        let older = event(
            &business,
            "subscription.active",
            "2026-01-09T00:00:00Z",
            &active,
        );
        let read = [Some(stored.clone())];
        assert!(matches!(
            plan(&older, Current::Read(&read), "t").unwrap(),
            Planned::Stale
        ));
        let newer = event(
            &business,
            "subscription.renewed",
            "2026-01-11T00:00:00Z",
            &active,
        );
        let merged = written(plan(&newer, Current::Read(&read), "t").unwrap());
        assert_eq!(merged["status"], AttributeValue::S("cancelled".into()));
    }

    #[test]
    fn merged_writes_expect_the_revision_read_and_absent_items_are_created() {
        let business = BusinessId::parse("bus_1").unwrap();
        let data = event_data("active");
        let first = written(
            plan(
                &event(
                    &business,
                    "subscription.active",
                    "2026-01-10T00:00:00Z",
                    &data,
                ),
                Current::Unread,
                "t",
            )
            .unwrap(),
        );
        let e = event(
            &business,
            "subscription.renewed",
            "2026-01-11T00:00:00Z",
            &data,
        );
        let Planned::Write(p) = plan(&e, Current::Read(&[Some(first.clone())]), "t").unwrap()
        else {
            panic!()
        };
        let put = p.actions[0].put().unwrap();
        assert_eq!(
            put.expression_attribute_values().unwrap()[":revision"],
            first["revision"]
        );
        assert_ne!(put.item()["revision"], first["revision"]);
        let Planned::Write(p) = plan(&e, Current::Read(&[None]), "t").unwrap() else {
            panic!()
        };
        assert_eq!(
            p.actions[0].put().unwrap().condition_expression(),
            Some("attribute_not_exists(#pk)")
        );
    }

    #[test]
    fn other_types_and_bad_data_are_refused() {
        let business = BusinessId::parse("bus_1").unwrap();
        let data = event_data("active");
        let payment = event(
            &business,
            "payment.succeeded",
            "2026-01-10T00:00:00Z",
            &data,
        );
        assert_eq!(
            plan(&payment, Current::Unread, "t").unwrap_err(),
            EventRefusal::NotHandled
        );
        let junk = serde_json::json!({ "subscription_id": "sub_1" });
        let bad = event(
            &business,
            "subscription.active",
            "2026-01-10T00:00:00Z",
            &junk,
        );
        assert!(matches!(
            plan(&bad, Current::Unread, "t"),
            Err(EventRefusal::InvalidData(_))
        ));
    }
}
