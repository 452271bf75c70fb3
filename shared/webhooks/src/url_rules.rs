//! Where an endpoint may point: https to a host on the public internet. A merchant
//! could otherwise make this service send requests into its own network (SSRF): to
//! private ranges, loopback, link-local (the cloud metadata service at 169.254.169.254)
//! and the like. Plain http, and loopback hosts, are allowed only where the deployment
//! says so (`WEBHOOKS_ALLOW_HTTP_LOOPBACK=true`, set for local development and tests).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;
use url::{Host, Url};

pub const URL_MAX_CHARS: usize = 2048;
/// A registration never waits long on a slow resolver.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(3);
pub const ALLOW_HTTP_LOOPBACK_VAR: &str = "WEBHOOKS_ALLOW_HTTP_LOOPBACK";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlPolicy {
    /// Local development: `http` and loopback hosts are accepted (nothing else private).
    pub allow_http_loopback: bool,
}

impl UrlPolicy {
    pub fn from_env() -> Self {
        UrlPolicy {
            allow_http_loopback: platform::config::var(ALLOW_HTTP_LOOPBACK_VAR).as_deref()
                == Some("true"),
        }
    }
}

/// Why a URL is refused, in words for the merchant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRefused(pub String);

/// The URL's form: length, scheme, no credentials, a host. Addresses are checked by
/// [`check`].
fn parse(raw: &str, policy: UrlPolicy) -> Result<Url, UrlRefused> {
    let refuse = |why: &str| Err(UrlRefused(format!("url {why}")));
    if raw.len() > URL_MAX_CHARS {
        return refuse(&format!("must be at most {URL_MAX_CHARS} characters"));
    }
    let Ok(url) = Url::parse(raw) else {
        return refuse("must be an absolute URL");
    };
    match url.scheme() {
        "https" => {}
        "http" if policy.allow_http_loopback => {}
        _ => return refuse("must use https"),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("must not carry credentials; use custom headers");
    }
    if url.host().is_none() {
        return refuse("must name a host");
    }
    Ok(url)
}

/// Checks `raw` and every address its host resolves to; the normalized URL if allowed.
/// A host that does not resolve is refused: a merchant registers a live endpoint.
pub async fn check(raw: &str, policy: UrlPolicy) -> Result<Url, UrlRefused> {
    let url = parse(raw, policy)?;
    let addresses: Vec<IpAddr> = match url.host().expect("parse requires a host") {
        Host::Ipv4(ip) => vec![IpAddr::V4(ip)],
        Host::Ipv6(ip) => vec![IpAddr::V6(ip)],
        Host::Domain(domain) => resolve(domain, url.port_or_known_default().unwrap_or(443))
            .await
            .ok_or_else(|| UrlRefused(format!("url host {domain} does not resolve")))?,
    };
    for address in addresses {
        if let Some(why) = refusal(address, policy) {
            return Err(UrlRefused(format!(
                "url must reach a public address; it reaches {address}, {why}"
            )));
        }
        if url.scheme() == "http" && !address.is_loopback() {
            return Err(UrlRefused("url must use https".into()));
        }
    }
    Ok(url)
}

async fn resolve(domain: &str, port: u16) -> Option<Vec<IpAddr>> {
    let lookup = tokio::net::lookup_host((domain, port));
    let found: Vec<IpAddr> = tokio::time::timeout(RESOLVE_TIMEOUT, lookup)
        .await
        .ok()?
        .ok()?
        .map(|socket| socket.ip())
        .collect();
    (!found.is_empty()).then_some(found)
}

/// Why `address` may not be called, or `None` for a public address.
pub fn refusal(address: IpAddr, policy: UrlPolicy) -> Option<&'static str> {
    if address.is_loopback() {
        return (!policy.allow_http_loopback).then_some("a loopback address");
    }
    match address {
        IpAddr::V4(ip) => v4_refusal(ip),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(mapped) => refusal(IpAddr::V4(mapped), policy),
            None => v6_refusal(ip),
        },
    }
}

fn v4_refusal(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    if ip.is_link_local() {
        Some("a link-local address (cloud metadata lives there)")
    } else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
        Some("a private address")
    } else if ip.is_unspecified() || a == 0 || ip.is_broadcast() || ip.is_multicast() || a >= 240 {
        Some("not a unicast address")
    } else if ip.is_documentation()
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && b & 0xfe == 18)
    {
        Some("a reserved address")
    } else {
        None
    }
}

fn v6_refusal(ip: Ipv6Addr) -> Option<&'static str> {
    let first = ip.segments()[0];
    if ip.is_unspecified() || ip.is_multicast() {
        Some("not a unicast address")
    } else if first & 0xffc0 == 0xfe80 {
        Some("a link-local address (cloud metadata lives there)")
    } else if first & 0xfe00 == 0xfc00 {
        Some("a private address (unique local, where IPv6 cloud metadata lives)")
    } else if first == 0x2001 && ip.segments()[1] == 0x0db8 {
        Some("a reserved address")
    } else if ip.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        // NAT64 reaches any IPv4 address, private ones too.
        Some("a translated address")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCTION: UrlPolicy = UrlPolicy {
        allow_http_loopback: false,
    };
    const LOCAL: UrlPolicy = UrlPolicy {
        allow_http_loopback: true,
    };

    #[tokio::test]
    async fn production_refuses_every_private_address_and_says_which() {
        for (url, words) in [
            ("http://93.184.216.34/hook", "https"),
            ("https://127.0.0.1/hook", "loopback"),
            ("https://10.0.0.1/hook", "private"),
            ("https://172.16.3.4/hook", "private"),
            ("https://192.168.1.1/hook", "private"),
            ("https://100.64.0.1/hook", "private"),
            ("https://169.254.169.254/latest/meta-data", "link-local"),
            ("https://[::1]/hook", "loopback"),
            ("https://[fd00:ec2::254]/hook", "unique local"),
            ("https://[fe80::1]/hook", "link-local"),
            ("https://[::ffff:10.0.0.1]/hook", "private"),
            ("https://[64:ff9b::a00:1]/hook", "translated"),
            ("https://0.0.0.0/hook", "unicast"),
            ("https://user:pw@93.184.216.34/hook", "credentials"),
            ("ftp://93.184.216.34/hook", "https"),
            ("not a url", "absolute"),
        ] {
            let refused = check(url, PRODUCTION).await.unwrap_err();
            assert!(refused.0.contains(words), "{url}: {}", refused.0);
        }
        let long = format!("https://93.184.216.34/{}", "a".repeat(URL_MAX_CHARS));
        assert!(
            check(&long, PRODUCTION)
                .await
                .unwrap_err()
                .0
                .contains("2048")
        );
        assert!(
            check("https://93.184.216.34/hook", PRODUCTION)
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn local_development_allows_loopback_over_http_and_nothing_else_private() {
        assert!(check("http://127.0.0.1:8080/hook", LOCAL).await.is_ok());
        assert!(check("http://localhost:8080/hook", LOCAL).await.is_ok());
        assert!(check("https://[::1]/hook", LOCAL).await.is_ok());
        assert!(check("http://10.0.0.1/hook", LOCAL).await.is_err());
        assert!(check("https://169.254.169.254/", LOCAL).await.is_err());
        assert!(check("http://93.184.216.34/hook", LOCAL).await.is_err());
        assert!(check("http://localhost/hook", PRODUCTION).await.is_err());
    }
}
