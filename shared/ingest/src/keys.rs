//! Storage keys of the ingest context. docs/architecture.md lists every item type.

use crate::IngestEndpointId;
use platform::dynamo::keys::{ItemKey, item};
use platform::ids::BusinessId;

/// An endpoint is found by its id alone: the public route knows nothing else.
pub fn endpoint(endpoint: &IngestEndpointId) -> ItemKey {
    item(format!("INGEST#{endpoint}"), "INGEST_ENDPOINT")
}

/// GSI1: a business's endpoints, by creation time.
pub fn endpoints_by_created(business: &BusinessId) -> String {
    format!("B#{business}#INGEST_ENDPOINTS")
}

/// How many endpoints a business has (the limit's counter).
pub fn endpoint_count(business: &BusinessId) -> ItemKey {
    item(endpoints_by_created(business), "COUNT")
}

/// One event of a business, by its `webhook-id`: the key that makes an event's effect
/// exactly-once. The id is the sender's free text, so the key holds its SHA-256 (no
/// separator can be forged, any length fits); the item keeps the id itself.
pub fn event(business: &BusinessId, webhook_id: &str) -> ItemKey {
    let digest = platform::ids::secret_hash(webhook_id);
    item(format!("B#{business}#INGEST_EVENT#{digest}"), "EVENT")
}

/// GSI1: an endpoint's events, by arrival time (audit and replay).
pub fn events_by_received(endpoint: &IngestEndpointId) -> String {
    format!("INGEST#{endpoint}#EVENTS")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_keyed_per_business_and_webhook_id() {
        let (b1, b2) = (
            BusinessId::parse("bus_1").unwrap(),
            BusinessId::parse("bus_2").unwrap(),
        );
        assert_eq!(event(&b1, "msg_1"), event(&b1, "msg_1"));
        assert_ne!(event(&b1, "msg_1"), event(&b1, "msg_2"));
        assert_ne!(event(&b1, "msg_1").pk, event(&b2, "msg_1").pk);
        assert!(!event(&b1, "a#b").pk.ends_with("a#b"));
    }
}
