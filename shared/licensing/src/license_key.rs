//! License keys and their instances: the wire objects exactly as the official SDK reads
//! them, the record the table keeps, and the rules of import, update, activation and
//! validation. Values of [`NewLicenseKey`], [`LicenseKeyPatch`] and [`InstanceName`] are
//! valid by construction.

use crate::{LicenseKeyId, LicenseKeyInstanceId};
use customers::CustomerId;
use customers::customer::Metadata;
use platform::ids::BusinessId;
use platform::json::parse_json_object;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

/// Imported key strings: long enough not to be guessed in a few tries, short enough to
/// type, and never whitespace at either end (a pasted key keeps working).
pub const KEY_MIN_CHARS: usize = 8;
pub const KEY_MAX_CHARS: usize = 256;
pub const PRODUCT_ID_MAX_CHARS: usize = 64;
pub const ACTIVATIONS_LIMIT_MAX: u32 = 100_000;
pub const INSTANCE_NAME_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Made by the payment engine (a payment or subscription).
    Auto,
    /// Imported by the merchant (`POST /license_keys`).
    Import,
    Manual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Expired,
    Disabled,
}

/// Dodo's `LicenseKey`, exactly as the official SDK reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenseKey {
    pub id: LicenseKeyId,
    pub brand_id: String,
    pub business_id: BusinessId,
    pub created_at: String,
    pub customer_id: CustomerId,
    pub instances_count: u32,
    pub key: String,
    pub product_id: String,
    pub source: Source,
    pub status: Status,
    pub activations_limit: Option<u32>,
    pub expires_at: Option<String>,
    pub payment_id: Option<String>,
    pub subscription_id: Option<String>,
}

/// A license key as the table keeps it, twice (the base item and the lookup by key
/// string, `store`): `disabled` is stored and the status derived, because `expired`
/// depends on the time of the question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenseKeyRecord {
    pub id: LicenseKeyId,
    pub key: String,
    pub business_id: BusinessId,
    pub brand_id: String,
    pub customer_id: CustomerId,
    pub product_id: String,
    pub source: Source,
    /// Absent means unlimited, so the activation condition can test `attribute_not_exists`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activations_limit: Option<u32>,
    pub instances_count: u32,
    /// Stored under another name: `expires_at` is the table's TTL attribute.
    #[serde(
        default,
        rename = "key_expires_at",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_at: Option<String>,
    pub payment_id: Option<String>,
    pub subscription_id: Option<String>,
    pub created_at: String,
    pub disabled: bool,
}

impl LicenseKeyRecord {
    /// `now` and `expires_at` are both `platform::time::format`ted, so they compare as text.
    pub fn status(&self, now: &str) -> Status {
        if self.disabled {
            Status::Disabled
        } else if self.expires_at.as_deref().is_some_and(|e| e <= now) {
            Status::Expired
        } else {
            Status::Active
        }
    }

    pub fn to_wire(&self, now: &str) -> LicenseKey {
        LicenseKey {
            id: self.id.clone(),
            brand_id: self.brand_id.clone(),
            business_id: self.business_id.clone(),
            created_at: self.created_at.clone(),
            customer_id: self.customer_id.clone(),
            instances_count: self.instances_count,
            key: self.key.clone(),
            product_id: self.product_id.clone(),
            source: self.source,
            status: self.status(now),
            activations_limit: self.activations_limit,
            expires_at: self.expires_at.clone(),
            payment_id: self.payment_id.clone(),
            subscription_id: self.subscription_id.clone(),
        }
    }

    /// Why a new activation is refused, judged on this record; the activation's
    /// transaction checks the same conditions on the stored item.
    pub fn activation_refusal(&self, now: &str) -> Option<LicensingError> {
        match self.status(now) {
            Status::Disabled => Some(LicensingError::Disabled),
            Status::Expired => Some(LicensingError::Expired),
            Status::Active
                if self
                    .activations_limit
                    .is_some_and(|limit| self.instances_count >= limit) =>
            {
                Some(LicensingError::ActivationLimitReached)
            }
            Status::Active => None,
        }
    }
}

/// Dodo's `LicenseKeyInstance`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenseKeyInstance {
    pub id: LicenseKeyInstanceId,
    pub business_id: BusinessId,
    pub created_at: String,
    pub license_key_id: LicenseKeyId,
    pub name: String,
}

/// Dodo's `LicenseActivateResponse`: the instance, with the key's customer and product.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivatedInstance {
    #[serde(flatten)]
    pub instance: LicenseKeyInstance,
    pub customer: CustomerDetails,
    pub product: ProductDetails,
}

/// Dodo's `CustomerLimitedDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerDetails {
    pub customer_id: CustomerId,
    pub email: String,
    pub name: String,
    pub metadata: Metadata,
    pub phone_number: Option<String>,
}

/// This service keeps no products: a key names its product by id only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductDetails {
    pub product_id: String,
    pub name: Option<String>,
}

/// Every way a licensing request fails, in this context's terms; `handlers` maps them
/// to the API's errors.
#[derive(Debug)]
pub enum LicensingError {
    /// Not the JSON the API takes.
    Body(String),
    /// A field outside its rules.
    Field(String),
    NotFound,
    /// The key string is already some license key's (of any business).
    KeyInUse,
    Disabled,
    Expired,
    ActivationLimitReached,
    RateLimited,
    /// Concurrent writers kept winning; a retry can succeed.
    Busy,
    Store(platform::dynamo::StoreError),
}

impl From<platform::dynamo::StoreError> for LicensingError {
    fn from(e: platform::dynamo::StoreError) -> Self {
        LicensingError::Store(e)
    }
}

fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, LicensingError> {
    parse_json_object(body).map_err(|e| LicensingError::Body(e.message()))
}

fn invalid(message: impl Into<String>) -> LicensingError {
    LicensingError::Field(message.into())
}

/// Distinguishes a field that is absent (`None`) from one sent as `null` (`Some(None)`).
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

pub fn parse_key_string(key: String) -> Result<String, LicensingError> {
    let chars = key.chars().count();
    if !(KEY_MIN_CHARS..=KEY_MAX_CHARS).contains(&chars) {
        return Err(invalid(format!(
            "key must be {KEY_MIN_CHARS} to {KEY_MAX_CHARS} characters"
        )));
    }
    if key.trim() != key || key.chars().any(char::is_control) {
        return Err(invalid(
            "key must not start or end with whitespace or contain control characters",
        ));
    }
    Ok(key)
}

pub fn parse_product_id(product_id: String) -> Result<String, LicensingError> {
    let shaped = (1..=PRODUCT_ID_MAX_CHARS).contains(&product_id.len())
        && product_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if shaped {
        Ok(product_id)
    } else {
        Err(invalid(format!(
            "product_id must be 1 to {PRODUCT_ID_MAX_CHARS} letters, digits, '_' or '-'"
        )))
    }
}

fn parse_activations_limit(limit: i64) -> Result<u32, LicensingError> {
    u32::try_from(limit)
        .ok()
        .filter(|l| (1..=ACTIVATIONS_LIMIT_MAX).contains(l))
        .ok_or_else(|| {
            invalid(format!(
                "activations_limit must be from 1 to {ACTIVATIONS_LIMIT_MAX}, or null for unlimited"
            ))
        })
}

/// An instant as the table keeps it (`platform::time::format`), from any RFC 3339 text.
pub fn parse_instant(raw: &str, field: &str) -> Result<String, LicensingError> {
    chrono::DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| platform::time::format(t.with_timezone(&chrono::Utc)))
        .map_err(|_| invalid(format!("{field} must be an RFC 3339 timestamp")))
}

#[derive(Debug, Deserialize)]
struct ImportBody {
    customer_id: String,
    product_id: String,
    key: String,
    #[serde(default)]
    activations_limit: Option<i64>,
    #[serde(default)]
    expires_at: Option<String>,
}

/// A validated `POST /license_keys` body (an import).
#[derive(Debug, Clone, PartialEq)]
pub struct NewLicenseKey {
    pub customer_id: CustomerId,
    pub product_id: String,
    pub key: String,
    pub activations_limit: Option<u32>,
    pub expires_at: Option<String>,
}

impl NewLicenseKey {
    pub fn parse(body: &[u8]) -> Result<Self, LicensingError> {
        let body: ImportBody = json(body)?;
        Ok(NewLicenseKey {
            // A malformed id names no customer of this business.
            customer_id: CustomerId::parse(&body.customer_id).ok_or(LicensingError::NotFound)?,
            product_id: parse_product_id(body.product_id)?,
            key: parse_key_string(body.key)?,
            activations_limit: body
                .activations_limit
                .map(parse_activations_limit)
                .transpose()?,
            expires_at: body
                .expires_at
                .map(|e| parse_instant(&e, "expires_at"))
                .transpose()?,
        })
    }

    /// The record of an imported key. Dodo keys belong to a brand; this service has
    /// none, so an imported key's brand is its business.
    pub fn into_record(self, business: BusinessId, created_at: String) -> LicenseKeyRecord {
        LicenseKeyRecord {
            id: LicenseKeyId::new(),
            key: self.key,
            brand_id: business.to_string(),
            business_id: business,
            customer_id: self.customer_id,
            product_id: self.product_id,
            source: Source::Import,
            activations_limit: self.activations_limit,
            instances_count: 0,
            expires_at: self.expires_at,
            payment_id: None,
            subscription_id: None,
            created_at,
            disabled: false,
        }
    }
}

#[derive(Debug, Deserialize)]
struct PatchBody {
    #[serde(default, deserialize_with = "present")]
    activations_limit: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    disabled: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    expires_at: Option<Option<String>>,
}

/// A validated `PATCH /license_keys/{id}` body: `None` leaves a field as it is;
/// `Some(None)` removes the limit or the expiry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LicenseKeyPatch {
    pub activations_limit: Option<Option<u32>>,
    pub disabled: Option<bool>,
    pub expires_at: Option<Option<String>>,
}

impl LicenseKeyPatch {
    /// `disabled: null` changes nothing, as the SDK documents.
    pub fn parse(body: &[u8]) -> Result<Self, LicensingError> {
        let body: PatchBody = json(body)?;
        Ok(LicenseKeyPatch {
            activations_limit: body
                .activations_limit
                .map(|l| l.map(parse_activations_limit).transpose())
                .transpose()?,
            disabled: body.disabled.flatten(),
            expires_at: body
                .expires_at
                .map(|e| e.map(|e| parse_instant(&e, "expires_at")).transpose())
                .transpose()?,
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == LicenseKeyPatch::default()
    }

    pub fn apply(&self, record: &mut LicenseKeyRecord) {
        if let Some(limit) = self.activations_limit {
            record.activations_limit = limit;
        }
        if let Some(disabled) = self.disabled {
            record.disabled = disabled;
        }
        if let Some(expires_at) = &self.expires_at {
            record.expires_at.clone_from(expires_at);
        }
    }
}

/// An instance's name: what the merchant's software calls the device.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceName(String);

impl InstanceName {
    pub fn parse(name: String) -> Result<Self, LicensingError> {
        let name = name.trim().to_string();
        let chars = name.chars().count();
        if !(1..=INSTANCE_NAME_MAX_CHARS).contains(&chars) || name.chars().any(char::is_control) {
            return Err(invalid(format!(
                "name must be 1 to {INSTANCE_NAME_MAX_CHARS} characters, without control characters"
            )));
        }
        Ok(InstanceName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Deserialize)]
struct RenameBody {
    name: String,
}

pub fn parse_rename(body: &[u8]) -> Result<InstanceName, LicensingError> {
    InstanceName::parse(json::<RenameBody>(body)?.name)
}

/// What a public licence call carries. The key string is the credential: an absent one
/// is looked up like any wrong one (as the empty string), so the answer to a missing key
/// and to a wrong key is the same, after the same one read.
#[derive(Debug, Deserialize)]
pub struct LicenceCall {
    #[serde(default)]
    pub license_key: Option<String>,
    #[serde(default)]
    pub license_key_instance_id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

impl LicenceCall {
    pub fn parse(body: &[u8]) -> Result<Self, LicensingError> {
        json(body)
    }

    pub fn key(&self) -> &str {
        self.license_key.as_deref().unwrap_or_default()
    }

    /// The instance the call names, if it names one; a malformed id is refused (it is
    /// not the credential, so refusing it before the read tells nothing of the key).
    pub fn instance_id(&self) -> Result<Option<LicenseKeyInstanceId>, LicensingError> {
        self.license_key_instance_id
            .as_deref()
            .map(|id| {
                LicenseKeyInstanceId::parse(id).ok_or_else(|| {
                    invalid("license_key_instance_id must be a license key instance id (lki_...)")
                })
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-06-01T00:00:00.000000Z";

    fn record() -> LicenseKeyRecord {
        NewLicenseKey {
            customer_id: CustomerId::parse("cus_1").unwrap(),
            product_id: "pdt_1".into(),
            key: "ABCD-EFGH-1234".into(),
            activations_limit: Some(2),
            expires_at: None,
        }
        .into_record(BusinessId::parse("bus_1").unwrap(), NOW.into())
    }

    #[test]
    fn status_is_disabled_before_expired_before_active() {
        let mut r = record();
        assert_eq!(r.status(NOW), Status::Active);
        r.expires_at = Some(NOW.into());
        assert_eq!(r.status(NOW), Status::Expired, "expiry is inclusive");
        assert_eq!(r.status("2026-05-31T23:59:59.999999Z"), Status::Active);
        r.disabled = true;
        assert_eq!(r.status(NOW), Status::Disabled);
    }

    #[test]
    fn activation_is_refused_at_the_limit_and_for_unusable_keys() {
        let mut r = record();
        assert!(r.activation_refusal(NOW).is_none());
        r.instances_count = 2;
        assert!(matches!(
            r.activation_refusal(NOW),
            Some(LicensingError::ActivationLimitReached)
        ));
        r.activations_limit = None;
        assert!(r.activation_refusal(NOW).is_none(), "no limit: unlimited");
        r.disabled = true;
        assert!(matches!(
            r.activation_refusal(NOW),
            Some(LicensingError::Disabled)
        ));
    }

    #[test]
    fn the_stored_record_keeps_the_expiry_off_the_ttl_attribute() {
        let mut r = record();
        r.expires_at = Some(NOW.into());
        let item = platform::dynamo::to_item(&r);
        assert!(item.contains_key("key_expires_at"));
        assert!(!item.contains_key(platform::dynamo::keys::EXPIRES_AT));
        assert!(!item.contains_key("activations_limit") || r.activations_limit.is_some());
        let back: LicenseKeyRecord = platform::dynamo::from_item(item).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn imports_are_checked_field_by_field() {
        let ok = NewLicenseKey::parse(
            br#"{"customer_id":"cus_1","product_id":"pdt_1","key":"KEY-0000-1111","activations_limit":3,"expires_at":"2030-01-01T00:00:00+02:00"}"#,
        )
        .unwrap();
        assert_eq!(ok.activations_limit, Some(3));
        assert_eq!(
            ok.expires_at.as_deref(),
            Some("2029-12-31T22:00:00.000000Z")
        );
        for (body, field_error) in [
            (
                r#"{"customer_id":"cus_1","product_id":"pdt_1","key":"short"}"#,
                true,
            ),
            (
                r#"{"customer_id":"cus_1","product_id":"pdt_1","key":" KEY-0000-1111"}"#,
                true,
            ),
            (
                r#"{"customer_id":"cus_1","product_id":"p d","key":"KEY-0000-1111"}"#,
                true,
            ),
            (
                r#"{"customer_id":"cus_1","product_id":"pdt_1","key":"KEY-0000-1111","activations_limit":0}"#,
                true,
            ),
            (
                r#"{"customer_id":"cus_1","product_id":"pdt_1","key":"KEY-0000-1111","expires_at":"soon"}"#,
                true,
            ),
            (r#"{"customer_id":"cus_1","product_id":"pdt_1"}"#, false),
            (r#"[]"#, false),
        ] {
            let e = NewLicenseKey::parse(body.as_bytes()).unwrap_err();
            assert_eq!(
                matches!(e, LicensingError::Field(_)),
                field_error,
                "{body}: {e:?}"
            );
        }
        assert!(matches!(
            NewLicenseKey::parse(
                br#"{"customer_id":"x#y","product_id":"p","key":"KEY-0000-1111"}"#
            ),
            Err(LicensingError::NotFound)
        ));
    }

    #[test]
    fn patches_tell_absent_from_null() {
        let p = LicenseKeyPatch::parse(br#"{"activations_limit":null,"disabled":null}"#).unwrap();
        assert_eq!(p.activations_limit, Some(None));
        assert_eq!(p.disabled, None);
        assert_eq!(p.expires_at, None);
        let mut r = record();
        p.apply(&mut r);
        assert_eq!(r.activations_limit, None);
        assert!(LicenseKeyPatch::parse(b"{}").unwrap().is_empty());
    }

    #[test]
    fn instance_names_are_trimmed_and_bounded() {
        assert_eq!(
            InstanceName::parse("  laptop ".into()).unwrap().as_str(),
            "laptop"
        );
        assert!(InstanceName::parse("   ".into()).is_err());
        assert!(InstanceName::parse("a".repeat(INSTANCE_NAME_MAX_CHARS + 1)).is_err());
    }
}
