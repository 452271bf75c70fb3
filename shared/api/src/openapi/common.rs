//! The parts of the OpenAPI document that belong to no context: the document's header,
//! merchant authentication, the request id and retry headers, paging parameters, the
//! error responses every context shares (platform's `ApiError` vocabulary and its one
//! HTTP mapping), and the `GET /openapi.json` operation itself.

use customers::customer::METADATA_MAX_KEYS;
use platform::http::{BODY_MAX_BYTES, REQUEST_ID_HEADER};
use platform::paging::{DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE};
use platform::route::Route;
use serde_json::{Value, json};

/// The top of the document: everything but tags, paths and components.
pub fn header() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Customers API",
            "version": "1.0.0",
            "summary": "Customers, wallets and the wallet ledger, wire-compatible with the Customers surface of the Dodo Payments REST API.",
            "description": format!("The official Dodo Payments SDKs (PyPI and npm package `dodopayments`) work against this API unchanged when given its URL as `base_url`. Routes and fields marked as extensions are ours, not Dodo's. Timestamps are RFC 3339 in UTC; money is an integer count of the currency's minor unit. Every error is `{{\"code\", \"message\"}}` (schema `Error`), and every response carries an `{REQUEST_ID_HEADER}` header. This document is generated from the route table and the contexts' wire types (`cargo run -p local-server -- --print-openapi`)."),
            "license": { "name": "Apache-2.0", "identifier": "Apache-2.0" }
        },
        "servers": [{
            "url": "/",
            "description": "The API Gateway URL of a deployment (stack output ApiUrl), or the local server."
        }],
        "security": [{ "bearerAuth": [] }]
    })
}

/// The tags of what the API itself serves, after the contexts'.
pub fn tags() -> Vec<Value> {
    vec![json!({ "name": "Meta" })]
}

/// `GET /openapi.json`.
pub fn operations() -> Vec<(&'static Route, Value)> {
    vec![(
        &crate::GET_OPENAPI,
        json!({
            "operationId": "getOpenApi",
            "tags": ["Meta"],
            "description": "The OpenAPI document of this API. No authentication.",
            "responses": {
                "200": {
                    "description": "The OpenAPI 3.1 document.",
                    "content": { "application/json": { "schema": {
                        "type": "object",
                        "required": ["openapi", "info", "paths"],
                        "properties": {
                            "openapi": { "type": "string", "pattern": "^3\\.1\\.\\d+$" },
                            "info": { "type": "object" },
                            "paths": { "type": "object" }
                        }
                    } } }
                }
            }
        }),
    )]
}

fn error_response(description: &str, should_retry: bool) -> Value {
    let mut response = json!({
        "description": description,
        "content": { "application/json": {
            "schema": { "$ref": "#/components/schemas/Error" }
        } }
    });
    if should_retry {
        response["headers"] =
            json!({ "x-should-retry": { "$ref": "#/components/headers/ShouldRetry" } });
    }
    response
}

/// Components every context refers to.
pub fn components() -> Value {
    json!({
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "A secret API key: `Authorization: Bearer sk_...`. A key belongs to one business; objects of other businesses answer as missing (404). A missing, malformed, unknown or revoked key is 401 `UNAUTHORIZED`."
            }
        },
        "headers": {
            "RequestId": {
                "description": "Identifies the request in the service's logs; every response carries it.",
                "required": true,
                "schema": { "type": "string", "minLength": 1 }
            },
            "ShouldRetry": {
                "description": "`false` on an error that a retry will not cure (the official SDKs then do not retry).",
                "required": false,
                "schema": { "type": "string", "enum": ["false"] }
            }
        },
        "parameters": {
            "PageNumber": {
                "name": "page_number",
                "in": "query",
                "required": false,
                "description": format!("0-based page number, default 0. `page_number * page_size` must be at most {MAX_OFFSET}; filter by `created_at_lte` to go further back."),
                "schema": { "type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0 }
            },
            "PageSize": {
                "name": "page_size",
                "in": "query",
                "required": false,
                "description": format!("Items per page, default {DEFAULT_PAGE_SIZE}."),
                "schema": { "type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE }
            }
        },
        "responses": {
            "BadRequest": error_response(&format!("`INVALID_REQUEST_BODY` (the body is not a JSON object of the right shape), `INVALID_QUERY_PARAMS` (a query parameter is malformed, repeated or out of range), `INSUFFICIENT_WALLET_FUNDS` (a debit larger than the balance; not retryable), `MAXIMUM_KEYS_REACHED` (more than {METADATA_MAX_KEYS} metadata keys) or `UNSUPPORTED_CURRENCY` (a currency this deployment holds no wallets in)."), true),
            "Unauthorized": error_response("`UNAUTHORIZED`: the API key is missing, malformed, unknown or revoked; on portal routes, the portal session cookie is missing, unknown or expired.", false),
            "NotFound": error_response("`NOT_FOUND`: no such object for this business (an object of another business is answered the same way).", false),
            "Conflict": error_response("The request clashes with the current state: `CONFLICT` or `WALLET_BUSY` (retry), `IDEMPOTENCY_KEY_REUSED` or `WALLET_BALANCE_NOT_ZERO` (not retryable: `x-should-retry: false`).", true),
            "PayloadTooLarge": error_response(&format!("`PAYLOAD_TOO_LARGE`: the request body is over {BODY_MAX_BYTES} bytes."), false),
            "UnprocessableEntity": error_response("`INVALID_REQUEST_PARAMETERS`: well-formed but semantically wrong (an empty or too long name, a bad email or phone number, an unknown locale, an amount out of range, ...).", false),
            "TooManyRequests": error_response("`TOO_MANY_REQUESTS`: throttled; retry after a short pause.", false),
            "InternalServerError": error_response("`INTERNAL_SERVER_ERROR`: anything unexpected; the message reveals nothing internal.", false)
        },
        "schemas": {
            "Error": {
                "type": "object",
                "description": "Every error response.",
                "required": ["code", "message"],
                "additionalProperties": false,
                "properties": {
                    "code": {
                        "type": "string",
                        "pattern": "^[A-Z][A-Z0-9_]*$",
                        "description": "Machine-readable, e.g. `NOT_FOUND`, `INVALID_REQUEST_PARAMETERS`."
                    },
                    "message": { "type": "string", "minLength": 1, "description": "What went wrong, for a person." }
                }
            },
            "CurrencyCode": {
                "type": "string",
                "description": "An upper-case ISO 4217 code. Which currencies hold wallets is set per deployment (by default USD and INR).",
                "pattern": "^[A-Z]{3}$",
                "examples": ["USD", "INR"]
            }
        }
    })
}
