//! The planner for the payment engine's `payment.*` and `refund.*` events
//! (`platform::inbound`): the conditional writes that apply one event, which the ingest
//! context commits with the event's own record in one transaction.
//!
//! Ordering rules:
//! - A payment is as of its `updated_at` when the engine sends one, else as of the
//!   event's timestamp; the item keeps that time (`ordered_at`). A blind plan writes only
//!   if the stored payment is older (`ordered_at < :t`); read, an event not newer than
//!   the stored payment is stale. Refund amounts and summaries on the payment item are
//!   this service's own and survive every payment event.
//! - A refund has no `updated_at`: the item keeps the timestamp of the last event applied
//!   (`event_at`). The blind plan records a refund the service has never seen (the engine
//!   refunded on its own): the refund item must not exist and the payment must. When it
//!   exists (made here, or seen before), the read plan settles it: stale when not newer
//!   than `event_at`; otherwise the new status, and a refund that fails frees its amount
//!   on the payment (one that succeeds after failing takes it again). Wallet refunds
//!   succeed here at once; the engine's events about them are kept, not applied.

use crate::keys;
use crate::payment::{self, CustomerLimitedDetails, IntentStatus, RefundStatus};
use crate::refund::{Destination, Refund};
use crate::store::{self, PaymentChange, PaymentRecord, RefundRecord, StoredPayment};
use aws_sdk_dynamodb::types::TransactWriteItem;
use platform::dynamo::{Item, from_item};
use platform::inbound::{
    Current, CustomerSnapshot, EventPlan, EventRefusal, InboundEvent, Planned,
};

pub const PAYMENT_EVENTS: &[(&str, IntentStatus)] = &[
    ("payment.succeeded", IntentStatus::Succeeded),
    ("payment.failed", IntentStatus::Failed),
    ("payment.processing", IntentStatus::Processing),
    ("payment.cancelled", IntentStatus::Cancelled),
];

pub const REFUND_EVENTS: &[(&str, RefundStatus)] = &[
    ("refund.succeeded", RefundStatus::Succeeded),
    ("refund.failed", RefundStatus::Failed),
];

const PAYMENT_IS_OLDER: &str = "attribute_not_exists(PK) OR ordered_at < :ordered_at";

/// `billing::inbound::plan` is a `platform::inbound::Planner`.
pub fn plan(
    event: &InboundEvent<'_>,
    current: Current<'_>,
    table: &str,
) -> Result<Planned, EventRefusal> {
    if let Some((_, status)) = PAYMENT_EVENTS.iter().find(|(t, _)| *t == event.event_type) {
        return plan_payment(event, *status, current, table);
    }
    if let Some((_, status)) = REFUND_EVENTS.iter().find(|(t, _)| *t == event.event_type) {
        return plan_refund(event, *status, current, table);
    }
    Err(EventRefusal::NotHandled)
}

fn snapshot(customer: &CustomerLimitedDetails) -> CustomerSnapshot {
    CustomerSnapshot {
        customer_id: customer.customer_id.to_string(),
        email: customer.email.clone(),
        name: customer.name.clone(),
        phone_number: customer.phone_number.clone(),
    }
}

fn invalid(e: impl std::fmt::Display) -> EventRefusal {
    EventRefusal::InvalidData(e.to_string())
}

/// The one item a read plan was given at `position` (`None`: absent).
fn read_item(items: &[Option<Item>], position: usize) -> Result<Option<&Item>, EventRefusal> {
    items
        .get(position)
        .map(Option::as_ref)
        .ok_or_else(|| invalid("the read items do not match the plan's reads"))
}

fn plan_payment(
    event: &InboundEvent<'_>,
    status: IntentStatus,
    current: Current<'_>,
    table: &str,
) -> Result<Planned, EventRefusal> {
    let (mut payment, line_items, partial_refund_allowed) =
        payment::Payment::from_engine(event.data, event.business).map_err(|e| invalid(e.0))?;
    payment.status.get_or_insert(status);
    let ordered_at = payment
        .updated_at
        .clone()
        .unwrap_or_else(|| platform::time::format(event.timestamp));
    let key = keys::payment(event.business, &payment.payment_id);
    if let Current::Read(items) = current
        && let Some(stored) = read_item(items, 0)?
    {
        let stored = StoredPayment::from_item(stored.clone()).map_err(invalid)?;
        if stored.record.ordered_at >= ordered_at {
            return Ok(Planned::Stale);
        }
    }
    let customer = Some(snapshot(&payment.customer));
    let record = PaymentRecord {
        payment,
        line_items,
        partial_refund_allowed,
        ordered_at,
        refunded_amount: 0,
    };
    Ok(Planned::Write(EventPlan {
        actions: vec![store::put_payment(table, &record, PAYMENT_IS_OLDER)],
        reads: vec![key],
        customer,
    }))
}

fn plan_refund(
    event: &InboundEvent<'_>,
    status: RefundStatus,
    current: Current<'_>,
    table: &str,
) -> Result<Planned, EventRefusal> {
    let mut refund: Refund = serde_json::from_value(event.data.clone())
        .map_err(|e| invalid(format!("not a Refund: {e}")))?;
    refund.business_id = event.business.clone();
    refund.status = status;
    refund.metadata =
        payment::engine_metadata(std::mem::take(&mut refund.metadata)).map_err(|e| invalid(e.0))?;
    let amount = refund
        .amount
        .filter(|a| (0..=payment::AMOUNT_MAX_MINOR).contains(a))
        .ok_or_else(|| invalid("a refund event must carry its amount"))?;
    let event_at = platform::time::format(event.timestamp);
    let reads = vec![
        keys::refund(event.business, &refund.refund_id),
        keys::payment(event.business, &refund.payment_id),
    ];
    let customer = Some(snapshot(&refund.customer));
    let actions = match current {
        Current::Unread => unknown_refund(table, refund, amount, event_at, Payment::Unread),
        Current::Read(items) => {
            let payment = read_item(items, 1)?
                .map(|item| StoredPayment::from_item(item.clone()))
                .transpose()
                .map_err(invalid)?;
            match read_item(items, 0)? {
                None => {
                    let payment = match &payment {
                        Some(stored) => Payment::Read(stored),
                        None => Payment::Absent,
                    };
                    unknown_refund(table, refund, amount, event_at, payment)
                }
                Some(stored) => {
                    let stored: RefundRecord = from_item(stored.clone()).map_err(invalid)?;
                    match settle(table, stored, &refund, event_at, payment.as_ref()) {
                        Some(actions) => actions,
                        None => return Ok(Planned::Stale),
                    }
                }
            }
        }
    };
    Ok(Planned::Write(EventPlan {
        actions,
        reads,
        customer,
    }))
}

/// Records a refund the service has not seen: the engine refunded on its own. Without a
/// read (`payment` unknown) the payment must exist; read and absent, the refund is kept
/// alone. Its amount counts against the payment's total (not against a line: the engine
/// does not say which).
fn unknown_refund(
    table: &str,
    refund: Refund,
    amount: i64,
    event_at: String,
    payment: Payment<'_>,
) -> Vec<TransactWriteItem> {
    let subscription_id = match payment {
        Payment::Read(stored) => stored.record.payment.subscription_id.clone(),
        Payment::Unread | Payment::Absent => None,
    };
    let record = RefundRecord {
        subscription_id,
        refund,
        destination: Destination::OriginalPaymentMethod,
        parts: Vec::new(),
        event_at: Some(event_at),
    };
    let mut actions = vec![store::put_new_refund(table, &record)];
    let summary = record.refund.list_item();
    if !matches!(payment, Payment::Absent) {
        actions.push(store::change_payment(
            table,
            &PaymentChange {
                business: &record.refund.business_id,
                payment: &record.refund.payment_id,
                summary: &summary,
                amount: if record.refund.status.counts() {
                    amount
                } else {
                    0
                },
                parts: Vec::new(),
                caps: None,
                listed: Some(false),
            },
        ));
    }
    actions
}

/// Applies an event to a refund already stored; `None` when it changes nothing (stale,
/// or a wallet refund, which the engine does not settle).
fn settle(
    table: &str,
    stored: RefundRecord,
    event: &Refund,
    event_at: String,
    payment: Option<&StoredPayment>,
) -> Option<Vec<TransactWriteItem>> {
    if stored.destination == Destination::Wallet
        || stored
            .event_at
            .as_ref()
            .is_some_and(|seen| *seen >= event_at)
    {
        return None;
    }
    let mut settled = stored.clone();
    settled.refund.status = event.status;
    settled.refund.network_reference = event.network_reference.clone();
    settled.refund.network_reference_type = event.network_reference_type;
    settled.refund.network_reference_updated_at = event.network_reference_updated_at.clone();
    settled.event_at = Some(event_at);
    let mut actions = vec![store::replace_refund(
        table,
        &settled,
        stored.event_at.as_deref(),
    )];
    if let Some(payment) = payment {
        let listed = payment
            .refunds
            .iter()
            .any(|r| r.refund_id == settled.refund.refund_id);
        // A refund the payment does not list (kept alone before the payment arrived) has
        // never counted on it: it counts from now on if it has not failed.
        let was_counted = listed && stored.refund.status.counts();
        let direction = match (was_counted, settled.refund.status.counts()) {
            (true, false) => -1,
            (false, true) => 1,
            _ => 0,
        };
        let summary = settled.refund.list_item();
        actions.push(store::change_payment(
            table,
            &PaymentChange {
                business: &settled.refund.business_id,
                payment: &settled.refund.payment_id,
                summary: &summary,
                amount: direction * settled.refund.amount.unwrap_or(0),
                parts: settled
                    .parts
                    .iter()
                    .map(|p| (p.items_id.clone(), direction * p.amount))
                    .filter(|(_, amount)| *amount != 0)
                    .collect(),
                caps: None,
                listed: Some(listed),
            },
        ));
    }
    Some(actions)
}

/// What a refund plan knows of the refund's payment.
enum Payment<'a> {
    Unread,
    Read(&'a StoredPayment),
    Absent,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payment::LineItem;
    use crate::refund::RefundPart;
    use platform::dynamo::{to_item, with_key};
    use platform::ids::BusinessId;
    use serde_json::{Value, json};

    const TABLE: &str = "t";

    fn business() -> BusinessId {
        BusinessId::parse("bus_owner").unwrap()
    }

    fn payment_data() -> Value {
        json!({
            "billing": {"country": "US"},
            "business_id": "bus_claimed",
            "created_at": "2026-01-02T03:04:05Z",
            "currency": "USD",
            "customer": {"customer_id": "cus_1", "email": "a@example.com", "name": "Ada"},
            "payment_id": "pay_1",
            "total_amount": 1000
        })
    }

    fn refund_data(amount: i64) -> Value {
        json!({
            "business_id": "bus_claimed",
            "created_at": "2026-01-02T03:05:00Z",
            "customer": {"customer_id": "cus_1", "email": "a@example.com", "name": "Ada"},
            "is_partial": true,
            "payment_id": "pay_1",
            "refund_id": "ref_1",
            "status": "pending",
            "amount": amount,
            "currency": "USD"
        })
    }

    fn event<'a>(
        event_type: &'a str,
        data: &'a Value,
        at: &str,
        business: &'a BusinessId,
    ) -> InboundEvent<'a> {
        InboundEvent {
            business,
            webhook_id: "msg_1",
            event_type,
            timestamp: chrono::DateTime::parse_from_rfc3339(at).unwrap().into(),
            data,
        }
    }

    fn stored_payment(ordered_at: &str, refunded: i64) -> Item {
        let (payment, line_items, _) =
            payment::Payment::from_engine(&payment_data(), &business()).unwrap();
        let record = PaymentRecord {
            payment,
            line_items,
            partial_refund_allowed: true,
            ordered_at: ordered_at.into(),
            refunded_amount: refunded,
        };
        with_key(
            to_item(&record),
            &keys::payment(&business(), &crate::PaymentId::parse("pay_1").unwrap()),
        )
    }

    /// The payment item listing refund `ref_1` (as a refund made here leaves it).
    fn listing_refund(mut payment: Item) -> Item {
        let mut refund: Refund = serde_json::from_value(refund_data(300)).unwrap();
        refund.business_id = business();
        payment.insert(
            keys::refund_attribute(&refund.refund_id),
            aws_sdk_dynamodb::types::AttributeValue::M(to_item(&refund.list_item())),
        );
        payment
    }

    fn stored_refund(
        status: RefundStatus,
        event_at: Option<&str>,
        destination: Destination,
    ) -> Item {
        let mut refund: Refund = serde_json::from_value(refund_data(300)).unwrap();
        refund.business_id = business();
        refund.status = status;
        store::refund_item(&RefundRecord {
            refund,
            destination,
            parts: vec![RefundPart {
                items_id: "pay_1".into(),
                amount: 300,
            }],
            subscription_id: None,
            event_at: event_at.map(str::to_string),
        })
    }

    fn write(planned: Planned) -> EventPlan {
        match planned {
            Planned::Write(plan) => plan,
            Planned::Stale => panic!("expected a write"),
        }
    }

    fn update_of(action: &TransactWriteItem) -> &aws_sdk_dynamodb::types::Update {
        action.update().expect("an update")
    }

    #[test]
    fn a_payment_event_is_one_update_that_only_lands_on_an_older_payment() {
        let data = payment_data();
        let b = business();
        let e = event("payment.succeeded", &data, "2026-01-02T03:10:00Z", &b);
        let planned = write(plan(&e, Current::Unread, TABLE).unwrap());
        assert_eq!(planned.actions.len(), 1);
        let update = update_of(&planned.actions[0]);
        assert_eq!(update.condition_expression(), Some(PAYMENT_IS_OLDER));
        assert_eq!(
            update.expression_attribute_values().unwrap()[":ordered_at"]
                .as_s()
                .unwrap(),
            "2026-01-02T03:10:00.000000Z"
        );
        assert_eq!(update.key()["PK"].as_s().unwrap(), "B#bus_owner#PAY#pay_1");
        assert_eq!(
            planned.reads,
            vec![keys::payment(
                &b,
                &crate::PaymentId::parse("pay_1").unwrap()
            )]
        );
        assert_eq!(planned.customer.unwrap().customer_id, "cus_1");
        // Read: a stored payment as new as the event (or newer) makes it stale.
        let newer = [Some(stored_payment("2026-01-02T03:10:00.000000Z", 0))];
        assert!(matches!(plan_fn(&e, &newer), Planned::Stale));
        let older = [Some(stored_payment("2026-01-02T03:09:00.000000Z", 0))];
        assert!(matches!(plan_fn(&e, &older), Planned::Write(_)));
    }

    fn plan_fn(e: &InboundEvent<'_>, items: &[Option<Item>]) -> Planned {
        plan(e, Current::Read(items), TABLE).unwrap()
    }

    #[test]
    fn the_payments_own_updated_at_orders_it_when_present() {
        let mut data = payment_data();
        data["updated_at"] = json!("2026-01-02T03:00:00Z");
        let b = business();
        let e = event("payment.failed", &data, "2026-01-02T04:00:00Z", &b);
        let planned = write(plan(&e, Current::Unread, TABLE).unwrap());
        let values = update_of(&planned.actions[0])
            .expression_attribute_values()
            .unwrap();
        assert_eq!(
            values[":ordered_at"].as_s().unwrap(),
            "2026-01-02T03:00:00.000000Z"
        );
        let payment = values[":payment"].as_m().unwrap();
        assert_eq!(payment["status"].as_s().unwrap(), "failed");
        assert_eq!(payment["business_id"].as_s().unwrap(), "bus_owner");
    }

    #[test]
    fn an_unseen_refund_is_recorded_and_counted_on_an_existing_payment() {
        let data = refund_data(300);
        let b = business();
        let e = event("refund.succeeded", &data, "2026-01-02T03:10:00Z", &b);
        let planned = write(plan(&e, Current::Unread, TABLE).unwrap());
        assert_eq!(planned.actions.len(), 2);
        let put = planned.actions[0].put().unwrap();
        assert_eq!(put.condition_expression(), Some("attribute_not_exists(PK)"));
        assert_eq!(
            put.item()["event_at"].as_s().unwrap(),
            "2026-01-02T03:10:00.000000Z"
        );
        let update = update_of(&planned.actions[1]);
        let condition = update.condition_expression().unwrap();
        assert!(condition.contains("attribute_exists(PK)"), "{condition}");
        assert!(
            condition.contains("attribute_not_exists(#refund)"),
            "{condition}"
        );
        assert_eq!(
            update.expression_attribute_values().unwrap()[":amount"]
                .as_n()
                .unwrap(),
            "300"
        );
        // Read, with the payment absent: the refund is kept alone.
        let alone = write(plan_fn(&e, &[None, None]));
        assert_eq!(alone.actions.len(), 1);
        // A failed refund never seen counts nothing.
        let failed = event("refund.failed", &data, "2026-01-02T03:10:00Z", &b);
        let planned = write(plan(&failed, Current::Unread, TABLE).unwrap());
        assert_eq!(
            update_of(&planned.actions[1])
                .expression_attribute_values()
                .unwrap()[":amount"]
                .as_n()
                .unwrap(),
            "0"
        );
    }

    #[test]
    fn a_pending_refund_settles_and_a_failure_frees_its_amount() {
        let data = refund_data(300);
        let b = business();
        let unlisted = Some(stored_payment("2026-01-02T03:00:00.000000Z", 0));
        let payment = Some(listing_refund(stored_payment(
            "2026-01-02T03:00:00.000000Z",
            300,
        )));
        let pending = Some(stored_refund(
            RefundStatus::Pending,
            None,
            Destination::OriginalPaymentMethod,
        ));
        let succeeded = event("refund.succeeded", &data, "2026-01-02T03:10:00Z", &b);
        let planned = write(plan_fn(&succeeded, &[pending.clone(), payment.clone()]));
        let put = planned.actions[0].put().unwrap();
        assert_eq!(
            put.condition_expression(),
            Some("attribute_exists(PK) AND attribute_not_exists(event_at)")
        );
        let settled: RefundRecord = from_item(put.item().clone()).unwrap();
        assert_eq!(settled.refund.status, RefundStatus::Succeeded);
        assert_eq!(
            update_of(&planned.actions[1])
                .expression_attribute_values()
                .unwrap()[":amount"]
                .as_n()
                .unwrap(),
            "0"
        );

        let failed = event("refund.failed", &data, "2026-01-02T03:10:00Z", &b);
        let planned = write(plan_fn(&failed, &[pending, payment.clone()]));
        let values = update_of(&planned.actions[1])
            .expression_attribute_values()
            .unwrap();
        assert_eq!(values[":amount"].as_n().unwrap(), "-300");
        assert_eq!(values[":l0"].as_n().unwrap(), "-300");

        // A refund kept alone before its payment arrived counts once it settles.
        let orphan = Some(stored_refund(
            RefundStatus::Pending,
            Some("2026-01-02T03:01:00.000000Z"),
            Destination::OriginalPaymentMethod,
        ));
        let planned = write(plan_fn(&succeeded, &[orphan, unlisted]));
        let update = update_of(&planned.actions[1]);
        assert_eq!(
            update.expression_attribute_values().unwrap()[":amount"]
                .as_n()
                .unwrap(),
            "300"
        );
        assert!(
            update
                .condition_expression()
                .unwrap()
                .contains("attribute_not_exists(#refund)")
        );

        // An older event than the last one applied is stale, and so is any event about a
        // refund to the wallet.
        let later = Some(stored_refund(
            RefundStatus::Succeeded,
            Some("2026-01-02T03:20:00.000000Z"),
            Destination::OriginalPaymentMethod,
        ));
        assert!(matches!(
            plan_fn(&failed, &[later, payment.clone()]),
            Planned::Stale
        ));
        let wallet = Some(stored_refund(
            RefundStatus::Succeeded,
            None,
            Destination::Wallet,
        ));
        assert!(matches!(
            plan_fn(&failed, &[wallet, payment]),
            Planned::Stale
        ));
    }

    #[test]
    fn other_types_are_not_handled_and_bad_data_is_refused() {
        let data = payment_data();
        let b = business();
        let e = event("subscription.active", &data, "2026-01-02T03:10:00Z", &b);
        assert_eq!(
            plan(&e, Current::Unread, TABLE).unwrap_err(),
            EventRefusal::NotHandled
        );
        let e = event("refund.succeeded", &data, "2026-01-02T03:10:00Z", &b);
        assert!(matches!(
            plan(&e, Current::Unread, TABLE).unwrap_err(),
            EventRefusal::InvalidData(_)
        ));
        let mut bad = payment_data();
        bad["line_items"] = json!([LineItem {
            items_id: "a".into(),
            amount: 1,
            tax: 0,
            name: None,
            description: None
        }]);
        let e = event("payment.succeeded", &bad, "2026-01-02T03:10:00Z", &b);
        assert!(matches!(
            plan(&e, Current::Unread, TABLE).unwrap_err(),
            EventRefusal::InvalidData(_)
        ));
    }
}
