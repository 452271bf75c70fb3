//! The customer's billing history: payments newest first, a page at a time, each with
//! its refunds (`GET /portal/api/billing?page_number=&page_size=`), and the documents
//! behind them: a payment's invoice (`GET /portal/api/invoices/payments/{payment_id}`)
//! and a refund's credit note (`GET /portal/api/invoices/refunds/{refund_id}`).
//!
//! A payment item carries its refunds, so a page is one Query of the customer's payments
//! partition. A document is found by its id within the session's business and answered
//! only when it is the session's customer's: any other id is 404, like an unknown one.

use super::{Section, currency_exponent, has_more, pager, with_next};
use crate::i18n::Texts;
use crate::sessions::PortalSession;
use billing::payment::{IntentStatus, PaymentRefundStatus, RefundStatus};
use billing::store::{RefundRecord, StoredPayment};
use billing::{PaymentId, RefundId};
use invoices::document::InvoiceDocument;
use maud::{Markup, html};
use platform::app::AppState;
use platform::dynamo::from_item;
use platform::dynamo::listing::{CreatedWindow, Listing, newest_first};
use platform::error::ApiError;
use platform::money::CurrencyCode;
use platform::paging::Page;
use serde::Serialize;

pub const SECTION: Section = Section {
    id: "billing",
    title: "billing-title",
    render,
    script: include_str!("billing.js"),
};

fn render(t: &Texts) -> Markup {
    html! {
        div.table-scroll {
            table {
                thead {
                    tr {
                        th scope="col" { (t.text("billing-date")) }
                        th scope="col" { (t.text("billing-description")) }
                        th scope="col" class="number" { (t.text("billing-amount")) }
                        th scope="col" { (t.text("billing-status")) }
                        th scope="col" { (t.text("billing-method")) }
                        th scope="col" { (t.text("billing-document")) }
                    }
                }
                tbody data-rows {
                    tr { td colspan="6" class="muted" { (t.text("portal-loading")) } }
                }
            }
        }
        p.muted data-empty hidden { (t.text("billing-empty")) }
        (pager(t, "billing-pages"))
    }
}

/// What the history says of a payment, in the customer's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    Paid,
    PartiallyRefunded,
    Refunded,
    Failed,
    Cancelled,
    Pending,
}

impl PaymentState {
    fn of(status: Option<IntentStatus>, refunded: Option<PaymentRefundStatus>) -> Self {
        match status {
            Some(IntentStatus::Succeeded) => match refunded {
                Some(PaymentRefundStatus::Full) => PaymentState::Refunded,
                Some(PaymentRefundStatus::Partial) => PaymentState::PartiallyRefunded,
                None => PaymentState::Paid,
            },
            Some(IntentStatus::Failed) => PaymentState::Failed,
            Some(IntentStatus::Cancelled) => PaymentState::Cancelled,
            _ => PaymentState::Pending,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct BillingRefund {
    pub refund_id: RefundId,
    pub created_at: String,
    /// Minor units of the payment's currency.
    pub amount: i64,
    pub status: RefundStatus,
    pub reason: Option<String>,
    /// Whether its credit note can be downloaded (a succeeded refund has one).
    pub has_credit_note: bool,
}

#[derive(Debug, Serialize)]
pub struct BillingPayment {
    pub payment_id: PaymentId,
    pub created_at: String,
    /// What was bought: the line items' names (their ids where unnamed).
    pub products: Vec<String>,
    pub currency: CurrencyCode,
    pub exponent: u32,
    pub total_amount: i64,
    pub state: PaymentState,
    /// How it was paid: the method (`card`, `upi`, ...) and, for a card, its network and
    /// last four digits.
    pub payment_method: Option<String>,
    pub card_network: Option<String>,
    pub card_last_four: Option<String>,
    /// Whether its invoice can be downloaded (a succeeded payment has one).
    pub has_invoice: bool,
    /// Newest first.
    pub refunds: Vec<BillingRefund>,
}

#[derive(Debug, Serialize)]
pub struct BillingPage {
    pub items: Vec<BillingPayment>,
    /// Whether a next page has payments, so the page knows without asking for it.
    pub has_more: bool,
}

pub async fn page(
    state: &AppState,
    session: &PortalSession,
    page: Page,
) -> Result<BillingPage, ApiError> {
    let listing = Listing::Customer(billing::keys::payments_by_customer(
        &session.business,
        &session.customer_id,
    ));
    let mut payments = newest_first(
        &state.store,
        listing,
        &CreatedWindow::default(),
        with_next(page),
        false,
        |item| StoredPayment::from_item(item).map(Some),
    )
    .await?;
    let has_more = has_more(&mut payments, page);
    Ok(BillingPage {
        items: payments
            .into_iter()
            .map(|stored| history_line(state, stored))
            .collect(),
        has_more,
    })
}

fn history_line(state: &AppState, stored: StoredPayment) -> BillingPayment {
    let products = stored
        .record
        .line_items
        .iter()
        .map(|line| line.name.clone().unwrap_or_else(|| line.items_id.clone()))
        .collect();
    let payment = stored.payment();
    BillingPayment {
        exponent: currency_exponent(&state.config, payment.currency),
        state: PaymentState::of(payment.status, payment.refund_status),
        has_invoice: payment.status == Some(IntentStatus::Succeeded),
        refunds: payment
            .refunds
            .iter()
            .rev()
            .map(|refund| BillingRefund {
                refund_id: refund.refund_id.clone(),
                created_at: refund.created_at.clone(),
                amount: refund.amount.unwrap_or(payment.total_amount),
                status: refund.status,
                reason: refund.reason.clone(),
                has_credit_note: refund.status == RefundStatus::Succeeded,
            })
            .collect(),
        payment_id: payment.payment_id,
        created_at: payment.created_at,
        products,
        currency: payment.currency,
        total_amount: payment.total_amount,
        payment_method: payment.payment_method.or(payment.payment_method_type),
        card_network: payment.card_network,
        card_last_four: payment.card_last_four,
    }
}

/// The invoice of one of the session's customer's payments: the payment and the
/// business's name, read together.
pub async fn payment_invoice(
    state: &AppState,
    session: &PortalSession,
    payment_id: &str,
) -> Result<InvoiceDocument, ApiError> {
    let payment_id = PaymentId::parse(payment_id).ok_or(ApiError::NotFound)?;
    let (stored, business_name) = tokio::try_join!(
        customers_payment(state, session, &payment_id),
        business_name(state, session),
    )?;
    let currency = invoices::service::currency(state, stored.record.payment.currency);
    Ok(invoices::records::payment_invoice(
        &business_name,
        &stored,
        currency,
    )?)
}

/// The credit note of a refund of one of the session's customer's payments: the refund
/// and the business's name read together, then its payment.
pub async fn credit_note(
    state: &AppState,
    session: &PortalSession,
    refund_id: &str,
) -> Result<InvoiceDocument, ApiError> {
    let refund_id = RefundId::parse(refund_id).ok_or(ApiError::NotFound)?;
    let read_refund = async {
        let item = state
            .store
            .get(&billing::keys::refund(&session.business, &refund_id), false)
            .await?;
        let refund: RefundRecord = from_item(item.ok_or(ApiError::NotFound)?)?;
        if refund.refund.customer.customer_id != session.customer_id {
            return Err(ApiError::NotFound);
        }
        Ok(refund)
    };
    let (refund, business_name) = tokio::try_join!(read_refund, business_name(state, session))?;
    let stored = customers_payment(state, session, &refund.refund.payment_id).await?;
    let currency = invoices::service::currency(
        state,
        refund
            .refund
            .currency
            .unwrap_or(stored.record.payment.currency),
    );
    Ok(invoices::records::credit_note(
        &business_name,
        &refund,
        &stored,
        currency,
    )?)
}

async fn customers_payment(
    state: &AppState,
    session: &PortalSession,
    payment_id: &PaymentId,
) -> Result<StoredPayment, ApiError> {
    billing::store::payment(&state.store, &session.business, payment_id)
        .await?
        .filter(|stored| stored.record.payment.customer.customer_id == session.customer_id)
        .ok_or(ApiError::NotFound)
}

async fn business_name(state: &AppState, session: &PortalSession) -> Result<String, ApiError> {
    Ok(state
        .store
        .business(&session.business)
        .await?
        .ok_or_else(|| ApiError::internal("the session's business has no profile"))?
        .name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Catalog, Locale};

    /// The script builds these ids from the data, so the check of quoted ids misses them.
    #[test]
    fn every_state_has_its_text() {
        let text = Texts::get(Catalog::Portal, Locale::En).for_script();
        for state in [
            PaymentState::Paid,
            PaymentState::PartiallyRefunded,
            PaymentState::Refunded,
            PaymentState::Failed,
            PaymentState::Cancelled,
            PaymentState::Pending,
        ] {
            let name = serde_json::to_value(state).unwrap();
            let id = format!("billing-state-{}", name.as_str().unwrap());
            assert!(text.contains_key(id.as_str()), "{id}");
        }
        for status in RefundStatus::ALL {
            let name = serde_json::to_value(status).unwrap();
            let id = format!("billing-refund-{}", name.as_str().unwrap());
            assert!(text.contains_key(id.as_str()), "{id}");
        }
    }

    #[test]
    fn a_payment_reads_as_paid_refunded_failed_or_pending() {
        use PaymentRefundStatus::{Full, Partial};
        for (status, refunded, expected) in [
            (IntentStatus::Succeeded, None, PaymentState::Paid),
            (
                IntentStatus::Succeeded,
                Some(Partial),
                PaymentState::PartiallyRefunded,
            ),
            (IntentStatus::Succeeded, Some(Full), PaymentState::Refunded),
            (IntentStatus::Failed, None, PaymentState::Failed),
            (IntentStatus::Cancelled, None, PaymentState::Cancelled),
            (IntentStatus::Processing, None, PaymentState::Pending),
            (
                IntentStatus::RequiresCustomerAction,
                None,
                PaymentState::Pending,
            ),
        ] {
            assert_eq!(PaymentState::of(Some(status), refunded), expected);
        }
    }
}
