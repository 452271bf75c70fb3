//! The layout of `openapi.json`: two-space indents, arrays of plain values on one line,
//! and keys in reading order (OpenAPI's own keys in a fixed order, names of paths,
//! properties and components alphabetically) rather than serde_json's alphabetical
//! order throughout. Deterministic, so the committed file can be compared byte for byte.

use serde_json::Value;

/// The document's top-level keys, in order.
const TOP: &[&str] = &[
    "openapi",
    "info",
    "servers",
    "security",
    "tags",
    "paths",
    "components",
];

/// OpenAPI and JSON Schema keys, in the order they are printed wherever they appear.
const KEYWORDS: &[&str] = &[
    "operationId",
    "tags",
    "name",
    "title",
    "version",
    "summary",
    "url",
    "identifier",
    "in",
    "$ref",
    "type",
    "scheme",
    "description",
    "const",
    "enum",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "default",
    "required",
    "additionalProperties",
    "maxProperties",
    "propertyNames",
    "properties",
    "items",
    "maxItems",
    "anyOf",
    "oneOf",
    "not",
    "examples",
    "license",
    "security",
    "parameters",
    "requestBody",
    "headers",
    "content",
    "schema",
    "example",
    "links",
    "responses",
    "securitySchemes",
    "schemas",
];

/// Keys whose object value is a map of names (paths, properties, components, status
/// codes, media types, ...): its entries are printed by name.
const MAPS: &[&str] = &[
    "paths",
    "properties",
    "schemas",
    "responses",
    "headers",
    "securitySchemes",
    "links",
    "content",
    "parameters",
];

/// Keys whose value is data, not OpenAPI: printed by name all the way down.
const LITERALS: &[&str] = &["example", "examples", "const", "default", "enum"];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Top,
    Keywords,
    Map,
    Literal,
}

/// The document as the repository keeps it, with a final newline.
pub fn pretty(document: &Value) -> String {
    let mut out = String::new();
    write(&mut out, document, Kind::Top, 0);
    out.push('\n');
    out
}

fn rank(kind: Kind, key: &str) -> (usize, String) {
    let order = match kind {
        Kind::Top => TOP,
        Kind::Keywords => KEYWORDS,
        Kind::Map | Kind::Literal => &[],
    };
    let position = order.iter().position(|k| *k == key).unwrap_or(order.len());
    (position, key.to_string())
}

fn child_kind(kind: Kind, key: &str, value: &Value) -> Kind {
    match kind {
        Kind::Literal => Kind::Literal,
        Kind::Map => Kind::Keywords,
        Kind::Top | Kind::Keywords if LITERALS.contains(&key) => Kind::Literal,
        Kind::Top | Kind::Keywords if MAPS.contains(&key) && value.is_object() => Kind::Map,
        Kind::Top | Kind::Keywords => Kind::Keywords,
    }
}

fn is_plain(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn indent(out: &mut String, level: usize) {
    out.extend(std::iter::repeat_n("  ", level));
}

fn write(out: &mut String, value: &Value, kind: Kind, level: usize) {
    match value {
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by_key(|(key, _)| rank(kind, key));
            out.push_str("{\n");
            for (i, (key, child)) in entries.iter().enumerate() {
                indent(out, level + 1);
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push_str(": ");
                write(out, child, child_kind(kind, key, child), level + 1);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push('}');
        }
        Value::Array(items) if items.iter().all(is_plain) => {
            let items: Vec<String> = items.iter().map(Value::to_string).collect();
            out.push('[');
            out.push_str(&items.join(", "));
            out.push(']');
        }
        Value::Array(items) => {
            let item_kind = if kind == Kind::Literal {
                Kind::Literal
            } else {
                Kind::Keywords
            };
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(out, level + 1);
                write(out, item, item_kind, level + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push(']');
        }
        plain => out.push_str(&plain.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_in_reading_order_and_the_output_is_the_same_json() {
        let value = json!({
            "paths": { "/b": {}, "/a": { "get": { "responses": {}, "operationId": "x" } } },
            "openapi": "3.1.0",
            "components": { "schemas": { "B": { "type": "object", "required": ["z", "a"] } } },
            "info": { "version": "1", "title": "T" }
        });
        let text = pretty(&value);
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
        let position = |needle: &str| text.find(needle).unwrap();
        assert!(position("\"openapi\"") < position("\"info\""));
        assert!(position("\"title\"") < position("\"version\""));
        assert!(position("\"/a\"") < position("\"/b\""));
        assert!(position("\"operationId\"") < position("\"responses\""));
        assert!(text.contains("\"required\": [\"z\", \"a\"]"));
        assert!(text.ends_with("}\n"));
    }
}
