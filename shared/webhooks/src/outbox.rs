//! The outbox: an event item that a context adds to the very transaction that makes the
//! change it announces, so a change never commits without its event, nor an event
//! without its change. The delivery worker reads new event items from the table's
//! stream and sends each to the business's endpoints that want its type.

use crate::EventId;
use crate::keys;
use aws_sdk_dynamodb::types::TransactWriteItem;
use chrono::{DateTime, Duration, Utc};
use platform::dynamo::keys::EXPIRES_AT;
use platform::dynamo::{Item, StoreError, from_item, n, put_new, to_item, with, with_key};
use platform::ids::BusinessId;
use serde::{Deserialize, Serialize};

/// How long an event item is kept: well past the last retry (about 33 h after the
/// event), so a delivery can be looked up and resent for a month.
pub const EVENT_RETENTION_DAYS: i64 = 30;

/// One event, as stored. `data` is kept as JSON text: every delivery and retry sends
/// exactly the bytes committed with the change, whatever DynamoDB does to numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEvent {
    pub id: EventId,
    pub business_id: BusinessId,
    #[serde(rename = "type")]
    pub event_type: String,
    pub timestamp: String,
    pub data: String,
}

/// Dodo's envelope, the body of every delivery.
#[derive(Serialize)]
struct Envelope<'a> {
    business_id: &'a BusinessId,
    #[serde(rename = "type")]
    event_type: &'a str,
    timestamp: &'a str,
    data: &'a serde_json::value::RawValue,
}

impl OutboxEvent {
    pub fn new(
        business: &BusinessId,
        event_type: &str,
        data: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Self {
        OutboxEvent {
            id: EventId::new(),
            business_id: business.clone(),
            event_type: event_type.to_string(),
            timestamp: platform::time::format(now),
            data: data.to_string(),
        }
    }

    pub fn item(&self, now: DateTime<Utc>) -> Item {
        let expires_at = (now + Duration::days(EVENT_RETENTION_DAYS)).timestamp();
        with(
            with_key(to_item(self), &keys::event(&self.business_id, &self.id)),
            EXPIRES_AT,
            n(expires_at),
        )
    }

    pub fn from_item(item: Item) -> Result<Self, StoreError> {
        from_item(item)
    }

    /// The delivery body: `{business_id, type, timestamp, data}`.
    pub fn envelope(&self) -> Result<Vec<u8>, serde_json::Error> {
        let data = serde_json::value::RawValue::from_string(self.data.clone())?;
        serde_json::to_vec(&Envelope {
            business_id: &self.business_id,
            event_type: &self.event_type,
            timestamp: &self.timestamp,
            data: &data,
        })
    }
}

/// The transaction action that records an event of `event_type` carrying `data` (a Dodo
/// object, as the API answers it) for `business`: add it to the transaction of the change.
pub fn event_action(
    table: &str,
    business: &BusinessId,
    event_type: &str,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> TransactWriteItem {
    put_new(
        table,
        OutboxEvent::new(business, event_type, &data, now).item(now),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::dynamo::keys::{PK, SK};
    use serde_json::json;

    fn business() -> BusinessId {
        BusinessId::parse("bus_1").unwrap()
    }

    #[test]
    fn an_event_action_puts_a_new_item_of_its_own_with_a_ttl() {
        let now = platform::time::now();
        let data = json!({ "customer_id": "cus_1", "amount": 12345678901234_i64 });
        let action = event_action("t", &business(), "customer.created", data.clone(), now);
        let put = action.put().expect("a put");
        assert_eq!(put.table_name(), "t");
        assert_eq!(put.condition_expression(), Some("attribute_not_exists(PK)"));
        let item = put.item().clone();
        let pk = item[PK].as_s().unwrap().clone();
        assert_eq!(item[SK].as_s().unwrap(), keys::EVENT_SK);
        let expires: i64 = item[EXPIRES_AT].as_n().unwrap().parse().unwrap();
        assert_eq!(
            expires,
            (now + Duration::days(EVENT_RETENTION_DAYS)).timestamp()
        );
        let event = OutboxEvent::from_item(item).unwrap();
        assert!(event.id.as_str().starts_with("evt_"));
        assert_eq!(pk, format!("B#bus_1#WEBHOOK_EVENT#{}", event.id));
        assert_eq!(event.event_type, "customer.created");
        assert_eq!(event.timestamp, platform::time::format(now));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&event.data).unwrap(),
            data
        );
        let other = event_action("t", &business(), "customer.created", data, now);
        assert_ne!(
            other.put().unwrap().item()[PK],
            put.item()[PK],
            "ids are fresh"
        );
    }

    #[test]
    fn the_envelope_is_dodos_with_the_data_as_committed() {
        let now = platform::time::now();
        let event = OutboxEvent::new(&business(), "refund.succeeded", &json!({"a": 1.50}), now);
        let body: serde_json::Value = serde_json::from_slice(&event.envelope().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({
                "business_id": "bus_1",
                "type": "refund.succeeded",
                "timestamp": platform::time::format(now),
                "data": { "a": 1.5 }
            })
        );
    }
}
