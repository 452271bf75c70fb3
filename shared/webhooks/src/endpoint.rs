//! A webhook endpoint: what the merchant registers (Dodo's `WebhookDetails`), its
//! secret and custom headers, and the rules on every field.

use crate::WebhookId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_ENDPOINTS_PER_BUSINESS: u32 = 20;
pub const DESCRIPTION_MAX_CHARS: usize = 500;
pub const METADATA_MAX_KEYS: usize = 50;
pub const METADATA_KEY_MAX_CHARS: usize = 40;
pub const METADATA_VALUE_MAX_CHARS: usize = 500;
pub const FILTER_TYPES_MAX: usize = 100;
pub const EVENT_TYPE_MAX_CHARS: usize = 64;
pub const HEADERS_MAX: usize = 20;
pub const HEADER_NAME_MAX_CHARS: usize = 64;
pub const HEADER_VALUE_MAX_CHARS: usize = 1024;
pub const RATE_LIMIT_MAX: u32 = 100_000;

/// Headers a merchant may not set: the signature's (a receiver must trust them), the
/// connection's own (hop-by-hop) and the message framing's.
const RESERVED_HEADERS: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "content-type",
    "content-encoding",
];
const SIGNATURE_HEADER_PREFIX: &str = "webhook-";
/// Headers answered by name only (`sensitive`), never by value.
const SENSITIVE_HEADERS: &[&str] = &["authorization", "cookie", "x-api-key"];

/// The stored endpoint. `revision` guards read-modify-write updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub id: WebhookId,
    pub url: String,
    pub description: String,
    pub metadata: BTreeMap<String, String>,
    pub disabled: bool,
    pub filter_types: Vec<String>,
    pub rate_limit: Option<u32>,
    pub headers: BTreeMap<String, String>,
    pub secret: String,
    pub created_at: String,
    pub updated_at: String,
    pub revision: u64,
}

/// Dodo's `WebhookDetails`: the endpoint without its secret and headers.
#[derive(Debug, Serialize)]
pub struct WebhookDetails<'a> {
    pub id: &'a WebhookId,
    pub url: &'a str,
    pub description: &'a str,
    pub metadata: &'a BTreeMap<String, String>,
    pub disabled: bool,
    pub filter_types: &'a [String],
    pub rate_limit: Option<u32>,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

/// Dodo's `HeaderRetrieveResponse`.
#[derive(Debug, Serialize)]
pub struct HeadersView<'a> {
    pub headers: BTreeMap<&'a str, &'a str>,
    pub sensitive: Vec<&'a str>,
}

impl Endpoint {
    pub fn details(&self) -> WebhookDetails<'_> {
        WebhookDetails {
            id: &self.id,
            url: &self.url,
            description: &self.description,
            metadata: &self.metadata,
            disabled: self.disabled,
            filter_types: &self.filter_types,
            rate_limit: self.rate_limit,
            created_at: &self.created_at,
            updated_at: &self.updated_at,
        }
    }

    pub fn headers_view(&self) -> HeadersView<'_> {
        let (sensitive, shown): (Vec<_>, Vec<_>) = self
            .headers
            .iter()
            .partition(|(name, _)| SENSITIVE_HEADERS.contains(&name.as_str()));
        HeadersView {
            headers: shown
                .into_iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect(),
            sensitive: sensitive.into_iter().map(|(n, _)| n.as_str()).collect(),
        }
    }

    /// Whether events of `event_type` go to this endpoint (no filter: every type).
    pub fn wants(&self, event_type: &str) -> bool {
        !self.disabled
            && (self.filter_types.is_empty() || self.filter_types.iter().any(|t| t == event_type))
    }
}

/// A `POST /webhooks` body, fields checked (the URL's addresses are checked by the service).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEndpoint {
    pub url: String,
    pub description: Option<String>,
    pub disabled: Option<bool>,
    pub filter_types: Option<Vec<String>>,
    pub headers: Option<BTreeMap<String, String>>,
    pub metadata: Option<BTreeMap<String, String>>,
    pub rate_limit: Option<u32>,
}

/// A `PATCH /webhooks/{webhook_id}` body: absent or null leaves a field as it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointPatch {
    pub url: Option<String>,
    pub description: Option<String>,
    pub disabled: Option<bool>,
    pub filter_types: Option<Vec<String>>,
    pub metadata: Option<BTreeMap<String, String>>,
    pub rate_limit: Option<u32>,
}

/// A `PATCH /webhooks/{webhook_id}/headers` body: these headers are added or replaced.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadersPatch {
    pub headers: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidField(pub String);

fn invalid<T>(message: String) -> Result<T, InvalidField> {
    Err(InvalidField(message))
}

pub fn check_description(description: &str) -> Result<(), InvalidField> {
    if description.chars().count() > DESCRIPTION_MAX_CHARS {
        return invalid(format!(
            "description must be at most {DESCRIPTION_MAX_CHARS} characters"
        ));
    }
    Ok(())
}

pub fn check_metadata(metadata: &BTreeMap<String, String>) -> Result<(), InvalidField> {
    if metadata.len() > METADATA_MAX_KEYS {
        return invalid(format!(
            "metadata can have at most {METADATA_MAX_KEYS} keys"
        ));
    }
    for (key, value) in metadata {
        if key.is_empty() || key.chars().count() > METADATA_KEY_MAX_CHARS {
            return invalid(format!(
                "metadata keys must be 1 to {METADATA_KEY_MAX_CHARS} characters"
            ));
        }
        if value.chars().count() > METADATA_VALUE_MAX_CHARS {
            return invalid(format!(
                "metadata values must be at most {METADATA_VALUE_MAX_CHARS} characters"
            ));
        }
    }
    Ok(())
}

/// Event types as given, without repeats: `word.word[.word]`, lower case and `_`.
pub fn filter_types(types: Vec<String>) -> Result<Vec<String>, InvalidField> {
    if types.len() > FILTER_TYPES_MAX {
        return invalid(format!(
            "filter_types can list at most {FILTER_TYPES_MAX} types"
        ));
    }
    let mut kept: Vec<String> = Vec::with_capacity(types.len());
    for event_type in types {
        let shaped = event_type.len() <= EVENT_TYPE_MAX_CHARS
            && event_type.contains('.')
            && event_type
                .split('.')
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        if !shaped {
            return invalid(format!(
                "filter_types: {event_type:?} is not an event type (e.g. payment.succeeded)"
            ));
        }
        if !kept.contains(&event_type) {
            kept.push(event_type);
        }
    }
    Ok(kept)
}

pub fn check_rate_limit(rate_limit: u32) -> Result<(), InvalidField> {
    if !(1..=RATE_LIMIT_MAX).contains(&rate_limit) {
        return invalid(format!("rate_limit must be 1 to {RATE_LIMIT_MAX}"));
    }
    Ok(())
}

/// Merges `added` into `headers` (names compared case-insensitively, kept lower case).
pub fn merge_headers(
    headers: &mut BTreeMap<String, String>,
    added: BTreeMap<String, String>,
) -> Result<(), InvalidField> {
    for (name, value) in added {
        let name = name.to_ascii_lowercase();
        let is_token = !name.is_empty()
            && name.len() <= HEADER_NAME_MAX_CHARS
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !is_token {
            return invalid(format!(
                "header names must be 1 to {HEADER_NAME_MAX_CHARS} token characters"
            ));
        }
        if name.starts_with(SIGNATURE_HEADER_PREFIX) || RESERVED_HEADERS.contains(&name.as_str()) {
            return invalid(format!(
                "header {name} is set by the delivery itself (signature, connection or framing) and cannot be customized"
            ));
        }
        let printable = value
            .bytes()
            .all(|b| b == b'\t' || (b' '..=b'~').contains(&b));
        if !printable || value.len() > HEADER_VALUE_MAX_CHARS {
            return invalid(format!(
                "header {name}: values must be at most {HEADER_VALUE_MAX_CHARS} printable ASCII characters"
            ));
        }
        headers.insert(name, value);
    }
    if headers.len() > HEADERS_MAX {
        return invalid(format!(
            "an endpoint can have at most {HEADERS_MAX} headers"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn custom_headers_cannot_touch_signature_connection_or_framing() {
        let mut kept = BTreeMap::new();
        for name in [
            "webhook-signature",
            "Webhook-Id",
            "Connection",
            "Transfer-Encoding",
            "Host",
        ] {
            let refused = merge_headers(&mut kept, headers(&[(name, "x")])).unwrap_err();
            assert!(refused.0.contains("cannot be customized"), "{name}");
        }
        assert!(merge_headers(&mut kept, headers(&[("x-a", "1\r\nx-b: 2")])).is_err());
        assert!(merge_headers(&mut kept, headers(&[("bad name", "1")])).is_err());
        merge_headers(
            &mut kept,
            headers(&[("X-Tenant", "acme"), ("Authorization", "Bearer t")]),
        )
        .unwrap();
        assert_eq!(kept["x-tenant"], "acme");
        let too_many: Vec<(String, String)> = (0..HEADERS_MAX)
            .map(|i| (format!("x-{i}"), "v".into()))
            .collect();
        assert!(merge_headers(&mut kept, too_many.into_iter().collect()).is_err());
    }

    #[test]
    fn filter_types_are_event_types_without_repeats() {
        let kept = filter_types(vec![
            "payment.succeeded".into(),
            "wallet.ledger_entry.created".into(),
            "payment.succeeded".into(),
        ])
        .unwrap();
        assert_eq!(kept, ["payment.succeeded", "wallet.ledger_entry.created"]);
        for bad in ["payment", "Payment.succeeded", "payment..x", "a.b-c"] {
            assert!(filter_types(vec![bad.into()]).is_err(), "{bad}");
        }
    }
}
