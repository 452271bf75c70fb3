//! Timestamps. Stored and sent as RFC 3339 UTC with a fixed microsecond width, so their
//! string order is their time order and they can sit inside sort keys.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn format(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads a filter timestamp as clients send it: RFC 3339 with any offset, a naive
/// date-time (taken as UTC, as the SDK's ISO format of a naive datetime), or a date.
pub fn parse_filter(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc());
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatted_times_sort_as_strings() {
        let a = parse_filter("2026-01-02T03:04:05Z").unwrap();
        let b = parse_filter("2026-01-02T03:04:05.5+00:00").unwrap();
        assert!(format(a) < format(b));
        assert_eq!(format(a), "2026-01-02T03:04:05.000000Z");
    }

    #[test]
    fn filters_accept_offsets_naive_times_and_dates() {
        assert_eq!(
            parse_filter("2026-01-02T05:04:05+02:00"),
            parse_filter("2026-01-02T03:04:05")
        );
        assert_eq!(
            format(parse_filter("2026-01-02").unwrap()),
            "2026-01-02T00:00:00.000000Z"
        );
        assert!(parse_filter("yesterday").is_none());
    }
}
