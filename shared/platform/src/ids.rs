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
    candidate
        .strip_prefix(prefix)
        .is_some_and(|hex| is_lower_hex(hex, SECRET_BYTES * 2))
}

fn is_lower_hex(candidate: &str, len: usize) -> bool {
    candidate.len() == len
        && candidate
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Hex digits of a business id as this service mints them (`bus_` + a UUID's 128 bits):
/// an API key names its business by them.
const BUSINESS_HEX_LEN: usize = 32;

/// What the shape of an API key says, before any storage read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiKeyShape {
    /// `sk_<32 hex>_<64 hex>`: the key names its business (`bus_<32 hex>`).
    Names(BusinessId),
    /// `sk_<64 hex>`, the first format: the business is known only from the key's record.
    Anonymous,
}

/// A fresh API key naming its business: `sk_<business hex>_<64 hex secret>`. A business
/// id of another shape (none is minted) gets a key of the first format, `sk_<64 hex>`.
pub fn new_api_key(business: &BusinessId) -> String {
    match business.as_str().strip_prefix(BusinessId::PREFIX) {
        Some(hex) if is_lower_hex(hex, BUSINESS_HEX_LEN) => {
            new_secret(&format!("{API_KEY_PREFIX}{hex}_"))
        }
        _ => new_secret(API_KEY_PREFIX),
    }
}

/// The shape of `candidate` if it is one of the two API key formats; None for anything
/// else, which is refused before any storage read.
pub fn api_key_shape(candidate: &str) -> Option<ApiKeyShape> {
    if is_secret_shaped(candidate, API_KEY_PREFIX) {
        return Some(ApiKeyShape::Anonymous);
    }
    let (hex, secret) = candidate.strip_prefix(API_KEY_PREFIX)?.split_once('_')?;
    if !(is_lower_hex(hex, BUSINESS_HEX_LEN) && is_lower_hex(secret, SECRET_BYTES * 2)) {
        return None;
    }
    BusinessId::parse(&format!("{}{hex}", BusinessId::PREFIX)).map(ApiKeyShape::Names)
}

/// Secrets are looked up by this hash; the secret itself is never stored.
pub fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// An API key's public id (`key_<16 hex>`), from the key's hash: what the admin CLI
/// prints, revokes by, and what records of a key's actions name.
pub fn api_key_id(key_hash: &str) -> String {
    format!("key_{}", &key_hash[..16])
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
    fn new_api_keys_name_their_business() {
        let business = BusinessId::new();
        let key = new_api_key(&business);
        let hex = business.as_str().strip_prefix("bus_").unwrap();
        assert!(key.starts_with(&format!("sk_{hex}_")), "{key}");
        assert_eq!(key.len(), 3 + 32 + 1 + 64);
        assert_eq!(
            api_key_shape(&key),
            Some(ApiKeyShape::Names(business.clone()))
        );
        assert_ne!(new_api_key(&business), key, "the secret is fresh each time");
        // A business id no key can name (none is minted) gets the first format.
        let odd = BusinessId::parse("bus_1").unwrap();
        assert_eq!(
            api_key_shape(&new_api_key(&odd)),
            Some(ApiKeyShape::Anonymous)
        );
    }

    #[test]
    fn api_keys_of_either_format_parse_and_nothing_else_does() {
        let old = new_secret(API_KEY_PREFIX);
        assert_eq!(api_key_shape(&old), Some(ApiKeyShape::Anonymous));
        let hex = "0123456789abcdef0123456789abcdef";
        let secret = "ab".repeat(32);
        let key = format!("sk_{hex}_{secret}");
        assert_eq!(
            api_key_shape(&key),
            Some(ApiKeyShape::Names(
                BusinessId::parse(&format!("bus_{hex}")).unwrap()
            ))
        );
        for bad in [
            String::new(),
            "sk_".into(),
            format!("sk_{hex}_"),
            format!("sk_{hex}{secret}"),
            format!("sk_{hex}_{secret}0"),
            format!("sk_{hex}_{}", &secret[1..]),
            format!("sk_{}_{secret}", &hex[1..]),
            format!("sk_{}_{secret}", hex.to_uppercase()),
            format!("sk_{hex}_{}", secret.to_uppercase()),
            format!("sk_{hex}__{secret}"),
            format!("sk_{hex}_{secret}_{hex}"),
            format!("pk_{hex}_{secret}"),
            format!("sk_bus_{hex}_{secret}"),
            format!(" sk_{hex}_{secret}"),
        ] {
            assert_eq!(api_key_shape(&bad), None, "{bad}");
        }
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
