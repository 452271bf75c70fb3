//! Dodo's event envelope, `{business_id, type, timestamp, data}`.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

/// Longer types are not Dodo's (theirs are like `subscription.plan_changed`).
pub const EVENT_TYPE_MAX_CHARS: usize = 100;
/// `webhook-id`s are the sender's; this bounds what a record keeps.
pub const WEBHOOK_ID_MAX_CHARS: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The engine's own name for the business: kept, never trusted (the endpoint decides).
    pub business_id: String,
    pub event_type: String,
    pub timestamp: DateTime<Utc>,
    pub data: Value,
}

#[derive(Deserialize)]
struct RawEnvelope {
    business_id: String,
    #[serde(rename = "type")]
    event_type: String,
    timestamp: String,
    data: Value,
}

/// The envelope in `body`, or why it is not one.
pub fn parse(body: &[u8]) -> Result<Envelope, String> {
    let raw: RawEnvelope = serde_json::from_slice(body)
        .map_err(|e| format!("the body is not Dodo's event envelope: {e}"))?;
    if raw.event_type.is_empty() || raw.event_type.chars().count() > EVENT_TYPE_MAX_CHARS {
        return Err(format!(
            "type must be 1 to {EVENT_TYPE_MAX_CHARS} characters"
        ));
    }
    if !raw.data.is_object() {
        return Err("data must be an object".into());
    }
    let timestamp = DateTime::parse_from_rfc3339(&raw.timestamp)
        .map_err(|_| "timestamp must be an RFC 3339 date-time".to_string())?
        .with_timezone(&Utc);
    Ok(Envelope {
        business_id: raw.business_id,
        event_type: raw.event_type,
        timestamp,
        data: raw.data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dodos_envelope() {
        let e = parse(
            br#"{"business_id":"bus_x","type":"payment.succeeded","timestamp":"2026-01-02T03:04:05.123Z","data":{"payment_id":"pay_1"}}"#,
        )
        .unwrap();
        assert_eq!(e.event_type, "payment.succeeded");
        assert_eq!(e.timestamp.timestamp_millis() % 1000, 123);
        assert_eq!(e.data["payment_id"], "pay_1");
    }

    #[test]
    fn refuses_what_is_not_an_envelope() {
        for body in [
            &b"not json"[..],
            br#"[]"#,
            br#"{"type":"x","timestamp":"2026-01-02T03:04:05Z","data":{}}"#,
            br#"{"business_id":"b","type":"","timestamp":"2026-01-02T03:04:05Z","data":{}}"#,
            br#"{"business_id":"b","type":"x","timestamp":"yesterday","data":{}}"#,
            br#"{"business_id":"b","type":"x","timestamp":"2026-01-02T03:04:05Z","data":[1]}"#,
        ] {
            assert!(parse(body).is_err(), "{}", String::from_utf8_lossy(body));
        }
    }
}
