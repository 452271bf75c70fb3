//! The merchant's ingest endpoints: create (the secret shown once), list, delete, rotate.

use crate::IngestEndpointId;
use crate::endpoint::{
    CreatedEndpoint, ENDPOINTS_PER_BUSINESS_MAX, EndpointList, ROTATION_OVERLAP, RotatedSecret,
    StoredEndpoint, endpoint_url,
};
use crate::signature;
use crate::store::{self, CreateRefused, KeptEvent};
use platform::app::AppState;
use platform::config;
use platform::error::ApiError;
use platform::http::ApiRequest;
use platform::ids::BusinessId;
use platform::paging::Page;
use platform::time;

/// Where the engine reaches this API: `INGEST_BASE_URL` when set (a custom domain, or
/// an API Gateway stage path), else the scheme and host the request came in on.
pub fn base_url(request: &ApiRequest) -> Result<String, ApiError> {
    if let Some(configured) = config::var("INGEST_BASE_URL") {
        return Ok(configured.trim_end_matches('/').to_string());
    }
    let https = request
        .header("x-forwarded-proto")
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
    let host = request
        .header("host")
        .filter(|host| {
            !host.is_empty()
                && host.len() <= 255
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .ok_or_else(|| {
            ApiError::internal("no usable Host header to build ingest URLs; set INGEST_BASE_URL")
        })?;
    Ok(format!("{}://{host}", if https { "https" } else { "http" }))
}

pub async fn create(
    state: &AppState,
    business: &BusinessId,
    base_url: &str,
) -> Result<CreatedEndpoint, ApiError> {
    let endpoint = StoredEndpoint::new(business.clone(), time::format(time::now()));
    match store::create_endpoint(&state.store, &endpoint).await {
        Ok(()) => Ok(CreatedEndpoint {
            url: endpoint_url(base_url, &endpoint.ingest_endpoint_id),
            ingest_endpoint_id: endpoint.ingest_endpoint_id,
            business_id: endpoint.business_id,
            secret: endpoint.secret,
            created_at: endpoint.created_at,
        }),
        Err(CreateRefused::LimitReached) => Err(ApiError::Conflict {
            code: "INGEST_ENDPOINT_LIMIT_REACHED",
            message: format!(
                "A business can have at most {ENDPOINTS_PER_BUSINESS_MAX} ingest endpoints; delete one first."
            ),
            retryable: false,
        }),
        Err(CreateRefused::Store(e)) => Err(e.into()),
    }
}

pub async fn list(
    state: &AppState,
    business: &BusinessId,
    base_url: &str,
) -> Result<EndpointList, ApiError> {
    let endpoints = store::endpoints(&state.store, business).await?;
    Ok(EndpointList {
        items: endpoints.iter().map(|e| e.summary(base_url)).collect(),
    })
}

pub async fn delete(
    state: &AppState,
    business: &BusinessId,
    endpoint: &IngestEndpointId,
) -> Result<(), ApiError> {
    if store::delete_endpoint(&state.store, business, endpoint).await? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

pub async fn rotate_secret(
    state: &AppState,
    business: &BusinessId,
    endpoint: &IngestEndpointId,
) -> Result<RotatedSecret, ApiError> {
    let now = time::now();
    let secret = signature::new_secret();
    let previous_expires_at = time::format(now + ROTATION_OVERLAP);
    let rotated = store::rotate_secret(
        &state.store,
        business,
        endpoint,
        &secret,
        &time::format(now),
        &previous_expires_at,
    )
    .await?;
    if !rotated {
        return Err(ApiError::NotFound);
    }
    Ok(RotatedSecret {
        ingest_endpoint_id: endpoint.clone(),
        secret,
        previous_secret_expires_at: previous_expires_at,
    })
}

/// An endpoint's kept events (audit), newest first; 404 for another business's endpoint.
pub async fn events(
    state: &AppState,
    business: &BusinessId,
    endpoint: &IngestEndpointId,
    page: Page,
) -> Result<Vec<KeptEvent>, ApiError> {
    let owned = store::endpoint(&state.store, endpoint)
        .await?
        .is_some_and(|e| &e.business_id == business);
    if !owned {
        return Err(ApiError::NotFound);
    }
    Ok(store::events(&state.store, endpoint, page, time::now().timestamp()).await?)
}
