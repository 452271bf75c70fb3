//! The portal's HTML: the page and the failure pages.
//!
//! The page is a server-rendered shell in the chosen language; each section's script
//! fills it from the portal's JSON routes. Style and script are inline (one response,
//! nothing loaded from anywhere else), and a nonce per response lets the
//! Content-Security-Policy allow exactly those and nothing injected.

use super::base::PortalBase;
use super::i18n::{Locale, Text, fill, lookup};
use super::links::Refusal;
use super::sections::{SECTIONS, text_tables};
use http::StatusCode;
use platform::error::ApiError;
use platform::http::ApiResponse;
use platform::ids::new_secret;

const STYLE: &str = include_str!("assets/portal.css");
const SCRIPT: &str = include_str!("assets/portal.js");

/// Headers of every portal response: nothing is cached (responses carry personal data
/// and session cookies) and no portal URL reaches another site in a `Referer`.
pub fn with_portal_headers(response: ApiResponse) -> ApiResponse {
    response
        .with_header("cache-control", "no-store")
        .with_header("referrer-policy", "no-referrer")
        .with_header("x-content-type-options", "nosniff")
}

/// Text that goes into HTML, as element content or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Replaces each `{{key}}` of a section template with that text, escaped.
fn fill_template(template: &str, text: &dyn Fn(&str) -> &'static str) -> String {
    let mut filled = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start + 2..].find("}}") else {
            break;
        };
        filled.push_str(&rest[..start]);
        filled.push_str(&escape(text(&rest[start + 2..start + 2 + length])));
        rest = &rest[start + 2 + length + 2..];
    }
    filled.push_str(rest);
    filled
}

fn document(
    status: StatusCode,
    locale: Locale,
    title: &str,
    body: &str,
    script: Option<&str>,
) -> ApiResponse {
    let nonce = new_secret("");
    let script = script
        .map(|s| format!("<script nonce=\"{nonce}\">{s}</script>"))
        .unwrap_or_default();
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\"><title>{title}</title>\
         <style nonce=\"{nonce}\">{STYLE}</style></head><body>{body}{script}</body></html>",
        lang = locale.tag(),
        title = escape(title),
    );
    let policy = format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; \
         connect-src 'self'; img-src 'self' data:; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'"
    );
    with_portal_headers(ApiResponse::html(status, html))
        .with_header("content-security-policy", policy)
        .with_header("x-frame-options", "DENY")
}

/// What the page needs beyond its templates.
pub struct PortalPage<'a> {
    pub locale: Locale,
    pub base: &'a PortalBase,
    pub business_name: &'a str,
    pub return_url: Option<&'a str>,
    pub csrf_token: &'a str,
}

pub fn portal_page(page: &PortalPage) -> ApiResponse {
    let tables = text_tables();
    let text = |key: &str| lookup(&tables, key, page.locale);
    let title = text("portal.title");
    let return_link = page
        .return_url
        .map(|url| {
            format!(
                "<a class=\"return\" href=\"{}\" rel=\"noopener\">{}</a>",
                escape(url),
                escape(&fill(
                    text("portal.return"),
                    &[("business", page.business_name)]
                )),
            )
        })
        .unwrap_or_default();
    let sections: String = SECTIONS
        .iter()
        .map(|section| {
            format!(
                "<section class=\"card\" id=\"section-{id}\" aria-labelledby=\"section-{id}-title\">\
                 <h2 id=\"section-{id}-title\">{title}</h2>{content}</section>",
                id = section.id,
                title = escape(text(section.title)),
                content = fill_template(section.template, &text),
            )
        })
        .collect();
    let strings: serde_json::Map<String, serde_json::Value> = tables
        .iter()
        .flat_map(|table| table.iter())
        .map(|t: &Text| (t.key.to_string(), t.get(page.locale).into()))
        .collect();
    let data = serde_json::json!({
        "locale": page.locale.tag(),
        "api": page.base.api_path(),
        "csrf": page.csrf_token,
        "business": page.business_name,
        "text": strings,
    });
    // JSON inside <script>: "<" escaped, so no value can close the element.
    let data = data.to_string().replace('<', "\\u003c");
    let section_scripts: String = SECTIONS.iter().map(|s| s.script).collect();
    let script = format!("(() => {{\n\"use strict\";\n{SCRIPT}{section_scripts}start();\n}})();");
    let body = format!(
        "<header class=\"top\"><div class=\"wrap\"><p class=\"business\">{business}</p>\
         <h1>{title}</h1>{return_link}</div></header>\
         <main class=\"wrap\">{sections}</main>\
         <script type=\"application/json\" id=\"portal-data\">{data}</script>",
        business = escape(page.business_name),
        title = escape(title),
    );
    document(StatusCode::OK, page.locale, title, &body, Some(&script))
}

/// Why the portal cannot be shown. Each has a page that says how to get back in and
/// shows no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    InvalidLink,
    ExpiredLink,
    UsedLink,
    NoSession,
    Unavailable,
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Invalid => Failure::InvalidLink,
            Refusal::Expired => Failure::ExpiredLink,
            Refusal::Used => Failure::UsedLink,
        }
    }
}

impl Failure {
    fn status(self) -> StatusCode {
        match self {
            Failure::InvalidLink => StatusCode::NOT_FOUND,
            Failure::ExpiredLink | Failure::UsedLink => StatusCode::GONE,
            Failure::NoSession => StatusCode::UNAUTHORIZED,
            Failure::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Failure::InvalidLink => "failure.invalid",
            Failure::ExpiredLink => "failure.expired",
            Failure::UsedLink => "failure.used",
            Failure::NoSession => "failure.no_session",
            Failure::Unavailable => "failure.unavailable",
        }
    }

    fn explanation(self) -> &'static [&'static str] {
        match self {
            Failure::Unavailable => &["failure.try_later"],
            _ => &["failure.links", "failure.new_link"],
        }
    }
}

pub fn failure_page(failure: Failure, locale: Locale) -> ApiResponse {
    let text = |key: &str| lookup(&[super::i18n::COMMON], key, locale);
    let title = text(failure.title());
    let paragraphs: String = failure
        .explanation()
        .iter()
        .map(|key| format!("<p>{}</p>", escape(text(key))))
        .collect();
    let body = format!(
        "<main class=\"wrap\"><section class=\"card failure\" data-failure=\"{kind}\">\
         <h1>{heading}</h1>{paragraphs}</section></main>",
        kind = failure.title(),
        heading = escape(title),
    );
    document(failure.status(), locale, title, &body, None)
}

/// An error of a page route, as a page: the customer sees a failure page, never JSON or
/// details, which go to the log.
pub fn error_page(error: ApiError, locale: Locale) -> ApiResponse {
    match error {
        ApiError::PortalSessionRequired => failure_page(Failure::NoSession, locale),
        ApiError::NotFound => failure_page(Failure::InvalidLink, locale),
        other => {
            // The error's own response is what logs it (internal details redacted).
            let status = other.status();
            let mut page = failure_page(Failure::Unavailable, locale);
            page.status = status;
            page
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::COMMON;
    use crate::mail::EMAIL_TEXT;
    use std::collections::HashSet;

    const PAGE_WEIGHT_LIMIT_BYTES: usize = 100 * 1024;

    fn all_tables() -> Vec<&'static [Text]> {
        let mut tables = text_tables();
        tables.push(EMAIL_TEXT);
        tables
    }

    fn has_text(key: &str) -> bool {
        all_tables()
            .iter()
            .flat_map(|t| t.iter())
            .any(|t| t.key == key)
    }

    fn body(response: &ApiResponse) -> String {
        String::from_utf8(response.body.to_vec()).unwrap()
    }

    fn page(locale: Locale, business_name: &str, return_url: Option<&str>) -> ApiResponse {
        portal_page(&PortalPage {
            locale,
            base: &PortalBase::parse("https://portal.example.com/portal").unwrap(),
            business_name,
            return_url,
            csrf_token: "csrf",
        })
    }

    #[test]
    fn every_text_exists_in_every_language_once() {
        let mut keys = HashSet::new();
        for text in all_tables().iter().flat_map(|t| t.iter()) {
            assert!(
                keys.insert(text.key),
                "text key {} is defined twice",
                text.key
            );
            for locale in Locale::ALL {
                assert!(
                    !text.get(locale).trim().is_empty(),
                    "{} has no {locale:?} text",
                    text.key
                );
            }
        }
    }

    #[test]
    fn every_key_the_templates_and_scripts_use_has_text() {
        let quoted_keys = |source: &'static str, open: &'static str, close: &'static str| {
            source
                .split(open)
                .skip(1)
                .filter_map(move |rest| rest.split_once(close).map(|(key, _)| key))
                .filter(|key| !key.contains("${"))
        };
        for section in SECTIONS {
            assert!(has_text(section.title), "{}", section.title);
            for key in quoted_keys(section.template, "{{", "}}") {
                assert!(
                    has_text(key),
                    "template of {} uses unknown text {key}",
                    section.id
                );
            }
            for key in quoted_keys(section.script, "t(\"", "\"") {
                assert!(
                    has_text(key),
                    "script of {} uses unknown text {key}",
                    section.id
                );
            }
        }
        for key in quoted_keys(SCRIPT, "t(\"", "\"") {
            assert!(has_text(key), "the page script uses unknown text {key}");
        }
        for field in ["name", "email", "phone_number"] {
            assert!(has_text(&format!("profile.invalid.{field}")));
        }
        for event in [
            "payment",
            "payment_reversal",
            "refund",
            "refund_reversal",
            "dispute",
            "dispute_reversal",
            "merchant_adjustment",
        ] {
            assert!(has_text(&format!("ledger.event.{event}")), "{event}");
        }
    }

    #[test]
    fn the_page_is_localized_light_and_self_contained() {
        for locale in Locale::ALL {
            let response = page(locale, "Acme", Some("https://shop.example.com/account"));
            let html = body(&response);
            assert_eq!(response.status, StatusCode::OK);
            assert!(
                html.len() < PAGE_WEIGHT_LIMIT_BYTES,
                "{locale:?}: {} bytes",
                html.len()
            );
            assert!(html.contains(&format!("<html lang=\"{}\">", locale.tag())));
            assert!(html.contains(&escape(lookup(&[COMMON], "portal.title", locale))));
            assert!(!html.contains("{{"), "unfilled placeholder");
            for external in ["src=", "<link", "@import", "url("] {
                assert!(!html.contains(external), "{external} in the page");
            }
            let hrefs: Vec<_> = html.match_indices("href=").collect();
            assert_eq!(hrefs.len(), 1, "only the return link leaves the page");
        }
    }

    #[test]
    fn values_cannot_break_out_of_the_page() {
        let html = body(&page(
            Locale::En,
            "<script>alert(1)</script>\"",
            Some("https://shop.example.com/?q=\"><script>"),
        ));
        assert!(!html.contains("<script>alert(1)"));
        assert!(!html.contains("\"><script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;"));
        assert!(
            html.contains("\\u003c/script>"),
            "the JSON data escapes '<'"
        );
        let without_return = body(&page(Locale::En, "Acme", None));
        assert!(!without_return.contains("class=\"return\""));
    }

    #[test]
    fn responses_carry_a_strict_policy_with_a_fresh_nonce() {
        let a = page(Locale::En, "Acme", None);
        let b = page(Locale::En, "Acme", None);
        let policy = |r: &ApiResponse| {
            r.headers
                .iter()
                .find(|(n, _)| *n == "content-security-policy")
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert!(policy(&a).starts_with("default-src 'none'; script-src 'nonce-"));
        assert_ne!(policy(&a), policy(&b));
        for header in ["cache-control", "referrer-policy", "x-frame-options"] {
            assert!(a.headers.iter().any(|(n, _)| *n == header), "{header}");
        }
    }

    #[test]
    fn failure_pages_say_how_to_get_a_new_link() {
        let expired = failure_page(Failure::ExpiredLink, Locale::De);
        assert_eq!(expired.status, StatusCode::GONE);
        let html = body(&expired);
        assert!(html.contains("Dieser Link ist abgelaufen"));
        assert!(html.contains("neuen Link"));
        assert!(!html.contains("<script"));
        assert_eq!(
            failure_page(Failure::InvalidLink, Locale::En).status,
            StatusCode::NOT_FOUND
        );
        let internal = error_page(ApiError::internal("secret detail"), Locale::En);
        assert_eq!(internal.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!body(&internal).contains("secret detail"));
    }

    #[test]
    fn templates_fill_with_escaped_text() {
        let text = |key: &str| -> &'static str { if key == "a" { "<b>" } else { "x" } };
        assert_eq!(fill_template("1{{a}}2{{b}}3{{", &text), "1&lt;b&gt;2x3{{");
    }
}
