//! Name search that costs what it finds, not what the business holds.
//!
//! A name contains a query exactly when the query is a prefix of one of the name's
//! suffixes. So every customer gets one small index item per suffix of its normalized
//! name, sorted by suffix; a search is one `begins_with` range read that touches only
//! the suffixes starting with the query (see docs/architecture.md).

use crate::customer::NAME_MAX_CHARS;

/// Suffix keys are cut to this many characters: longer queries use this prefix to find
/// candidates and the full query to confirm them.
pub const SUFFIX_KEY_MAX_CHARS: usize = 32;

/// Shortest-to-longest bound on index items per customer.
pub const MAX_SUFFIXES_PER_NAME: usize = NAME_MAX_CHARS;

/// Case-insensitive comparison form of a name or query.
pub fn normalize(text: &str) -> String {
    text.to_lowercase()
}

/// The distinct index keys for a name: each suffix, cut to [`SUFFIX_KEY_MAX_CHARS`].
pub fn suffix_keys(name: &str) -> Vec<String> {
    let normalized: Vec<char> = normalize(name).chars().collect();
    let mut keys: Vec<String> = (0..normalized.len())
        .map(|start| {
            normalized[start..]
                .iter()
                .take(SUFFIX_KEY_MAX_CHARS)
                .collect()
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The key prefix a query reads in the suffix index.
pub fn query_key_prefix(normalized_query: &str) -> String {
    normalized_query
        .chars()
        .take(SUFFIX_KEY_MAX_CHARS)
        .collect()
}

/// What a name filter means (Dodo's semantics): case-insensitive substring.
pub fn name_matches(name: &str, normalized_query: &str) -> bool {
    normalize(name).contains(normalized_query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_substring_is_a_prefix_of_some_suffix_key() {
        let name = "Ada Lovelace-Byron";
        let keys = suffix_keys(name);
        let lower = normalize(name);
        let chars: Vec<char> = lower.chars().collect();
        for start in 0..chars.len() {
            for end in start + 1..=chars.len() {
                let q: String = chars[start..end].iter().collect();
                let prefix = query_key_prefix(&q);
                assert!(keys.iter().any(|k| k.starts_with(&prefix)), "{q}");
                assert!(name_matches(name, &q));
            }
        }
        assert!(!name_matches(name, "adal"));
    }

    #[test]
    fn keys_are_bounded_and_distinct() {
        let long = "a".repeat(NAME_MAX_CHARS);
        let keys = suffix_keys(&long);
        assert_eq!(keys.len(), SUFFIX_KEY_MAX_CHARS);
        assert!(
            keys.iter()
                .all(|k| k.chars().count() <= SUFFIX_KEY_MAX_CHARS)
        );
        assert!(suffix_keys("Zoë ÅSTRÖM").iter().any(|k| k == "åström"));
    }
}
