//! Builds `openapi.json` from the route table and each context's `openapi` module.
//!
//! The route gives each operation its path and method, its path parameters (each
//! `{name}` segment is the one component parameter of that name, `in: path`), its
//! summary, its security (from `caller`: a merchant key is `bearerAuth`, a portal
//! session `portalSession`, plus `portalCsrf` on a change, public none) and the
//! responses every route of its kind has: 413 (the body limit, for every route), 401
//! (every route with a caller to authenticate) and 429 and 500 (every route that calls
//! AWS, i.e. declares actions). The context's operation gives everything else: its
//! operationId, tags, description, query parameters, request body, its success answer
//! and its own error answers. Every response gets the `x-request-id` header that
//! `dispatch` sets on every answer.
//!
//! Every route is either described by exactly one context or listed by it as
//! undocumented (with the reason); anything else is a panic, so a new route cannot be
//! forgotten here.

use super::common;
use platform::route::{Caller, Method, Route};
use serde_json::{Map, Value, json};

/// What one context (or the API itself) contributes.
struct Part {
    tags: Vec<Value>,
    operations: Vec<(&'static Route, Value)>,
    undocumented: &'static [(&'static Route, &'static str)],
    components: Value,
}

fn parts() -> Vec<Part> {
    vec![
        Part {
            tags: customers::openapi::tags(),
            operations: customers::openapi::operations(),
            undocumented: customers::openapi::UNDOCUMENTED,
            components: customers::openapi::components(),
        },
        Part {
            tags: wallets::openapi::tags(),
            operations: wallets::openapi::operations(),
            undocumented: wallets::openapi::UNDOCUMENTED,
            components: wallets::openapi::components(),
        },
        Part {
            tags: billing::openapi::tags(),
            operations: billing::openapi::operations(),
            undocumented: billing::openapi::UNDOCUMENTED,
            components: billing::openapi::components(),
        },
        Part {
            tags: portal::openapi::tags(),
            operations: portal::openapi::operations(),
            undocumented: portal::openapi::UNDOCUMENTED,
            components: portal::openapi::components(),
        },
        Part {
            tags: ingest::openapi::tags(),
            operations: ingest::openapi::operations(),
            undocumented: ingest::openapi::UNDOCUMENTED,
            components: ingest::openapi::components(),
        },
        Part {
            tags: subscriptions::openapi::tags(),
            operations: subscriptions::openapi::operations(),
            undocumented: subscriptions::openapi::UNDOCUMENTED,
            components: subscriptions::openapi::components(),
        },
        Part {
            tags: licensing::openapi::tags(),
            operations: licensing::openapi::operations(),
            undocumented: licensing::openapi::UNDOCUMENTED,
            components: licensing::openapi::components(),
        },
        Part {
            tags: invoices::openapi::tags(),
            operations: invoices::openapi::operations(),
            undocumented: invoices::openapi::UNDOCUMENTED,
            components: invoices::openapi::components(),
        },
        Part {
            tags: webhooks::openapi::tags(),
            operations: webhooks::openapi::operations(),
            undocumented: webhooks::openapi::UNDOCUMENTED,
            components: webhooks::openapi::components(),
        },
        Part {
            tags: common::tags(),
            operations: common::operations(),
            undocumented: &[],
            components: common::components(),
        },
    ]
}

/// Keys of an operation that the route decides, never the context.
const ROUTE_OWNED_KEYS: &[&str] = &["summary", "security"];

/// The OpenAPI 3.1 document of the API.
pub fn document() -> Value {
    let parts = parts();
    let mut components = merged_components(&parts);
    add_request_id_to_components(&mut components);
    let mut paths = Map::new();
    for route in crate::routes() {
        let same = |r: &&'static Route| r.function == route.function;
        let described: Vec<&Value> = parts
            .iter()
            .flat_map(|p| &p.operations)
            .filter(|(r, _)| same(r))
            .map(|(_, operation)| operation)
            .collect();
        let left_out = parts
            .iter()
            .flat_map(|p| p.undocumented)
            .filter(|(r, _)| same(r))
            .count();
        let fragment = match (described.as_slice(), left_out) {
            ([fragment], 0) => *fragment,
            ([], 1) => continue,
            _ => panic!(
                "route {} {} ({}): described {} times and left out {} times; describe it in \
                 its context's openapi::operations() or list it in openapi::UNDOCUMENTED",
                route.method,
                route.path,
                route.function,
                described.len(),
                left_out
            ),
        };
        let path_item = paths
            .entry(route.path)
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .expect("a path item is an object");
        let path_parameters = path_parameters(route, &components);
        if !path_parameters.is_empty() {
            match path_item.get("parameters") {
                None => {
                    path_item.insert("parameters".into(), Value::Array(path_parameters));
                }
                Some(existing) => assert_eq!(existing, &Value::Array(path_parameters)),
            }
        }
        path_item.insert(
            route.method.as_str().to_ascii_lowercase(),
            operation(route, fragment, &components),
        );
    }
    let route_functions: Vec<&str> = crate::routes().iter().map(|r| r.function).collect();
    for part in &parts {
        let listed = part.operations.iter().map(|(r, _)| r);
        for route in listed.chain(part.undocumented.iter().map(|(r, _)| r)) {
            assert!(
                route_functions.contains(&route.function),
                "{} is described but not in api::routes()",
                route.function
            );
        }
    }
    let mut document = common::header();
    document["tags"] = parts.iter().flat_map(|p| p.tags.clone()).collect();
    document["paths"] = Value::Object(paths);
    document["components"] = components;
    document
}

/// `document()` as the repository keeps it: `openapi.json`.
pub fn json() -> String {
    super::format::pretty(&document())
}

/// Every part's components in one map per kind; a name defined twice is a panic.
fn merged_components(parts: &[Part]) -> Value {
    let mut merged = Map::new();
    for part in parts {
        let kinds = part
            .components
            .as_object()
            .expect("components is an object");
        for (kind, entries) in kinds {
            let section = merged
                .entry(kind.clone())
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("a components section is an object");
            for (name, component) in entries.as_object().expect("a map of components") {
                assert!(
                    section.insert(name.clone(), component.clone()).is_none(),
                    "components/{kind}/{name} is defined twice"
                );
            }
        }
    }
    Value::Object(merged)
}

/// `$ref`s to the component parameters of the route's `{name}` segments.
fn path_parameters(route: &Route, components: &Value) -> Vec<Value> {
    let names = route
        .path
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')));
    names
        .map(|name| {
            let matching: Vec<&String> = components["parameters"]
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(_, p)| p["in"] == "path" && p["name"] == name)
                .map(|(key, _)| key)
                .collect();
            match matching.as_slice() {
                [key] => json!({ "$ref": format!("#/components/parameters/{key}") }),
                _ => panic!(
                    "{} {}: path parameter {{{name}}} needs exactly one component parameter \
                     with that name and `in: path`, found {matching:?}",
                    route.method, route.path
                ),
            }
        })
        .collect()
}

/// Who may call the route, as OpenAPI security requirements.
fn security(route: &Route) -> Value {
    let changes = !matches!(route.method, Method::GET | Method::HEAD);
    match route.caller {
        Caller::MerchantKey => json!([{ "bearerAuth": [] }]),
        Caller::PortalSession if changes => json!([{ "portalSession": [], "portalCsrf": [] }]),
        Caller::PortalSession => json!([{ "portalSession": [] }]),
        Caller::Public => json!([]),
    }
}

/// The responses every route of its kind has, whatever its context says.
fn route_responses(route: &Route) -> Vec<(&'static str, &'static str)> {
    let mut responses = vec![("413", "PayloadTooLarge")];
    if route.caller != Caller::Public {
        responses.push(("401", "Unauthorized"));
    }
    if !route.actions.is_empty() {
        responses.push(("429", "TooManyRequests"));
        responses.push(("500", "InternalServerError"));
    }
    responses
}

fn operation(route: &Route, fragment: &Value, components: &Value) -> Value {
    let name = format!("{} {}", route.method, route.path);
    let mut operation = fragment
        .as_object()
        .unwrap_or_else(|| panic!("{name}: an operation is an object"))
        .clone();
    assert!(
        operation.get("operationId").is_some_and(Value::is_string),
        "{name}: no operationId"
    );
    for key in ROUTE_OWNED_KEYS {
        assert!(
            !operation.contains_key(*key),
            "{name}: `{key}` comes from the route, not the context"
        );
    }
    for parameter in operation
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let resolved = resolve(components, parameter);
        assert_ne!(
            resolved["in"], "path",
            "{name}: path parameters come from the route's path"
        );
    }
    operation.insert("summary".into(), route.summary.into());
    operation.insert("security".into(), security(route));
    let responses = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("{name}: no responses"));
    for (status, component) in route_responses(route) {
        let given = responses.insert(
            status.into(),
            json!({ "$ref": format!("#/components/responses/{component}") }),
        );
        assert!(
            given.is_none(),
            "{name}: {status} comes from the route, not the context"
        );
    }
    for response in responses.values_mut() {
        add_request_id_header(response);
    }
    Value::Object(operation)
}

/// Every answer carries `x-request-id` (`platform::route::dispatch` sets it).
fn add_request_id_header(response: &mut Value) {
    if response.get("$ref").is_some() {
        return;
    }
    let headers = response
        .as_object_mut()
        .expect("a response is an object")
        .entry("headers")
        .or_insert_with(|| json!({}));
    headers[platform::http::REQUEST_ID_HEADER] =
        json!({ "$ref": "#/components/headers/RequestId" });
}

/// A `$ref` into the components, followed (anything else as it is).
fn resolve<'a>(components: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let mut target = components;
            let path = reference
                .strip_prefix("#/components/")
                .unwrap_or_else(|| panic!("only component references are used: {reference}"));
            for segment in path.split('/') {
                target = &target[segment];
            }
            assert!(!target.is_null(), "{reference} does not resolve");
            resolve(components, target)
        }
        None => node,
    }
}

/// The shared responses carry `x-request-id` too.
fn add_request_id_to_components(components: &mut Value) {
    if let Some(responses) = components
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    {
        for response in responses.values_mut() {
            add_request_id_header(response);
        }
    }
}
