//! Per-process state: built once at init (cold start), shared by every request.

use crate::auth::ApiKeyCache;
use crate::config::Config;
use crate::dynamo::Store;
use crate::error::ApiError;
use crate::http::ApiRequest;
use crate::ids::BusinessId;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, SdkConfig};
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

    /// The business whose API key the request carries (merchant routes).
    pub async fn authenticate(&self, request: &ApiRequest) -> Result<BusinessId, ApiError> {
        crate::auth::authenticate(&self.store, &self.api_keys, request).await
    }

    pub fn sdk_config(&self) -> &SdkConfig {
        &self.sdk_config
    }
}
