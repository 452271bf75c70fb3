//! Standard Webhooks (what Dodo signs with): secrets `whsec_` + base64 of the key bytes,
//! signatures `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, several
//! space-separated in `webhook-signature`, timestamps within five minutes either way.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

pub const SECRET_PREFIX: &str = "whsec_";
/// 32 random bytes: past the standard's 24-byte floor, and a whole SHA-256 block's key.
pub const SECRET_KEY_BYTES: usize = 32;
/// How far the `webhook-timestamp` may be from now, either way (replay window).
pub const TIMESTAMP_TOLERANCE_SECONDS: i64 = 5 * 60;
/// Signatures beyond this many in one header are not tried (bounds the work per request).
const MAX_SIGNATURES: usize = 16;

pub const ID_HEADER: &str = "webhook-id";
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
pub const SIGNATURE_HEADER: &str = "webhook-signature";

type HmacSha256 = Hmac<Sha256>;

/// A fresh secret, as shown to the merchant once.
pub fn new_secret() -> String {
    let mut key = [0u8; SECRET_KEY_BYTES];
    getrandom::fill(&mut key).expect("the OS random source is available");
    format!("{SECRET_PREFIX}{}", STANDARD.encode(key))
}

/// The HMAC key a secret stands for; `None` for anything not `whsec_` + base64.
pub fn secret_key(secret: &str) -> Option<Vec<u8>> {
    let encoded = secret.strip_prefix(SECRET_PREFIX)?;
    STANDARD.decode(encoded).ok().filter(|key| !key.is_empty())
}

/// The headers one delivery is signed with.
#[derive(Debug, Clone, Copy)]
pub struct SignedHeaders<'a> {
    pub id: &'a str,
    pub timestamp: &'a str,
    pub signature: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// `webhook-timestamp` is not Unix seconds, or is more than the tolerance away.
    Timestamp,
    /// No `v1` signature matches any of the keys.
    Signature,
}

fn mac(key: &[u8], headers: &SignedHeaders<'_>, body: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(headers.id.as_bytes());
    mac.update(b".");
    mac.update(headers.timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// `v1,<base64>`: the signature of `body` with `key` (tests sign with it).
pub fn sign(key: &[u8], id: &str, timestamp: &str, body: &[u8]) -> String {
    let headers = SignedHeaders {
        id,
        timestamp,
        signature: "",
    };
    let digest = mac(key, &headers, body).finalize().into_bytes();
    format!("v1,{}", STANDARD.encode(digest))
}

/// Checks a delivery: its timestamp within the tolerance of `now`, and at least one of
/// its `v1` signatures made with one of `keys` (compared in constant time).
pub fn verify(
    keys: &[Vec<u8>],
    headers: &SignedHeaders<'_>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let sent_at: i64 = headers.timestamp.parse().map_err(|_| Refused::Timestamp)?;
    if now.timestamp().abs_diff(sent_at) > TIMESTAMP_TOLERANCE_SECONDS.unsigned_abs() {
        return Err(Refused::Timestamp);
    }
    let candidates: Vec<Vec<u8>> = headers
        .signature
        .split(' ')
        .filter_map(|entry| entry.strip_prefix("v1,"))
        .filter_map(|encoded| STANDARD.decode(encoded).ok())
        .take(MAX_SIGNATURES)
        .collect();
    let matches = keys.iter().any(|key| {
        let expected = mac(key, headers, body);
        candidates
            .iter()
            .any(|candidate| expected.clone().verify_slice(candidate).is_ok())
    });
    if matches {
        Ok(())
    } else {
        Err(Refused::Signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The Standard Webhooks specification's own test vector.
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: &str = "1614265330";
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    fn headers(signature: &str) -> SignedHeaders<'_> {
        SignedHeaders {
            id: ID,
            timestamp: TIMESTAMP,
            signature,
        }
    }

    fn key() -> Vec<u8> {
        secret_key(SECRET).unwrap()
    }

    #[test]
    fn signs_the_specifications_vector() {
        assert_eq!(sign(&key(), ID, TIMESTAMP, BODY), SIGNATURE);
    }

    #[test]
    fn accepts_the_vector_within_the_tolerance_either_way() {
        let sent = 1_614_265_330;
        for now in [sent, sent + 300, sent - 300] {
            assert_eq!(verify(&[key()], &headers(SIGNATURE), BODY, at(now)), Ok(()));
        }
        for now in [sent + 301, sent - 301] {
            assert_eq!(
                verify(&[key()], &headers(SIGNATURE), BODY, at(now)),
                Err(Refused::Timestamp)
            );
        }
    }

    #[test]
    fn extreme_timestamps_are_refused_not_overflowed() {
        for timestamp in ["-9223372036854775808", "9223372036854775807", "1e9", ""] {
            let extreme = SignedHeaders {
                timestamp,
                ..headers(SIGNATURE)
            };
            assert_eq!(
                verify(&[key()], &extreme, BODY, at(1_614_265_330)),
                Err(Refused::Timestamp)
            );
        }
    }

    #[test]
    fn one_matching_signature_among_several_is_enough() {
        let several = format!("v1,bm90IGl0 v2,{} {SIGNATURE}", &SIGNATURE[3..]);
        let now = at(1_614_265_330);
        assert_eq!(verify(&[key()], &headers(&several), BODY, now), Ok(()));
        assert_eq!(
            verify(&[key()], &headers("v1,bm90IGl0 garbage"), BODY, now),
            Err(Refused::Signature)
        );
    }

    #[test]
    fn any_of_the_keys_may_have_signed() {
        let now = at(1_614_265_330);
        let other = secret_key(&new_secret()).unwrap();
        assert_eq!(
            verify(&[other.clone(), key()], &headers(SIGNATURE), BODY, now),
            Ok(())
        );
        assert_eq!(
            verify(&[other], &headers(SIGNATURE), BODY, now),
            Err(Refused::Signature)
        );
    }

    #[test]
    fn a_changed_body_id_or_timestamp_fails() {
        let now = at(1_614_265_330);
        assert!(verify(&[key()], &headers(SIGNATURE), b"{}", now).is_err());
        let other_id = SignedHeaders {
            id: "msg_other",
            ..headers(SIGNATURE)
        };
        assert!(verify(&[key()], &other_id, BODY, now).is_err());
        let other_time = SignedHeaders {
            timestamp: "1614265331",
            ..headers(SIGNATURE)
        };
        assert!(verify(&[key()], &other_time, BODY, now).is_err());
    }

    #[test]
    fn new_secrets_are_whsec_and_32_random_bytes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(secret_key(&a).unwrap().len(), SECRET_KEY_BYTES);
        assert!(secret_key("whsec_").is_none());
        assert!(secret_key("sk_abc").is_none());
    }
}
