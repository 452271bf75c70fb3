//! The owning contexts' planners (`platform::inbound`), tried in turn for each event.

use platform::inbound::{Current, EventRefusal, InboundEvent, Planned, Planner};

/// Every context that owns objects events carry. Their types are disjoint, so the order
/// only decides who is asked first.
pub const PLANNERS: &[Planner] = &[
    billing::inbound::plan,
    subscriptions::inbound::plan,
    licensing::inbound::plan,
];

/// The first planner that handles the event's type, and its plan; `None` when none
/// does (the event is kept and nothing applied).
pub fn plan(
    planners: &[Planner],
    event: &InboundEvent<'_>,
    table: &str,
) -> Result<Option<(Planner, Planned)>, String> {
    for planner in planners {
        match planner(event, Current::Unread, table) {
            Ok(planned) => return Ok(Some((*planner, planned))),
            Err(EventRefusal::NotHandled) => continue,
            Err(EventRefusal::InvalidData(why)) => return Err(why),
        }
    }
    Ok(None)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::Utc;
    use platform::ids::BusinessId;
    use platform::inbound::EventPlan;

    fn payments(
        event: &InboundEvent<'_>,
        _: Current<'_>,
        _: &str,
    ) -> Result<Planned, EventRefusal> {
        match event.event_type {
            "payment.succeeded" if event.data.get("payment_id").is_some() => {
                Ok(Planned::Write(EventPlan {
                    actions: vec![],
                    reads: vec![],
                    customer: None,
                }))
            }
            "payment.succeeded" => Err(EventRefusal::InvalidData("no payment_id".into())),
            _ => Err(EventRefusal::NotHandled),
        }
    }

    fn subscriptions(
        event: &InboundEvent<'_>,
        _: Current<'_>,
        _: &str,
    ) -> Result<Planned, EventRefusal> {
        if event.event_type.starts_with("subscription.") {
            Ok(Planned::Stale)
        } else {
            Err(EventRefusal::NotHandled)
        }
    }

    fn plan_of(event_type: &str, data: serde_json::Value) -> Result<Option<String>, String> {
        let business = BusinessId::parse("bus_1").unwrap();
        let event = InboundEvent {
            business: &business,
            webhook_id: "msg_1",
            event_type,
            timestamp: Utc::now(),
            data: &data,
        };
        let planners: &[Planner] = &[payments, subscriptions];
        plan(planners, &event, "table").map(|found| {
            found.map(|(_, planned)| match planned {
                Planned::Write(_) => "write".to_string(),
                Planned::Stale => "stale".to_string(),
            })
        })
    }

    #[test]
    fn the_planner_handling_the_type_answers() {
        let data = serde_json::json!({ "payment_id": "pay_1" });
        assert_eq!(plan_of("payment.succeeded", data), Ok(Some("write".into())));
        let data = serde_json::json!({});
        assert_eq!(
            plan_of("subscription.active", data),
            Ok(Some("stale".into()))
        );
    }

    #[test]
    fn no_planner_means_ignored_and_invalid_data_stops() {
        assert_eq!(plan_of("payout.success", serde_json::json!({})), Ok(None));
        assert_eq!(
            plan_of("payment.succeeded", serde_json::json!({})),
            Err("no payment_id".into())
        );
    }
}
