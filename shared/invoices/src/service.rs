//! A payment's invoice and a refund's credit note, from the records of the business the
//! key belongs to: another business's id finds nothing (404).

use crate::document::InvoiceDocument;
use crate::records::{self, NotIssued};
use crate::store::read_with_key;
use billing::store::{RefundRecord, StoredPayment};
use billing::{PaymentId, RefundId};
use platform::api_keys::Business;
use platform::app::AppState;
use platform::auth::KeyClaim;
use platform::dynamo::keys::business as business_key;
use platform::dynamo::{Item, from_item};
use platform::error::ApiError;
use platform::money::{Currency, CurrencyCode, iso_exponent};

impl From<NotIssued> for ApiError {
    fn from(reason: NotIssued) -> Self {
        let (code, message) = match reason {
            NotIssued::PaymentNotSucceeded => (
                "INVOICE_NOT_AVAILABLE",
                "Only a succeeded payment has an invoice.",
            ),
            NotIssued::RefundNotSucceeded => (
                "CREDIT_NOTE_NOT_AVAILABLE",
                "Only a succeeded refund has a credit note.",
            ),
        };
        ApiError::Conflict {
            code,
            message: message.into(),
            retryable: false,
        }
    }
}

/// The invoice of a payment: one BatchGetItem (payment, business, and the key's proof).
pub async fn payment_invoice(
    state: &AppState,
    claim: &mut KeyClaim,
    payment_id: &PaymentId,
) -> Result<InvoiceDocument, ApiError> {
    let business = claim.business().clone();
    let [payment, profile] = read_with_key(
        state,
        claim,
        [
            billing::keys::payment(&business, payment_id),
            business_key(business.as_str()),
        ],
    )
    .await?;
    let stored = StoredPayment::from_item(payment.ok_or(ApiError::NotFound)?)?;
    let currency = currency(state, stored.record.payment.currency);
    Ok(records::payment_invoice(
        &business_name(profile)?,
        &stored,
        currency,
    )?)
}

/// The credit note of a refund: one BatchGetItem (refund, business, and the key's
/// proof), then the refund's payment.
pub async fn credit_note(
    state: &AppState,
    claim: &mut KeyClaim,
    refund_id: &RefundId,
) -> Result<InvoiceDocument, ApiError> {
    let business = claim.business().clone();
    let [refund, profile] = read_with_key(
        state,
        claim,
        [
            billing::keys::refund(&business, refund_id),
            business_key(business.as_str()),
        ],
    )
    .await?;
    let refund: RefundRecord = from_item(refund.ok_or(ApiError::NotFound)?)?;
    let stored = billing::store::payment(&state.store, &business, &refund.refund.payment_id)
        .await?
        .ok_or_else(|| ApiError::internal("a refund whose payment is missing"))?;
    let currency = currency(
        state,
        refund
            .refund
            .currency
            .unwrap_or(stored.record.payment.currency),
    );
    Ok(records::credit_note(
        &business_name(profile)?,
        &refund,
        &stored,
        currency,
    )?)
}

fn business_name(profile: Option<Item>) -> Result<String, ApiError> {
    let profile = profile.ok_or_else(|| ApiError::internal("a key's business has no profile"))?;
    Ok(from_item::<Business>(profile)?.name)
}

/// The currency's exponent as this deployment holds it, else ISO 4217's.
pub fn currency(state: &AppState, code: CurrencyCode) -> Currency {
    state
        .config
        .currencies
        .get(code.as_str())
        .copied()
        .unwrap_or(Currency {
            code,
            exponent: iso_exponent(code),
        })
}
