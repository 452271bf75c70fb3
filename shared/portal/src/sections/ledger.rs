//! The customer's wallet ledger, newest first, a page at a time
//! (`GET /portal/api/ledger?page_number=&page_size=`).

use super::{Section, currency_exponent, has_more, pager, with_next};
use crate::i18n::Texts;
use crate::sessions::PortalSession;
use maud::{Markup, html};
use platform::app::AppState;
use platform::error::ApiError;
use platform::money::CurrencyCode;
use platform::paging::Page;
use serde::Serialize;

pub const SECTION: Section = Section {
    id: "ledger",
    title: "ledger-title",
    render,
    script: include_str!("ledger.js"),
};

fn render(t: &Texts) -> Markup {
    html! {
        div.table-scroll {
            table {
                thead {
                    tr {
                        th scope="col" { (t.text("ledger-date")) }
                        th scope="col" { (t.text("ledger-description")) }
                        th scope="col" class="number" { (t.text("ledger-amount")) }
                        th scope="col" class="number" { (t.text("ledger-balance-after")) }
                    }
                }
                tbody data-rows {
                    tr { td colspan="4" class="muted" { (t.text("portal-loading")) } }
                }
            }
        }
        p.muted data-empty hidden { (t.text("ledger-empty")) }
        (pager(t, "ledger-pages"))
    }
}

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
    let mut entries = wallets::service::ledger(
        state,
        &session.business,
        &session.customer_id,
        None,
        with_next(page),
    )
    .await?;
    let has_more = has_more(&mut entries, page);
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
