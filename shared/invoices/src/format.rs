//! How amounts and dates read on a document.
//!
//! An amount is the currency's symbol (or its ISO code and a space, for a currency
//! without a well-known symbol) and the amount in major units with exactly the
//! currency's minor-unit exponent: `$1,234.50`, `₹12,34,567.00`, `¥1,235`,
//! `KWD 1,234.500`. Digits are grouped by thousands with commas and the decimal
//! separator is a point, except INR, grouped the Indian way (lakh, crore). A negative
//! amount starts with `-`. Dates are the UTC calendar day, ISO 8601 (`2026-11-28`).

use platform::money::Currency;

/// Symbols as English-language CLDR writes them where they are unambiguous (`$` is
/// the US dollar; other dollars carry their country's letters).
const SYMBOLS: &[(&str, &str)] = &[
    ("USD", "$"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("INR", "₹"),
    ("JPY", "¥"),
    ("CNY", "CN¥"),
    ("KRW", "₩"),
    ("CAD", "CA$"),
    ("AUD", "A$"),
    ("NZD", "NZ$"),
    ("HKD", "HK$"),
    ("SGD", "SGD "),
    ("BRL", "R$"),
    ("MXN", "MX$"),
    ("ILS", "₪"),
    ("VND", "₫"),
    ("PHP", "₱"),
    ("TWD", "NT$"),
];

/// `amount_minor` in `currency`'s own format (module docs).
pub fn money(amount_minor: i64, currency: Currency) -> String {
    let code = currency.code.as_str();
    let prefix = SYMBOLS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| format!("{code} "), |(_, symbol)| (*symbol).to_string());
    let sign = if amount_minor < 0 { "-" } else { "" };
    let digits = amount_minor.unsigned_abs().to_string();
    let exponent = currency.exponent as usize;
    let padded = format!("{digits:0>width$}", width = exponent + 1);
    let (whole, fraction) = padded.split_at(padded.len() - exponent);
    let whole = if code == "INR" {
        group_indian(whole)
    } else {
        group_thousands(whole)
    };
    if fraction.is_empty() {
        format!("{sign}{prefix}{whole}")
    } else {
        format!("{sign}{prefix}{whole}.{fraction}")
    }
}

fn group_thousands(digits: &str) -> String {
    group(digits, 3)
}

/// The last three digits, then pairs: 12,34,567.
fn group_indian(digits: &str) -> String {
    if digits.len() <= 3 {
        return digits.to_string();
    }
    let (head, last_three) = digits.split_at(digits.len() - 3);
    format!("{},{last_three}", group(head, 2))
}

/// Commas between groups of `size` digits, counted from the right.
fn group(digits: &str, size: usize) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / size);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(size) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The UTC calendar day of an RFC 3339 timestamp, `2026-11-28`; a value that is not
/// one is shown as it is.
pub fn date(timestamp: &str) -> String {
    platform::time::parse_filter(timestamp)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| timestamp.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::money::iso_exponent;

    fn currency(code: &str) -> Currency {
        let code = code.parse().unwrap();
        Currency {
            code,
            exponent: iso_exponent(code),
        }
    }

    #[test]
    fn amounts_use_the_currency_symbol_and_exponent() {
        let cases = [
            (123_450, "USD", "$1,234.50"),
            (5, "USD", "$0.05"),
            (0, "USD", "$0.00"),
            (123_450, "INR", "₹1,234.50"),
            (123_456_700, "INR", "₹12,34,567.00"),
            (10_000_000_000, "INR", "₹10,00,00,000.00"),
            (1235, "JPY", "¥1,235"),
            (7, "JPY", "¥7"),
            (1_234_500, "KWD", "KWD 1,234.500"),
            (99_999_999, "EUR", "€999,999.99"),
            (-1050, "USD", "-$10.50"),
            (100, "CHF", "CHF 1.00"),
            (i64::MIN, "USD", "-$92,233,720,368,547,758.08"),
        ];
        for (minor, code, expected) in cases {
            assert_eq!(money(minor, currency(code)), expected, "{minor} {code}");
        }
    }

    #[test]
    fn a_pinned_exponent_is_followed() {
        let code = "XYZ".parse().unwrap();
        assert_eq!(money(12_345, Currency { code, exponent: 1 }), "XYZ 1,234.5");
    }

    #[test]
    fn dates_are_the_utc_day() {
        assert_eq!(date("2026-11-28T23:30:00Z"), "2026-11-28");
        assert_eq!(date("2026-11-28T23:30:00-02:00"), "2026-11-29");
        assert_eq!(date("not a date"), "not a date");
    }
}
