//! Documents from billing's records: a succeeded payment's invoice and a succeeded
//! refund's credit note. Only what is recorded goes in, so the same records always make
//! the same document.
//!
//! - Invoice number: the engine's `invoice_id` when it sent one, else `INV-<payment_id>`;
//!   credit note number: `CN-<refund_id>`. Issued: the payment's (refund's) `created_at`.
//! - Lines: the payment's line items, each before tax with its tax beside it; a line
//!   without a name shows its id. Quantity from `product_cart` where the line is a
//!   product of it.
//! - A credit note lists what the refund took of each line, split into the refunded
//!   share of the line's tax (`amount × tax ÷ line amount`, rounded half up) and the rest;
//!   a refund the engine reported without its parts is one line over the whole payment.

use crate::document::{BilledTo, Detail, DocumentKind, InvoiceDocument, LineItem};
use crate::format::{date, money};
use billing::payment::{IntentStatus, LineItem as PaymentLine, Payment, RefundStatus};
use billing::refund::Destination;
use billing::store::{RefundRecord, StoredPayment};
use platform::money::Currency;

/// Why a record has no document (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotIssued {
    /// The payment has not succeeded.
    PaymentNotSucceeded,
    /// The refund is pending, in review or failed.
    RefundNotSucceeded,
}

fn invoice_number(payment: &Payment) -> String {
    payment
        .invoice_id
        .clone()
        .filter(|id| !id.trim().is_empty())
        .unwrap_or_else(|| format!("INV-{}", payment.payment_id))
}

pub fn payment_invoice(
    business_name: &str,
    stored: &StoredPayment,
    currency: Currency,
) -> Result<InvoiceDocument, NotIssued> {
    let payment = &stored.record.payment;
    if payment.status != Some(IntentStatus::Succeeded) {
        return Err(NotIssued::PaymentNotSucceeded);
    }
    let lines: Vec<LineItem> = stored
        .record
        .line_items
        .iter()
        .map(|line| document_line(line, quantity(payment, line), line.amount, line.tax))
        .collect();
    let tax: i64 = stored.record.line_items.iter().map(|l| l.tax).sum();
    let mut details = vec![detail("Payment ID", payment.payment_id.to_string())];
    details.extend(payment_method(payment).map(|m| detail("Payment method", m)));
    details.extend(
        payment
            .subscription_id
            .clone()
            .map(|s| detail("Subscription", s)),
    );
    Ok(InvoiceDocument {
        kind: DocumentKind::Invoice,
        number: invoice_number(payment),
        issued_at: payment.created_at.clone(),
        business_name: business_name.to_string(),
        customer: billed_to(payment),
        details,
        currency,
        lines,
        subtotal_minor: payment.total_amount - tax,
        tax_minor: tax,
        total_minor: payment.total_amount,
        note: None,
    })
}

pub fn credit_note(
    business_name: &str,
    refund: &RefundRecord,
    stored: &StoredPayment,
    currency: Currency,
) -> Result<InvoiceDocument, NotIssued> {
    let payment = &stored.record.payment;
    let record = &refund.refund;
    if record.status != RefundStatus::Succeeded {
        return Err(NotIssued::RefundNotSucceeded);
    }
    let whole_payment = PaymentLine {
        items_id: payment.payment_id.to_string(),
        amount: payment.total_amount,
        tax: stored.record.line_items.iter().map(|l| l.tax).sum(),
        name: Some(format!("Refund of payment {}", payment.payment_id)),
        description: None,
    };
    let taken: Vec<(&PaymentLine, i64)> = if refund.parts.is_empty() {
        let amount = record.amount.unwrap_or(payment.total_amount);
        vec![(&whole_payment, amount)]
    } else {
        refund
            .parts
            .iter()
            .map(|part| {
                let line = stored
                    .record
                    .line_items
                    .iter()
                    .find(|l| l.items_id == part.items_id)
                    .unwrap_or(&whole_payment);
                (line, part.amount)
            })
            .collect()
    };
    let lines: Vec<LineItem> = taken
        .iter()
        .map(|(line, amount)| document_line(line, None, *amount, tax_share(*amount, line)))
        .collect();
    let total: i64 = taken.iter().map(|(_, amount)| amount).sum();
    let tax: i64 = lines.iter().filter_map(|l| l.tax_minor).sum();
    let invoice = invoice_number(payment);
    let refunded_to = match refund.destination {
        Destination::Wallet => Some("Customer wallet (store credit)".to_string()),
        Destination::OriginalPaymentMethod => payment_method(payment),
    };
    let mut details = vec![
        detail("Refund ID", record.refund_id.to_string()),
        detail("Payment ID", payment.payment_id.to_string()),
        detail("Original invoice", invoice.clone()),
    ];
    details.extend(refunded_to.map(|to| detail("Refunded to", to)));
    details.extend(
        record
            .reason
            .clone()
            .filter(|r| !r.trim().is_empty())
            .map(|r| detail("Reason", r)),
    );
    Ok(InvoiceDocument {
        kind: DocumentKind::CreditNote,
        number: format!("CN-{}", record.refund_id),
        issued_at: record.created_at.clone(),
        business_name: business_name.to_string(),
        customer: billed_to(payment),
        details,
        currency,
        lines,
        subtotal_minor: total - tax,
        tax_minor: tax,
        total_minor: total,
        note: Some(format!(
            "This credit note refunds {} of invoice {invoice} of {} ({} paid).",
            money(total, currency),
            date(&payment.created_at),
            money(payment.total_amount, currency),
        )),
    })
}

fn detail(label: &'static str, value: String) -> Detail {
    Detail { label, value }
}

/// `amount` (tax included) of a payment's line, shown before tax with its `tax` beside.
fn document_line(line: &PaymentLine, quantity: Option<u32>, amount: i64, tax: i64) -> LineItem {
    LineItem {
        name: line_name(line),
        description: line.description.clone().filter(|d| !d.trim().is_empty()),
        quantity,
        amount_minor: amount - tax,
        tax_minor: Some(tax),
    }
}

fn line_name(line: &PaymentLine) -> String {
    line.name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| line.items_id.clone())
}

fn quantity(payment: &Payment, line: &PaymentLine) -> Option<u32> {
    payment
        .product_cart
        .as_deref()?
        .iter()
        .find(|p| p.product_id == line.items_id)
        .and_then(|p| u32::try_from(p.quantity).ok())
}

/// The refunded share of a line's tax: `amount × tax ÷ line amount`, rounded half up.
fn tax_share(amount: i64, line: &PaymentLine) -> i64 {
    if line.amount <= 0 || line.tax <= 0 {
        return 0;
    }
    let share = (2 * i128::from(amount) * i128::from(line.tax) + i128::from(line.amount))
        / (2 * i128::from(line.amount));
    i64::try_from(share).unwrap_or(0).min(amount)
}

/// `Card · Visa ending 4242`, from what the engine reported.
fn payment_method(payment: &Payment) -> Option<String> {
    let method = payment.payment_method.as_deref().map(humanize);
    let card = match (&payment.card_network, &payment.card_last_four) {
        (Some(network), Some(last_four)) => {
            Some(format!("{} ending {last_four}", humanize(network)))
        }
        (None, Some(last_four)) => Some(format!("ending {last_four}")),
        (Some(network), None) => Some(humanize(network)),
        (None, None) => None,
    };
    match (method, card) {
        (Some(method), Some(card)) => Some(format!("{method} · {card}")),
        (method, card) => method.or(card),
    }
}

/// `upi_collect` → `Upi collect`; `visa` → `Visa`.
fn humanize(raw: &str) -> String {
    let spaced = raw.trim().replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn billed_to(payment: &Payment) -> BilledTo {
    BilledTo {
        name: payment.customer.name.clone(),
        email: payment.customer.email.clone(),
        address: address(payment),
    }
}

fn address(payment: &Payment) -> Vec<String> {
    let billing = &payment.billing;
    let present = |v: &Option<String>| v.clone().filter(|v| !v.trim().is_empty());
    let locality: Vec<String> = [&billing.city, &billing.state, &billing.zipcode]
        .into_iter()
        .filter_map(present)
        .collect();
    present(&billing.street)
        .into_iter()
        .chain((!locality.is_empty()).then(|| locality.join(" ")))
        .chain(Some(billing.country.clone()).filter(|c| !c.trim().is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use billing::refund::RefundPart;
    use billing::store::PaymentRecord;
    use serde_json::json;

    const USD: Currency = Currency {
        code: platform::money::CurrencyCode::USD,
        exponent: 2,
    };

    fn stored_payment(status: &str) -> StoredPayment {
        let payment: Payment = serde_json::from_value(json!({
            "billing": {"country": "US", "city": "San Francisco", "state": "CA", "street": "1 Market St", "zipcode": "94105"},
            "business_id": "bus_1",
            "created_at": "2026-03-15T23:30:00-02:00",
            "currency": "USD",
            "customer": {"customer_id": "cus_1", "email": "anna@example.com", "name": "Анна Иванова"},
            "payment_id": "pay_1",
            "total_amount": 1580,
            "tax": 80,
            "status": status,
            "payment_method": "card",
            "card_network": "visa",
            "card_last_four": "4242",
            "product_cart": [{"product_id": "pdt_plan", "quantity": 2}]
        }))
        .unwrap();
        let mut plan = line("pdt_plan", 1080, 80);
        plan.name = Some("Pro plan".into());
        StoredPayment {
            record: PaymentRecord {
                payment,
                line_items: vec![plan, line("pdt_extra", 500, 0)],
                partial_refund_allowed: true,
                ordered_at: "2026-03-16T01:30:00.000000Z".into(),
                refunded_amount: 0,
            },
            line_refunded: Default::default(),
            refunds: Vec::new(),
        }
    }

    fn refund_record(status: &str, parts: Vec<RefundPart>) -> RefundRecord {
        RefundRecord {
            refund: serde_json::from_value(json!({
                "business_id": "bus_1",
                "created_at": "2026-03-20T08:00:00Z",
                "customer": {"customer_id": "cus_1", "email": "anna@example.com", "name": "Анна Иванова"},
                "is_partial": true,
                "payment_id": "pay_1",
                "refund_id": "ref_1",
                "status": status,
                "amount": 540,
                "currency": "USD"
            }))
            .unwrap(),
            destination: Destination::Wallet,
            parts,
            subscription_id: None,
            event_at: None,
        }
    }

    #[test]
    fn an_invoice_shows_each_line_before_tax_and_the_payment_as_recorded() {
        let document = payment_invoice("Acme", &stored_payment("succeeded"), USD).unwrap();
        assert_eq!(document.number, "INV-pay_1");
        assert_eq!(document.customer.name, "Анна Иванова");
        assert_eq!(
            document.customer.address,
            ["1 Market St", "San Francisco CA 94105", "US"]
        );
        let plan = &document.lines[0];
        assert_eq!(
            (
                plan.name.as_str(),
                plan.quantity,
                plan.amount_minor,
                plan.tax_minor
            ),
            ("Pro plan", Some(2), 1000, Some(80))
        );
        assert_eq!(document.lines[1].name, "pdt_extra");
        assert_eq!(
            (
                document.subtotal_minor,
                document.tax_minor,
                document.total_minor
            ),
            (1500, 80, 1580)
        );
        let method = document
            .details
            .iter()
            .find(|d| d.label == "Payment method");
        assert_eq!(method.unwrap().value, "Card · Visa ending 4242");
    }

    #[test]
    fn only_succeeded_records_have_documents() {
        assert_eq!(
            payment_invoice("Acme", &stored_payment("processing"), USD),
            Err(NotIssued::PaymentNotSucceeded)
        );
        let pending = refund_record("pending", Vec::new());
        assert_eq!(
            credit_note("Acme", &pending, &stored_payment("succeeded"), USD),
            Err(NotIssued::RefundNotSucceeded)
        );
    }

    #[test]
    fn a_credit_note_lists_what_the_refund_took_of_each_line() {
        let part = RefundPart {
            items_id: "pdt_plan".into(),
            amount: 540,
        };
        let refund = refund_record("succeeded", vec![part]);
        let document = credit_note("Acme", &refund, &stored_payment("succeeded"), USD).unwrap();
        assert_eq!(document.number, "CN-ref_1");
        assert_eq!(document.lines.len(), 1);
        let line = &document.lines[0];
        assert_eq!((line.amount_minor, line.tax_minor), (500, Some(40)));
        assert_eq!((document.tax_minor, document.total_minor), (40, 540));
        let refunded_to = document.details.iter().find(|d| d.label == "Refunded to");
        assert_eq!(refunded_to.unwrap().value, "Customer wallet (store credit)");
        assert_eq!(
            document.note.unwrap(),
            "This credit note refunds $5.40 of invoice INV-pay_1 of 2026-03-16 ($15.80 paid)."
        );

        let reported = refund_record("succeeded", Vec::new());
        let whole = credit_note("Acme", &reported, &stored_payment("succeeded"), USD).unwrap();
        assert_eq!(whole.lines[0].name, "Refund of payment pay_1");
        // 540 of the 1580 payment's 80 tax: 27.3 → 27.
        assert_eq!((whole.tax_minor, whole.total_minor), (27, 540));
    }

    fn line(id: &str, amount: i64, tax: i64) -> PaymentLine {
        PaymentLine {
            items_id: id.into(),
            amount,
            tax,
            name: None,
            description: None,
        }
    }

    #[test]
    fn a_refund_takes_its_share_of_the_line_tax() {
        let taxed = line("a", 1080, 80);
        assert_eq!(tax_share(1080, &taxed), 80);
        assert_eq!(tax_share(540, &taxed), 40);
        // 333 × 80 / 1080 = 24.67 → 25
        assert_eq!(tax_share(333, &taxed), 25);
        assert_eq!(tax_share(500, &line("b", 500, 0)), 0);
        assert_eq!(tax_share(1, &line("c", 0, 0)), 0);
    }

    #[test]
    fn names_and_methods_read_as_words() {
        assert_eq!(humanize("upi_collect"), "Upi collect");
        assert_eq!(humanize("visa"), "Visa");
        assert_eq!(humanize(""), "");
        assert_eq!(line_name(&line("pdt_1", 1, 0)), "pdt_1");
    }
}
