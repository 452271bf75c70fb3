//! Portal sessions: the cookie a link is exchanged for, the authentication of portal
//! requests by it, and the checks against cross-site request forgery (CSRF).
//!
//! A portal request never names a customer: the session does. So a session can reach
//! its own customer's data and nothing else, whatever the request says.

use super::base::PortalBase;
use cookie::time::{Duration, OffsetDateTime};
use cookie::{Cookie, SameSite};
use customers::CustomerId;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiRequest;
use platform::ids::BusinessId;
use platform::ids::is_secret_shaped;
use platform::ids::{hex, secret_hash};
use platform::time;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "portal_session";
pub(super) const SESSION_PREFIX: &str = "cps_";
/// State-changing portal routes take the page's CSRF token in this header.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// An authenticated portal request: the one customer of one business it acts for.
/// Deliberately not `Debug`: it holds the session secret, which must never reach a log.
pub struct PortalSession {
    pub business: BusinessId,
    pub customer_id: CustomerId,
    pub return_url: Option<String>,
    /// Epoch seconds.
    pub expires_at: i64,
    secret: String,
}

impl PortalSession {
    /// The page's CSRF token, derived from the session secret instead of stored: only
    /// the server (which sees the HttpOnly cookie) can compute it, and what storage holds
    /// (the secret's plain SHA-256) cannot produce it.
    pub fn csrf_token(&self) -> String {
        csrf_token(&self.secret)
    }
}

fn csrf_token(session_secret: &str) -> String {
    hex(&Sha256::digest(format!("portal-csrf\n{session_secret}")))
}

/// The `Set-Cookie` value for a new session: HttpOnly, SameSite=Lax, Secure when the
/// portal is served over https, scoped to the portal's path, and gone when the session
/// ends (never later than the link it was opened with).
pub fn session_cookie(secret: &str, expires_at: i64, now: i64, base: &PortalBase) -> String {
    let path = if base.path().is_empty() {
        "/"
    } else {
        base.path()
    };
    let expires =
        OffsetDateTime::from_unix_timestamp(expires_at).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    Cookie::build((SESSION_COOKIE, secret))
        .path(path)
        .max_age(Duration::seconds((expires_at - now).max(0)))
        .expires(expires)
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(base.is_https())
        .build()
        .to_string()
}

pub(super) fn new_session(
    secret: String,
    record: &crate::store::PortalSessionRecord,
) -> PortalSession {
    PortalSession {
        business: record.business_id.clone(),
        customer_id: record.customer_id.clone(),
        return_url: record.return_url.clone(),
        expires_at: record.expires_at,
        secret,
    }
}

/// The session of a portal request, from its cookie. A missing, malformed, unknown or
/// expired session is [`ApiError::PortalSessionRequired`].
pub async fn authenticate(
    state: &AppState,
    request: &ApiRequest,
) -> Result<PortalSession, ApiError> {
    let secret = request
        .cookie(SESSION_COOKIE)
        .filter(|secret| is_secret_shaped(secret, SESSION_PREFIX))
        .ok_or(ApiError::PortalSessionRequired)?;
    let record = crate::store::portal_session(&state.store, &secret_hash(secret))
        .await?
        .filter(|record| record.expires_at > time::now().timestamp())
        .ok_or(ApiError::PortalSessionRequired)?;
    Ok(new_session(secret.to_string(), &record))
}

/// The session of a state-changing portal request, which has passed [`check_csrf`], and
/// the portal's base it was checked against.
pub async fn authenticate_change(
    state: &AppState,
    request: &ApiRequest,
) -> Result<(PortalSession, PortalBase), ApiError> {
    let session = authenticate(state, request).await?;
    let base = PortalBase::for_request(crate::config::get()?.base.as_ref(), request)?;
    check_csrf(&session, request, &base)?;
    Ok((session, base))
}

/// For state-changing routes: the request carries the page's token in [`CSRF_HEADER`]
/// and, if the browser says where it comes from, comes from the portal's own origin.
/// Either check alone stops today's browsers (a cross-site page can neither read the
/// token nor send a custom header without a CORS preflight, which this service never
/// grants); together they survive a mistake in one.
pub fn check_csrf(
    session: &PortalSession,
    request: &ApiRequest,
    base: &PortalBase,
) -> Result<(), ApiError> {
    check_origin(request, base)?;
    let sent = request.header(CSRF_HEADER).unwrap_or_default();
    if bool::from(sent.as_bytes().ct_eq(session.csrf_token().as_bytes())) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "The {CSRF_HEADER} header is missing or wrong; reload the portal page."
        )))
    }
}

/// A request that says where it comes from comes from the portal's own origin.
fn check_origin(request: &ApiRequest, base: &PortalBase) -> Result<(), ApiError> {
    if request
        .header("origin")
        .is_some_and(|origin| origin != base.origin())
    {
        return Err(cross_origin());
    }
    Ok(())
}

fn cross_origin() -> ApiError {
    ApiError::Forbidden("Cross-origin requests to the portal are refused.".into())
}

/// For a form on a portal page posting back (the link page's Continue, before any
/// session exists to derive a token from): another site must not sign a visitor in to a
/// portal of its choosing. Under the pages' `no-referrer` policy a browser sends
/// `Origin: null` with a form post, so the fetch metadata (`Sec-Fetch-Site`, which pages
/// cannot set) tells the portal's own post from another site's.
pub fn check_form_post(request: &ApiRequest, base: &PortalBase) -> Result<(), ApiError> {
    let cross_site = request
        .header("sec-fetch-site")
        .is_some_and(|site| site != "same-origin");
    let foreign_origin = request
        .header("origin")
        .is_some_and(|origin| origin != "null" && origin != base.origin());
    if cross_site || foreign_origin {
        return Err(cross_origin());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue, Method};

    fn session() -> PortalSession {
        PortalSession {
            business: BusinessId::parse("bus_1").unwrap(),
            customer_id: CustomerId::parse("cus_1").unwrap(),
            return_url: None,
            expires_at: 0,
            secret: platform::ids::new_secret(SESSION_PREFIX),
        }
    }

    fn request(headers: &[(&'static str, &str)]) -> ApiRequest {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        ApiRequest::new(
            Method::PATCH,
            "/portal/api/profile",
            map,
            Default::default(),
        )
    }

    #[test]
    fn cookies_carry_the_security_attributes() {
        let http = PortalBase::parse("http://127.0.0.1:3000/portal").unwrap();
        let header = session_cookie("cps_x", 1_000_100, 1_000_000, &http);
        let cookie = Cookie::parse(header.as_str()).unwrap();
        assert_eq!(cookie.name_value(), (SESSION_COOKIE, "cps_x"));
        assert_eq!(cookie.path(), Some("/portal"));
        assert_eq!(cookie.max_age(), Some(Duration::seconds(100)));
        assert_eq!(
            cookie.expires_datetime().map(|e| e.unix_timestamp()),
            Some(1_000_100)
        );
        assert!(
            header.contains("; Expires=Mon, 12 Jan 1970 13:48:20 GMT"),
            "{header}"
        );
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.same_site(), Some(SameSite::Lax));
        assert!(!header.contains("Secure"), "{header}");
        let https = PortalBase::parse("https://portal.example.com").unwrap();
        let header = session_cookie("cps_x", 10, 20, &https);
        let cookie = Cookie::parse(header.as_str()).unwrap();
        assert_eq!(cookie.path(), Some("/"));
        assert_eq!(cookie.max_age(), Some(Duration::ZERO));
        assert_eq!(cookie.secure(), Some(true));
    }

    #[test]
    fn csrf_tokens_are_per_session_and_not_the_stored_hash() {
        let a = session();
        let b = session();
        assert_ne!(a.csrf_token(), b.csrf_token());
        assert_eq!(a.csrf_token(), a.csrf_token());
        assert_ne!(a.csrf_token(), secret_hash(&a.secret));
    }

    #[test]
    fn state_changes_need_the_token_and_the_portal_origin() {
        let base = PortalBase::parse("https://portal.example.com/portal").unwrap();
        let s = session();
        let token = s.csrf_token();
        let ok =
            |headers: &[(&'static str, &str)]| check_csrf(&s, &request(headers), &base).is_ok();
        assert!(ok(&[(CSRF_HEADER, &token)]));
        assert!(ok(&[
            (CSRF_HEADER, &token),
            ("origin", "https://portal.example.com")
        ]));
        assert!(!ok(&[]));
        assert!(!ok(&[(CSRF_HEADER, &token[1..])]));
        assert!(!ok(&[(CSRF_HEADER, &session().csrf_token())]));
        assert!(!ok(&[
            (CSRF_HEADER, &token),
            ("origin", "https://evil.example")
        ]));
        assert!(!ok(&[(CSRF_HEADER, &token), ("origin", "null")]));
    }

    #[test]
    fn a_form_post_is_refused_from_another_site() {
        let base = PortalBase::parse("https://portal.example.com/portal").unwrap();
        let ok =
            |headers: &[(&'static str, &str)]| check_form_post(&request(headers), &base).is_ok();
        assert!(ok(&[]));
        assert!(ok(&[("origin", "null"), ("sec-fetch-site", "same-origin")]));
        assert!(ok(&[("origin", "https://portal.example.com")]));
        assert!(!ok(&[("origin", "null"), ("sec-fetch-site", "cross-site")]));
        assert!(!ok(&[("origin", "null"), ("sec-fetch-site", "same-site")]));
        assert!(!ok(&[("origin", "https://evil.example")]));
    }
}
