//! The webhooks context's part of the OpenAPI document (`openapi.json`): what its
//! operations take and answer, and the schemas of its wire types (Dodo's, so the
//! official SDK's `client.webhooks.*` reads them). `api::openapi` assembles the document;
//! limits come from the constants the parsers use; `api`'s tests check real wire values
//! against these schemas.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::endpoint::{
    DESCRIPTION_MAX_CHARS, EVENT_TYPE_MAX_CHARS, Endpoint, EndpointPatch, FILTER_TYPES_MAX,
    HEADER_NAME_MAX_CHARS, HEADER_VALUE_MAX_CHARS, HEADERS_MAX, HeadersPatch,
    MAX_ENDPOINTS_PER_BUSINESS, METADATA_KEY_MAX_CHARS, METADATA_MAX_KEYS,
    METADATA_VALUE_MAX_CHARS, NewEndpoint, RATE_LIMIT_MAX,
};
use crate::service::{LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX};
use crate::url_rules::URL_MAX_CHARS;
use crate::{WebhookId, handlers, routes};
use platform::openapi::{json_response as ok, request_body as body, response_ref as error};
use platform::route::Route;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const TAG: &str = "Webhooks";

pub fn tags() -> Vec<Value> {
    vec![json!({ "name": TAG })]
}

const URL_RULES: &str = "The `url` must be https and reach only public addresses: an IP literal or a name resolving to a loopback, private, link-local (cloud metadata), unspecified, multicast or reserved address is refused (SSRF), as is a name that does not resolve; 422 `INVALID_REQUEST_PARAMETERS` says why. Local development only (`WEBHOOKS_ALLOW_HTTP_LOOPBACK=true`): loopback, over http too.";

/// Each documented route and its operation: everything but what the route decides.
pub fn operations() -> Vec<(&'static Route, Value)> {
    let create_example = json!({
        "url": "https://hooks.example.com/dodo",
        "description": "Orders",
        "filter_types": ["payment.succeeded", "refund.succeeded"],
        "headers": { "x-tenant": "acme" },
        "metadata": { "team": "billing" }
    });
    let changes =
        |operation_id: &str, description: String, request: Option<(&str, Value)>, answer: Value| {
            let mut responses = json!({
                "200": answer,
                "404": error("NotFound"),
                "409": error("Conflict")
            });
            let mut operation = json!({
                "operationId": operation_id,
                "tags": [TAG],
                "description": description,
            });
            if let Some((schema, example)) = request {
                operation["requestBody"] = body(schema, example);
                responses["400"] = error("BadRequest");
                responses["422"] = error("UnprocessableEntity");
            }
            operation["responses"] = responses;
            operation
        };
    let read = |operation_id: &str, description: &str, answer: Value| {
        json!({
            "operationId": operation_id,
            "tags": [TAG],
            "description": description,
            "responses": { "200": answer, "404": error("NotFound") }
        })
    };
    vec![
        (&routes::CREATE_WEBHOOK, {
            let mut op = changes(
                "createWebhook",
                format!(
                    "Registers an endpoint with a fresh `whsec_` secret (`GET .../secret`). At most {MAX_ENDPOINTS_PER_BUSINESS} per business: beyond, 409 `WEBHOOK_LIMIT_REACHED` (not retryable). {URL_RULES} Custom headers may not be `webhook-*`, hop-by-hop or framing headers."
                ),
                Some(("WebhookCreateRequest", create_example)),
                ok("The new endpoint.", "WebhookDetails"),
            );
            op["responses"]
                .as_object_mut()
                .expect("an object")
                .remove("404");
            op
        }),
        (
            &routes::LIST_WEBHOOKS,
            json!({
                "operationId": "listWebhooks",
                "tags": [TAG],
                "description": "The business's endpoints in id order, one page at a time: pass the answer's `iterator` for the next page until `done`.",
                "parameters": [
                    { "name": "iterator", "in": "query", "required": false, "description": "The `iterator` a previous page answered.", "schema": { "type": "string", "pattern": "^wh_[A-Za-z0-9]{1,64}$" } },
                    { "name": "limit", "in": "query", "required": false, "description": format!("Endpoints per page, default {LIST_LIMIT_DEFAULT}."), "schema": { "type": "integer", "minimum": 1, "maximum": LIST_LIMIT_MAX, "default": LIST_LIMIT_DEFAULT } }
                ],
                "responses": {
                    "200": ok("One page of endpoints.", "WebhookList"),
                    "400": error("BadRequest")
                }
            }),
        ),
        (
            &routes::GET_WEBHOOK,
            read(
                "getWebhook",
                "One endpoint of this business; another business's is 404.",
                ok("The endpoint.", "WebhookDetails"),
            ),
        ),
        (
            &routes::UPDATE_WEBHOOK,
            changes(
                "updateWebhook",
                format!(
                    "Changes the given fields; absent or null ones stay. A concurrent change of the same endpoint is 409 `WEBHOOK_BUSY` (retry). {URL_RULES}"
                ),
                Some((
                    "WebhookUpdateRequest",
                    json!({ "disabled": true, "filter_types": ["customer.created"] }),
                )),
                ok("The endpoint after the change.", "WebhookDetails"),
            ),
        ),
        (
            &routes::DELETE_WEBHOOK,
            changes(
                "deleteWebhook",
                "Deletes the endpoint; nothing more is sent to it.".into(),
                None,
                ok(
                    "Deleted: an empty object (the SDKs read no body).",
                    "WebhookDeleted",
                ),
            ),
        ),
        (
            &routes::GET_WEBHOOK_SECRET,
            read(
                "getWebhookSecret",
                "The endpoint's Standard Webhooks signing secret.",
                ok("The secret.", "WebhookSecret"),
            ),
        ),
        (
            &routes::GET_WEBHOOK_HEADERS,
            read(
                "getWebhookHeaders",
                "The endpoint's custom headers; sensitive ones (`authorization`, `cookie`, `x-api-key`) by name only.",
                ok("The headers.", "WebhookHeaders"),
            ),
        ),
        (
            &routes::UPDATE_WEBHOOK_HEADERS,
            changes(
                "updateWebhookHeaders",
                format!(
                    "Adds or replaces the given headers (names case-insensitive, kept lower case), at most {HEADERS_MAX} in all. `webhook-*` (the signature's), hop-by-hop and framing headers are refused (422)."
                ),
                Some((
                    "WebhookHeadersUpdateRequest",
                    json!({ "headers": { "x-tenant": "globex" } }),
                )),
                ok("The headers after the change.", "WebhookHeaders"),
            ),
        ),
    ]
}

pub const UNDOCUMENTED: &[(&Route, &str)] = &[];

pub fn components() -> Value {
    let webhook_id = json!({ "type": "string", "pattern": "^wh_[A-Za-z0-9]{1,64}$" });
    let date_time = json!({ "type": "string", "format": "date-time" });
    let url = json!({ "type": "string", "minLength": 1, "maxLength": URL_MAX_CHARS });
    let description = json!({ "type": "string", "maxLength": DESCRIPTION_MAX_CHARS });
    let metadata = json!({
        "type": "object",
        "maxProperties": METADATA_MAX_KEYS,
        "propertyNames": { "minLength": 1, "maxLength": METADATA_KEY_MAX_CHARS },
        "additionalProperties": { "type": "string", "maxLength": METADATA_VALUE_MAX_CHARS }
    });
    let event_type = json!({ "type": "string", "maxLength": EVENT_TYPE_MAX_CHARS, "pattern": "^[a-z_]+(\\.[a-z_]+)+$" });
    let filter_types = json!({ "type": "array", "maxItems": FILTER_TYPES_MAX, "items": event_type, "description": "Only these event types are sent; empty: every type." });
    let rate_limit = json!({ "type": "integer", "minimum": 1, "maximum": RATE_LIMIT_MAX });
    let nullable = |mut schema: Value| {
        let kind = schema["type"].clone();
        schema["type"] = json!([kind, "null"]);
        schema
    };
    let headers = json!({
        "type": "object",
        "maxProperties": HEADERS_MAX,
        "propertyNames": { "minLength": 1, "maxLength": HEADER_NAME_MAX_CHARS, "pattern": "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
        "additionalProperties": { "type": "string", "maxLength": HEADER_VALUE_MAX_CHARS, "pattern": "^[\\t\\x20-\\x7e]*$" }
    });
    json!({
        "parameters": {
            "WebhookId": {
                "name": "webhook_id",
                "in": "path",
                "required": true,
                "description": "A webhook endpoint id (`wh_...`). Anything of another shape is 404.",
                "schema": webhook_id.clone()
            }
        },
        "schemas": {
            "WebhookDetails": {
                "type": "object",
                "description": "Dodo Payments' `WebhookDetails`: an endpoint without its secret and headers.",
                "required": ["id", "url", "description", "metadata", "disabled", "filter_types", "rate_limit", "created_at", "updated_at"],
                "properties": {
                    "id": webhook_id.clone(),
                    "url": url.clone(),
                    "description": description.clone(),
                    "metadata": metadata.clone(),
                    "disabled": { "type": "boolean", "description": "true: no events are sent." },
                    "filter_types": filter_types.clone(),
                    "rate_limit": nullable(rate_limit.clone()),
                    "created_at": date_time.clone(),
                    "updated_at": date_time
                }
            },
            "WebhookList": {
                "type": "object",
                "required": ["data", "done", "iterator"],
                "properties": {
                    "data": { "type": "array", "maxItems": LIST_LIMIT_MAX, "items": { "$ref": "#/components/schemas/WebhookDetails" } },
                    "done": { "type": "boolean", "description": "true on the last page." },
                    "iterator": { "type": ["string", "null"], "pattern": "^wh_[A-Za-z0-9]{1,64}$", "description": "Pass as `iterator` for the next page; null on the last." }
                }
            },
            "WebhookCreateRequest": {
                "type": "object",
                "required": ["url"],
                "additionalProperties": false,
                "properties": {
                    "url": url.clone(),
                    "description": nullable(description.clone()),
                    "disabled": { "type": ["boolean", "null"], "description": "Create the endpoint disabled; default false." },
                    "filter_types": filter_types.clone(),
                    "headers": nullable(headers.clone()),
                    "metadata": nullable(metadata.clone()),
                    "rate_limit": nullable(rate_limit.clone())
                }
            },
            "WebhookUpdateRequest": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "url": nullable(url),
                    "description": nullable(description),
                    "disabled": { "type": ["boolean", "null"] },
                    "filter_types": nullable(filter_types),
                    "metadata": nullable(metadata),
                    "rate_limit": nullable(rate_limit)
                }
            },
            "WebhookDeleted": { "type": "object", "additionalProperties": false, "properties": {} },
            "WebhookSecret": {
                "type": "object",
                "required": ["secret"],
                "properties": {
                    "secret": { "type": "string", "pattern": "^whsec_[A-Za-z0-9+/]+={0,2}$", "description": "`whsec_` and the base64 of 32 random bytes (Standard Webhooks)." }
                }
            },
            "WebhookHeaders": {
                "type": "object",
                "required": ["headers", "sensitive"],
                "properties": {
                    "headers": headers.clone(),
                    "sensitive": { "type": "array", "maxItems": HEADERS_MAX, "items": { "type": "string" }, "description": "Headers set but not shown." }
                }
            },
            "WebhookHeadersUpdateRequest": {
                "type": "object",
                "required": ["headers"],
                "additionalProperties": false,
                "properties": { "headers": headers }
            }
        }
    })
}

fn value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("wire types serialize")
}

/// Real answers of every schema, for `api`'s tests.
pub fn wire_samples() -> Vec<(&'static str, Value)> {
    let now = platform::time::format(platform::time::now());
    let endpoint = Endpoint {
        id: WebhookId::new(),
        url: "https://hooks.example.com/dodo".into(),
        description: "Orders".into(),
        metadata: BTreeMap::from([("team".into(), "billing".into())]),
        disabled: false,
        filter_types: vec!["payment.succeeded".into()],
        rate_limit: Some(10),
        headers: BTreeMap::from([
            ("authorization".into(), "Bearer t".into()),
            ("x-tenant".into(), "acme".into()),
        ]),
        secret: platform::standard_webhooks::new_secret(),
        created_at: now.clone(),
        updated_at: now,
        revision: 0,
    };
    let unlimited = Endpoint {
        id: WebhookId::new(),
        rate_limit: None,
        ..endpoint.clone()
    };
    let endpoints = [endpoint.clone(), unlimited.clone()];
    let create = json!({
        "url": "https://hooks.example.com/dodo",
        "description": "Orders",
        "disabled": false,
        "filter_types": ["payment.succeeded"],
        "headers": { "x-tenant": "acme" },
        "metadata": { "team": "billing" },
        "rate_limit": 10
    });
    let update = json!({
        "url": "https://hooks.example.com/v2",
        "description": null,
        "disabled": true,
        "filter_types": ["customer.created"],
        "metadata": {},
        "rate_limit": null
    });
    let headers = json!({ "headers": { "x-tenant": "globex" } });
    // The request samples are what the parsers take.
    serde_json::from_value::<NewEndpoint>(create.clone()).expect("a creation");
    serde_json::from_value::<EndpointPatch>(update.clone()).expect("an update");
    serde_json::from_value::<HeadersPatch>(headers.clone()).expect("a headers update");
    vec![
        ("WebhookCreateRequest", create),
        ("WebhookUpdateRequest", update),
        ("WebhookHeadersUpdateRequest", headers),
        ("WebhookDetails", value(&endpoint.details())),
        ("WebhookDetails", value(&unlimited.details())),
        (
            "WebhookList",
            handlers::list_webhooks::page(&endpoints, Some(unlimited.id.clone())),
        ),
        ("WebhookList", handlers::list_webhooks::page(&[], None)),
        ("WebhookSecret", json!({ "secret": endpoint.secret })),
        ("WebhookHeaders", value(&endpoint.headers_view())),
        ("WebhookDeleted", json!({})),
    ]
}
