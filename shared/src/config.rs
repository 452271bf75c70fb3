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
        Ok(Config {
            table_name: var("TABLE_NAME").unwrap_or_else(|| "customers".into()),
            dynamodb_endpoint: var("DYNAMODB_ENDPOINT"),
            currencies,
            usd_rates,
            portal_base_url: var("PORTAL_BASE_URL").map(|u| u.trim_end_matches('/').to_string()),
        })
    }
}
