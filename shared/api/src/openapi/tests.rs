//! The committed `openapi.json` is the generated one, and the generated one describes
//! the wire: real values of every context's wire types, and every error the platform
//! answers, fit their schemas, and between them use every property of every schema.

use super::OPENAPI_JSON;
use super::document::{document, json};
use platform::error::ApiError;
use platform::http::ApiResponse;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

const REGENERATE: &str = "cargo run -q -p local-server -- --print-openapi > openapi.json";

#[test]
fn the_committed_document_is_the_generated_one() {
    let generated = json();
    if generated != OPENAPI_JSON {
        let difference = generated
            .lines()
            .zip(OPENAPI_JSON.lines())
            .enumerate()
            .find(|(_, (g, c))| g != c)
            .map(|(i, (g, c))| format!("line {}:\n  committed: {c}\n  generated: {g}", i + 1))
            .unwrap_or_else(|| "the files differ in length".into());
        panic!("openapi.json is not the generated document; run `{REGENERATE}`.\n{difference}");
    }
}

#[test]
fn the_document_is_openapi_3_1_and_fits_its_own_operation() {
    let doc: Value = serde_json::from_str(OPENAPI_JSON).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let served = &doc["paths"]["/openapi.json"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    let mut validator = Validator::new(&doc);
    let errors = validator.check(served, &doc, "openapi.json");
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Every `$ref` and `#/...` pointer of the document, the security schemes its
/// requirements name, and the operationIds its links name.
fn references(node: &Value, refs: &mut BTreeSet<String>, links: &mut BTreeSet<String>) {
    match node {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(r)) => {
                        refs.insert(r.clone());
                    }
                    ("security", Value::Array(requirements)) => {
                        for requirement in requirements {
                            for scheme in requirement.as_object().unwrap().keys() {
                                refs.insert(format!("#/components/securitySchemes/{scheme}"));
                            }
                        }
                    }
                    ("links", Value::Object(named)) => {
                        for link in named.values() {
                            links.insert(link["operationId"].as_str().unwrap().to_string());
                        }
                    }
                    _ => references(child, refs, links),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| references(i, refs, links)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves_and_every_component_is_used() {
    let doc = document();
    let (mut refs, mut links) = (BTreeSet::new(), BTreeSet::new());
    references(&doc, &mut refs, &mut links);
    for reference in &refs {
        let pointer = reference.strip_prefix('#').expect("a local reference");
        assert!(
            doc.pointer(pointer).is_some(),
            "{reference} does not resolve"
        );
    }
    for (kind, entries) in doc["components"].as_object().unwrap() {
        for name in entries.as_object().unwrap().keys() {
            let reference = format!("#/components/{kind}/{name}");
            assert!(refs.contains(&reference), "{reference} is never used");
        }
    }
    let operation_ids: BTreeSet<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op.get("operationId").and_then(Value::as_str))
        .map(str::to_string)
        .collect();
    assert!(
        links.is_subset(&operation_ids),
        "links to unknown operations: {:?}",
        links.difference(&operation_ids).collect::<Vec<_>>()
    );
}

/// Every error the platform answers, as it goes on the wire.
fn error_samples() -> Vec<(&'static str, Value)> {
    let conflict = ApiError::Conflict {
        code: "WALLET_BUSY",
        message: "busy".into(),
        retryable: true,
    };
    [
        ApiError::InvalidRequestBody("bad".into()),
        ApiError::InvalidQueryParams("bad".into()),
        ApiError::InvalidRequestParameters("bad".into()),
        ApiError::InsufficientWalletFunds,
        ApiError::MaximumKeysReached { max_keys: 50 },
        ApiError::UnsupportedCurrency("XXX".into()),
        ApiError::Unauthorized,
        ApiError::PortalSessionRequired,
        ApiError::Forbidden("csrf".into()),
        ApiError::NotFound,
        conflict,
        ApiError::PayloadTooLarge { max_bytes: 65536 },
        ApiError::TooManyRequests,
        ApiError::Internal("detail".into()),
    ]
    .into_iter()
    .map(|error| {
        let body = ApiResponse::from_error(error).body;
        ("Error", serde_json::from_slice(&body).unwrap())
    })
    .collect()
}

#[test]
fn wire_values_fit_their_schemas_and_use_every_property() {
    let doc = document();
    let samples = [
        customers::openapi::wire_samples(),
        wallets::openapi::wire_samples(),
        billing::openapi::wire_samples(),
        portal::openapi::wire_samples(),
        ingest::openapi::wire_samples(),
        subscriptions::openapi::wire_samples(),
        licensing::openapi::wire_samples(),
        webhooks::openapi::wire_samples(),
        error_samples(),
    ]
    .concat();
    let mut validator = Validator::new(&doc);
    let mut errors = Vec::new();
    for (schema, sample) in &samples {
        let reference = json!({ "$ref": format!("#/components/schemas/{schema}") });
        errors.extend(validator.check(&reference, sample, schema));
    }
    assert!(errors.is_empty(), "{errors:#?}");
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let seen = validator.seen.get(name).cloned().unwrap_or_default();
        let unseen: Vec<&String> = properties.keys().filter(|p| !seen.contains(*p)).collect();
        assert!(
            unseen.is_empty(),
            "{name}: no wire sample carries {unseen:?} (add one to the context's openapi::wire_samples)"
        );
    }
}

#[test]
fn documented_examples_fit_their_schemas() {
    let doc = document();
    let mut validator = Validator::new(&doc);
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(media) = op.pointer("/requestBody/content/application~1json") else {
                continue;
            };
            let example = media
                .get("example")
                .expect("every request body has an example");
            let errors = validator.check(&media["schema"], example, &format!("{method} {path}"));
            assert!(errors.is_empty(), "{errors:#?}");
            checked += 1;
        }
    }
    assert!(checked >= 4);
}

/// The subset of JSON Schema the document uses, strictly: an object of a component
/// schema may carry only the properties it lists (whether or not it says
/// `additionalProperties: false`), so a wire field the document forgot is found. Records which properties of which
/// component schemas the values used.
struct Validator<'a> {
    doc: &'a Value,
    seen: BTreeMap<String, BTreeSet<String>>,
}

impl<'a> Validator<'a> {
    fn new(doc: &'a Value) -> Self {
        Validator {
            doc,
            seen: BTreeMap::new(),
        }
    }

    fn check(&mut self, schema: &Value, value: &Value, at: &str) -> Vec<String> {
        let mut errors = Vec::new();
        self.validate(schema, value, at, None, &mut errors);
        errors
    }

    /// Whether `value` fits `schema`, recording what it used only if it does.
    fn fits(&mut self, schema: &Value, value: &Value, at: &str, name: Option<&str>) -> bool {
        let mut trial = Validator::new(self.doc);
        let mut errors = Vec::new();
        trial.validate(schema, value, at, name, &mut errors);
        if errors.is_empty() {
            for (schema, properties) in trial.seen {
                self.seen.entry(schema).or_default().extend(properties);
            }
        }
        errors.is_empty()
    }

    fn validate(
        &mut self,
        schema: &Value,
        value: &Value,
        at: &str,
        name: Option<&str>,
        errors: &mut Vec<String>,
    ) {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let target = self
                .doc
                .pointer(reference.strip_prefix('#').unwrap())
                .unwrap_or_else(|| panic!("{reference} does not resolve"));
            let component = reference.rsplit('/').next();
            return self.validate(target, value, at, component, errors);
        }
        let mut fail = |message: String| errors.push(format!("{at}: {message}"));
        if let Some(types) = schema.get("type") {
            let allowed: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => panic!("bad type {types}"),
            };
            let fits = allowed.iter().any(|t| match *t {
                "null" => value.is_null(),
                "boolean" => value.is_boolean(),
                "integer" => value.is_i64() || value.is_u64(),
                "number" => value.is_number(),
                "string" => value.is_string(),
                "array" => value.is_array(),
                "object" => value.is_object(),
                other => panic!("unknown type {other}"),
            });
            if !fits {
                return fail(format!("{value} is not of type {types}"));
            }
        }
        if let Some(constant) = schema.get("const")
            && constant != value
        {
            fail(format!("{value} is not {constant}"));
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array)
            && !options.contains(value)
        {
            fail(format!("{value} is not one of {options:?}"));
        }
        if let Some(x) = value.as_f64() {
            if let Some(min) = schema.get("minimum").and_then(Value::as_f64)
                && x < min
            {
                fail(format!("{x} < minimum {min}"));
            }
            if let Some(max) = schema.get("maximum").and_then(Value::as_f64)
                && x > max
            {
                fail(format!("{x} > maximum {max}"));
            }
        }
        if let Some(s) = value.as_str() {
            let chars = s.chars().count() as u64;
            if let Some(min) = schema.get("minLength").and_then(Value::as_u64)
                && chars < min
            {
                fail(format!("{s:?} is shorter than {min}"));
            }
            if let Some(max) = schema.get("maxLength").and_then(Value::as_u64)
                && chars > max
            {
                fail(format!("{s:?} is longer than {max}"));
            }
            if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
                && !regex_lite::Regex::new(pattern).unwrap().is_match(s)
            {
                fail(format!("{s:?} does not match {pattern}"));
            }
        }
        if let Some(items) = value.as_array() {
            if let Some(max) = schema.get("maxItems").and_then(Value::as_u64)
                && items.len() as u64 > max
            {
                fail(format!("more than {max} items"));
            }
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    self.validate(item_schema, item, &format!("{at}[{i}]"), None, errors);
                }
            }
        }
        if let Some(object) = value.as_object() {
            self.validate_object(schema, object, at, name, errors);
        }
        let branches = |key: &str| schema.get(key).and_then(Value::as_array).cloned();
        if let Some(any_of) = branches("anyOf") {
            let fitting = any_of
                .iter()
                .filter(|b| self.fits(b, value, at, None))
                .count();
            if fitting == 0 {
                errors.push(format!("{at}: {value} fits no anyOf branch"));
            }
        }
        if let Some(one_of) = branches("oneOf") {
            let fitting = one_of
                .iter()
                .filter(|b| self.fits(b, value, at, None))
                .count();
            if fitting != 1 {
                errors.push(format!("{at}: {value} fits {fitting} oneOf branches"));
            }
        }
        if let Some(not) = schema.get("not")
            && Validator::new(self.doc).check(not, value, at).is_empty()
        {
            errors.push(format!("{at}: {value} fits `not` {not}"));
        }
    }

    fn validate_object(
        &mut self,
        schema: &Value,
        object: &serde_json::Map<String, Value>,
        at: &str,
        name: Option<&str>,
        errors: &mut Vec<String>,
    ) {
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let required = required.as_str().unwrap();
            if !object.contains_key(required) {
                errors.push(format!("{at}: no {required}"));
            }
        }
        if let Some(max) = schema.get("maxProperties").and_then(Value::as_u64)
            && object.len() as u64 > max
        {
            errors.push(format!("{at}: more than {max} properties"));
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        let additional = schema.get("additionalProperties");
        for (key, child) in object {
            let child_at = format!("{at}.{key}");
            if let Some(names) = schema.get("propertyNames") {
                self.validate(names, &Value::String(key.clone()), &child_at, None, errors);
            }
            match (properties.and_then(|p| p.get(key)), additional) {
                (Some(property), _) => {
                    if let Some(name) = name {
                        self.seen
                            .entry(name.to_string())
                            .or_default()
                            .insert(key.clone());
                    }
                    self.validate(property, child, &child_at, None, errors);
                }
                (None, Some(extra)) if extra.is_object() => {
                    self.validate(extra, child, &child_at, None, errors);
                }
                (None, _) if name.is_some() || additional == Some(&Value::Bool(false)) => {
                    errors.push(format!("{child_at}: not in the schema"));
                }
                (None, _) => {}
            }
        }
    }
}
