//! The ingest context's part of the OpenAPI document (`openapi.json`); see
//! `customers::openapi` for how the parts are assembled. Compiled only with the
//! `openapi` feature (the generator and its tests), never into a Lambda function.

use crate::endpoint::{
    CreatedEndpoint, ENDPOINTS_PER_BUSINESS_MAX, EndpointList, RotatedSecret, StoredEndpoint,
    endpoint_url,
};
use crate::envelope::EVENT_TYPE_MAX_CHARS;
use crate::routes;
use crate::store::KeptEvent;
use platform::ids::BusinessId;
use platform::openapi::json_response as ok;
use platform::route::Route;
use serde_json::{Value, json};

pub fn tags() -> Vec<Value> {
    vec![json!({ "name": "Ingest" })]
}

fn envelope_example() -> Value {
    json!({
        "business_id": "bus_engine",
        "type": "payment.succeeded",
        "timestamp": "2026-01-02T03:04:05.000Z",
        "data": { "payment_id": "pay_1" }
    })
}

pub fn operations() -> Vec<(&'static Route, Value)> {
    vec![
        (
            &routes::CREATE_INGEST_ENDPOINT,
            json!({
                "operationId": "createIngestEndpoint",
                "tags": ["Ingest"],
                "description": format!("Extension. A new ingest endpoint: point the payment engine's webhooks at `url` with `secret`. The secret is shown only here (and on rotation). At most {ENDPOINTS_PER_BUSINESS_MAX} per business (409 `INGEST_ENDPOINT_LIMIT_REACHED`). No body is read."),
                "responses": {
                    "200": ok("The endpoint and its secret (shown once).", "IngestEndpointCreated"),
                    "409": { "$ref": "#/components/responses/Conflict" }
                }
            }),
        ),
        (
            &routes::LIST_INGEST_ENDPOINTS,
            json!({
                "operationId": "listIngestEndpoints",
                "tags": ["Ingest"],
                "description": "Extension. The business's ingest endpoints, newest first, without secrets.",
                "responses": { "200": ok("The endpoints.", "IngestEndpointList") }
            }),
        ),
        (
            &routes::DELETE_INGEST_ENDPOINT,
            json!({
                "operationId": "deleteIngestEndpoint",
                "tags": ["Ingest"],
                "description": "Extension. Deletes the endpoint: events posted to it are refused (401) from then on (within the key cache's TTL on warm functions). Events already received are kept until their TTL.",
                "responses": {
                    "200": ok("Deleted.", "IngestEndpointDeleted"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::ROTATE_INGEST_SECRET,
            json!({
                "operationId": "rotateIngestSecret",
                "tags": ["Ingest"],
                "description": "Extension. A new secret, shown once. The previous one keeps verifying until `previous_secret_expires_at` (24 h); a second rotation within that time retires the one before at once. No body is read.",
                "responses": {
                    "200": ok("The new secret.", "IngestSecretRotated"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::LIST_INGEST_EVENTS,
            json!({
                "operationId": "listIngestEvents",
                "tags": ["Ingest"],
                "description": "Extension, for audit and replay: the events this endpoint accepted (kept 90 days), newest first by arrival, each with its body exactly as received and its webhook headers. Refused deliveries (401, 400) are not kept. 404 for an endpoint the business does not have (also once deleted).",
                "parameters": [
                    { "$ref": "#/components/parameters/PageNumber" },
                    { "$ref": "#/components/parameters/PageSize" }
                ],
                "responses": {
                    "200": ok("One page of events, newest first.", "IngestEventList"),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::RECEIVE_INGEST_EVENT,
            json!({
                "operationId": "receiveIngestEvent",
                "tags": ["Ingest"],
                "description": "Extension, called by the payment engine (no API key): one event signed with Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, several space-separated allowed, timestamps at most 5 minutes away). Exactly-once per `webhook-id`; every accepted event is kept raw for 90 days.",
                "parameters": [
                    { "name": "webhook-id", "in": "header", "required": true, "schema": { "type": "string" } },
                    { "name": "webhook-timestamp", "in": "header", "required": true, "schema": { "type": "string", "pattern": "^[0-9]+$" } },
                    { "name": "webhook-signature", "in": "header", "required": true, "schema": { "type": "string" } }
                ],
                "requestBody": {
                    "required": true,
                    "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/IngestEnvelope" },
                        "example": envelope_example()
                    } }
                },
                "responses": {
                    "200": ok("Kept (and applied, unless ignored, stale or a duplicate).", "IngestReceipt"),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "422": {
                        "description": "`INVALID_REQUEST_PARAMETERS`: the event's customer is unknown here and cannot be created as described (an empty name, a bad email, ...).",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/Error" }
                        } }
                    },
                    "401": {
                        "description": "`UNAUTHORIZED`: a missing, stale or wrong signature, or no such endpoint (the same answer, so endpoints cannot be probed).",
                        "headers": { "x-should-retry": { "$ref": "#/components/headers/ShouldRetry" } },
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/Error" }
                        } }
                    }
                }
            }),
        ),
    ]
}

pub const UNDOCUMENTED: &[(&Route, &str)] = &[];

pub fn components() -> Value {
    let endpoint_id = json!({ "type": "string", "pattern": "^ing_[A-Za-z0-9]+$" });
    let date_time = json!({ "type": "string", "format": "date-time" });
    let secret = json!({
        "type": "string",
        "pattern": "^whsec_[A-Za-z0-9+/]+={0,2}$",
        "description": "`whsec_` and the base64 of 32 random bytes (Standard Webhooks)."
    });
    json!({
        "parameters": {
            "IngestEndpointId": {
                "name": "ingest_endpoint_id",
                "in": "path",
                "required": true,
                "description": "An ingest endpoint id (`ing_` and a random id). Anything of another shape is 404 (401 on the public route).",
                "schema": { "type": "string" }
            }
        },
        "schemas": {
            "IngestEndpointCreated": {
                "type": "object",
                "required": ["ingest_endpoint_id", "business_id", "url", "secret", "created_at"],
                "properties": {
                    "ingest_endpoint_id": endpoint_id.clone(),
                    "business_id": { "type": "string" },
                    "url": { "type": "string", "format": "uri", "description": "Where the engine posts: `POST {base}/ingest/{ingest_endpoint_id}`; the base is `INGEST_BASE_URL` or the request's scheme and host." },
                    "secret": secret.clone(),
                    "created_at": date_time.clone()
                }
            },
            "IngestEndpoint": {
                "type": "object",
                "required": ["ingest_endpoint_id", "url", "created_at", "secret_rotated_at"],
                "properties": {
                    "ingest_endpoint_id": endpoint_id.clone(),
                    "url": { "type": "string", "format": "uri" },
                    "created_at": date_time.clone(),
                    "secret_rotated_at": { "type": ["string", "null"], "format": "date-time" }
                }
            },
            "IngestEndpointList": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {
                        "type": "array",
                        "maxItems": ENDPOINTS_PER_BUSINESS_MAX,
                        "items": { "$ref": "#/components/schemas/IngestEndpoint" }
                    }
                }
            },
            "IngestEndpointDeleted": {
                "type": "object",
                "required": ["ingest_endpoint_id", "deleted"],
                "properties": {
                    "ingest_endpoint_id": endpoint_id.clone(),
                    "deleted": { "const": true }
                }
            },
            "IngestSecretRotated": {
                "type": "object",
                "required": ["ingest_endpoint_id", "secret", "previous_secret_expires_at"],
                "properties": {
                    "ingest_endpoint_id": endpoint_id,
                    "secret": secret,
                    "previous_secret_expires_at": date_time.clone()
                }
            },
            "IngestEvent": {
                "type": "object",
                "required": ["webhook_id", "ingest_endpoint_id", "type", "event_timestamp", "received_at", "outcome", "body", "headers"],
                "properties": {
                    "webhook_id": { "type": "string" },
                    "ingest_endpoint_id": { "type": "string", "pattern": "^ing_[A-Za-z0-9]+$" },
                    "type": { "type": "string" },
                    "event_timestamp": { "type": "string", "format": "date-time", "description": "The envelope's `timestamp`." },
                    "received_at": { "type": "string", "format": "date-time" },
                    "outcome": { "enum": ["applied", "ignored", "stale"] },
                    "body": { "type": "string", "description": "The request body exactly as received." },
                    "headers": {
                        "type": "object",
                        "description": "`webhook-id`, `webhook-timestamp`, `webhook-signature`, `content-type`, `user-agent` as received.",
                        "additionalProperties": { "type": "string" }
                    }
                }
            },
            "IngestEventList": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {
                        "type": "array",
                        "maxItems": platform::paging::MAX_PAGE_SIZE,
                        "items": { "$ref": "#/components/schemas/IngestEvent" }
                    }
                }
            },
            "IngestEnvelope": {
                "type": "object",
                "description": "Dodo's event envelope. `business_id` is the engine's and is kept, not trusted: the endpoint decides the business.",
                "required": ["business_id", "type", "timestamp", "data"],
                "properties": {
                    "business_id": { "type": "string" },
                    "type": { "type": "string", "minLength": 1, "maxLength": EVENT_TYPE_MAX_CHARS },
                    "timestamp": date_time,
                    "data": { "type": "object" }
                }
            },
            "IngestReceipt": {
                "type": "object",
                "required": ["webhook_id", "outcome"],
                "properties": {
                    "webhook_id": { "type": "string" },
                    "outcome": {
                        "enum": ["applied", "ignored", "stale", "duplicate"],
                        "description": "`applied`: its effect committed with its record; `ignored`: a type no context handles (kept); `stale`: the stored state was newer (kept); `duplicate`: this `webhook-id` was received before (nothing changed)."
                    }
                }
            }
        }
    })
}

/// Real wire values of this context and the schema each must fit (`api` checks them).
pub fn wire_samples() -> Vec<(&'static str, Value)> {
    let business = BusinessId::parse("bus_0123456789abcdef").expect("a business id");
    let endpoint = StoredEndpoint::new(business, platform::time::format(platform::time::now()));
    let base = "https://api.example.com";
    let created = CreatedEndpoint {
        url: endpoint_url(base, &endpoint.ingest_endpoint_id),
        ingest_endpoint_id: endpoint.ingest_endpoint_id.clone(),
        business_id: endpoint.business_id.clone(),
        secret: endpoint.secret.clone(),
        created_at: endpoint.created_at.clone(),
    };
    let mut rotated_endpoint = endpoint.clone();
    rotated_endpoint.secret_rotated_at = Some(endpoint.created_at.clone());
    let list = EndpointList {
        items: vec![endpoint.summary(base), rotated_endpoint.summary(base)],
    };
    let rotated = RotatedSecret {
        ingest_endpoint_id: endpoint.ingest_endpoint_id.clone(),
        secret: crate::signature::new_secret(),
        previous_secret_expires_at: endpoint.created_at.clone(),
    };
    vec![
        ("IngestEndpointCreated", value(&created)),
        ("IngestEndpointList", value(&list)),
        ("IngestEndpointList", json!({ "items": [] })),
        ("IngestSecretRotated", value(&rotated)),
        (
            "IngestEndpointDeleted",
            json!({ "ingest_endpoint_id": endpoint.ingest_endpoint_id, "deleted": true }),
        ),
        ("IngestEnvelope", envelope_example()),
        (
            "IngestEventList",
            json!({ "items": [value(&kept_event(&endpoint))] }),
        ),
        (
            "IngestReceipt",
            json!({ "webhook_id": "msg_1", "outcome": "applied" }),
        ),
    ]
}

fn value<T: serde::Serialize>(wire: &T) -> Value {
    serde_json::to_value(wire).expect("wire types serialize")
}

fn kept_event(endpoint: &StoredEndpoint) -> KeptEvent {
    let body = envelope_example().to_string();
    KeptEvent {
        webhook_id: "msg_1".into(),
        ingest_endpoint_id: endpoint.ingest_endpoint_id.clone(),
        event_type: "payment.succeeded".into(),
        event_timestamp: endpoint.created_at.clone(),
        received_at: endpoint.created_at.clone(),
        outcome: crate::store::Outcome::Applied.as_str().into(),
        headers: [("webhook-id", "msg_1"), ("webhook-timestamp", "1767323045")]
            .into_iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
        body,
        expires_at: 0,
    }
}
