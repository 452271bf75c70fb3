//! Logging set-up and redaction. Lambda functions log JSON lines to CloudWatch; every
//! line carries the request's ids (the `request` span opened by `routes::dispatch`).
//! Requests are logged by function, status and error code only: no bodies, no query
//! strings, no headers, so no personal data or keys reach the logs.

use std::sync::OnceLock;
use tracing_subscriber::EnvFilter;

fn filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"))
}

pub fn init_json_logs() {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter())
        .with_current_span(true)
        .with_span_list(false)
        .without_time()
        .with_target(false)
        .try_init();
}

/// Human-readable lines on stderr, for the local server (its stdout announces the port).
pub fn init_text_logs() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter())
        .with_target(false)
        .try_init();
}

/// Whether this process reports metrics (in Lambda, where CloudWatch reads them from logs).
pub fn emits_metrics() -> bool {
    static IN_LAMBDA: OnceLock<bool> = OnceLock::new();
    *IN_LAMBDA.get_or_init(|| std::env::var_os("AWS_LAMBDA_FUNCTION_NAME").is_some())
}

/// Masks what must never be logged, should it appear in an error text: API keys of both
/// formats and portal secrets (`sk_…`, long hex runs, whatever they are glued to) and
/// the local part of email addresses.
pub fn redact(text: &str) -> String {
    const DELIMITERS: &str = "\"',;()[]{}<>=";
    let is_delimiter = |c: char| c.is_whitespace() || DELIMITERS.contains(c);
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(is_delimiter) {
        let (token, delimiter) = word.split_at(word.trim_end_matches(is_delimiter).len());
        let long_hex = token.chars().filter(char::is_ascii_hexdigit).count() >= 32;
        if token.starts_with(crate::ids::API_KEY_PREFIX) || long_hex {
            out.push_str("[redacted]");
        } else if let Some((_, domain)) = token.split_once('@') {
            out.push_str("***@");
            out.push_str(domain);
        } else {
            out.push_str(token);
        }
        out.push_str(delimiter);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_email_local_parts_are_masked() {
        let key = crate::ids::new_secret("sk_");
        let text = format!(
            "denied for {key}, user ada.lovelace@example.com (\"{}\")",
            "ab".repeat(20)
        );
        let masked = redact(&text);
        assert!(
            !masked.contains(&key)
                && !masked.contains("ada.lovelace")
                && !masked.contains(&"ab".repeat(20))
        );
        assert!(masked.contains("***@example.com"), "{masked}");
        assert_eq!(redact("plain words stay"), "plain words stay");
        // Keys that name their business, alone or glued to other text.
        let named = crate::ids::new_api_key(&crate::ids::BusinessId::new());
        let (business_hex, secret) = named["sk_".len()..].split_once('_').unwrap();
        for text in [
            format!("key {named} refused"),
            format!("Authorization: Bearer {named}"),
            format!("auth={named};"),
            format!("header:{named}"),
            format!("(\"{named}\")"),
        ] {
            let masked = redact(&text);
            assert!(
                !masked.contains(secret) && !masked.contains(business_hex),
                "{masked}"
            );
        }
    }
}
