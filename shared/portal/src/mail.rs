//! The portal-link e-mail, in the customer's language. Sent through Amazon SES (SESv2
//! `SendEmail`) from `EMAIL_SENDER`; for local development, with `PORTAL_OUTBOX_DIR` set,
//! written there instead as one `.eml` file per message (`make dev`: `.dev/outbox/`).

use super::i18n::{Catalog, Locale, Texts};
use crate::config::PortalConfig;
use aws_config::SdkConfig;
use aws_sdk_sesv2::error::DisplayErrorContext;
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
use customers::customer::Customer;
use platform::error::ApiError;
use platform::time;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The From address of outbox e-mails when `EMAIL_SENDER` is not set.
const OUTBOX_SENDER: &str = "customer-portal@localhost";

#[derive(Debug)]
pub enum Mailer {
    Ses {
        client: aws_sdk_sesv2::Client,
        sender: String,
    },
    Outbox {
        dir: PathBuf,
        sender: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub locale: Locale,
}

impl Mailer {
    /// The outbox when one is configured, else SES when a sender is; else no mailer.
    pub fn from_config(config: &PortalConfig, sdk_config: &SdkConfig) -> Option<Mailer> {
        match (&config.outbox_dir, &config.email_sender) {
            (Some(dir), sender) => Some(Mailer::Outbox {
                dir: dir.clone(),
                sender: sender.clone().unwrap_or_else(|| OUTBOX_SENDER.into()),
            }),
            (None, Some(sender)) => Some(Mailer::Ses {
                client: aws_sdk_sesv2::Client::new(sdk_config),
                sender: sender.clone(),
            }),
            (None, None) => None,
        }
    }

    /// This process's mailer, built on first use, so only the functions that send e-mail
    /// ever build an SES client. `None` when neither a sender nor an outbox is configured.
    pub fn for_process(config: &PortalConfig, sdk_config: &SdkConfig) -> Option<&'static Mailer> {
        static MAILER: OnceLock<Option<Mailer>> = OnceLock::new();
        MAILER
            .get_or_init(|| Mailer::from_config(config, sdk_config))
            .as_ref()
    }

    pub async fn send(&self, email: &Email) -> Result<(), ApiError> {
        match self {
            Mailer::Ses { client, sender } => send_with_ses(client, sender, email).await,
            Mailer::Outbox { dir, sender } => write_to_outbox(dir, sender, email),
        }
    }
}

async fn send_with_ses(
    client: &aws_sdk_sesv2::Client,
    sender: &str,
    email: &Email,
) -> Result<(), ApiError> {
    let content = |data: &str| {
        Content::builder()
            .data(data)
            .charset("UTF-8")
            .build()
            .map_err(ApiError::internal)
    };
    let message = Message::builder()
        .subject(content(&email.subject)?)
        .body(Body::builder().text(content(&email.text)?).build())
        .build();
    let sent = client
        .send_email()
        .from_email_address(sender)
        .destination(Destination::builder().to_addresses(&email.to).build())
        .content(EmailContent::builder().simple(message).build())
        .send()
        .await;
    match sent {
        Ok(_) => Ok(()),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_too_many_requests_exception()) =>
        {
            Err(ApiError::TooManyRequests)
        }
        Err(e) => Err(ApiError::internal(format!(
            "SES SendEmail failed: {}",
            DisplayErrorContext(&e)
        ))),
    }
}

/// Header values come from our own text, a validated address and a business name;
/// line breaks are still removed so no value can start another header.
fn header_value(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Writes the message as an `.eml` file, via a temporary name so that a reader of the
/// outbox never sees half a message.
fn write_to_outbox(dir: &PathBuf, sender: &str, email: &Email) -> Result<(), ApiError> {
    let now = time::now();
    let name = format!(
        "{}-{}.eml",
        now.format("%Y%m%dT%H%M%S%6fZ"),
        platform::ids::random_id("")
    );
    let message = format!(
        "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nContent-Language: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}",
        header_value(sender),
        header_value(&email.to),
        header_value(&email.subject),
        now.to_rfc2822(),
        email.locale.tag(),
        email.text.replace('\n', "\r\n"),
    );
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let partial = dir.join(format!(".{name}.partial"));
        std::fs::write(&partial, message)?;
        std::fs::rename(&partial, dir.join(&name))
    };
    write()
        .map_err(|e| ApiError::internal(format!("writing to the outbox {}: {e}", dir.display())))?;
    tracing::info!(file = %dir.join(&name).display(), "portal e-mail written to the outbox");
    Ok(())
}

/// A plain-text body: the paragraphs, a blank line between them.
pub fn paragraphs(paragraphs: &[&str]) -> String {
    format!("{}\n", paragraphs.join("\n\n"))
}

/// The e-mail that carries a portal link, in the customer's preferred language (text in
/// `locales/<tag>/mail.ftl`).
pub fn portal_link_email(customer: &Customer, business_name: &str, link: &str) -> Email {
    let locale = Locale::choose(customer.preferred_locale.as_deref(), None);
    let texts = Texts::get(Catalog::Mail, locale);
    let text = |id: &str| {
        texts
            .format(id, &[("business", business_name), ("name", &customer.name)])
            .into_owned()
    };
    Email {
        to: customer.email.clone(),
        subject: text("email-subject"),
        text: paragraphs(&[
            &text("email-greeting"),
            &text("email-intro"),
            link,
            &text("email-validity"),
            &text("email-ignore"),
        ]),
        locale,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn customer(preferred_locale: Option<&str>) -> Customer {
        Customer {
            customer_id: customers::CustomerId::parse("cus_1").unwrap(),
            business_id: platform::ids::BusinessId::parse("bus_1").unwrap(),
            name: "Ada".into(),
            email: "ada@example.com".into(),
            phone_number: None,
            metadata: Default::default(),
            created_at: "2026-01-01T00:00:00.000000Z".into(),
            preferred_locale: preferred_locale.map(str::to_string),
        }
    }

    #[test]
    fn the_email_is_in_the_customers_language_and_carries_the_link() {
        let email = portal_link_email(
            &customer(Some("fr")),
            "Acme",
            "https://x/portal/session/cpl_1",
        );
        assert_eq!(email.locale, Locale::Fr);
        assert_eq!(email.to, "ada@example.com");
        assert_eq!(email.subject, "Votre lien vers le portail client de Acme");
        assert!(email.text.starts_with("Bonjour Ada,\n"));
        assert!(email.text.contains("\nhttps://x/portal/session/cpl_1\n"));
        let english = portal_link_email(&customer(Some("ja")), "Acme", "l");
        assert_eq!(english.locale, Locale::En);
    }

    #[test]
    fn outbox_messages_are_whole_files_with_safe_headers() {
        let dir = std::env::temp_dir().join(format!("outbox-{}", platform::ids::random_id("")));
        let mut email = portal_link_email(&customer(Some("de")), "Evil\r\nBcc: x@y.z", "l");
        email.text = "line one\nline two".into();
        write_to_outbox(&dir, "from@example.com", &email).unwrap();
        let files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].extension().unwrap(), "eml");
        let message = std::fs::read_to_string(&files[0]).unwrap();
        assert!(message.contains("\r\nContent-Language: de\r\n"));
        assert!(!message.contains("\r\nBcc:"));
        assert!(message.ends_with("\r\n\r\nline one\r\nline two"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
