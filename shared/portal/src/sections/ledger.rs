//! The customer's wallet ledger, newest first, a page at a time
//! (`GET /portal/api/ledger?page_number=&page_size=`).

use super::{Section, currency_exponent};
use crate::i18n::Text;
use crate::sessions::PortalSession;
use platform::app::AppState;
use platform::error::ApiError;
use platform::money::CurrencyCode;
use platform::paging::Page;
use serde::Serialize;

pub const SECTION: Section = Section {
    id: "ledger",
    title: "ledger.title",
    template: include_str!("ledger.html"),
    script: include_str!("ledger.js"),
    text: TEXT,
};

/// One ledger entry as the page shows it; ids and the business stay out.
#[derive(Debug, Serialize)]
pub struct LedgerLine {
    pub created_at: String,
    pub currency: CurrencyCode,
    pub exponent: u32,
    /// Minor units, negative for a debit.
    pub amount: i64,
    pub balance_after: i64,
    pub event_type: String,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LedgerPage {
    pub items: Vec<LedgerLine>,
    /// Whether a next page has entries, so the page knows without asking for it.
    pub has_more: bool,
}

pub async fn page(
    state: &AppState,
    session: &PortalSession,
    page: Page,
) -> Result<LedgerPage, ApiError> {
    let with_next = Page {
        size: page.size + 1,
        ..page
    };
    let mut entries = wallets::service::ledger(
        state,
        &session.business,
        &session.customer_id,
        None,
        with_next,
    )
    .await?;
    let has_more = entries.len() > page.size;
    entries.truncate(page.size);
    Ok(LedgerPage {
        items: entries
            .into_iter()
            .map(|entry| LedgerLine {
                exponent: currency_exponent(&state.config, entry.currency),
                amount: if entry.is_credit {
                    entry.amount
                } else {
                    -entry.amount
                },
                created_at: entry.created_at,
                currency: entry.currency,
                balance_after: entry.after_balance,
                event_type: entry.event_type,
                reason: entry.reason,
            })
            .collect(),
        has_more,
    })
}

const TEXT: &[Text] = &[
    Text {
        key: "ledger.title",
        en: "Wallet activity",
        fr: "Activité du portefeuille",
        it: "Movimenti del portafoglio",
        pt: "Movimentações da carteira",
        es: "Movimientos de la billetera",
        de: "Wallet-Umsätze",
    },
    Text {
        key: "ledger.date",
        en: "Date",
        fr: "Date",
        it: "Data",
        pt: "Data",
        es: "Fecha",
        de: "Datum",
    },
    Text {
        key: "ledger.description",
        en: "Description",
        fr: "Description",
        it: "Descrizione",
        pt: "Descrição",
        es: "Descripción",
        de: "Beschreibung",
    },
    Text {
        key: "ledger.amount",
        en: "Amount",
        fr: "Montant",
        it: "Importo",
        pt: "Valor",
        es: "Importe",
        de: "Betrag",
    },
    Text {
        key: "ledger.balance_after",
        en: "Balance after",
        fr: "Solde après",
        it: "Saldo dopo",
        pt: "Saldo após",
        es: "Saldo posterior",
        de: "Saldo danach",
    },
    Text {
        key: "ledger.empty",
        en: "No activity yet.",
        fr: "Aucune activité pour le moment.",
        it: "Nessun movimento per ora.",
        pt: "Nenhuma movimentação ainda.",
        es: "Todavía no hay movimientos.",
        de: "Noch keine Umsätze.",
    },
    Text {
        key: "ledger.pages",
        en: "Activity pages",
        fr: "Pages d'activité",
        it: "Pagine dei movimenti",
        pt: "Páginas de movimentações",
        es: "Páginas de movimientos",
        de: "Umsatzseiten",
    },
    Text {
        key: "ledger.previous",
        en: "Previous",
        fr: "Précédent",
        it: "Precedente",
        pt: "Anterior",
        es: "Anterior",
        de: "Zurück",
    },
    Text {
        key: "ledger.next",
        en: "Next",
        fr: "Suivant",
        it: "Successivo",
        pt: "Próxima",
        es: "Siguiente",
        de: "Weiter",
    },
    Text {
        key: "ledger.page",
        en: "Page {n}",
        fr: "Page {n}",
        it: "Pagina {n}",
        pt: "Página {n}",
        es: "Página {n}",
        de: "Seite {n}",
    },
    Text {
        key: "ledger.event.payment",
        en: "Payment",
        fr: "Paiement",
        it: "Pagamento",
        pt: "Pagamento",
        es: "Pago",
        de: "Zahlung",
    },
    Text {
        key: "ledger.event.payment_reversal",
        en: "Payment reversal",
        fr: "Annulation de paiement",
        it: "Storno del pagamento",
        pt: "Estorno de pagamento",
        es: "Reversión de pago",
        de: "Zahlungsstornierung",
    },
    Text {
        key: "ledger.event.refund",
        en: "Refund",
        fr: "Remboursement",
        it: "Rimborso",
        pt: "Reembolso",
        es: "Reembolso",
        de: "Erstattung",
    },
    Text {
        key: "ledger.event.refund_reversal",
        en: "Refund reversal",
        fr: "Annulation de remboursement",
        it: "Storno del rimborso",
        pt: "Estorno de reembolso",
        es: "Reversión de reembolso",
        de: "Erstattungsstornierung",
    },
    Text {
        key: "ledger.event.dispute",
        en: "Dispute",
        fr: "Litige",
        it: "Contestazione",
        pt: "Contestação",
        es: "Disputa",
        de: "Streitfall",
    },
    Text {
        key: "ledger.event.dispute_reversal",
        en: "Dispute reversal",
        fr: "Annulation de litige",
        it: "Storno della contestazione",
        pt: "Estorno de contestação",
        es: "Reversión de disputa",
        de: "Stornierung des Streitfalls",
    },
    Text {
        key: "ledger.event.merchant_adjustment",
        en: "Adjustment",
        fr: "Ajustement",
        it: "Rettifica",
        pt: "Ajuste",
        es: "Ajuste",
        de: "Anpassung",
    },
];
