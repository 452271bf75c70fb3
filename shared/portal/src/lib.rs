//! The hosted customer portal: a link minted for one customer of one business is
//! exchanged once for a browser session, which reaches only that customer's data.
//!
//! - [`links`]: minting links (`POST /customers/{id}/customer-portal/session`) and
//!   exchanging them for a session (`GET /portal/session/{token}`).
//! - [`sessions`]: the session cookie, authentication of portal requests, CSRF checks.
//! - [`base`]: the portal's public URL (configured, or the host the request came in on).
//! - [`sections`]: what the page shows, one module per section.
//! - [`page`]: the HTML of the portal page and of the failure pages.
//! - [`i18n`]: portal text (Fluent files, `locales/<language>/*.ftl`) and the choice of
//!   language.
//! - [`email_change`]: an e-mail change, confirmed by the new address.
//! - [`mail`]: the link e-mail, through SES or into a local outbox.
//!
//! docs/portal.md describes the flow and how to add a section or a language.

pub mod base;
pub mod config;
pub mod email_change;
pub mod handlers;
pub mod i18n;
pub mod keys;
pub mod links;
pub mod mail;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod page;
pub mod routes;
pub mod sections;
pub mod sessions;
pub mod store;
