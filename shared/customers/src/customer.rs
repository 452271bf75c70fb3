//! Customers: the wire object, and parsing of create and update bodies. A value of
//! [`NewCustomer`] or [`CustomerPatch`] is valid by construction.

use crate::CustomerId;
use platform::ids::BusinessId;
use platform::json::parse_json_object;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

pub const NAME_MAX_CHARS: usize = 80;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const PHONE_MIN_CHARS: usize = 7;
pub const PHONE_MAX_CHARS: usize = 32;
pub const METADATA_MAX_KEYS: usize = 50;
pub const METADATA_KEY_MAX_CHARS: usize = 40;
pub const METADATA_VALUE_MAX_CHARS: usize = 500;

/// The locales api.md allows for `preferred_locale`.
pub const LOCALES: &[&str] = &[
    "ar", "ca", "zh", "nl", "en", "fr", "de", "he", "id", "it", "ja", "ka", "ko", "ms", "pl", "pt",
    "ro", "ru", "es", "sv", "th", "tr",
];

pub type Metadata = Map<String, Value>;

/// The `Customer` object exactly as the official SDK reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub customer_id: CustomerId,
    pub business_id: BusinessId,
    pub name: String,
    pub email: String,
    pub phone_number: Option<String>,
    pub metadata: Metadata,
    pub created_at: String,
    pub preferred_locale: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CreateCustomerBody {
    name: String,
    email: String,
    #[serde(default)]
    phone_number: Option<String>,
    #[serde(default)]
    metadata: Option<Metadata>,
    #[serde(default)]
    preferred_locale: Option<String>,
}

/// A validated `POST /customers` body.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCustomer {
    pub name: String,
    pub email: String,
    pub phone_number: Option<String>,
    pub metadata: Metadata,
    pub preferred_locale: Option<String>,
}

impl NewCustomer {
    pub fn parse(body: &[u8]) -> Result<Self, InvalidCustomer> {
        let body: CreateCustomerBody = json(body)?;
        Ok(NewCustomer {
            name: parse_name(body.name)?,
            email: parse_email(body.email)?,
            phone_number: body.phone_number.map(parse_phone).transpose()?,
            metadata: body
                .metadata
                .map(parse_metadata)
                .transpose()?
                .unwrap_or_default(),
            preferred_locale: body.preferred_locale.map(parse_locale).transpose()?,
        })
    }

    pub fn into_customer(
        self,
        customer_id: CustomerId,
        business_id: BusinessId,
        created_at: String,
    ) -> Customer {
        Customer {
            customer_id,
            business_id,
            name: self.name,
            email: self.email,
            phone_number: self.phone_number,
            metadata: self.metadata,
            created_at,
            preferred_locale: self.preferred_locale,
        }
    }
}

/// Distinguishes a field that is absent (`None`) from one sent as `null` (`Some(None)`).
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
struct PatchCustomerBody {
    #[serde(default, deserialize_with = "present")]
    name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    phone_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    metadata: Option<Option<Metadata>>,
    #[serde(default, deserialize_with = "present")]
    preferred_locale: Option<Option<String>>,
}

/// A validated `PATCH /customers/{id}` body: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerPatch {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<Option<String>>,
    pub metadata: Option<Metadata>,
    pub preferred_locale: Option<Option<String>>,
}

impl CustomerPatch {
    /// `name` and `email` cannot be cleared, so a `null` for them changes nothing;
    /// `null` clears `phone_number` and `preferred_locale`, and empties `metadata`.
    pub fn parse(body: &[u8]) -> Result<Self, InvalidCustomer> {
        let body: PatchCustomerBody = json(body)?;
        Ok(CustomerPatch {
            name: body.name.flatten().map(parse_name).transpose()?,
            email: body.email.flatten().map(parse_email).transpose()?,
            phone_number: body
                .phone_number
                .map(|p| p.map(parse_phone).transpose())
                .transpose()?,
            metadata: body
                .metadata
                .map(|m| {
                    m.map(parse_metadata)
                        .transpose()
                        .map(Option::unwrap_or_default)
                })
                .transpose()?,
            preferred_locale: body
                .preferred_locale
                .map(|l| l.map(parse_locale).transpose())
                .transpose()?,
        })
    }

    pub fn apply(&self, customer: &mut Customer) {
        if let Some(name) = &self.name {
            customer.name = name.clone();
        }
        if let Some(email) = &self.email {
            customer.email = email.clone();
        }
        if let Some(phone) = &self.phone_number {
            customer.phone_number = phone.clone();
        }
        if let Some(metadata) = &self.metadata {
            customer.metadata = metadata.clone();
        }
        if let Some(locale) = &self.preferred_locale {
            customer.preferred_locale = locale.clone();
        }
    }
}

/// Why a customer's fields are refused, in the customers context's terms; the context's
/// handlers turn it into the API's error (`handlers::mod`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidCustomer {
    /// Not the JSON the API takes (its shape or a value's type).
    Body(String),
    /// A field outside its rules; the text says which and why.
    Field(String),
    TooManyMetadataKeys,
}

fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, InvalidCustomer> {
    parse_json_object(body).map_err(|e| InvalidCustomer::Body(e.message()))
}

fn invalid(message: impl Into<String>) -> InvalidCustomer {
    InvalidCustomer::Field(message.into())
}

pub fn parse_name(name: String) -> Result<String, InvalidCustomer> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(invalid("name must not be empty"));
    }
    if trimmed.chars().count() > NAME_MAX_CHARS {
        return Err(invalid(format!(
            "name must be at most {NAME_MAX_CHARS} characters"
        )));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(invalid("name must not contain control characters"));
    }
    Ok(trimmed.to_string())
}

/// A pragmatic address check (one `@`, a dotted domain, no spaces); deliverability is the
/// mail system's job, not a regex's.
pub fn parse_email(email: String) -> Result<String, InvalidCustomer> {
    let email = email.trim().to_string();
    let well_formed = email.chars().count() <= EMAIL_MAX_CHARS
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && local.len() <= 64
                    && !domain.contains('@')
                    && domain.contains('.')
                    && domain.split('.').all(|label| !label.is_empty())
            }
            None => false,
        };
    if well_formed {
        Ok(email)
    } else {
        Err(invalid("email is not a valid email address"))
    }
}

pub fn parse_phone(phone: String) -> Result<String, InvalidCustomer> {
    let phone = phone.trim().to_string();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " ().-".contains(c) || (i == 0 && c == '+'));
    if allowed
        && (PHONE_MIN_CHARS..=PHONE_MAX_CHARS).contains(&phone.len())
        && digits >= PHONE_MIN_CHARS
    {
        Ok(phone)
    } else {
        Err(invalid(format!(
            "phone_number must be {PHONE_MIN_CHARS} to {PHONE_MAX_CHARS} characters of digits, spaces, ().- and a leading +"
        )))
    }
}

pub fn parse_locale(locale: String) -> Result<String, InvalidCustomer> {
    if LOCALES.contains(&locale.as_str()) {
        Ok(locale)
    } else {
        Err(invalid(format!(
            "preferred_locale must be one of {}",
            LOCALES.join(", ")
        )))
    }
}

pub fn parse_metadata(metadata: Metadata) -> Result<Metadata, InvalidCustomer> {
    if metadata.len() > METADATA_MAX_KEYS {
        return Err(InvalidCustomer::TooManyMetadataKeys);
    }
    for (key, value) in &metadata {
        if key.is_empty() || key.chars().count() > METADATA_KEY_MAX_CHARS {
            return Err(invalid(format!(
                "metadata keys must be 1 to {METADATA_KEY_MAX_CHARS} characters"
            )));
        }
        match value {
            Value::String(s) if s.chars().count() > METADATA_VALUE_MAX_CHARS => {
                return Err(invalid(format!(
                    "metadata values must be at most {METADATA_VALUE_MAX_CHARS} characters"
                )));
            }
            Value::Number(number) if !storable_number(number) => {
                return Err(invalid(
                    "metadata numbers must be zero or between 1e-130 and 9.9e125 in magnitude",
                ));
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {}
            _ => {
                return Err(InvalidCustomer::Body(
                    "metadata values must be strings, numbers or booleans".into(),
                ));
            }
        }
    }
    Ok(metadata)
}

/// DynamoDB numbers span 1e-130 to 9.99e125 in magnitude (and zero); a JSON number
/// outside that range could be accepted here and then refused by the database.
fn storable_number(number: &serde_json::Number) -> bool {
    const SMALLEST: f64 = 1e-130;
    const LARGEST: f64 = 9.9e125;
    match number.as_f64() {
        Some(x) => x == 0.0 || (SMALLEST..=LARGEST).contains(&x.abs()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(result: Result<impl std::fmt::Debug, InvalidCustomer>) -> &'static str {
        platform::error::ApiError::from(result.unwrap_err()).code()
    }

    #[test]
    fn create_parses_a_full_body() {
        let c = NewCustomer::parse(
            br#"{"name":" Ada Lovelace ","email":"ada@example.com","phone_number":"+44 20 7946 0958",
                "metadata":{"tier":"gold","n":3,"vip":true},"preferred_locale":"fr"}"#,
        )
        .unwrap();
        assert_eq!(c.name, "Ada Lovelace");
        assert_eq!(c.metadata.len(), 3);
        assert_eq!(c.preferred_locale.as_deref(), Some("fr"));
    }

    #[test]
    fn create_refuses_bad_bodies_with_the_documented_codes() {
        assert_eq!(
            code(NewCustomer::parse(b"not json")),
            "INVALID_REQUEST_BODY"
        );
        assert_eq!(code(NewCustomer::parse(b"[1]")), "INVALID_REQUEST_BODY");
        assert_eq!(
            code(NewCustomer::parse(br#"{"email":"a@b.co"}"#)),
            "INVALID_REQUEST_BODY"
        );
        assert_eq!(
            code(NewCustomer::parse(br#"{"name":1,"email":"a@b.co"}"#)),
            "INVALID_REQUEST_BODY"
        );
        assert_eq!(
            code(NewCustomer::parse(br#"{"name":"  ","email":"a@b.co"}"#)),
            "INVALID_REQUEST_PARAMETERS"
        );
        assert_eq!(
            code(NewCustomer::parse(br#"{"name":"A","email":"nope"}"#)),
            "INVALID_REQUEST_PARAMETERS"
        );
        assert_eq!(
            code(NewCustomer::parse(
                br#"{"name":"A","email":"a@b.co","preferred_locale":"xx"}"#
            )),
            "INVALID_REQUEST_PARAMETERS"
        );
        let long_name = format!(
            r#"{{"name":"{}","email":"a@b.co"}}"#,
            "x".repeat(NAME_MAX_CHARS + 1)
        );
        assert_eq!(
            code(NewCustomer::parse(long_name.as_bytes())),
            "INVALID_REQUEST_PARAMETERS"
        );
        let nested = br#"{"name":"A","email":"a@b.co","metadata":{"k":{"x":1}}}"#;
        assert_eq!(code(NewCustomer::parse(nested)), "INVALID_REQUEST_BODY");
    }

    #[test]
    fn metadata_is_bounded() {
        let keys = |n: usize| {
            (0..n)
                .map(|i| (format!("k{i}"), Value::from(i)))
                .collect::<Metadata>()
        };
        assert!(parse_metadata(keys(METADATA_MAX_KEYS)).is_ok());
        assert_eq!(
            code(parse_metadata(keys(METADATA_MAX_KEYS + 1))),
            "MAXIMUM_KEYS_REACHED"
        );
        for out_of_range in ["1e200", "-1e-200"] {
            let metadata: Metadata =
                serde_json::from_str(&format!(r#"{{"k":{out_of_range}}}"#)).unwrap();
            assert_eq!(
                code(parse_metadata(metadata)),
                "INVALID_REQUEST_PARAMETERS",
                "{out_of_range}"
            );
        }
        let in_range: Metadata =
            serde_json::from_str(r#"{"a":0,"b":-2.5,"c":5.6e124,"d":12345678901234}"#).unwrap();
        assert!(parse_metadata(in_range).is_ok());
        let long_value: Metadata = [("k".to_string(), Value::from("v".repeat(501)))]
            .into_iter()
            .collect();
        assert_eq!(
            code(parse_metadata(long_value)),
            "INVALID_REQUEST_PARAMETERS"
        );
    }

    #[test]
    fn emails_and_phones_are_checked() {
        for ok in ["a@b.co", "first.last+tag@sub.example.org"] {
            assert!(parse_email(ok.into()).is_ok(), "{ok}");
        }
        for bad in ["", "a@", "@b.co", "a@b", "a b@c.de", "a@b@c.de", "a@.co"] {
            assert!(parse_email(bad.into()).is_err(), "{bad}");
        }
        assert!(parse_phone("+1 (415) 555-0100".into()).is_ok());
        for bad in ["123", "call me", "++1234567", "1+234567"] {
            assert!(parse_phone(bad.into()).is_err(), "{bad}");
        }
    }

    #[test]
    fn patch_distinguishes_absent_from_null() {
        let patch = CustomerPatch::parse(br#"{"phone_number":null,"name":"New"}"#).unwrap();
        assert_eq!(patch.phone_number, Some(None));
        assert_eq!(patch.preferred_locale, None);
        let mut customer = NewCustomer::parse(br#"{"name":"Old","email":"a@b.co","phone_number":"+15550100200","preferred_locale":"de"}"#)
            .unwrap()
            .into_customer(
                CustomerId::parse("cus_1").unwrap(),
                BusinessId::parse("bus_1").unwrap(),
                "t".into(),
            );
        patch.apply(&mut customer);
        assert_eq!(customer.name, "New");
        assert_eq!(customer.phone_number, None);
        assert_eq!(customer.preferred_locale.as_deref(), Some("de"));
        let cleared = CustomerPatch::parse(br#"{"metadata":null,"name":null}"#).unwrap();
        assert_eq!(cleared.metadata, Some(Metadata::new()));
        assert_eq!(cleared.name, None);
    }
}
