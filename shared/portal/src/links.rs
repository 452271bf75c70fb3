//! Portal links: minted by a merchant for one of its customers, valid for 24 hours, and
//! exchanged once for a browser session. Only the SHA-256 of a link's token is stored.

use super::base::PortalBase;
use super::mail::{self, Mailer};
use super::sessions::{PortalSession, SESSION_PREFIX, new_session};
use crate::store::{PortalLink, PortalSessionRecord};
use customers::CustomerId;
use platform::app::AppState;
use platform::auth::KeyClaim;
use platform::dynamo::StoreError;
use platform::error::ApiError;
use platform::http::ApiRequest;
use platform::ids::is_secret_shaped;
use platform::ids::{new_secret, secret_hash};
use platform::time;
use url::Url;

pub const LINK_VALIDITY_SECONDS: i64 = 24 * 60 * 60;
pub const RETURN_URL_MAX_CHARS: usize = 2048;
const LINK_PREFIX: &str = "cpl_";
/// An exchange only fails to commit when the link changed between its read and its
/// write; the next read then says why (used or expired), so few attempts are needed.
const MAX_EXCHANGE_ATTEMPTS: u32 = 3;

/// A validated `POST /customers/{customer_id}/customer-portal/session` query.
#[derive(Debug, PartialEq)]
pub struct LinkRequest {
    pub send_email: bool,
    pub return_url: Option<String>,
}

impl LinkRequest {
    pub fn parse(request: &ApiRequest) -> Result<Self, ApiError> {
        Ok(LinkRequest {
            send_email: request.parsed_query_param("send_email")?.unwrap_or(false),
            return_url: request
                .query_param("return_url")?
                .map(parse_return_url)
                .transpose()?,
        })
    }
}

/// `return_url` is shown as a link on the portal page, so only an absolute https URL
/// with a host is taken: no `javascript:`, no plain http, no credentials. It is kept as
/// given, so it must also read as a URL as written: the parser, as lenient as browsers,
/// would drop line breaks and tabs, encode spaces and read `https:host` as `https://host`.
pub fn parse_return_url(raw: &str) -> Result<String, ApiError> {
    let invalid = |why: &str| ApiError::InvalidQueryParams(format!("return_url {why}"));
    if raw.len() > RETURN_URL_MAX_CHARS {
        return Err(invalid(&format!(
            "must be at most {RETURN_URL_MAX_CHARS} characters"
        )));
    }
    let as_written = !raw
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
        && raw.matches('#').count() <= 1;
    let url = Url::parse(raw)
        .ok()
        .filter(|_| as_written)
        .ok_or_else(|| invalid("is not a valid URL"))?;
    let spelled_out = raw
        .get(.."https://".len())
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
    if url.scheme() != "https" || !spelled_out {
        return Err(invalid("must be an https:// URL"));
    }
    if url.host_str().is_none_or(str::is_empty)
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(invalid("must have a host and no credentials"));
    }
    Ok(raw.to_string())
}

/// Mints a link for a customer of `business` (404 for anyone else's) and e-mails it when
/// asked. Returns the link. The customer read carries the proof of the caller's key.
pub async fn mint(
    state: &AppState,
    key: &mut KeyClaim,
    customer_id: &CustomerId,
    request: &LinkRequest,
    base: &PortalBase,
) -> Result<String, ApiError> {
    let customer = customers::service::get(state, key, customer_id)
        .await?
        .customer;
    let business = key.business();
    let mailer =
        if request.send_email {
            Some(Mailer::for_process(crate::config::get()?, state.sdk_config()).ok_or_else(|| {
            ApiError::internal(
                "send_email=true, but neither EMAIL_SENDER nor PORTAL_OUTBOX_DIR is set",
            )
        })?)
        } else {
            None
        };
    let token = new_secret(LINK_PREFIX);
    let now = time::now();
    let link = PortalLink {
        business_id: business.clone(),
        customer_id: customer.customer_id.clone(),
        return_url: request.return_url.clone(),
        created_at: time::format(now),
        expires_at: now.timestamp() + LINK_VALIDITY_SECONDS,
        used: false,
    };
    crate::store::put_portal_link(&state.store, &secret_hash(&token), &link).await?;
    let url = base.session_link(&token);
    if let Some(mailer) = mailer {
        let business_name = state
            .store
            .business(business)
            .await?
            .ok_or_else(|| ApiError::internal("the API key's business has no profile"))?
            .name;
        mailer
            .send(&mail::portal_link_email(&customer, &business_name, &url))
            .await?;
    }
    Ok(url)
}

/// Why a link does not open. Each has its own failure page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Unknown or malformed: never minted, or tampered with.
    Invalid,
    Expired,
    Used,
}

pub enum Exchange {
    /// The link is now used; the session's secret goes into the cookie.
    Opened {
        session: PortalSession,
        secret: String,
    },
    Refused(Refusal),
}

/// Why a link would not open now, if it would not: one read, nothing written. Opening a
/// link takes two steps (this check on `GET`, the exchange on the "Continue" `POST`) so
/// that a mail scanner fetching the link does not use it up.
pub async fn check(state: &AppState, token: &str) -> Result<Option<Refusal>, ApiError> {
    if !is_secret_shaped(token, LINK_PREFIX) {
        return Ok(Some(Refusal::Invalid));
    }
    let link = crate::store::portal_link(&state.store, &secret_hash(token)).await?;
    Ok(opens(link, time::now().timestamp()).err())
}

fn opens(link: Option<PortalLink>, now: i64) -> Result<PortalLink, Refusal> {
    match link {
        None => Err(Refusal::Invalid),
        Some(link) if link.expires_at <= now => Err(Refusal::Expired),
        Some(link) if link.used => Err(Refusal::Used),
        Some(link) => Ok(link),
    }
}

/// Exchanges a link's token for a new session, once.
pub async fn exchange(state: &AppState, token: &str) -> Result<Exchange, ApiError> {
    if !is_secret_shaped(token, LINK_PREFIX) {
        return Ok(Exchange::Refused(Refusal::Invalid));
    }
    let token_hash = secret_hash(token);
    for _ in 0..MAX_EXCHANGE_ATTEMPTS {
        let now = time::now();
        let stored = crate::store::portal_link(&state.store, &token_hash).await?;
        let link = match opens(stored, now.timestamp()) {
            Ok(link) => link,
            Err(refusal) => return Ok(Exchange::Refused(refusal)),
        };
        let secret = new_secret(SESSION_PREFIX);
        let record = PortalSessionRecord {
            business_id: link.business_id,
            customer_id: link.customer_id,
            return_url: link.return_url,
            created_at: time::format(now),
            expires_at: link.expires_at,
        };
        match crate::store::exchange_portal_link(
            &state.store,
            &token_hash,
            now.timestamp(),
            &secret_hash(&secret),
            &record,
        )
        .await
        {
            Ok(()) => {
                return Ok(Exchange::Opened {
                    session: new_session(secret.clone(), &record),
                    secret,
                });
            }
            Err(StoreError::TransactionCanceled(reasons)) => {
                tracing::info!(
                    ?reasons,
                    "portal link changed during its exchange; re-reading"
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::internal(
        "portal link exchange kept failing its condition",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, Method};

    fn query(q: &str) -> Result<LinkRequest, ApiError> {
        LinkRequest::parse(&ApiRequest::new(
            Method::POST,
            &format!("/customers/cus_1/customer-portal/session?{q}"),
            HeaderMap::new(),
            Default::default(),
        ))
    }

    #[test]
    fn queries_parse_with_defaults() {
        assert_eq!(
            query("").unwrap(),
            LinkRequest {
                send_email: false,
                return_url: None
            }
        );
        let full = query("send_email=true&return_url=https%3A%2F%2Fshop.example.com%2Faccount%3Ftab%3D1%23billing").unwrap();
        assert!(full.send_email);
        assert_eq!(
            full.return_url.as_deref(),
            Some("https://shop.example.com/account?tab=1#billing")
        );
        for bad in ["send_email=yes", "send_email=true&send_email=false"] {
            assert_eq!(
                query(bad).unwrap_err().code(),
                "INVALID_QUERY_PARAMS",
                "{bad}"
            );
        }
    }

    #[test]
    fn only_https_urls_with_a_host_are_return_urls() {
        assert!(parse_return_url("https://shop.example.com").is_ok());
        assert!(parse_return_url("https://shop.example.com:8443/a/b?c=d#e").is_ok());
        let too_long = format!(
            "https://shop.example.com/{}",
            "a".repeat(RETURN_URL_MAX_CHARS)
        );
        for bad in [
            "",
            "http://shop.example.com",
            "HTTP://shop.example.com",
            "javascript:alert(1)",
            "data:text/html,hi",
            "//shop.example.com",
            "/relative",
            "https://",
            "https://user:pass@shop.example.com",
            "https://shop.example.com/a b",
            "https://shop.example.com/#a b",
            "https://shop.example.com/\n",
            "https://shop.example.com/\t",
            "https:shop.example.com",
            "https://shop.example.com/<script>",
            "https://shop.example.com/#a#b",
            too_long.as_str(),
        ] {
            assert_eq!(
                parse_return_url(bad).unwrap_err().code(),
                "INVALID_QUERY_PARAMS",
                "{bad:?}"
            );
        }
    }
}
