//! The customer's wallet balances (`GET /portal/api/wallets`).

use super::{Section, currency_exponent};
use crate::i18n::Texts;
use crate::sessions::PortalSession;
use maud::{Markup, html};
use platform::app::AppState;
use platform::error::ApiError;
use platform::money::CurrencyCode;
use serde::Serialize;

pub const SECTION: Section = Section {
    id: "wallets",
    title: "wallets-title",
    render,
    script: include_str!("wallets.js"),
};

fn render(t: &Texts) -> Markup {
    html! {
        ul.wallets data-wallets { li.muted { (t.text("portal-loading")) } }
        p.muted data-empty hidden { (t.text("wallets-empty")) }
    }
}

/// One wallet as the page shows it: the balance in minor units and the exponent that
/// places the decimal point.
#[derive(Debug, Serialize)]
pub struct WalletBalance {
    pub currency: CurrencyCode,
    pub balance: i64,
    pub exponent: u32,
}

#[derive(Debug, Serialize)]
pub struct WalletBalances {
    pub items: Vec<WalletBalance>,
}

pub async fn list(state: &AppState, session: &PortalSession) -> Result<WalletBalances, ApiError> {
    let balances =
        wallets::service::balances(state, &session.business, &session.customer_id).await?;
    Ok(WalletBalances {
        items: balances
            .items
            .into_iter()
            .map(|wallet| WalletBalance {
                exponent: currency_exponent(&state.config, wallet.currency),
                currency: wallet.currency,
                balance: wallet.balance,
            })
            .collect(),
    })
}
