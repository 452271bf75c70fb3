//! Storage keys of the webhooks context. docs/architecture.md lists every item type.

use crate::{EventId, WebhookId};
use platform::dynamo::keys::{ItemKey, item};
use platform::ids::BusinessId;

/// One partition per business holds its endpoints and their count: listing is one Query,
/// and the count caps them transactionally.
pub fn endpoints_pk(business: &BusinessId) -> String {
    format!("B#{business}#WEBHOOKS")
}

/// Query prefix for a business's endpoints (the count item's sort key lies outside it).
pub const ENDPOINT_SK_PREFIX: &str = "EP#";

pub fn endpoint(business: &BusinessId, id: &WebhookId) -> ItemKey {
    item(endpoints_pk(business), format!("{ENDPOINT_SK_PREFIX}{id}"))
}

pub fn endpoint_count(business: &BusinessId) -> ItemKey {
    item(endpoints_pk(business), "COUNT")
}

/// Sort key of every outbox event item; the stream filter of the delivery worker matches it.
pub const EVENT_SK: &str = "WEBHOOK_EVENT";

/// An event gets a partition of its own: writers in any context add it to their
/// transaction without touching a shared item, so events never contend with each other.
pub fn event(business: &BusinessId, id: &EventId) -> ItemKey {
    item(format!("B#{business}#WEBHOOK_EVENT#{id}"), EVENT_SK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_share_a_partition_per_business_and_the_count_is_not_listed() {
        let (b1, b2) = (
            BusinessId::parse("bus_1").unwrap(),
            BusinessId::parse("bus_2").unwrap(),
        );
        let id = WebhookId::parse("wh_1").unwrap();
        assert_eq!(endpoint(&b1, &id).pk, endpoint_count(&b1).pk);
        assert!(endpoint(&b1, &id).sk.starts_with(ENDPOINT_SK_PREFIX));
        assert!(!endpoint_count(&b1).sk.starts_with(ENDPOINT_SK_PREFIX));
        assert_ne!(endpoint(&b2, &id).pk, endpoint(&b1, &id).pk);
    }
}
