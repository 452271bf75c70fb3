//! Identifiers and secrets. Ids are random (not sequential) so they reveal nothing and
//! cannot be guessed; secrets come from the OS CSPRNG and are only ever stored hashed.

use sha2::{Digest, Sha256};

pub const BUSINESS_ID_PREFIX: &str = "bus_";
pub const API_KEY_PREFIX: &str = "sk_";
/// 256 bits of entropy per secret: far past the 128-bit floor, and hex-encoded it stays URL-safe.
const SECRET_BYTES: usize = 32;

/// A fresh random id with a type prefix: 128 random bits, hex.
pub fn random_id(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

/// Whether `candidate` is `prefix` followed by 1 to 64 ASCII letters and digits: every id
/// this service mints or accepts from a payment engine has that shape, and nothing of
/// that shape can forge a storage-key separator.
pub fn is_id_shaped(candidate: &str, prefix: &str) -> bool {
    candidate.strip_prefix(prefix).is_some_and(|rest| {
        (1..=64).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// Declares an id type: a string with a type prefix, checked for shape when parsed (at
/// the edge, or when read from the table), so ids of different kinds cannot be mixed up
/// and junk never reaches a storage key.
#[macro_export]
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub const PREFIX: &'static str = $prefix;

            /// A fresh random id.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                $name($crate::ids::random_id($prefix))
            }

            pub fn parse(candidate: &str) -> Option<Self> {
                $crate::ids::is_id_shaped(candidate, $prefix).then(|| $name(candidate.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <String as ::serde::Deserialize>::deserialize(d)?;
                $name::parse(&raw).ok_or_else(|| {
                    ::serde::de::Error::custom(concat!("not a valid ", stringify!($name)))
                })
            }
        }
    };
}

id_type!(
    /// The business a request acts for. Every storage read takes it, so another
    /// business's objects are simply not there.
    BusinessId,
    "bus_"
);

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
    fn ids_are_checked_for_shape() {
        assert!(BusinessId::parse(BusinessId::new().as_str()).is_some());
        for bad in [
            "",
            "bus_",
            "abc",
            "bus_a#b",
            "bus_../x",
            &format!("bus_{}", "a".repeat(65)),
        ] {
            assert!(BusinessId::parse(bad).is_none(), "{bad}");
        }
    }
}
