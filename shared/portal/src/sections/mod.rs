//! What the portal page shows, one module per section. A section is its markup (a maud
//! template: compiled, every value HTML-escaped), a script that fills it from the
//! portal's JSON routes, its text (in `locales/<tag>/portal.ftl`, every language), and the
//! data functions its routes call.
//!
//! Adding a section (billing history, subscriptions, license keys, ...): write
//! `sections/<name>.rs` with its `SECTION` (and its `<name>.js`), add its messages to every
//! language's `portal.ftl`, add it to [`SECTIONS`], and give each JSON route it needs a
//! handler, a `route!` line and a function crate, as for any endpoint. Nothing else in the
//! page changes.

pub mod billing;
pub mod ledger;
pub mod licenses;
pub mod profile;
pub mod subscriptions;
pub mod wallets;

use crate::i18n::Texts;
use maud::{Markup, html};
use platform::money::CurrencyCode;
use platform::paging::Page;

pub struct Section {
    /// The section element's id is `section-<id>`; the script registers under this id.
    pub id: &'static str,
    /// Id of the section's heading text.
    pub title: &'static str,
    /// The inner HTML of the section in the page's language: text only, no data (the
    /// script fetches that).
    pub render: fn(&Texts) -> Markup,
    /// Runs inside the page script; calls `section("<id>", (root, portal) => ...)`.
    pub script: &'static str,
}

/// The page's sections, in page order.
pub const SECTIONS: &[Section] = &[
    profile::SECTION,
    wallets::SECTION,
    ledger::SECTION,
    billing::SECTION,
    subscriptions::SECTION,
    licenses::SECTION,
];

/// The previous / next buttons of a paged table (the page script's `paged` drives them),
/// labelled by the text `label`.
fn pager(t: &Texts, label: &str) -> Markup {
    html! {
        nav.pager data-pager hidden aria-label=(t.text(label)) {
            button type="button" data-action="previous" { (t.text("ledger-previous")) }
            span data-page {}
            button type="button" data-action="next" { (t.text("ledger-next")) }
        }
    }
}

/// `page` with one more row, which says whether a next page has any without asking for it.
fn with_next(page: Page) -> Page {
    Page {
        size: page.size + 1,
        ..page
    }
}

/// Cuts rows read with [`with_next`] to the page; whether a next page has rows.
fn has_more<T>(rows: &mut Vec<T>, page: Page) -> bool {
    let more = rows.len() > page.size;
    rows.truncate(page.size);
    more
}

/// The minor-unit exponent of a wallet's currency: the configured one, else ISO 4217's
/// (a currency dropped from the configuration keeps its wallets).
fn currency_exponent(config: &platform::config::Config, code: CurrencyCode) -> u32 {
    config
        .currencies
        .get(code.as_str())
        .map_or_else(|| platform::money::iso_exponent(code), |c| c.exponent)
}
