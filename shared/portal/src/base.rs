//! The portal's public URL. Links, redirects, the cookie's path and the origin check
//! against cross-site requests all derive from it.

use platform::error::ApiError;
use platform::http::ApiRequest;
use url::Url;

/// The path under which this service serves the portal routes (`routes.rs`).
pub const PORTAL_PATH: &str = "/portal";
const HOST_MAX_CHARS: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalBase {
    /// `scheme://host[:port]`, exactly as browsers send it in `Origin` (lower-case host,
    /// no default port).
    origin: String,
    /// Path of the portal page under `origin`, without a trailing slash. It differs from
    /// [`PORTAL_PATH`] when a proxy or custom-domain mapping puts the portal elsewhere.
    path: String,
}

impl PortalBase {
    /// Reads a configured base URL: `http(s)://host[:port][/path]`, nothing after the path.
    pub fn parse(url: &str) -> Result<PortalBase, String> {
        let parsed = Url::parse(url).map_err(|_| format!("'{url}' is not a URL"))?;
        if !matches!(parsed.scheme(), "https" | "http") {
            return Err("the URL must start with https:// or http://".into());
        }
        if !parsed.has_host() {
            return Err("the URL has no host".into());
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err("the URL must not contain credentials".into());
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err("the URL must not have a query or a fragment".into());
        }
        Ok(PortalBase {
            origin: parsed.origin().ascii_serialization(),
            path: parsed.path().trim_end_matches('/').to_string(),
        })
    }

    /// The configured base (callers pass `crate::config::get()?.base.as_ref()`), or else
    /// this API's own [`PORTAL_PATH`] on the host the request came in on (API Gateway sets
    /// `X-Forwarded-Proto`; the local server is plain http).
    pub fn for_request(
        configured: Option<&PortalBase>,
        request: &ApiRequest,
    ) -> Result<PortalBase, ApiError> {
        if let Some(base) = configured {
            return Ok(base.clone());
        }
        let https = request
            .header("x-forwarded-proto")
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
        let scheme = if https { "https" } else { "http" };
        let origin = request
            .header("host")
            .filter(|h| is_host(h))
            .and_then(|host| Url::parse(&format!("{scheme}://{host}")).ok())
            .filter(Url::has_host)
            .ok_or_else(|| {
                ApiError::internal(
                    "no usable Host header to build portal URLs; set PORTAL_BASE_URL",
                )
            })?
            .origin()
            .ascii_serialization();
        Ok(PortalBase {
            origin,
            path: PORTAL_PATH.to_string(),
        })
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The portal page.
    pub fn url(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }

    pub fn is_https(&self) -> bool {
        self.origin.starts_with("https://")
    }

    /// The link a customer opens: api.md's `<portal base>/session/<token>`.
    pub fn session_link(&self, token: &str) -> String {
        format!("{}/session/{token}", self.url())
    }

    /// The link that confirms an e-mail change: `<portal base>/email-change/<token>`.
    pub fn email_change_link(&self, token: &str) -> String {
        format!("{}/email-change/{token}", self.url())
    }

    /// Where the page's script finds the portal's JSON routes (same origin).
    pub fn api_path(&self) -> String {
        format!("{}/api", self.path)
    }
}

fn is_host(candidate: &str) -> bool {
    !candidate.is_empty()
        && candidate.len() <= HOST_MAX_CHARS
        && candidate
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue, Method};

    fn request(headers: &[(&'static str, &str)]) -> ApiRequest {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        ApiRequest::new(Method::GET, "/portal", map, Default::default())
    }

    #[test]
    fn configured_bases_keep_their_path_and_normalize_the_origin() {
        let base = PortalBase::parse("https://Billing.Example.com:443/acme/portal").unwrap();
        assert_eq!(base.origin(), "https://billing.example.com");
        assert_eq!(base.path(), "/acme/portal");
        assert!(base.is_https());
        assert_eq!(
            base.session_link("cpl_1"),
            "https://billing.example.com/acme/portal/session/cpl_1"
        );
        assert_eq!(base.api_path(), "/acme/portal/api");
        let local = PortalBase::parse("http://127.0.0.1:3000/portal").unwrap();
        assert_eq!(local.origin(), "http://127.0.0.1:3000");
        assert!(!local.is_https());
        for bad in [
            "",
            "ftp://x.com",
            "javascript:alert(1)",
            "https://u:p@x.com/portal",
            "https://x.com/portal?a=1",
            "https://x.com/portal#f",
            "/portal",
        ] {
            assert!(PortalBase::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn without_configuration_the_request_host_is_used() {
        let base = PortalBase::for_request(
            None,
            &request(&[
                ("host", "abc.execute-api.us-east-1.amazonaws.com"),
                ("x-forwarded-proto", "https"),
            ]),
        )
        .unwrap();
        assert_eq!(
            base.url(),
            "https://abc.execute-api.us-east-1.amazonaws.com/portal"
        );
        let local = PortalBase::for_request(None, &request(&[("host", "127.0.0.1:3000")])).unwrap();
        assert_eq!(local.url(), "http://127.0.0.1:3000/portal");
        for bad in ["evil.com/x?", "", ":80", "a:b:c", "[zz]"] {
            assert!(
                PortalBase::for_request(None, &request(&[("host", bad)])).is_err(),
                "{bad}"
            );
        }
        let proxied = PortalBase::for_request(
            None,
            &request(&[
                ("host", "API.Example.com:443"),
                ("x-forwarded-proto", "https"),
            ]),
        )
        .unwrap();
        assert_eq!(proxied.origin(), "https://api.example.com");
        let configured_base = PortalBase::parse("https://portal.example.com/portal").unwrap();
        let configured = PortalBase::for_request(
            Some(&configured_base),
            &request(&[("host", "other.example.com")]),
        )
        .unwrap();
        assert_eq!(configured.origin(), "https://portal.example.com");
    }
}
