//! The portal's HTML: the page and the failure pages.
//!
//! The page is a server-rendered shell in the chosen language; each section's script
//! fills it from the portal's JSON routes. Markup is maud templates, compiled with the
//! crate, and every value in them is HTML-escaped unless marked `PreEscaped` (only the
//! inline style and script, which are this crate's own files, and the page data, JSON
//! whose `<` is escaped). Style and script are inline (one response, nothing loaded from
//! anywhere else), and a nonce per response lets the Content-Security-Policy allow exactly
//! those and nothing injected.

use super::base::PortalBase;
use super::email_change;
use super::i18n::{Catalog, Locale, Texts};
use super::links::Refusal;
use super::sections::SECTIONS;
use super::store::EmailChangeRecord;
use http::StatusCode;
use maud::{DOCTYPE, Markup, PreEscaped, html};
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

fn document(
    status: StatusCode,
    locale: Locale,
    title: &str,
    body: Markup,
    script: Option<&str>,
) -> ApiResponse {
    let nonce = new_secret("");
    let html = html! {
        (DOCTYPE)
        html lang=(locale.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) }
                style nonce=(nonce) { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                @if let Some(script) = script {
                    script nonce=(nonce) { (PreEscaped(script)) }
                }
            }
        }
    };
    let policy = format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; \
         connect-src 'self'; img-src 'self' data:; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'"
    );
    with_portal_headers(ApiResponse::html(status, html.into_string()))
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
    let texts = Texts::get(Catalog::Portal, page.locale);
    let title = texts.text("portal-title");
    let data = serde_json::json!({
        "locale": page.locale.tag(),
        "api": page.base.api_path(),
        "csrf": page.csrf_token,
        "business": page.business_name,
        "text": texts.for_script(),
    });
    // JSON inside <script>: "<" escaped, so no value can close the element.
    let data = data.to_string().replace('<', "\\u003c");
    let section_scripts: String = SECTIONS.iter().map(|s| s.script).collect();
    let script = format!("(() => {{\n\"use strict\";\n{SCRIPT}{section_scripts}start();\n}})();");
    let body = html! {
        header.top {
            div.wrap {
                p.business { (page.business_name) }
                h1 { (title) }
                @if let Some(url) = page.return_url {
                    a class="return" href=(url) rel="noopener" {
                        (texts.format("portal-return", &[("business", page.business_name)]))
                    }
                }
            }
        }
        main.wrap {
            @for section in SECTIONS {
                section.card id={ "section-" (section.id) } aria-labelledby={ "section-" (section.id) "-title" } {
                    h2 id={ "section-" (section.id) "-title" } { (texts.text(section.title)) }
                    ((section.render)(texts))
                }
            }
        }
        script type="application/json" id="portal-data" { (PreEscaped(data)) }
    };
    document(StatusCode::OK, page.locale, &title, body, Some(&script))
}

/// What a portal link shows when opened: a button that opens the portal. Only the
/// button's `POST` uses the link up; this page reads it and writes nothing, so a mail
/// scanner that fetches every link in a message leaves it working for the customer. The
/// form posts back to the URL the page was fetched from.
pub fn continue_page(locale: Locale) -> ApiResponse {
    let texts = Texts::get(Catalog::Portal, locale);
    let title = texts.text("open-title");
    let body = html! {
        main.wrap {
            section.card.opening {
                h1 { (title) }
                p { (texts.text("open-explanation")) }
                form method="post" {
                    button.primary type="submit" autofocus { (texts.text("open-continue")) }
                }
            }
        }
    };
    document(StatusCode::OK, locale, &title, body, None)
}

/// The answer to a confirmation link (`GET`: the form; after its `POST`: the outcome), in
/// the customer's language when the link is theirs, else the browser's.
pub fn email_change_answer(
    accept_language: Option<&str>,
    outcome: Result<Result<EmailChangeRecord, email_change::Refusal>, ApiError>,
    confirmed: bool,
) -> ApiResponse {
    match outcome {
        Ok(outcome) => {
            let preferred = outcome
                .as_ref()
                .ok()
                .and_then(|record| record.preferred_locale.as_deref());
            email_change_page(
                Locale::choose(preferred, accept_language),
                &outcome,
                confirmed,
            )
        }
        Err(error) => error_page(error, Locale::choose(None, accept_language)),
    }
}

fn email_change_page(
    locale: Locale,
    outcome: &Result<EmailChangeRecord, email_change::Refusal>,
    confirmed: bool,
) -> ApiResponse {
    let texts = Texts::get(Catalog::Portal, locale);
    let (status, title, body) = match outcome {
        Ok(record) if confirmed => (
            StatusCode::OK,
            texts.text("email-change-done"),
            texts.format(
                "email-change-done-explanation",
                &[("email", &record.new_email)],
            ),
        ),
        Ok(record) => (
            StatusCode::OK,
            texts.text("email-change-title"),
            texts.format("email-change-explanation", &[("email", &record.new_email)]),
        ),
        Err(email_change::Refusal::Invalid) => (
            StatusCode::NOT_FOUND,
            texts.text("failure-invalid"),
            texts.text("email-change-ask-again"),
        ),
        Err(email_change::Refusal::Expired) => (
            StatusCode::GONE,
            texts.text("failure-expired"),
            texts.text("email-change-ask-again"),
        ),
        Err(email_change::Refusal::Used) => (
            StatusCode::GONE,
            texts.text("failure-used"),
            texts.text("email-change-ask-again"),
        ),
    };
    let ask = outcome.is_ok() && !confirmed;
    let markup = html! {
        main.wrap {
            section.card.opening data-email-change=(if confirmed { "done" } else if ask { "confirm" } else { "refused" }) {
                h1 { (title) }
                p { (body) }
                @if ask {
                    form method="post" {
                        button.primary type="submit" autofocus { (texts.text("email-change-confirm")) }
                    }
                }
            }
        }
    };
    document(status, locale, &title, markup, None)
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

    /// The page's `data-failure`, which tells the kinds apart without reading the text.
    fn kind(self) -> &'static str {
        match self {
            Failure::InvalidLink => "failure.invalid",
            Failure::ExpiredLink => "failure.expired",
            Failure::UsedLink => "failure.used",
            Failure::NoSession => "failure.no_session",
            Failure::Unavailable => "failure.unavailable",
        }
    }

    /// Id of the heading text.
    fn title(self) -> &'static str {
        match self {
            Failure::InvalidLink => "failure-invalid",
            Failure::ExpiredLink => "failure-expired",
            Failure::UsedLink => "failure-used",
            Failure::NoSession => "failure-no-session",
            Failure::Unavailable => "failure-unavailable",
        }
    }

    /// Ids of the paragraphs under the heading.
    fn explanation(self) -> &'static [&'static str] {
        match self {
            Failure::Unavailable => &["failure-try-later"],
            _ => &["failure-links", "failure-new-link"],
        }
    }
}

pub fn failure_page(failure: Failure, locale: Locale) -> ApiResponse {
    let texts = Texts::get(Catalog::Portal, locale);
    let title = texts.text(failure.title());
    let body = html! {
        main.wrap {
            section.card.failure data-failure=(failure.kind()) {
                h1 { (title) }
                @for id in failure.explanation() {
                    p { (texts.text(id)) }
                }
            }
        }
    };
    document(failure.status(), locale, &title, body, None)
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

    const PAGE_WEIGHT_LIMIT_BYTES: usize = 100 * 1024;

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

    /// Rendering fails on an unknown text id (debug assertion), so rendering every page in
    /// every language checks the templates; the scripts' ids are read from their source.
    #[test]
    fn every_text_the_templates_and_scripts_use_exists() {
        for locale in Locale::ALL {
            page(locale, "Acme", Some("https://shop.example.com/"));
            for failure in [
                Failure::InvalidLink,
                Failure::ExpiredLink,
                Failure::UsedLink,
                Failure::NoSession,
                Failure::Unavailable,
            ] {
                failure_page(failure, locale);
            }
            continue_page(locale);
        }
        let text = Texts::get(Catalog::Portal, Locale::En).for_script();
        let has_text = |id: &str| text.contains_key(id);
        let quoted_ids = |source: &'static str| {
            source
                .split("t(\"")
                .skip(1)
                .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
        };
        for section in SECTIONS {
            assert!(has_text(section.title), "{}", section.title);
            for id in quoted_ids(section.script) {
                assert!(
                    has_text(id),
                    "script of {} uses unknown text {id}",
                    section.id
                );
            }
        }
        for id in quoted_ids(SCRIPT) {
            assert!(has_text(id), "the page script uses unknown text {id}");
        }
        for field in ["name", "email", "phone_number"] {
            assert!(has_text(&format!("profile-invalid-{field}")));
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
            assert!(has_text(&format!("ledger-event-{event}")), "{event}");
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
            let title = Texts::get(Catalog::Portal, locale).text("portal-title");
            assert!(html.contains(&html! { h1 { (title) } }.into_string()));
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
    fn pages_confirm_only_with_their_button() {
        let record = EmailChangeRecord {
            business_id: platform::ids::BusinessId::parse("bus_1").unwrap(),
            customer_id: customers::CustomerId::parse("cus_1").unwrap(),
            old_email: "ada@example.com".into(),
            new_email: "ada@new.example".into(),
            preferred_locale: None,
            created_at: String::new(),
            expires_at: 0,
            used: false,
        };
        for locale in Locale::ALL {
            let ask = email_change_page(locale, &Ok(record.clone()), false);
            let html = String::from_utf8(ask.body.to_vec()).unwrap();
            assert!(html.contains("<form method=\"post\">"));
            assert!(html.contains("ada@new.example"));
            let done = email_change_page(locale, &Ok(record.clone()), true);
            assert!(
                !String::from_utf8(done.body.to_vec())
                    .unwrap()
                    .contains("<form")
            );
            for refusal in [
                email_change::Refusal::Invalid,
                email_change::Refusal::Expired,
                email_change::Refusal::Used,
            ] {
                let refused = email_change_page(locale, &Err(refusal), false);
                assert!(refused.status.is_client_error());
                assert!(
                    !String::from_utf8(refused.body.to_vec())
                        .unwrap()
                        .contains("<form")
                );
            }
        }
    }
}
