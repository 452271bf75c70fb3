//! Portal text in the portal languages, and the choice of language for a request: the
//! customer's `preferred_locale`, else the browser's `Accept-Language`, else English.
//!
//! Text is in Fluent files (<https://projectfluent.org>), one folder per language:
//! `locales/<tag>/portal.ftl` (the page, the failure pages, and every section's text) and
//! `locales/<tag>/mail.ftl` (the link e-mail). They are embedded in the binary and parsed on
//! first use, once per process and only for the languages the process serves. Adding a
//! language is adding its folder and one line to `languages!` below; a unit test checks that
//! every language has every message, with the same placeholders as English. Numbers,
//! amounts and dates are not text: the page formats them with the browser's `Intl` for
//! the chosen locale.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The portal languages: the [`Locale`] variant, and its BCP 47 tag, which is also the
/// folder of its Fluent files under `locales/`.
macro_rules! languages {
    ($($variant:ident => $tag:literal),+ $(,)?) => {
        /// A language the portal is written in.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Locale {
            $($variant),+
        }

        impl Locale {
            pub const ALL: [Locale; [$($tag),+].len()] = [$(Locale::$variant),+];

            /// BCP 47 language tag, for `<html lang>` and `Intl`.
            pub fn tag(self) -> &'static str {
                match self {
                    $(Locale::$variant => $tag),+
                }
            }

            /// The Fluent source of one of this language's catalogs.
            fn source(self, catalog: Catalog) -> &'static str {
                match (self, catalog) {
                    $(
                        (Locale::$variant, Catalog::Portal) => {
                            include_str!(concat!("../locales/", $tag, "/portal.ftl"))
                        }
                        (Locale::$variant, Catalog::Mail) => {
                            include_str!(concat!("../locales/", $tag, "/mail.ftl"))
                        }
                    )+
                }
            }
        }
    };
}

languages! {
    En => "en",
    Fr => "fr",
    It => "it",
    Pt => "pt",
    Es => "es",
    De => "de",
}

/// `Accept-Language` beyond this is not read: no browser sends that much.
const ACCEPT_LANGUAGE_MAX_BYTES: usize = 512;
const ACCEPT_LANGUAGE_MAX_ENTRIES: usize = 16;

impl Locale {
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

/// One Fluent file of every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catalog {
    /// `portal.ftl`: the page and the failure pages. The page hands all of it to its
    /// script too (see [`Texts::for_script`]).
    Portal,
    /// `mail.ftl`: the link e-mail.
    Mail,
}

impl Catalog {
    pub const ALL: [Catalog; 2] = [Catalog::Portal, Catalog::Mail];
}

/// The parsed texts of one catalog in one language.
pub struct Texts {
    locale: Locale,
    catalog: Catalog,
    bundle: FluentBundle<FluentResource>,
    /// The ids of the file's messages, in file order.
    ids: Vec<String>,
}

/// Parsed on first use, once per process.
static TEXTS: [[OnceLock<Texts>; Catalog::ALL.len()]; Locale::ALL.len()] =
    [const { [const { OnceLock::new() }; Catalog::ALL.len()] }; Locale::ALL.len()];

impl Texts {
    /// The texts of `catalog` in `locale`, parsed the first time this process asks.
    pub fn get(catalog: Catalog, locale: Locale) -> &'static Texts {
        TEXTS[locale as usize][catalog as usize].get_or_init(|| Texts::parse(catalog, locale))
    }

    /// A file with a syntax error still yields its other messages; a unit test parses every
    /// file, so this is never reached by a tested build.
    fn parse(catalog: Catalog, locale: Locale) -> Texts {
        let resource = FluentResource::try_new(locale.source(catalog).to_string()).unwrap_or_else(
            |(resource, errors)| {
                tracing::error!(
                    ?catalog,
                    locale = locale.tag(),
                    ?errors,
                    "portal text does not parse"
                );
                resource
            },
        );
        let ids = resource
            .entries()
            .filter_map(|entry| match entry {
                ast::Entry::Message(message) => Some(message.id.name.to_string()),
                _ => None,
            })
            .collect();
        let language = locale
            .tag()
            .parse()
            .expect("every portal language tag is a valid language identifier");
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        // No Unicode isolation marks around placeholders: the texts go into HTML, plain-text
        // e-mail and the page script exactly as they read in the files.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                ?catalog,
                locale = locale.tag(),
                ?errors,
                "portal text defined twice"
            );
        }
        Texts {
            locale,
            catalog,
            bundle,
            ids,
        }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The text of message `id`.
    pub fn text(&self, id: &str) -> Cow<'_, str> {
        self.format(id, &[])
    }

    /// The text of message `id` with `{ $name }` placeholders filled from `values`.
    ///
    /// Every id the code uses is checked by unit tests, so a miss is a bug: it shows the
    /// English text (or the id) rather than failing the page.
    pub fn format(&self, id: &str, values: &[(&str, &str)]) -> Cow<'_, str> {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            debug_assert!(false, "no portal text '{id}' in {}", self.locale.tag());
            return match self.locale {
                Locale::En => Cow::Owned(id.to_string()),
                _ => Texts::get(self.catalog, Locale::En).format(id, values),
            };
        };
        let mut args = FluentArgs::with_capacity(values.len());
        for (name, value) in values {
            args.set(*name, FluentValue::from(*value));
        }
        let mut errors = Vec::new();
        let text =
            self.bundle
                .format_pattern(pattern, (!values.is_empty()).then_some(&args), &mut errors);
        debug_assert!(errors.is_empty(), "portal text '{id}': {errors:?}");
        text
    }

    /// Every message of the catalog, for the page script's `t(id, values)`: a placeholder
    /// `{ $name }` reads `{name}` there, which the script fills.
    pub fn for_script(&self) -> serde_json::Map<String, serde_json::Value> {
        self.ids
            .iter()
            .map(|id| {
                let names = self
                    .bundle
                    .get_message(id)
                    .and_then(|m| m.value())
                    .map(variables)
                    .unwrap_or_default();
                let markers: Vec<String> = names.iter().map(|name| format!("{{{name}}}")).collect();
                let values: Vec<(&str, &str)> = names
                    .iter()
                    .copied()
                    .zip(markers.iter().map(String::as_str))
                    .collect();
                (id.clone(), self.format(id, &values).into_owned().into())
            })
            .collect()
    }
}

/// The variables (`{ $name }`) a pattern uses, each once, in order of appearance.
fn variables<'s>(pattern: &ast::Pattern<&'s str>) -> Vec<&'s str> {
    fn in_pattern<'s>(pattern: &ast::Pattern<&'s str>, found: &mut Vec<&'s str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                in_expression(expression, found);
            }
        }
    }
    fn in_expression<'s>(expression: &ast::Expression<&'s str>, found: &mut Vec<&'s str>) {
        match expression {
            ast::Expression::Inline(inline) => in_inline(inline, found),
            ast::Expression::Select { selector, variants } => {
                in_inline(selector, found);
                for variant in variants {
                    in_pattern(&variant.value, found);
                }
            }
        }
    }
    fn in_inline<'s>(inline: &ast::InlineExpression<&'s str>, found: &mut Vec<&'s str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } if !found.contains(&id.name) => {
                found.push(id.name);
            }
            ast::InlineExpression::Placeable { expression } => in_expression(expression, found),
            ast::InlineExpression::FunctionReference { arguments, .. }
            | ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for argument in arguments
                    .positional
                    .iter()
                    .chain(arguments.named.iter().map(|named| &named.value))
                {
                    in_inline(argument, found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    in_pattern(pattern, &mut found);
    found
}

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
        let texts = Texts::get(Catalog::Portal, Locale::En);
        assert_eq!(
            texts.format("portal-return", &[("business", "Acme <&> { $x }")]),
            "Return to Acme <&> { $x }"
        );
        assert_eq!(texts.text("portal-title"), "Customer portal");
        assert_eq!(
            Texts::get(Catalog::Mail, Locale::De).format("email-greeting", &[("name", "Ada")]),
            "Hallo Ada,"
        );
    }

    #[test]
    fn the_script_gets_every_text_with_its_placeholders_named() {
        let text = Texts::get(Catalog::Portal, Locale::Fr).for_script();
        assert_eq!(text["portal-return"], "Retour à {business}");
        assert_eq!(text["ledger-page"], "Page {n}");
        assert_eq!(text["profile-title"], "Vos coordonnées");
        assert_eq!(
            text.len(),
            Texts::get(Catalog::Portal, Locale::Fr).ids.len()
        );
    }

    /// Every file parses; every language has exactly English's messages, each once, with the placeholders English uses (and no others, which nothing would
    /// fill).
    #[test]
    fn every_language_has_every_text_with_the_same_placeholders() {
        for catalog in Catalog::ALL {
            let parse = |locale: Locale| {
                let resource = FluentResource::try_new(locale.source(catalog).to_string())
                    .unwrap_or_else(|(_, errors)| {
                        panic!("{catalog:?} of {}: {errors:?}", locale.tag())
                    });
                let mut messages: Vec<(String, Vec<String>)> = Vec::new();
                for entry in resource.entries() {
                    match entry {
                        ast::Entry::Message(message) => {
                            let id = message.id.name.to_string();
                            assert!(
                                messages.iter().all(|(known, _)| *known != id),
                                "{id} is defined twice in {catalog:?} of {}",
                                locale.tag()
                            );
                            let pattern = message
                                .value
                                .as_ref()
                                .unwrap_or_else(|| panic!("{id} has no text in {}", locale.tag()));
                            let names = variables(pattern).into_iter().map(String::from).collect();
                            messages.push((id, names));
                        }
                        ast::Entry::Comment(_)
                        | ast::Entry::GroupComment(_)
                        | ast::Entry::ResourceComment(_) => {}
                        other => panic!("{catalog:?} of {}: unexpected {other:?}", locale.tag()),
                    }
                }
                messages
            };
            let english = parse(Locale::En);
            assert!(!english.is_empty());
            for locale in Locale::ALL {
                let translated = parse(locale);
                for (id, names) in &english {
                    let (_, translated_names) = translated
                        .iter()
                        .find(|(other, _)| other == id)
                        .unwrap_or_else(|| panic!("{id} is missing in {}", locale.tag()));
                    for name in names {
                        assert!(
                            translated_names.contains(name),
                            "{id} in {} lacks the placeholder ${name}",
                            locale.tag()
                        );
                    }
                    for name in translated_names {
                        assert!(
                            names.contains(name),
                            "{id} in {} uses ${name}, which English does not",
                            locale.tag()
                        );
                    }
                }
                for (id, _) in &translated {
                    assert!(
                        english.iter().any(|(known, _)| known == id),
                        "{id} in {} is not an English text",
                        locale.tag()
                    );
                }
            }
        }
    }
}
