//! The customer's license keys and the devices each is activated on, with the
//! deactivation of one (`GET /portal/api/license-keys`,
//! `GET /portal/api/license-keys/{license_key_id}/instances`,
//! `DELETE /portal/api/license-keys/{license_key_id}/instances/{instance_id}`).
//!
//! A key's instances load when the customer opens them, so the section itself costs one
//! Query; a key of another customer (or business) is not found on every route.

use super::Section;
use crate::i18n::Texts;
use crate::sessions::PortalSession;
use customers::CustomerId;
use licensing::license_key::{LicenceCall, LicenseKeyInstance, LicenseKeyRecord, Status};
use licensing::store::KeyFilter;
use licensing::{LicenseKeyId, LicenseKeyInstanceId};
use maud::{Markup, html};
use platform::app::AppState;
use platform::error::ApiError;
use platform::paging::{MAX_PAGE_SIZE, Page};
use serde::Serialize;

pub const SECTION: Section = Section {
    id: "licenses",
    title: "licenses-title",
    render,
    script: include_str!("licenses.js"),
};

fn render(t: &Texts) -> Markup {
    html! {
        ul.items data-items { li.muted { (t.text("portal-loading")) } }
        p.muted data-empty hidden { (t.text("licenses-empty")) }
        p.message data-message role="status" aria-live="polite" {}
    }
}

const ALL: Page = Page {
    offset: 0,
    size: MAX_PAGE_SIZE,
};

/// One key as the page shows it. The key string is sent whole: the page masks it until
/// the customer asks to see or copy it (it is theirs, and the session proves who they are).
#[derive(Debug, Serialize)]
pub struct PortalLicenseKey {
    pub id: LicenseKeyId,
    pub key: String,
    pub product_id: String,
    pub status: Status,
    pub expires_at: Option<String>,
    pub instances_count: u32,
    pub activations_limit: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct PortalLicenseKeys {
    pub items: Vec<PortalLicenseKey>,
}

/// One device a key is activated on.
#[derive(Debug, Serialize)]
pub struct PortalInstance {
    pub id: LicenseKeyInstanceId,
    pub name: String,
    pub created_at: String,
}

#[derive(Debug, Serialize)]
pub struct PortalInstances {
    pub items: Vec<PortalInstance>,
}

fn now() -> String {
    platform::time::format(platform::time::now())
}

/// The customer's keys, newest first: one Query of the customer's index.
pub async fn list(
    state: &AppState,
    session: &PortalSession,
) -> Result<PortalLicenseKeys, ApiError> {
    let now = now();
    let filter = KeyFilter {
        customer_id: Some(session.customer_id.clone()),
        ..KeyFilter::default()
    };
    let records =
        licensing::store::list_keys(&state.store, &session.business, &filter, ALL, &now).await?;
    Ok(PortalLicenseKeys {
        items: records
            .into_iter()
            .map(|record| PortalLicenseKey {
                status: record.status(&now),
                id: record.id,
                key: record.key,
                product_id: record.product_id,
                expires_at: record.expires_at,
                instances_count: record.instances_count,
                activations_limit: record.activations_limit,
            })
            .collect(),
    })
}

/// The session's customer's key `id`; any other is not found.
async fn own_key(
    state: &AppState,
    session: &PortalSession,
    id: &LicenseKeyId,
) -> Result<LicenseKeyRecord, ApiError> {
    let item = state
        .store
        .get(&licensing::keys::license_key(&session.business, id), true)
        .await?;
    owned(
        &session.customer_id,
        item.map(licensing::store::record_of).transpose()?,
    )
}

fn owned(
    customer: &CustomerId,
    record: Option<LicenseKeyRecord>,
) -> Result<LicenseKeyRecord, ApiError> {
    record
        .filter(|record| record.customer_id == *customer)
        .ok_or(ApiError::NotFound)
}

/// The devices key `id` is activated on, newest first. The key and its instances are
/// read at once (a GetItem and a Query); the instances are shown only if the key is the
/// customer's.
pub async fn instances(
    state: &AppState,
    session: &PortalSession,
    id: &LicenseKeyId,
) -> Result<PortalInstances, ApiError> {
    let (key, instances) = tokio::join!(
        own_key(state, session, id),
        licensing::store::list_instances(&state.store, &session.business, Some(id), ALL)
    );
    key?;
    Ok(PortalInstances {
        items: instances?
            .into_iter()
            .map(|instance: LicenseKeyInstance| PortalInstance {
                id: instance.id,
                name: instance.name,
                created_at: instance.created_at,
            })
            .collect(),
    })
}

/// Frees one activation of the customer's key, as the licence API's deactivation does
/// (the same transaction and rate limit); an instance of another key is not found.
pub async fn deactivate(
    state: &AppState,
    session: &PortalSession,
    id: &LicenseKeyId,
    instance: &LicenseKeyInstanceId,
) -> Result<(), ApiError> {
    let record = own_key(state, session, id).await?;
    let call = LicenceCall {
        license_key: Some(record.key),
        license_key_instance_id: Some(instance.to_string()),
        name: None,
    };
    Ok(licensing::service::deactivate(state, &call).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use licensing::license_key::Source;
    use platform::ids::BusinessId;

    fn record(customer: &str) -> LicenseKeyRecord {
        LicenseKeyRecord {
            id: LicenseKeyId::parse("lic_1").unwrap(),
            key: "KEY-1234-5678".into(),
            business_id: BusinessId::parse("bus_1").unwrap(),
            brand_id: "bus_1".into(),
            customer_id: CustomerId::parse(customer).unwrap(),
            product_id: "pdt_1".into(),
            source: Source::Import,
            activations_limit: Some(2),
            instances_count: 1,
            expires_at: None,
            payment_id: None,
            subscription_id: None,
            created_at: now(),
            disabled: false,
        }
    }

    #[test]
    fn only_the_sessions_customers_keys_are_found() {
        let customer = CustomerId::parse("cus_1").unwrap();
        assert!(owned(&customer, Some(record("cus_1"))).is_ok());
        assert!(matches!(
            owned(&customer, Some(record("cus_2"))),
            Err(ApiError::NotFound)
        ));
        assert!(matches!(owned(&customer, None), Err(ApiError::NotFound)));
    }
}
