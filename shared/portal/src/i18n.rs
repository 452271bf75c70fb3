//! Portal text in the six portal languages, and the choice of language for a request:
//! the customer's `preferred_locale`, else the browser's `Accept-Language`, else English.
//!
//! Text lives next to what shows it: the page-wide and failure-page text here
//! ([`COMMON`]), each section's in its module, the e-mail's in [`super::mail`]. Numbers,
//! amounts and dates are not text: the page formats them with the browser's `Intl` for
//! the chosen locale.

/// A language the portal is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
    Fr,
    It,
    Pt,
    Es,
    De,
}

/// `Accept-Language` beyond this is not read: no browser sends that much.
const ACCEPT_LANGUAGE_MAX_BYTES: usize = 512;
const ACCEPT_LANGUAGE_MAX_ENTRIES: usize = 16;

impl Locale {
    pub const ALL: [Locale; 6] = [
        Locale::En,
        Locale::Fr,
        Locale::It,
        Locale::Pt,
        Locale::Es,
        Locale::De,
    ];

    /// BCP 47 language tag, for `<html lang>` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
            Locale::It => "it",
            Locale::Pt => "pt",
            Locale::Es => "es",
            Locale::De => "de",
        }
    }

    /// The portal language for a language tag (`"fr"`, `"pt-BR"`), if it is one.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let language = tag.split(['-', '_']).next()?;
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(language))
    }

    pub fn choose(preferred_locale: Option<&str>, accept_language: Option<&str>) -> Locale {
        preferred_locale
            .and_then(Locale::from_tag)
            .or_else(|| accept_language.and_then(from_accept_language))
            .unwrap_or(Locale::En)
    }
}

/// The portal language the browser ranks highest (RFC 9110 §12.5.4), ties going to the
/// one listed first.
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let header = header.get(..ACCEPT_LANGUAGE_MAX_BYTES).unwrap_or(header);
    let mut best: Option<(u16, Locale)> = None;
    for entry in header.split(',').take(ACCEPT_LANGUAGE_MAX_ENTRIES) {
        let mut parts = entry.split(';').map(str::trim);
        let Some(locale) = parts.next().and_then(Locale::from_tag) else {
            continue;
        };
        let weight = parts
            .find_map(|p| p.strip_prefix("q="))
            .map_or(Some(1000), quality);
        match weight {
            Some(w) if w > 0 && best.is_none_or(|(b, _)| w > b) => best = Some((w, locale)),
            _ => {}
        }
    }
    best.map(|(_, locale)| locale)
}

/// An RFC 9110 quality value in thousandths: "1", "0.8", "0.125".
fn quality(raw: &str) -> Option<u16> {
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// One piece of portal text in every portal language. `{name}` marks a value filled in
/// where the text is used.
#[derive(Debug)]
pub struct Text {
    pub key: &'static str,
    pub en: &'static str,
    pub fr: &'static str,
    pub it: &'static str,
    pub pt: &'static str,
    pub es: &'static str,
    pub de: &'static str,
}

impl Text {
    pub fn get(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.en,
            Locale::Fr => self.fr,
            Locale::It => self.it,
            Locale::Pt => self.pt,
            Locale::Es => self.es,
            Locale::De => self.de,
        }
    }
}

/// The text of `key` in one of `tables`. Every key used is checked by a unit test, so a
/// miss is a bug; it shows the key rather than failing the page.
pub fn lookup(tables: &[&'static [Text]], key: &str, locale: Locale) -> &'static str {
    tables
        .iter()
        .flat_map(|table| table.iter())
        .find(|text| text.key == key)
        .map(|text| text.get(locale))
        .unwrap_or_else(|| {
            debug_assert!(false, "no portal text for '{key}'");
            ""
        })
}

/// Replaces every `{name}` in `text` with its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_string(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// Page-wide text: the header, messages the page script shows, and the failure pages.
pub const COMMON: &[Text] = &[
    Text {
        key: "portal.title",
        en: "Customer portal",
        fr: "Portail client",
        it: "Portale clienti",
        pt: "Portal do cliente",
        es: "Portal del cliente",
        de: "Kundenportal",
    },
    Text {
        key: "portal.return",
        en: "Return to {business}",
        fr: "Retour à {business}",
        it: "Torna a {business}",
        pt: "Voltar para {business}",
        es: "Volver a {business}",
        de: "Zurück zu {business}",
    },
    Text {
        key: "portal.loading",
        en: "Loading…",
        fr: "Chargement…",
        it: "Caricamento…",
        pt: "Carregando…",
        es: "Cargando…",
        de: "Wird geladen…",
    },
    Text {
        key: "error.generic",
        en: "Something went wrong. Please try again.",
        fr: "Une erreur s'est produite. Veuillez réessayer.",
        it: "Si è verificato un errore. Riprova.",
        pt: "Algo deu errado. Tente novamente.",
        es: "Algo salió mal. Inténtalo de nuevo.",
        de: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
    },
    Text {
        key: "session.ended",
        en: "Your portal session has ended. To continue, ask {business} for a new link.",
        fr: "Votre session sur le portail est terminée. Pour continuer, demandez un nouveau lien à {business}.",
        it: "La tua sessione sul portale è terminata. Per continuare, chiedi un nuovo link a {business}.",
        pt: "Sua sessão no portal terminou. Para continuar, peça um novo link a {business}.",
        es: "Tu sesión en el portal ha finalizado. Para continuar, pide un enlace nuevo a {business}.",
        de: "Ihre Sitzung im Portal ist beendet. Um fortzufahren, fordern Sie bei {business} einen neuen Link an.",
    },
    Text {
        key: "failure.invalid",
        en: "This link is not valid",
        fr: "Ce lien n'est pas valide",
        it: "Questo link non è valido",
        pt: "Este link não é válido",
        es: "Este enlace no es válido",
        de: "Dieser Link ist ungültig",
    },
    Text {
        key: "failure.expired",
        en: "This link has expired",
        fr: "Ce lien a expiré",
        it: "Questo link è scaduto",
        pt: "Este link expirou",
        es: "Este enlace ha caducado",
        de: "Dieser Link ist abgelaufen",
    },
    Text {
        key: "failure.used",
        en: "This link has already been used",
        fr: "Ce lien a déjà été utilisé",
        it: "Questo link è già stato utilizzato",
        pt: "Este link já foi usado",
        es: "Este enlace ya se ha utilizado",
        de: "Dieser Link wurde bereits verwendet",
    },
    Text {
        key: "failure.no_session",
        en: "Your session has ended",
        fr: "Votre session est terminée",
        it: "La tua sessione è terminata",
        pt: "Sua sessão terminou",
        es: "Tu sesión ha finalizado",
        de: "Ihre Sitzung ist beendet",
    },
    Text {
        key: "failure.unavailable",
        en: "The portal is temporarily unavailable",
        fr: "Le portail est temporairement indisponible",
        it: "Il portale non è temporaneamente disponibile",
        pt: "O portal está temporariamente indisponível",
        es: "El portal no está disponible temporalmente",
        de: "Das Portal ist vorübergehend nicht verfügbar",
    },
    Text {
        key: "failure.links",
        en: "Portal links are valid for 24 hours and can be opened once.",
        fr: "Les liens du portail sont valables 24 heures et ne peuvent être ouverts qu'une seule fois.",
        it: "I link del portale sono validi per 24 ore e possono essere aperti una sola volta.",
        pt: "Os links do portal são válidos por 24 horas e podem ser abertos uma única vez.",
        es: "Los enlaces del portal son válidos durante 24 horas y solo se pueden abrir una vez.",
        de: "Portal-Links sind 24 Stunden gültig und können nur einmal geöffnet werden.",
    },
    Text {
        key: "failure.new_link",
        en: "To get a new link, go back to the website or app where you opened the customer portal and open it again, or ask the business to email you a new link.",
        fr: "Pour obtenir un nouveau lien, retournez sur le site ou l'application où vous avez ouvert le portail client et ouvrez-le à nouveau, ou demandez à l'entreprise de vous envoyer un nouveau lien par e-mail.",
        it: "Per ottenere un nuovo link, torna al sito o all'app da cui hai aperto il portale clienti e aprilo di nuovo, oppure chiedi all'azienda di inviarti un nuovo link via e-mail.",
        pt: "Para obter um novo link, volte ao site ou aplicativo onde você abriu o portal do cliente e abra-o novamente, ou peça à empresa que envie um novo link por e-mail.",
        es: "Para obtener un enlace nuevo, vuelve al sitio web o a la aplicación desde donde abriste el portal del cliente y ábrelo de nuevo, o pide a la empresa que te envíe un enlace nuevo por correo electrónico.",
        de: "Um einen neuen Link zu erhalten, kehren Sie zur Website oder App zurück, über die Sie das Kundenportal geöffnet haben, und öffnen Sie es erneut, oder bitten Sie das Unternehmen, Ihnen einen neuen Link per E-Mail zu senden.",
    },
    Text {
        key: "failure.try_later",
        en: "Please try again in a few minutes.",
        fr: "Veuillez réessayer dans quelques minutes.",
        it: "Riprova tra qualche minuto.",
        pt: "Tente novamente em alguns minutos.",
        es: "Inténtalo de nuevo dentro de unos minutos.",
        de: "Bitte versuchen Sie es in einigen Minuten erneut.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferred_locale_wins_then_accept_language_then_english() {
        assert_eq!(Locale::choose(Some("de"), Some("fr")), Locale::De);
        assert_eq!(
            Locale::choose(Some("ja"), Some("fr-CH, en;q=0.5")),
            Locale::Fr
        );
        assert_eq!(Locale::choose(None, Some("ja, ko")), Locale::En);
        assert_eq!(Locale::choose(None, None), Locale::En);
    }

    #[test]
    fn accept_language_is_ranked_by_quality() {
        assert_eq!(
            from_accept_language("ja, es;q=0.5, it;q=0.9, *;q=0.1"),
            Some(Locale::It)
        );
        assert_eq!(from_accept_language("pt-BR,pt;q=0.9"), Some(Locale::Pt));
        assert_eq!(from_accept_language("fr;q=0, de;q=0.001"), Some(Locale::De));
        assert_eq!(from_accept_language("es;q=0.5, fr;q=0.5"), Some(Locale::Es));
        assert_eq!(from_accept_language("fr;q=2, it;q=abc"), None);
        assert_eq!(from_accept_language(""), None);
        let long = format!("{}de", "xx, ".repeat(400));
        assert_eq!(from_accept_language(&long), None);
    }

    #[test]
    fn quality_values_follow_the_grammar() {
        assert_eq!(quality("1"), Some(1000));
        assert_eq!(quality("1.000"), Some(1000));
        assert_eq!(quality("0.8"), Some(800));
        assert_eq!(quality("0.125"), Some(125));
        for bad in ["1.5", "0.1234", "2", "", ".5", "0.x"] {
            assert_eq!(quality(bad), None, "{bad}");
        }
    }

    #[test]
    fn values_fill_placeholders() {
        assert_eq!(
            fill("Return to {business}", &[("business", "Acme")]),
            "Return to Acme"
        );
    }
}
