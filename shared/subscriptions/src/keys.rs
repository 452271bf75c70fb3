//! Storage keys of the subscriptions context. docs/architecture.md lists every item type.

use crate::SubscriptionId;
use customers::CustomerId;
use platform::dynamo::keys::{ItemKey, item};
use platform::ids::BusinessId;

/// One item per subscription, under its business: another business's id is absent.
pub fn subscription(business: &BusinessId, subscription: &SubscriptionId) -> ItemKey {
    item(format!("B#{business}#SUB#{subscription}"), "SUBSCRIPTION")
}

/// GSI1: a customer's subscriptions, by creation time.
pub fn subscriptions_of_customer(business: &BusinessId, customer: &CustomerId) -> String {
    format!("B#{business}#C#{customer}#SUBSCRIPTIONS")
}

/// GSI2: all of a business's subscriptions, by creation time.
pub fn subscriptions_of_business(business: &BusinessId) -> String {
    format!("B#{business}#SUBSCRIPTIONS")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants_never_share_a_key() {
        let (b1, b2) = (
            BusinessId::parse("bus_1").unwrap(),
            BusinessId::parse("bus_2").unwrap(),
        );
        let s = SubscriptionId::parse("sub_1").unwrap();
        let c = CustomerId::parse("cus_1").unwrap();
        assert_ne!(subscription(&b1, &s), subscription(&b2, &s));
        assert_ne!(
            subscriptions_of_customer(&b1, &c),
            subscriptions_of_customer(&b2, &c)
        );
        assert_ne!(
            subscriptions_of_business(&b1),
            subscriptions_of_business(&b2)
        );
    }
}
