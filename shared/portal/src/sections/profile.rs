//! The customer's details: name, e-mail and phone, shown and edited
//! (`GET` and `PATCH /portal/api/profile`).

use super::Section;
use crate::i18n::Text;
use crate::sessions::PortalSession;
use customers::customer::{Customer, CustomerPatch, parse_email, parse_name, parse_phone};
use http::StatusCode;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResponse;
use platform::json::parse_json_object;
use serde::{Deserialize, Serialize};

pub const SECTION: Section = Section {
    id: "profile",
    title: "profile.title",
    template: include_str!("profile.html"),
    script: include_str!("profile.js"),
    text: TEXT,
};

/// What the portal shows and edits of a customer; never metadata, ids or the locale.
#[derive(Debug, PartialEq, Serialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub phone_number: Option<String>,
}

impl From<Customer> for Profile {
    fn from(customer: Customer) -> Self {
        Profile {
            name: customer.name,
            email: customer.email,
            phone_number: customer.phone_number,
        }
    }
}

pub async fn get(state: &AppState, session: &PortalSession) -> Result<Profile, ApiError> {
    let stored = customers::store::customer(&state.store, &session.business, &session.customer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(stored.customer.into())
}

pub async fn update(
    state: &AppState,
    session: &PortalSession,
    patch: &CustomerPatch,
) -> Result<Profile, ApiError> {
    customers::service::update(state, &session.business, &session.customer_id, patch)
        .await
        .map(Profile::from)
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

fn field<T>(field: &'static str, parsed: Result<T, ApiError>) -> Result<T, ChangeError> {
    parsed.map_err(|error| match error {
        ApiError::InvalidRequestParameters(message) => ChangeError::Field { field, message },
        other => ChangeError::Body(other),
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

const TEXT: &[Text] = &[
    Text {
        key: "profile.title",
        en: "Your details",
        fr: "Vos coordonnées",
        it: "I tuoi dati",
        pt: "Seus dados",
        es: "Tus datos",
        de: "Ihre Daten",
    },
    Text {
        key: "profile.name",
        en: "Name",
        fr: "Nom",
        it: "Nome",
        pt: "Nome",
        es: "Nombre",
        de: "Name",
    },
    Text {
        key: "profile.email",
        en: "Email",
        fr: "E-mail",
        it: "E-mail",
        pt: "E-mail",
        es: "Correo electrónico",
        de: "E-Mail",
    },
    Text {
        key: "profile.phone",
        en: "Phone",
        fr: "Téléphone",
        it: "Telefono",
        pt: "Telefone",
        es: "Teléfono",
        de: "Telefon",
    },
    Text {
        key: "profile.none",
        en: "Not set",
        fr: "Non renseigné",
        it: "Non impostato",
        pt: "Não informado",
        es: "Sin indicar",
        de: "Nicht angegeben",
    },
    Text {
        key: "profile.edit",
        en: "Edit",
        fr: "Modifier",
        it: "Modifica",
        pt: "Editar",
        es: "Editar",
        de: "Bearbeiten",
    },
    Text {
        key: "profile.save",
        en: "Save",
        fr: "Enregistrer",
        it: "Salva",
        pt: "Salvar",
        es: "Guardar",
        de: "Speichern",
    },
    Text {
        key: "profile.cancel",
        en: "Cancel",
        fr: "Annuler",
        it: "Annulla",
        pt: "Cancelar",
        es: "Cancelar",
        de: "Abbrechen",
    },
    Text {
        key: "profile.saving",
        en: "Saving…",
        fr: "Enregistrement…",
        it: "Salvataggio…",
        pt: "Salvando…",
        es: "Guardando…",
        de: "Wird gespeichert…",
    },
    Text {
        key: "profile.saved",
        en: "Your details have been saved.",
        fr: "Vos coordonnées ont été enregistrées.",
        it: "I tuoi dati sono stati salvati.",
        pt: "Seus dados foram salvos.",
        es: "Tus datos se han guardado.",
        de: "Ihre Daten wurden gespeichert.",
    },
    Text {
        key: "profile.invalid.name",
        en: "Enter your name.",
        fr: "Saisissez votre nom.",
        it: "Inserisci il tuo nome.",
        pt: "Informe seu nome.",
        es: "Introduce tu nombre.",
        de: "Geben Sie Ihren Namen ein.",
    },
    Text {
        key: "profile.invalid.email",
        en: "Enter a valid email address.",
        fr: "Saisissez une adresse e-mail valide.",
        it: "Inserisci un indirizzo e-mail valido.",
        pt: "Informe um endereço de e-mail válido.",
        es: "Introduce una dirección de correo electrónico válida.",
        de: "Geben Sie eine gültige E-Mail-Adresse ein.",
    },
    Text {
        key: "profile.invalid.phone_number",
        en: "Enter a valid phone number, for example +1 555 123 4567.",
        fr: "Saisissez un numéro de téléphone valide, par exemple +33 1 23 45 67 89.",
        it: "Inserisci un numero di telefono valido, ad esempio +39 06 1234 5678.",
        pt: "Informe um número de telefone válido, por exemplo +55 11 91234-5678.",
        es: "Introduce un número de teléfono válido, por ejemplo +34 912 345 678.",
        de: "Geben Sie eine gültige Telefonnummer ein, zum Beispiel +49 30 1234567.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use customers::customer::{EMAIL_MAX_CHARS, NAME_MAX_CHARS, PHONE_MAX_CHARS};

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
        let template = SECTION.template;
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
