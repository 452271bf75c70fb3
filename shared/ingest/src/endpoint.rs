//! Ingest endpoints: where a payment engine posts a business's events, and the secrets
//! it signs them with. The secret itself is stored (verifying an HMAC needs the key, so
//! a hash would not do); only the merchant's create and rotate answers ever show it.

use crate::IngestEndpointId;
use crate::signature;
use chrono::{DateTime, Duration, Utc};
use platform::ids::BusinessId;
use serde::{Deserialize, Serialize};

/// A business's endpoints are few (one per engine account or environment).
pub const ENDPOINTS_PER_BUSINESS_MAX: u32 = 10;

/// How long the secret before a rotation keeps verifying: the time to reconfigure the
/// engine without losing events.
pub const ROTATION_OVERLAP: Duration = Duration::hours(24);

/// An endpoint as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEndpoint {
    pub ingest_endpoint_id: IngestEndpointId,
    pub business_id: BusinessId,
    pub secret: String,
    /// The secret before the last rotation, verifying until `previous_secret_expires_at`.
    #[serde(default)]
    pub previous_secret: Option<String>,
    #[serde(default)]
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    pub created_at: String,
    #[serde(default)]
    pub secret_rotated_at: Option<String>,
}

impl StoredEndpoint {
    pub fn new(business: BusinessId, created_at: String) -> Self {
        StoredEndpoint {
            ingest_endpoint_id: IngestEndpointId::new(),
            business_id: business,
            secret: signature::new_secret(),
            previous_secret: None,
            previous_secret_expires_at: None,
            created_at,
            secret_rotated_at: None,
        }
    }

    /// The HMAC keys a delivery may be signed with at `now`: the current secret's, and
    /// the previous one's while its overlap lasts.
    pub fn accepted_keys(&self, now: DateTime<Utc>) -> Vec<Vec<u8>> {
        let previous = match (&self.previous_secret, self.previous_secret_expires_at) {
            (Some(secret), Some(expires_at)) if now < expires_at => Some(secret),
            _ => None,
        };
        std::iter::once(&self.secret)
            .chain(previous)
            .filter_map(|secret| signature::secret_key(secret))
            .collect()
    }

    pub fn summary(&self, base_url: &str) -> EndpointSummary {
        EndpointSummary {
            ingest_endpoint_id: self.ingest_endpoint_id.clone(),
            url: endpoint_url(base_url, &self.ingest_endpoint_id),
            created_at: self.created_at.clone(),
            secret_rotated_at: self.secret_rotated_at.clone(),
        }
    }
}

/// Where the engine posts: `POST {base}/ingest/{ingest_endpoint_id}`.
pub fn endpoint_url(base_url: &str, endpoint: &IngestEndpointId) -> String {
    format!("{}/ingest/{endpoint}", base_url.trim_end_matches('/'))
}

/// `POST /ingest-endpoints`: the only answer besides a rotation's that shows a secret.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedEndpoint {
    pub ingest_endpoint_id: IngestEndpointId,
    pub business_id: BusinessId,
    pub url: String,
    pub secret: String,
    pub created_at: String,
}

/// An endpoint as listed: no secret.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointSummary {
    pub ingest_endpoint_id: IngestEndpointId,
    pub url: String,
    pub created_at: String,
    pub secret_rotated_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndpointList {
    pub items: Vec<EndpointSummary>,
}

/// `POST /ingest-endpoints/{id}/rotate-secret`.
#[derive(Debug, Clone, Serialize)]
pub struct RotatedSecret {
    pub ingest_endpoint_id: IngestEndpointId,
    pub secret: String,
    /// Until when the previous secret still verifies.
    pub previous_secret_expires_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint() -> StoredEndpoint {
        StoredEndpoint::new(BusinessId::parse("bus_1").unwrap(), "now".into())
    }

    #[test]
    fn the_previous_secret_verifies_only_until_its_expiry() {
        let rotated_at = Utc::now();
        let mut e = endpoint();
        let old = e.secret.clone();
        e.previous_secret = Some(old.clone());
        e.previous_secret_expires_at = Some(rotated_at + ROTATION_OVERLAP);
        e.secret = signature::new_secret();
        let old_key = signature::secret_key(&old).unwrap();
        let new_key = signature::secret_key(&e.secret).unwrap();
        let within = e.accepted_keys(rotated_at + Duration::hours(23));
        assert_eq!(within, vec![new_key.clone(), old_key]);
        let after = e.accepted_keys(rotated_at + ROTATION_OVERLAP);
        assert_eq!(after, vec![new_key]);
    }

    #[test]
    fn urls_join_the_base_and_the_id() {
        let e = endpoint();
        assert_eq!(
            e.summary("https://api.example.com/").url,
            format!("https://api.example.com/ingest/{}", e.ingest_endpoint_id)
        );
    }
}
