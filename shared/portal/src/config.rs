//! The portal's own settings, read from the environment once per process.

use crate::base::PortalBase;
use platform::config::var;
use platform::error::ApiError;
use std::path::PathBuf;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct PortalConfig {
    /// Where portal links point (`PORTAL_BASE_URL`); `None` means "the host the request
    /// came in on".
    pub base: Option<PortalBase>,
    /// From address of portal e-mails (`EMAIL_SENDER`); sent through SES unless
    /// `outbox_dir` is set.
    pub email_sender: Option<String>,
    /// Local development (`PORTAL_OUTBOX_DIR`): e-mails are written here as `.eml` files.
    pub outbox_dir: Option<PathBuf>,
}

impl PortalConfig {
    pub fn from_env() -> Result<Self, String> {
        let base = var("PORTAL_BASE_URL")
            .map(|url| PortalBase::parse(url.trim_end_matches('/')))
            .transpose()
            .map_err(|e| format!("PORTAL_BASE_URL: {e}"))?;
        let email_sender = var("EMAIL_SENDER");
        if email_sender
            .as_deref()
            .is_some_and(|sender| sender.chars().any(char::is_control))
        {
            return Err("EMAIL_SENDER must not contain control characters".into());
        }
        Ok(PortalConfig {
            base,
            email_sender,
            outbox_dir: var("PORTAL_OUTBOX_DIR").map(Into::into),
        })
    }
}

/// The process's portal settings. A bad setting fails every portal request with a
/// logged 500 (and the local server at start-up, through [`check`]).
pub fn get() -> Result<&'static PortalConfig, ApiError> {
    static CONFIG: OnceLock<Result<PortalConfig, String>> = OnceLock::new();
    CONFIG
        .get_or_init(PortalConfig::from_env)
        .as_ref()
        .map_err(ApiError::internal)
}

/// Reads the settings now, so a deployment with a bad one fails before serving.
pub fn check() -> Result<(), String> {
    get().map(|_| ()).map_err(|e| format!("{e:?}"))
}
