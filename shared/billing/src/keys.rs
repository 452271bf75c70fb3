//! Storage keys of the billing context. Every key starts with the business, so another
//! business's payment or refund is simply absent (404). Payments and refunds each have
//! their own partition (one item), listed through two time-ordered indexes: GSI1 by
//! customer, GSI2 by business.

use crate::{PaymentId, RefundId};
use customers::CustomerId;
use customers::keys::customer_pk;
use platform::dynamo::keys::{ItemKey, item};
use platform::ids::BusinessId;

pub fn payment(business: &BusinessId, payment: &PaymentId) -> ItemKey {
    item(format!("B#{business}#PAY#{payment}"), "PAYMENT")
}

pub fn refund(business: &BusinessId, refund: &RefundId) -> ItemKey {
    item(format!("B#{business}#REF#{refund}"), "REFUND")
}

/// A refund request's idempotency key, per business; the key is hashed so that any
/// printable key makes a well-formed partition key.
pub fn refund_idempotency(business: &BusinessId, idempotency_key: &str) -> ItemKey {
    item(
        format!(
            "B#{business}#REFUNDKEY#{}",
            platform::ids::secret_hash(idempotency_key)
        ),
        "IDEMPOTENCY",
    )
}

/// GSI1: a customer's payments, by creation time.
pub fn payments_by_customer(business: &BusinessId, customer: &CustomerId) -> String {
    format!("{}#PAYMENTS", customer_pk(business, customer))
}

/// GSI2: a business's payments, by creation time.
pub fn payments_by_business(business: &BusinessId) -> String {
    format!("B#{business}#PAYMENTS")
}

/// GSI1: a customer's refunds, by creation time.
pub fn refunds_by_customer(business: &BusinessId, customer: &CustomerId) -> String {
    format!("{}#REFUNDS", customer_pk(business, customer))
}

/// GSI2: a business's refunds, by creation time.
pub fn refunds_by_business(business: &BusinessId) -> String {
    format!("B#{business}#REFUNDS")
}

/// The payment item's attribute holding what refunds take of one line item.
pub fn line_refunded_attribute(items_id: &str) -> String {
    format!("{LINE_REFUNDED_PREFIX}{items_id}")
}

pub const LINE_REFUNDED_PREFIX: &str = "refunded#";

/// The payment item's attribute holding one of its refunds (`RefundListItem`).
pub fn refund_attribute(refund: &RefundId) -> String {
    format!("{REFUND_ATTRIBUTE_PREFIX}{refund}")
}

pub const REFUND_ATTRIBUTE_PREFIX: &str = "refund#";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_starts_with_its_business() {
        let (b1, b2) = (
            BusinessId::parse("bus_1").unwrap(),
            BusinessId::parse("bus_2").unwrap(),
        );
        let p = PaymentId::parse("pay_1").unwrap();
        let r = RefundId::parse("ref_1").unwrap();
        let c = CustomerId::parse("cus_1").unwrap();
        assert_ne!(payment(&b1, &p), payment(&b2, &p));
        assert_ne!(refund(&b1, &r), refund(&b2, &r));
        assert_ne!(refund_idempotency(&b1, "k"), refund_idempotency(&b2, "k"));
        for key in [
            payment(&b1, &p).pk,
            refund(&b1, &r).pk,
            refund_idempotency(&b1, "k#x").pk,
            payments_by_customer(&b1, &c),
            payments_by_business(&b1),
            refunds_by_customer(&b1, &c),
            refunds_by_business(&b1),
        ] {
            assert!(key.starts_with("B#bus_1#"), "{key}");
        }
    }
}
