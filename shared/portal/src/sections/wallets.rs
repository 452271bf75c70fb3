//! The customer's wallet balances (`GET /portal/api/wallets`).

use super::{Section, currency_exponent};
use crate::i18n::Text;
use crate::sessions::PortalSession;
use platform::app::AppState;
use platform::error::ApiError;
use platform::money::CurrencyCode;
use serde::Serialize;

pub const SECTION: Section = Section {
    id: "wallets",
    title: "wallets.title",
    template: include_str!("wallets.html"),
    script: include_str!("wallets.js"),
    text: TEXT,
};

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

const TEXT: &[Text] = &[
    Text {
        key: "wallets.title",
        en: "Wallet balances",
        fr: "Soldes du portefeuille",
        it: "Saldi del portafoglio",
        pt: "Saldos da carteira",
        es: "Saldos de la billetera",
        de: "Wallet-Guthaben",
    },
    Text {
        key: "wallets.empty",
        en: "You have no wallets yet.",
        fr: "Vous n'avez pas encore de portefeuille.",
        it: "Non hai ancora alcun portafoglio.",
        pt: "Você ainda não tem carteiras.",
        es: "Todavía no tienes billeteras.",
        de: "Sie haben noch keine Wallets.",
    },
];
