//! The licensing context: a business's license keys (imported here or announced by the
//! payment engine's `license_key.created` event), their activated instances, and the
//! public licence calls the merchant's shipped software makes with the key itself as
//! the credential (activate, deactivate, validate).

pub mod handlers;
pub mod inbound;
pub mod keys;
pub mod license_key;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod rate_limit;
pub mod routes;
pub mod service;
pub mod store;

platform::id_type!(
    /// A license key (`lic_...`), as Dodo names it.
    LicenseKeyId,
    "lic_"
);

platform::id_type!(
    /// An activation of a license key on one device (`lki_...`).
    LicenseKeyInstanceId,
    "lki_"
);

impl LicenseKeyInstanceId {
    /// A fresh id whose text sorts by creation time (UUID v7: milliseconds first), so
    /// the instance indexes can sort by id and still find one instance by its id.
    pub fn time_ordered() -> Self {
        LicenseKeyInstanceId::parse(&format!(
            "{}{}",
            Self::PREFIX,
            uuid::Uuid::now_v7().simple()
        ))
        .expect("a v7 uuid in hex is id-shaped")
    }
}
