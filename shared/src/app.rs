//! Per-process state: built once at init (cold start), shared by every request.

use crate::auth::ApiKeyCache;
use crate::config::Config;
use crate::portal::mail::Mailer;
use crate::service::wallets::WalletCache;
use crate::storage::Store;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, SdkConfig};
use std::sync::OnceLock;
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
    pub wallets: WalletCache,
    sdk_config: SdkConfig,
    /// Built on first use, so only the functions that send e-mail ever build an SES client.
    mailer: OnceLock<Option<Mailer>>,
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
            config,
            api_keys: ApiKeyCache::default(),
            wallets: WalletCache::default(),
            sdk_config,
            mailer: OnceLock::new(),
        })
    }

    /// How portal e-mails leave this process; `None` when neither a sender nor an outbox
    /// is configured.
    pub fn mailer(&self) -> Option<&Mailer> {
        self.mailer
            .get_or_init(|| Mailer::from_config(&self.config, &self.sdk_config))
            .as_ref()
    }
}
