//! Currencies, their ISO 4217 minor-unit exponents, and conversion to USD.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::str::FromStr;

/// A three-letter upper-case ISO 4217 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CurrencyCode([u8; 3]);

impl CurrencyCode {
    pub const USD: CurrencyCode = CurrencyCode(*b"USD");

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("always ASCII letters")
    }
}

impl FromStr for CurrencyCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes: [u8; 3] = s
            .as_bytes()
            .try_into()
            .map_err(|_| format!("'{s}' is not a three-letter currency code"))?;
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(format!("'{s}' is not an upper-case ISO 4217 code"));
        }
        Ok(CurrencyCode(bytes))
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for CurrencyCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CurrencyCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// ISO 4217 minor-unit exponents that differ from the usual 2 (ISO 4217 list, 2024).
const EXPONENT_EXCEPTIONS: &[(&str, u32)] = &[
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("ISK", 0),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("PYG", 0),
    ("RWF", 0),
    ("UGX", 0),
    ("UYI", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
    ("BHD", 3),
    ("IQD", 3),
    ("JOD", 3),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("TND", 3),
    ("CLF", 4),
    ("UYW", 4),
];

pub fn iso_exponent(code: CurrencyCode) -> u32 {
    EXPONENT_EXCEPTIONS
        .iter()
        .find(|(c, _)| *c == code.as_str())
        .map_or(2, |(_, e)| *e)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    pub code: CurrencyCode,
    /// Digits after the decimal point: 2 for USD (cents), 0 for JPY.
    pub exponent: u32,
}

/// The currencies this deployment holds a wallet in for every customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportedCurrencies(Vec<Currency>);

/// Wallets per customer are written in the customer's creation transaction, which also
/// holds the customer and its name-index items, so their number is bounded.
pub const MAX_SUPPORTED_CURRENCIES: usize = 8;

impl SupportedCurrencies {
    pub const DEFAULT: &'static str = "USD,INR";

    /// Parses `"USD,INR"`; an entry may pin its exponent, `"XYZ:3"`, for a code the
    /// built-in ISO table does not special-case.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut currencies: Vec<Currency> = Vec::new();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (code, exponent) = match entry.split_once(':') {
                Some((code, exp)) => {
                    let code: CurrencyCode = code.trim().parse()?;
                    let exp: u32 = exp
                        .trim()
                        .parse()
                        .map_err(|_| format!("bad exponent in '{entry}'"))?;
                    if exp > 4 {
                        return Err(format!("exponent in '{entry}' is above 4"));
                    }
                    (code, exp)
                }
                None => {
                    let code: CurrencyCode = entry.parse()?;
                    (code, iso_exponent(code))
                }
            };
            if currencies.iter().any(|c| c.code == code) {
                return Err(format!("{code} is listed twice"));
            }
            currencies.push(Currency { code, exponent });
        }
        if currencies.is_empty() {
            return Err("at least one currency is required".into());
        }
        if currencies.len() > MAX_SUPPORTED_CURRENCIES {
            return Err(format!(
                "at most {MAX_SUPPORTED_CURRENCIES} currencies are supported"
            ));
        }
        Ok(SupportedCurrencies(currencies))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Currency> {
        self.0.iter()
    }

    pub fn get(&self, code: &str) -> Option<&Currency> {
        self.0.iter().find(|c| c.code.as_str() == code)
    }
}

/// Static conversion rates to USD, set per deployment (`USD_RATES`). They are not live
/// market rates: `total_balance_usd` is an indicative figure, never used to move money.
#[derive(Debug, Clone, PartialEq)]
pub struct UsdRates(Vec<(CurrencyCode, Decimal)>);

impl UsdRates {
    /// USD per one major unit of the currency.
    pub const DEFAULT: &'static str = "INR:0.012";

    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut rates = Vec::new();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (code, rate) = entry
                .split_once(':')
                .ok_or_else(|| format!("'{entry}' is not CODE:RATE"))?;
            let code: CurrencyCode = code.trim().parse()?;
            let rate =
                Decimal::from_str(rate.trim()).map_err(|_| format!("bad rate in '{entry}'"))?;
            if rate.is_sign_negative() {
                return Err(format!("negative rate in '{entry}'"));
            }
            rates.push((code, rate));
        }
        Ok(UsdRates(rates))
    }

    pub fn rate(&self, code: &CurrencyCode) -> Option<Decimal> {
        if *code == CurrencyCode::USD {
            return Some(Decimal::ONE);
        }
        self.0.iter().find(|(c, _)| c == code).map(|(_, r)| *r)
    }

    /// Sum of balances (minor units) in USD cents, rounded half away from zero once at the end.
    pub fn total_usd_minor<'a>(
        &self,
        balances: impl IntoIterator<Item = (&'a Currency, i64)>,
    ) -> Result<i64, String> {
        let mut total = Decimal::ZERO;
        for (currency, balance_minor) in balances {
            let rate = self
                .rate(&currency.code)
                .ok_or_else(|| format!("no USD rate for {}", currency.code))?;
            let major = Decimal::new(balance_minor, currency.exponent);
            total = total
                .checked_add(
                    major
                        .checked_mul(rate)
                        .ok_or("overflow converting to USD")?,
                )
                .ok_or("overflow summing balances")?;
        }
        let cents = (total * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        i64::try_from(cents).map_err(|_| "USD total out of range".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponents_follow_iso_4217() {
        let set = SupportedCurrencies::parse("USD, INR,JPY,KWD,XYZ:1").unwrap();
        let exps: Vec<_> = set
            .iter()
            .map(|c| (c.code.to_string(), c.exponent))
            .collect();
        assert_eq!(
            exps,
            [("USD", 2), ("INR", 2), ("JPY", 0), ("KWD", 3), ("XYZ", 1)]
                .map(|(c, e)| (c.to_string(), e))
        );
    }

    #[test]
    fn bad_currency_specs_are_refused() {
        for spec in ["", "usd", "US", "USD,USD", "USD:9", "A,B,C"] {
            assert!(SupportedCurrencies::parse(spec).is_err(), "{spec}");
        }
        let too_many = "AAA,BBB,CCC,DDD,EEE,FFF,GGG,HHH,III";
        assert!(SupportedCurrencies::parse(too_many).is_err());
    }

    #[test]
    fn totals_convert_each_currency_by_its_exponent() {
        let set = SupportedCurrencies::parse("USD,INR,JPY").unwrap();
        let rates = UsdRates::parse("INR:0.012,JPY:0.0067").unwrap();
        let usd = set.get("USD").unwrap();
        let inr = set.get("INR").unwrap();
        let jpy = set.get("JPY").unwrap();
        // 10.00 USD + 1000.00 INR (12.00 USD) + 1000 JPY (6.70 USD)
        let total = rates
            .total_usd_minor([(usd, 1000), (inr, 100_000), (jpy, 1000)])
            .unwrap();
        assert_eq!(total, 1000 + 1200 + 670);
        assert!(
            rates
                .total_usd_minor([(set.get("USD").unwrap(), 0)])
                .is_ok()
        );
        let no_rate = SupportedCurrencies::parse("EUR").unwrap();
        assert!(
            rates
                .total_usd_minor([(no_rate.get("EUR").unwrap(), 1)])
                .is_err()
        );
    }
}
