//! Per-process state: built once at init (cold start), shared by every request.

use crate::auth::{self, ApiKeyCache, KeyClaim};
use crate::config::Config;
use crate::dynamo::keys::ItemKey;
use crate::dynamo::{Item, Store};
use crate::error::ApiError;
use crate::http::ApiRequest;
use crate::ids::BusinessId;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_dynamodb::types::TransactWriteItem;
use std::future::Future;
use std::time::Duration;

/// A DynamoDB call that hangs is cut off and retried (the SDK's standard retries), and
/// the whole call gives up well inside the functions' 10 s timeout, so the client gets
/// this API's error rather than API Gateway's. A cut-off ledger write is an "outcome
/// unknown" that `service::wallets` resolves by re-reading.
const DYNAMODB_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(2);
const DYNAMODB_OPERATION_TIMEOUT: Duration = Duration::from_secs(6);

pub struct AppState {
    pub store: Store,
    pub config: Config,
    pub api_keys: ApiKeyCache,
    /// For contexts that build other AWS clients on first use (only the functions that
    /// need one ever pay for it).
    sdk_config: SdkConfig,
}

impl AppState {
    pub async fn from_env() -> Result<AppState, String> {
        let config = Config::from_env()?;
        let sdk_config = aws_config::defaults(BehaviorVersion::latest()).load().await;
        let mut dynamodb = aws_sdk_dynamodb::config::Builder::from(&sdk_config).timeout_config(
            TimeoutConfig::builder()
                .operation_attempt_timeout(DYNAMODB_ATTEMPT_TIMEOUT)
                .operation_timeout(DYNAMODB_OPERATION_TIMEOUT)
                .build(),
        );
        if let Some(endpoint) = &config.dynamodb_endpoint {
            dynamodb = dynamodb.endpoint_url(endpoint);
            if sdk_config.credentials_provider().is_none()
                || std::env::var_os("AWS_ACCESS_KEY_ID").is_none()
            {
                // A local DynamoDB accepts any signature; this spares the credential chain's
                // instance-metadata probe, which hangs off AWS.
                dynamodb =
                    dynamodb.credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
                        "local", "local", None, None, "local",
                    ));
            }
            if sdk_config.region().is_none() {
                dynamodb = dynamodb.region(aws_sdk_dynamodb::config::Region::new("us-east-1"));
            }
        }
        let client = aws_sdk_dynamodb::Client::from_conf(dynamodb.build());
        Ok(AppState {
            store: Store::new(client, config.table_name.clone()),
            api_keys: ApiKeyCache::new(config.api_key_cache_ttl),
            config,
            sdk_config,
        })
    }

    /// The business whose API key the request carries (merchant routes), looked up before
    /// anything else: a cold function pays one GetItem first. The `*_with_key` methods
    /// below spare that round trip.
    pub async fn authenticate(&self, request: &ApiRequest) -> Result<BusinessId, ApiError> {
        let mut claim = self.key_claim(request).await?;
        auth::verify(&self.store, &self.api_keys, &mut claim).await?;
        Ok(claim.business().clone())
    }

    // --- Authentication that rides along the function's first request (platform::auth) ---

    /// What the request's API key claims: 401 without a key of either format. Without I/O
    /// for a key that names its business (verified already if this process knows it); a
    /// key of the first format is looked up here, before anything else.
    pub async fn key_claim(&self, request: &ApiRequest) -> Result<KeyClaim, ApiError> {
        auth::claim(&self.store, &self.api_keys, request).await
    }

    /// One item of the claimed business, read (strongly consistent) in one BatchGetItem
    /// with the key's item while the claim is unverified: the item is answered only if
    /// the key proves good, else 401.
    pub async fn get_with_key(
        &self,
        claim: &mut KeyClaim,
        item: &ItemKey,
    ) -> Result<Option<Item>, ApiError> {
        auth::get_with_key(&self.store, &self.api_keys, claim, item).await
    }

    /// Runs `work` (reads for the claimed business) while the key's item is read, and
    /// answers its result only if the key proves good, else 401. In AWS, two requests at
    /// once from a cold function open two connections: that is the price.
    pub async fn alongside_key<T>(
        &self,
        claim: &mut KeyClaim,
        work: impl Future<Output = Result<T, ApiError>>,
    ) -> Result<T, ApiError> {
        auth::alongside_key(&self.store, &self.api_keys, claim, work).await
    }

    /// Runs `actions` as one transaction with, while the claim is unverified, a
    /// ConditionCheck on the key's item added last: if that check fails, nothing is
    /// written and the answer is 401.
    pub async fn transact_with_key(
        &self,
        claim: &mut KeyClaim,
        actions: Vec<TransactWriteItem>,
    ) -> Result<(), ApiError> {
        auth::transact_with_key(&self.store, &self.api_keys, claim, actions).await
    }

    /// Checks the key's item that a caller fetched in its own BatchGetItem (it added
    /// [`KeyClaim::key_item`] to it and took the item back out with
    /// [`KeyClaim::take_key_item`]); 401 unless the key is good.
    pub fn prove_key(&self, claim: &mut KeyClaim, key_item: Option<Item>) -> Result<(), ApiError> {
        auth::prove(&self.api_keys, claim, key_item)
    }

    /// `result`, once the key is proven: an error found before any request could carry
    /// the proof (a malformed id or body) costs the key's GetItem, so that a caller
    /// without a good key gets 401 first, as with [`AppState::authenticate`].
    pub async fn after_key<T>(
        &self,
        claim: &mut KeyClaim,
        result: Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if result.is_err() {
            auth::verify(&self.store, &self.api_keys, claim).await?;
        }
        result
    }

    pub fn sdk_config(&self) -> &SdkConfig {
        &self.sdk_config
    }
}
