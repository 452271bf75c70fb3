//! Identifiers and secrets. Ids are random (not sequential) so they reveal nothing and
//! cannot be guessed; secrets come from the OS CSPRNG and are only ever stored hashed.

use sha2::{Digest, Sha256};

pub const CUSTOMER_ID_PREFIX: &str = "cus_";
pub const LEDGER_ENTRY_ID_PREFIX: &str = "cwt_";
pub const BUSINESS_ID_PREFIX: &str = "bus_";
pub const API_KEY_PREFIX: &str = "sk_";
/// 256 bits of entropy per secret: far past the 128-bit floor, and hex-encoded it stays URL-safe.
const SECRET_BYTES: usize = 32;

fn random_id(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

pub fn new_customer_id() -> String {
    random_id(CUSTOMER_ID_PREFIX)
}

pub fn new_ledger_entry_id() -> String {
    random_id(LEDGER_ENTRY_ID_PREFIX)
}

pub fn new_business_id() -> String {
    random_id(BUSINESS_ID_PREFIX)
}

/// A fresh secret with a type prefix that secret scanners can recognise.
pub fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    format!("{prefix}{}", hex(&bytes))
}

/// Whether `candidate` has the shape of a secret minted by [`new_secret`] with this
/// prefix. Anything else is refused before any storage read.
pub fn is_secret_shaped(candidate: &str, prefix: &str) -> bool {
    candidate.strip_prefix(prefix).is_some_and(|hex| {
        hex.len() == SECRET_BYTES * 2
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// Secrets are looked up by this hash; the secret itself is never stored.
pub fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Customer ids in paths are checked for shape before any storage read, so junk
/// (or a storage-key separator) never reaches a key.
pub fn is_customer_id(candidate: &str) -> bool {
    candidate
        .strip_prefix(CUSTOMER_ID_PREFIX)
        .is_some_and(|rest| {
            (1..=64).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_prefixed_and_distinct() {
        let a = new_secret(API_KEY_PREFIX);
        let b = new_secret(API_KEY_PREFIX);
        assert!(a.starts_with("sk_"));
        assert_eq!(a.len(), 3 + 64);
        assert_ne!(a, b);
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), a);
    }

    #[test]
    fn only_minted_secrets_are_shaped_like_one() {
        let secret = new_secret("cpl_");
        assert!(is_secret_shaped(&secret, "cpl_"));
        assert!(!is_secret_shaped(&secret, "cps_"));
        assert!(!is_secret_shaped(&secret[..secret.len() - 1], "cpl_"));
        assert!(!is_secret_shaped(
            &format!("cpl_{}", "A".repeat(64)),
            "cpl_"
        ));
        assert!(!is_secret_shaped(&format!("{secret}0"), "cpl_"));
    }

    #[test]
    fn customer_ids_are_checked_for_shape() {
        assert!(is_customer_id(&new_customer_id()));
        for bad in [
            "",
            "cus_",
            "abc",
            "cus_a#b",
            "cus_../x",
            &format!("cus_{}", "a".repeat(65)),
        ] {
            assert!(!is_customer_id(bad), "{bad}");
        }
    }
}
