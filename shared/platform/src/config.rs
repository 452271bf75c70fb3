//! Deployment configuration shared by every context, read once per process from the
//! environment. A context with settings of its own reads them with [`var`].

use crate::money::{CurrencyCode, SupportedCurrencies, UsdRates};
use std::time::Duration;

/// How long a warm process trusts a looked-up API key: a revocation takes effect within it.
pub const DEFAULT_API_KEY_CACHE_TTL: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct Config {
    pub table_name: String,
    /// Set only for a local DynamoDB (moto); unset in AWS.
    pub dynamodb_endpoint: Option<String>,
    pub currencies: SupportedCurrencies,
    pub usd_rates: UsdRates,
    pub api_key_cache_ttl: Duration,
}

/// An environment variable; unset and blank are the same.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
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
        let api_key_cache_ttl = match var("API_KEY_CACHE_TTL_SECONDS") {
            None => DEFAULT_API_KEY_CACHE_TTL,
            Some(raw) => raw
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|s| *s <= 3600)
                .map(Duration::from_secs)
                .ok_or("API_KEY_CACHE_TTL_SECONDS must be whole seconds from 0 to 3600")?,
        };
        Ok(Config {
            table_name: var("TABLE_NAME").unwrap_or_else(|| "customers".into()),
            dynamodb_endpoint: var("DYNAMODB_ENDPOINT"),
            currencies,
            usd_rates,
            api_key_cache_ttl,
        })
    }
}
