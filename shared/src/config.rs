//! Deployment configuration, read once per process from the environment.

use crate::domain::money::{CurrencyCode, SupportedCurrencies, UsdRates};

#[derive(Debug, Clone)]
pub struct Config {
    pub table_name: String,
    /// Set only for a local DynamoDB (moto); unset in AWS.
    pub dynamodb_endpoint: Option<String>,
    pub currencies: SupportedCurrencies,
    pub usd_rates: UsdRates,
    /// Where customer portal links point; `None` means "the host the request came in on".
    pub portal_base_url: Option<String>,
    /// From address of portal e-mails; sent through SES unless `portal_outbox_dir` is set.
    pub email_sender: Option<String>,
    /// Local development: portal e-mails are written here as `.eml` files instead of sent.
    pub portal_outbox_dir: Option<std::path::PathBuf>,
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let currencies = SupportedCurrencies::parse(
            var("SUPPORTED_CURRENCIES")
                .as_deref()
                .unwrap_or(SupportedCurrencies::DEFAULT),
        )
        .map_err(|e| format!("SUPPORTED_CURRENCIES: {e}"))?;
        let usd_rates = UsdRates::parse(var("USD_RATES").as_deref().unwrap_or(UsdRates::DEFAULT))
            .map_err(|e| format!("USD_RATES: {e}"))?;
        for currency in currencies.iter() {
            if currency.code != CurrencyCode::USD && usd_rates.rate(&currency.code).is_none() {
                return Err(format!(
                    "USD_RATES has no rate for supported currency {}",
                    currency.code
                ));
            }
        }
        let portal_base_url = var("PORTAL_BASE_URL").map(|u| u.trim_end_matches('/').to_string());
        if let Some(url) = &portal_base_url {
            crate::portal::base::PortalBase::parse(url)
                .map_err(|e| format!("PORTAL_BASE_URL: {e}"))?;
        }
        let email_sender = var("EMAIL_SENDER");
        if email_sender
            .as_deref()
            .is_some_and(|sender| sender.chars().any(char::is_control))
        {
            return Err("EMAIL_SENDER must not contain control characters".into());
        }
        Ok(Config {
            table_name: var("TABLE_NAME").unwrap_or_else(|| "customers".into()),
            dynamodb_endpoint: var("DYNAMODB_ENDPOINT"),
            currencies,
            usd_rates,
            portal_base_url,
            email_sender,
            portal_outbox_dir: var("PORTAL_OUTBOX_DIR").map(Into::into),
        })
    }
}
