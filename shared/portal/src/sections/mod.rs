//! What the portal page shows, one module per section. A section is an HTML fragment
//! (its template), a script that fills it from the portal's JSON routes, its text in
//! every portal language, and the data functions its routes call.
//!
//! Adding a section (billing history, subscriptions, license keys, ...): write
//! `sections/<name>.rs` with its `SECTION` (and its `<name>.html` / `<name>.js`), add it
//! to [`SECTIONS`], and give each JSON route it needs a handler, a `route!` line and a
//! function crate, as for any endpoint. Nothing else in the page changes.

pub mod ledger;
pub mod profile;
pub mod wallets;

use super::i18n::Text;
use platform::money::CurrencyCode;

pub struct Section {
    /// The section element's id is `section-<id>`; the script registers under this id.
    pub id: &'static str,
    /// Key of the section's heading text.
    pub title: &'static str,
    /// Inner HTML of the section. `{{key}}` is replaced with the text of `key` in the
    /// page's language (HTML-escaped); the template holds nothing else dynamic.
    pub template: &'static str,
    /// Runs inside the page script; calls `section("<id>", (root, portal) => ...)`.
    pub script: &'static str,
    pub text: &'static [Text],
}

/// The page's sections, in page order.
pub const SECTIONS: &[Section] = &[profile::SECTION, wallets::SECTION, ledger::SECTION];

/// Every text table of the page: page-wide text first, then each section's.
pub fn text_tables() -> Vec<&'static [Text]> {
    std::iter::once(super::i18n::COMMON)
        .chain(SECTIONS.iter().map(|s| s.text))
        .collect()
}

/// The minor-unit exponent of a wallet's currency: the configured one, else ISO 4217's
/// (a currency dropped from the configuration keeps its wallets).
fn currency_exponent(config: &platform::config::Config, code: CurrencyCode) -> u32 {
    config
        .currencies
        .get(code.as_str())
        .map_or_else(|| platform::money::iso_exponent(code), |c| c.exponent)
}
