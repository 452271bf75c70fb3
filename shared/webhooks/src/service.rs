//! The endpoint API's operations: rules from [`crate::endpoint`] and
//! [`crate::url_rules`], storage in [`crate::store`].

use crate::WebhookId;
use crate::endpoint::{
    Endpoint, EndpointPatch, InvalidField, NewEndpoint, check_description, check_metadata,
    check_rate_limit, filter_types, merge_headers,
};
use crate::store::{self, EndpointStoreError};
use crate::url_rules::{self, UrlPolicy, UrlRefused};
use platform::app::AppState;
use platform::dynamo::StoreError;
use platform::ids::BusinessId;
use std::collections::BTreeMap;

pub const LIST_LIMIT_DEFAULT: usize = 50;
pub const LIST_LIMIT_MAX: usize = 100;

#[derive(Debug)]
pub enum WebhookError {
    Invalid(String),
    NotFound,
    LimitReached,
    Changed,
    Store(StoreError),
}

impl From<InvalidField> for WebhookError {
    fn from(e: InvalidField) -> Self {
        WebhookError::Invalid(e.0)
    }
}

impl From<UrlRefused> for WebhookError {
    fn from(e: UrlRefused) -> Self {
        WebhookError::Invalid(e.0)
    }
}

impl From<EndpointStoreError> for WebhookError {
    fn from(e: EndpointStoreError) -> Self {
        match e {
            EndpointStoreError::NotFound => WebhookError::NotFound,
            EndpointStoreError::LimitReached => WebhookError::LimitReached,
            EndpointStoreError::Changed => WebhookError::Changed,
            EndpointStoreError::Store(e) => WebhookError::Store(e),
        }
    }
}

/// The fields both a creation and an update may set, checked.
struct Settings {
    url: Option<String>,
    description: Option<String>,
    filter_types: Option<Vec<String>>,
    metadata: Option<BTreeMap<String, String>>,
    rate_limit: Option<u32>,
}

impl Settings {
    async fn check(self) -> Result<Settings, WebhookError> {
        if let Some(description) = &self.description {
            check_description(description)?;
        }
        if let Some(metadata) = &self.metadata {
            check_metadata(metadata)?;
        }
        if let Some(rate_limit) = self.rate_limit {
            check_rate_limit(rate_limit)?;
        }
        let filter_types = self.filter_types.map(filter_types).transpose()?;
        let url = match self.url {
            Some(url) => Some(url_rules::check(&url, UrlPolicy::from_env()).await?.into()),
            None => None,
        };
        Ok(Settings {
            url,
            filter_types,
            ..self
        })
    }
}

pub async fn create(
    state: &AppState,
    business: &BusinessId,
    new: NewEndpoint,
) -> Result<Endpoint, WebhookError> {
    let mut headers = BTreeMap::new();
    merge_headers(&mut headers, new.headers.unwrap_or_default())?;
    let settings = Settings {
        url: Some(new.url),
        description: new.description,
        filter_types: new.filter_types,
        metadata: new.metadata,
        rate_limit: new.rate_limit,
    }
    .check()
    .await?;
    let now = platform::time::format(platform::time::now());
    let endpoint = Endpoint {
        id: WebhookId::new(),
        url: settings.url.expect("a creation has a url"),
        description: settings.description.unwrap_or_default(),
        metadata: settings.metadata.unwrap_or_default(),
        disabled: new.disabled.unwrap_or(false),
        filter_types: settings.filter_types.unwrap_or_default(),
        rate_limit: settings.rate_limit,
        headers,
        secret: platform::standard_webhooks::new_secret(),
        created_at: now.clone(),
        updated_at: now,
        revision: 0,
    };
    store::create(&state.store, business, &endpoint).await?;
    Ok(endpoint)
}

pub async fn get(
    state: &AppState,
    business: &BusinessId,
    id: &WebhookId,
) -> Result<Endpoint, WebhookError> {
    Ok(store::get(&state.store, business, id).await?)
}

/// Reads the endpoint, applies `change` and writes it back unless it changed meanwhile.
async fn change(
    state: &AppState,
    business: &BusinessId,
    id: &WebhookId,
    change: impl FnOnce(&mut Endpoint) -> Result<(), WebhookError>,
) -> Result<Endpoint, WebhookError> {
    let read = store::get(&state.store, business, id).await?;
    let mut endpoint = read.clone();
    change(&mut endpoint)?;
    endpoint.revision = read.revision + 1;
    endpoint.updated_at = platform::time::format(platform::time::now());
    store::replace(&state.store, business, &read, &endpoint).await?;
    Ok(endpoint)
}

pub async fn update(
    state: &AppState,
    business: &BusinessId,
    id: &WebhookId,
    patch: EndpointPatch,
) -> Result<Endpoint, WebhookError> {
    let settings = Settings {
        url: patch.url,
        description: patch.description,
        filter_types: patch.filter_types,
        metadata: patch.metadata,
        rate_limit: patch.rate_limit,
    }
    .check()
    .await?;
    change(state, business, id, |endpoint| {
        let Settings {
            url,
            description,
            filter_types,
            metadata,
            rate_limit,
        } = settings;
        endpoint.url = url.unwrap_or(std::mem::take(&mut endpoint.url));
        endpoint.description = description.unwrap_or(std::mem::take(&mut endpoint.description));
        endpoint.filter_types = filter_types.unwrap_or(std::mem::take(&mut endpoint.filter_types));
        endpoint.metadata = metadata.unwrap_or(std::mem::take(&mut endpoint.metadata));
        endpoint.rate_limit = rate_limit.or(endpoint.rate_limit);
        endpoint.disabled = patch.disabled.unwrap_or(endpoint.disabled);
        Ok(())
    })
    .await
}

pub async fn update_headers(
    state: &AppState,
    business: &BusinessId,
    id: &WebhookId,
    added: BTreeMap<String, String>,
) -> Result<Endpoint, WebhookError> {
    change(state, business, id, |endpoint| {
        Ok(merge_headers(&mut endpoint.headers, added)?)
    })
    .await
}

pub async fn delete(
    state: &AppState,
    business: &BusinessId,
    id: &WebhookId,
) -> Result<(), WebhookError> {
    Ok(store::delete(&state.store, business, id).await?)
}

/// One page of endpoints in id order, and the iterator of the next (none on the last).
pub async fn list(
    state: &AppState,
    business: &BusinessId,
    after: Option<WebhookId>,
    limit: usize,
) -> Result<(Vec<Endpoint>, Option<WebhookId>), WebhookError> {
    let (endpoints, more) = store::list(&state.store, business, after.as_ref(), limit).await?;
    let next = more
        .then(|| endpoints.last().map(|e| e.id.clone()))
        .flatten();
    Ok((endpoints, next))
}
