//! The customer's details: name, e-mail and phone, shown and edited
//! (`GET` and `PATCH /portal/api/profile`).

use super::Section;
use crate::base::PortalBase;
use crate::i18n::Texts;
use crate::sessions::PortalSession;
use customers::customer::{
    Customer, CustomerPatch, EMAIL_MAX_CHARS, InvalidCustomer, NAME_MAX_CHARS, PHONE_MAX_CHARS,
    parse_email, parse_name, parse_phone,
};
use http::StatusCode;
use maud::{Markup, html};
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResponse;
use platform::json::parse_json_object;
use serde::{Deserialize, Serialize};

pub const SECTION: Section = Section {
    id: "profile",
    title: "profile-title",
    render,
    script: include_str!("profile.js"),
};

/// The details as a list, and the form that edits them (hidden until "Edit"), with the
/// domain's length limits.
fn render(t: &Texts) -> Markup {
    html! {
        dl.fields data-view {
            div { dt { (t.text("profile-name")) } dd data-field="name" { (t.text("portal-loading")) } }
            div { dt { (t.text("profile-email")) } dd data-field="email" {} }
            div { dt { (t.text("profile-phone")) } dd data-field="phone_number" {} }
        }
        div.actions data-view-actions {
            button type="button" data-action="edit" disabled { (t.text("profile-edit")) }
        }
        form.fields data-form hidden novalidate {
            label {
                (t.text("profile-name"))
                input name="name" autocomplete="name" required maxlength=(NAME_MAX_CHARS);
            }
            label {
                (t.text("profile-email"))
                input name="email" type="email" autocomplete="email" required maxlength=(EMAIL_MAX_CHARS);
            }
            label {
                (t.text("profile-phone"))
                input name="phone_number" type="tel" autocomplete="tel" maxlength=(PHONE_MAX_CHARS);
            }
            div.actions {
                button type="submit" class="primary" { (t.text("profile-save")) }
                button type="button" data-action="cancel" { (t.text("profile-cancel")) }
            }
        }
        p.message data-message role="status" aria-live="polite" {}
    }
}

/// What the portal shows and edits of a customer; never metadata, ids or the locale.
#[derive(Debug, PartialEq, Serialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub phone_number: Option<String>,
    /// After a change of e-mail: the new address, which has been sent the link that
    /// confirms it (`email` stays as it is until then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_email: Option<String>,
}

impl From<Customer> for Profile {
    fn from(customer: Customer) -> Self {
        Profile {
            name: customer.name,
            email: customer.email,
            phone_number: customer.phone_number,
            pending_email: None,
        }
    }
}

pub async fn get(state: &AppState, session: &PortalSession) -> Result<Profile, ApiError> {
    let stored = customers::store::customer(&state.store, &session.business, &session.customer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(stored.customer.into())
}

/// Changes the name and phone at once. A different e-mail address is not changed here:
/// the new address is sent a link that confirms it, and the current one is told
/// ([`crate::email_change`]).
pub async fn update(
    state: &AppState,
    session: &PortalSession,
    patch: &CustomerPatch,
    base: &PortalBase,
) -> Result<Profile, ApiError> {
    let current = customers::store::customer(&state.store, &session.business, &session.customer_id)
        .await?
        .ok_or(ApiError::NotFound)?
        .customer;
    let new_email = patch.email.clone().filter(|email| *email != current.email);
    let now = CustomerPatch {
        email: None,
        ..patch.clone()
    };
    let customer = if now == CustomerPatch::default() {
        current
    } else {
        customers::service::update(state, &session.business, &session.customer_id, &now).await?
    };
    let Some(new_email) = new_email else {
        return Ok(customer.into());
    };
    crate::email_change::request(state, session, &customer, &new_email, base).await?;
    Ok(Profile {
        pending_email: Some(new_email),
        ..customer.into()
    })
}

/// A profile change as the page sends it. Absent fields stay; an empty `phone_number`
/// clears it. Any other field (metadata, locale, ids) is refused, not ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileChange {
    name: Option<String>,
    email: Option<String>,
    phone_number: Option<String>,
}

#[derive(Debug)]
pub enum ChangeError {
    /// The body is not a profile change at all.
    Body(ApiError),
    /// A field the customer filled in wrongly.
    Field {
        field: &'static str,
        message: String,
    },
}

impl ChangeError {
    /// 422 with the field's name, so the page can say what to fix in the customer's
    /// language (the message is for developers).
    pub fn into_response(self) -> Result<ApiResponse, ApiError> {
        match self {
            ChangeError::Body(error) => Err(error),
            ChangeError::Field { field, message } => Ok(ApiResponse::json(
                StatusCode::UNPROCESSABLE_ENTITY,
                &serde_json::json!({
                    "code": "INVALID_REQUEST_PARAMETERS",
                    "message": message,
                    "field": field,
                }),
            )),
        }
    }
}

fn field<T>(field: &'static str, parsed: Result<T, InvalidCustomer>) -> Result<T, ChangeError> {
    parsed.map_err(|error| match error {
        InvalidCustomer::Field(message) => ChangeError::Field { field, message },
        other => ChangeError::Body(other.into()),
    })
}

/// Validates a change with the same rules as the merchant API's `PATCH /customers/{id}`.
pub fn parse_change(body: &[u8]) -> Result<CustomerPatch, ChangeError> {
    let change: ProfileChange = parse_json_object(body).map_err(ChangeError::Body)?;
    let phone_number = match change.phone_number {
        None => None,
        Some(phone) if phone.trim().is_empty() => Some(None),
        Some(phone) => Some(Some(field("phone_number", parse_phone(phone))?)),
    };
    Ok(CustomerPatch {
        name: field("name", change.name.map(parse_name).transpose())?,
        email: field("email", change.email.map(parse_email).transpose())?,
        phone_number,
        ..CustomerPatch::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn field_of(body: &str) -> &'static str {
        match parse_change(body.as_bytes()) {
            Err(ChangeError::Field { field, .. }) => field,
            other => panic!("expected a field error for {body}, got {other:?}"),
        }
    }

    #[test]
    fn changes_are_validated_like_the_merchant_api() {
        let patch = parse_change(
            br#"{"name":" Ada ","email":"ada@example.com","phone_number":"+1 555 123 4567"}"#,
        )
        .unwrap();
        assert_eq!(patch.name.as_deref(), Some("Ada"));
        assert_eq!(patch.phone_number, Some(Some("+1 555 123 4567".into())));
        assert_eq!(patch.metadata, None);
        assert_eq!(patch.preferred_locale, None);
        assert_eq!(
            parse_change(br#"{"phone_number":" "}"#)
                .unwrap()
                .phone_number,
            Some(None)
        );
        assert_eq!(parse_change(b"{}").unwrap(), CustomerPatch::default());
        assert_eq!(field_of(r#"{"name":"  "}"#), "name");
        assert_eq!(field_of(r#"{"email":"nope"}"#), "email");
        assert_eq!(field_of(r#"{"phone_number":"call me"}"#), "phone_number");
    }

    #[test]
    fn only_profile_fields_can_change() {
        for body in [
            r#"{"metadata":{"tier":"gold"}}"#,
            r#"{"preferred_locale":"fr"}"#,
            r#"{"customer_id":"cus_other"}"#,
            r#"{"name":1}"#,
            "[]",
        ] {
            assert!(
                matches!(parse_change(body.as_bytes()), Err(ChangeError::Body(_))),
                "{body}"
            );
        }
    }

    #[test]
    fn the_form_limits_match_the_domain_limits() {
        let template =
            (SECTION.render)(Texts::get(crate::i18n::Catalog::Portal, Locale::En)).into_string();
        for (input, max) in [
            ("name=\"name\"", NAME_MAX_CHARS),
            ("name=\"email\"", EMAIL_MAX_CHARS),
            ("name=\"phone_number\"", PHONE_MAX_CHARS),
        ] {
            let tag = template
                .split('<')
                .find(|tag| tag.starts_with("input") && tag.contains(input))
                .unwrap_or_else(|| panic!("no input {input}"));
            assert!(tag.contains(&format!("maxlength=\"{max}\"")), "{tag}");
        }
    }
}
