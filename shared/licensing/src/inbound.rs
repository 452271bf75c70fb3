//! The planner of the payment engine's `license_key.created` events
//! (`platform::inbound`): ingest verifies and keeps the event, this context says what
//! it writes.
//!
//! A created key is written once: both of its items must be new. When either exists the
//! event is [`Planned::Stale`]: a duplicate, an event arriving after the key was
//! imported or changed here (the merchant's state wins), or a key string another key
//! already holds (kept for audit, applied nowhere, and logged). Dodo's `LicenseKey`
//! names only its customer's id, so the plan carries no customer snapshot: a key may
//! name a customer this service does not know yet, and activations then answer with
//! the customer's id alone.

use crate::keys;
use crate::license_key::{
    LicenseKey, LicenseKeyRecord, LicensingError, Status, parse_instant, parse_key_string,
    parse_product_id,
};
use crate::store;
use platform::inbound::{Current, EventPlan, EventRefusal, InboundEvent, Planned};

pub const LICENSE_KEY_CREATED: &str = "license_key.created";

/// Longest id of another object (payment, subscription, brand) a key may name.
const REFERENCE_MAX_CHARS: usize = 64;

/// `platform::inbound::Planner` for `license_key.created` (data = `LicenseKey`).
pub fn plan(
    event: &InboundEvent<'_>,
    current: Current<'_>,
    table_name: &str,
) -> Result<Planned, EventRefusal> {
    if event.event_type != LICENSE_KEY_CREATED {
        return Err(EventRefusal::NotHandled);
    }
    let record = record_of(event)?;
    if let Current::Read([base, lookup]) = current {
        if base.is_none() && lookup.is_some() {
            tracing::warn!(
                license_key_id = %record.id,
                "license_key.created: the key string is another license key's; not applied"
            );
        }
        if base.is_some() || lookup.is_some() {
            return Ok(Planned::Stale);
        }
    }
    Ok(Planned::Write(EventPlan {
        actions: store::creation_actions(table_name, &record),
        reads: vec![
            keys::license_key(&record.business_id, &record.id),
            keys::lookup(&record.key),
        ],
        customer: None,
    }))
}

fn invalid(e: LicensingError) -> EventRefusal {
    EventRefusal::InvalidData(match e {
        LicensingError::Field(message) | LicensingError::Body(message) => message,
        other => format!("{other:?}"),
    })
}

fn reference(value: Option<String>, field: &str) -> Result<Option<String>, EventRefusal> {
    match value {
        Some(v) if v.chars().count() > REFERENCE_MAX_CHARS || v.chars().any(char::is_control) => {
            Err(EventRefusal::InvalidData(format!(
                "{field} must be at most {REFERENCE_MAX_CHARS} characters"
            )))
        }
        other => Ok(other),
    }
}

/// The record of the event's key, in the endpoint owner's business (never the
/// envelope's claim). Its instances are counted here, so the count starts at 0.
fn record_of(event: &InboundEvent<'_>) -> Result<LicenseKeyRecord, EventRefusal> {
    // The envelope's claim of a business is never used, so its shape cannot refuse an event.
    let mut data = event.data.clone();
    if let Some(fields) = data.as_object_mut() {
        fields.insert("business_id".into(), event.business.as_str().into());
    }
    let key: LicenseKey = serde_json::from_value(data)
        .map_err(|e| EventRefusal::InvalidData(format!("not a LicenseKey: {e}")))?;
    let brand_id = reference(Some(key.brand_id), "brand_id")?.unwrap_or_default();
    Ok(LicenseKeyRecord {
        id: key.id,
        key: parse_key_string(key.key).map_err(invalid)?,
        business_id: event.business.clone(),
        brand_id,
        customer_id: key.customer_id,
        product_id: parse_product_id(key.product_id).map_err(invalid)?,
        source: key.source,
        activations_limit: key.activations_limit,
        instances_count: 0,
        expires_at: key
            .expires_at
            .map(|e| parse_instant(&e, "expires_at"))
            .transpose()
            .map_err(invalid)?,
        payment_id: reference(key.payment_id, "payment_id")?,
        subscription_id: reference(key.subscription_id, "subscription_id")?,
        created_at: parse_instant(&key.created_at, "created_at").map_err(invalid)?,
        disabled: key.status == Status::Disabled,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::dynamo::Item;
    use platform::ids::BusinessId;
    use serde_json::json;

    fn data() -> serde_json::Value {
        json!({
            "id": "lic_0123abcd", "brand_id": "bzd_default", "business_id": "bus_engine",
            "created_at": "2026-05-01T10:00:00.123Z", "customer_id": "cus_42",
            "instances_count": 2, "key": "2B1F8E2D-C41E-4E8F-B2D3-D9FD61C38F43",
            "product_id": "pdt_default", "source": "auto", "status": "active",
            "activations_limit": 3, "expires_at": null, "payment_id": "pay_1",
            "subscription_id": null
        })
    }

    fn planned(
        event_type: &str,
        data: &serde_json::Value,
        current: Current<'_>,
    ) -> Result<Planned, EventRefusal> {
        let business = BusinessId::parse("bus_owner").unwrap();
        let event = InboundEvent {
            business: &business,
            webhook_id: "msg_1",
            event_type,
            timestamp: chrono::Utc::now(),
            data,
        };
        plan(&event, current, "table")
    }

    #[test]
    fn a_created_key_is_two_new_items_in_the_endpoint_owners_business() {
        let Ok(Planned::Write(plan)) = planned(LICENSE_KEY_CREATED, &data(), Current::Unread)
        else {
            panic!("a valid key is written");
        };
        assert_eq!(plan.actions.len(), 2);
        assert!(plan.customer.is_none());
        let owner = BusinessId::parse("bus_owner").unwrap();
        let id = crate::LicenseKeyId::parse("lic_0123abcd").unwrap();
        assert_eq!(plan.reads[0], keys::license_key(&owner, &id));
        for action in &plan.actions {
            let put = action.put().expect("puts");
            assert_eq!(put.condition_expression(), Some("attribute_not_exists(PK)"));
            let record: LicenseKeyRecord = platform::dynamo::from_item(put.item().clone()).unwrap();
            assert_eq!(record.business_id, owner, "never the envelope's business");
            assert_eq!(record.instances_count, 0);
            assert_eq!(record.created_at, "2026-05-01T10:00:00.123000Z");
        }
    }

    #[test]
    fn a_key_already_present_makes_the_event_stale() {
        let present: Item = Item::new();
        for reads in [[Some(present.clone()), None], [None, Some(present.clone())]] {
            assert!(matches!(
                planned(LICENSE_KEY_CREATED, &data(), Current::Read(&reads)),
                Ok(Planned::Stale)
            ));
        }
        assert!(matches!(
            planned(LICENSE_KEY_CREATED, &data(), Current::Read(&[None, None])),
            Ok(Planned::Write(_))
        ));
    }

    #[test]
    fn other_types_and_bad_data_are_refused() {
        assert_eq!(
            planned("payment.succeeded", &data(), Current::Unread).unwrap_err(),
            EventRefusal::NotHandled
        );
        let mut bad = data();
        bad["id"] = json!("pay_1");
        assert!(matches!(
            planned(LICENSE_KEY_CREATED, &bad, Current::Unread),
            Err(EventRefusal::InvalidData(_))
        ));
        let mut short = data();
        short["key"] = json!("abc");
        assert!(matches!(
            planned(LICENSE_KEY_CREATED, &short, Current::Unread),
            Err(EventRefusal::InvalidData(_))
        ));
    }
}
