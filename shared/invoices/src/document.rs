//! What a document says, independent of where it came from (billing's payments and
//! refunds) and of how it is drawn ([`crate::render`]).

use platform::money::Currency;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// For a payment.
    Invoice,
    /// For a refund of a payment.
    CreditNote,
}

impl DocumentKind {
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "Invoice",
            DocumentKind::CreditNote => "Credit note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineItem {
    pub name: String,
    pub description: Option<String>,
    pub quantity: Option<u32>,
    /// Before tax, in the document's currency's minor units.
    pub amount_minor: i64,
    pub tax_minor: Option<i64>,
}

/// Who the document is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilledTo {
    pub name: String,
    pub email: String,
    /// The billing address, one line each.
    pub address: Vec<String>,
}

/// One labelled value of the document's header (`Payment ID`, `Payment method`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub label: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDocument {
    pub kind: DocumentKind,
    /// The invoice or credit note number.
    pub number: String,
    /// RFC 3339; the document shows its UTC day.
    pub issued_at: String,
    pub business_name: String,
    pub customer: BilledTo,
    /// Shown under the number and date, in this order.
    pub details: Vec<Detail>,
    pub currency: Currency,
    pub lines: Vec<LineItem>,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    /// A closing sentence (what a credit note refunds, for example).
    pub note: Option<String>,
}
