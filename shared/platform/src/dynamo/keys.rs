//! The single table's key attributes, the platform's own items (API keys, businesses),
//! and the sort-key shapes every context's time-ordered lists share. Each context builds
//! its own items' keys in its `keys` module; docs/architecture.md lists them all.
//!
//! Ids and currency codes are checked for shape before they reach a key, so the `#`
//! separator can never be forged from client input.

pub const PK: &str = "PK";
pub const SK: &str = "SK";
pub const GSI1: &str = "GSI1";
pub const GSI1PK: &str = "GSI1PK";
pub const GSI1SK: &str = "GSI1SK";
pub const GSI2: &str = "GSI2";
pub const GSI2PK: &str = "GSI2PK";
pub const GSI2SK: &str = "GSI2SK";
/// Epoch seconds; DynamoDB TTL removes the item some time after. Reads check it too.
pub const EXPIRES_AT: &str = "expires_at";

/// Primary key of one item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemKey {
    pub pk: String,
    pub sk: String,
}

pub fn item(pk: String, sk: impl Into<String>) -> ItemKey {
    ItemKey { pk, sk: sk.into() }
}

// --- API keys and businesses -------------------------------------------------------

pub fn api_key(key_hash: &str) -> ItemKey {
    item(format!("APIKEY#{key_hash}"), "APIKEY")
}

/// Points from a key's public id to its hash, so a key can be revoked by its id.
pub fn api_key_id(key_id: &str) -> ItemKey {
    item(format!("APIKEYID#{key_id}"), "APIKEYID")
}

pub fn business(business_id: &str) -> ItemKey {
    item(format!("BUSINESS#{business_id}"), "PROFILE")
}

/// Makes business names unique (case-insensitively) for the admin CLI.
pub fn business_name(name: &str) -> ItemKey {
    item(
        format!("BUSINESSNAME#{}", name.to_lowercase()),
        "BUSINESSNAME",
    )
}

// --- Time-ordered index entries (GSI1/GSI2 sort keys) ---------------------------------

/// Sort key of time-ordered index entries; the id breaks ties between equal times.
pub fn created_sort_key(created_at: &str, tiebreak: &str) -> String {
    format!("{created_at}#{tiebreak}")
}

/// Lower bound for "created at or after `t`": every `t#...` key sorts after `t`.
pub fn created_lower_bound(created_at: &str) -> String {
    created_at.to_string()
}

/// Upper bound for "created at or before `t`": `~` sorts after every id character.
pub fn created_upper_bound(created_at: &str) -> String {
    format!("{created_at}#~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_bounds_enclose_every_id_at_that_time() {
        let key = created_sort_key("2026-01-01T00:00:00.000000Z", "cus_ffff");
        assert!(key >= created_lower_bound("2026-01-01T00:00:00.000000Z"));
        assert!(key <= created_upper_bound("2026-01-01T00:00:00.000000Z"));
        assert!(key > created_upper_bound("2025-12-31T23:59:59.999999Z"));
    }
}
