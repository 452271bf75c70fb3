//! A customer's change of e-mail address from the portal. The portal session alone
//! cannot make it: the new address must confirm it, through a link e-mailed there, and
//! the old address is told the change was asked for. So whoever holds a stolen portal
//! link cannot quietly move the account's e-mail to an address of theirs.
//!
//! The confirmation link carries `cec_` + 256 random bits; only the SHA-256 is stored
//! (`PORTALEMAILCHANGE#<hash>`), with the customer, the old and new addresses, `used`
//! and `expires_at` (24 h, the table's TTL attribute too). Opening the link (`GET`)
//! shows a page with a "Confirm" button and changes nothing, so a mail scanner that
//! fetches it does not use it; the button's `POST` makes the change, once, and only if
//! the address is still the one the change was asked from.

use crate::base::PortalBase;
use crate::i18n::{Catalog, Locale, Texts};
use crate::mail::{Email, Mailer, paragraphs};
use crate::sessions::PortalSession;
use crate::store::EmailChangeRecord;
use customers::customer::{Customer, CustomerPatch};
use platform::app::AppState;
use platform::dynamo::StoreError;
use platform::error::ApiError;
use platform::ids::{is_secret_shaped, new_secret, secret_hash};
use platform::time;

pub const CONFIRMATION_VALIDITY_SECONDS: i64 = 24 * 60 * 60;
const TOKEN_PREFIX: &str = "cec_";

/// Records the change the session's customer asked for and sends the two e-mails: the
/// confirmation link to `new_email`, the notice to the address in use. Nothing about
/// the customer changes until the link is confirmed.
pub async fn request(
    state: &AppState,
    session: &PortalSession,
    customer: &Customer,
    new_email: &str,
    base: &PortalBase,
) -> Result<(), ApiError> {
    let mailer =
        Mailer::for_process(crate::config::get()?, state.sdk_config()).ok_or_else(|| {
            ApiError::internal("an e-mail change needs EMAIL_SENDER or PORTAL_OUTBOX_DIR")
        })?;
    let business_name = state
        .store
        .business(&session.business)
        .await?
        .ok_or_else(|| ApiError::internal("session of a business with no profile"))?
        .name;
    let token = new_secret(TOKEN_PREFIX);
    let now = time::now();
    let record = EmailChangeRecord {
        business_id: session.business.clone(),
        customer_id: session.customer_id.clone(),
        old_email: customer.email.clone(),
        new_email: new_email.to_string(),
        preferred_locale: customer.preferred_locale.clone(),
        created_at: time::format(now),
        expires_at: now.timestamp() + CONFIRMATION_VALIDITY_SECONDS,
        used: false,
    };
    crate::store::put_email_change(&state.store, &secret_hash(&token), &record).await?;
    let link = base.email_change_link(&token);
    let mails = Mails::new(customer, &business_name);
    mailer.send(&mails.confirmation(new_email, &link)).await?;
    mailer.send(&mails.notice(new_email)).await
}

/// The two e-mails of a change, in the customer's language (`mail.ftl`).
struct Mails<'a> {
    texts: &'static Texts,
    customer: &'a Customer,
    business: &'a str,
}

impl<'a> Mails<'a> {
    fn new(customer: &'a Customer, business: &'a str) -> Self {
        let locale = Locale::choose(customer.preferred_locale.as_deref(), None);
        Mails {
            texts: Texts::get(Catalog::Mail, locale),
            customer,
            business,
        }
    }

    fn text(&self, id: &str, new_email: &str) -> String {
        self.texts
            .format(
                id,
                &[
                    ("business", self.business),
                    ("name", &self.customer.name),
                    ("new_email", new_email),
                ],
            )
            .into_owned()
    }

    fn confirmation(&self, new_email: &str, link: &str) -> Email {
        let text = |id| self.text(id, new_email);
        Email {
            to: new_email.to_string(),
            subject: text("email-change-subject"),
            text: paragraphs(&[
                &text("email-greeting"),
                &text("email-change-intro"),
                link,
                &text("email-change-validity"),
                &text("email-change-ignore"),
            ]),
            locale: self.texts.locale(),
        }
    }

    fn notice(&self, new_email: &str) -> Email {
        let text = |id| self.text(id, new_email);
        Email {
            to: self.customer.email.clone(),
            subject: text("email-change-notice-subject"),
            text: paragraphs(&[
                &text("email-greeting"),
                &text("email-change-notice"),
                &text("email-change-notice-action"),
            ]),
            locale: self.texts.locale(),
        }
    }
}

/// Why a confirmation link does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Never minted, or tampered with.
    Invalid,
    Expired,
    /// Confirmed already, or the address changed since the change was asked for.
    Used,
}

/// A confirmation link's change, if it can still be made.
pub async fn pending(
    state: &AppState,
    token: &str,
) -> Result<Result<EmailChangeRecord, Refusal>, ApiError> {
    if !is_secret_shaped(token, TOKEN_PREFIX) {
        return Ok(Err(Refusal::Invalid));
    }
    let Some(record) = crate::store::email_change(&state.store, &secret_hash(token)).await? else {
        return Ok(Err(Refusal::Invalid));
    };
    Ok(if record.used {
        Err(Refusal::Used)
    } else if record.expires_at <= time::now().timestamp() {
        Err(Refusal::Expired)
    } else {
        Ok(record)
    })
}

/// Makes the change a confirmation link stands for. The customer's address must still
/// be the one it was asked from (so an old link can never undo a later change), then it
/// is changed and the link marked used, on condition that it is unused and unexpired.
/// Confirming twice at once changes the address once, to the same value.
pub async fn confirm(
    state: &AppState,
    token: &str,
) -> Result<Result<EmailChangeRecord, Refusal>, ApiError> {
    let record = match pending(state, token).await? {
        Ok(record) => record,
        refused => return Ok(refused),
    };
    let customer =
        customers::store::customer(&state.store, &record.business_id, &record.customer_id)
            .await?
            .ok_or(ApiError::NotFound)?
            .customer;
    if customer.email != record.old_email {
        return Ok(Err(Refusal::Used));
    }
    let patch = CustomerPatch {
        email: Some(record.new_email.clone()),
        ..CustomerPatch::default()
    };
    customers::service::update(state, &record.business_id, &record.customer_id, &patch).await?;
    match crate::store::use_email_change(&state.store, &secret_hash(token), time::now().timestamp())
        .await
    {
        Ok(()) | Err(StoreError::ConditionFailed) => Ok(Ok(record)),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_address_gets_the_link_and_the_old_one_the_notice() {
        let ada = crate::mail::tests::customer(Some("de"));
        let mails = Mails::new(&ada, "Acme");
        let confirmation =
            mails.confirmation("ada@new.example", "https://x/portal/email-change/cec_1");
        assert_eq!(confirmation.to, "ada@new.example");
        assert_eq!(confirmation.locale, Locale::De);
        assert!(
            confirmation
                .text
                .contains("\nhttps://x/portal/email-change/cec_1\n")
        );
        let notice = mails.notice("ada@new.example");
        assert_eq!(notice.to, "ada@example.com");
        assert!(notice.text.contains("ada@new.example"));
        assert!(
            !notice.text.contains("cec_"),
            "the old address never gets the link"
        );
    }
}
