//! The portal context's part of the OpenAPI document (`openapi.json`): the merchant's
//! link minting and the JSON routes the portal page calls, the portal session and CSRF
//! security schemes, and the schemas of its wire types. `api::openapi` assembles the
//! document from every context's part and the route table, which gives each operation
//! its method, path, summary, security and the responses every route has (401, 413,
//! 429, 500); this module gives the rest. The portal's HTML routes are left out.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::links::{LINK_VALIDITY_SECONDS, RETURN_URL_MAX_CHARS};
use crate::routes;
use crate::sections::billing::{BillingPage, BillingPayment, BillingRefund, PaymentState};
use crate::sections::ledger::{LedgerLine, LedgerPage};
use crate::sections::licenses::{
    PortalInstance, PortalInstances, PortalLicenseKey, PortalLicenseKeys,
};
use crate::sections::profile::{self, Profile};
use crate::sections::subscriptions::{FEEDBACK, PortalSubscription, PortalSubscriptions};
use crate::sections::wallets::{WalletBalance, WalletBalances};
use crate::sessions::{CSRF_HEADER, SESSION_COOKIE};
use billing::payment::RefundStatus;
use billing::{PaymentId, RefundId};
use customers::customer::PHONE_MAX_CHARS;
use licensing::license_key::Status;
use licensing::{LicenseKeyId, LicenseKeyInstanceId};
use platform::money::CurrencyCode;
use platform::route::Route;
use serde_json::{Value, json};
use subscriptions::SubscriptionId;
use subscriptions::subscription::TEXT_MAX_CHARS;
use subscriptions::subscription::{SubscriptionStatus, TimeInterval};

/// The tags this context's operations use, in the document's order.
pub fn tags() -> Vec<Value> {
    vec![json!({
        "name": "Customer portal",
        "description": "Minting a link to the hosted customer portal (merchant API key), and the JSON routes the portal page calls with the customer's session cookie. The portal's HTML routes (`GET /portal/session/{token}`, a link's page, and its Continue `POST`, which sets the cookie, and `GET /portal`, the page) are not described here."
    })]
}

fn subscription_change_example() -> Value {
    json!({ "action": "cancel_at_period_end", "feedback": "too_expensive", "comment": "Moving to a yearly plan." })
}

fn profile_change_example() -> Value {
    json!({ "name": "Ada King", "phone_number": "" })
}

/// The 200 answer of a portal route: JSON, never cached.
fn no_store_ok(description: &str, schema: &str) -> Value {
    json!({
        "description": description,
        "headers": { "cache-control": { "$ref": "#/components/headers/NoStore" } },
        "content": { "application/json": {
            "schema": { "$ref": format!("#/components/schemas/{schema}") }
        } }
    })
}

/// A portal document download: a PDF, never cached.
fn portal_pdf(description: &str) -> Value {
    json!({
        "description": description,
        "headers": {
            "Cache-Control": { "$ref": "#/components/headers/NoStore" },
            "Content-Disposition": {
                "description": "`inline`, with a file name made of the document's number.",
                "schema": { "type": "string" }
            }
        },
        "content": { "application/pdf": { "schema": { "type": "string", "format": "binary" } } }
    })
}

/// Each documented route and its operation: everything but what the route decides.
pub fn operations() -> Vec<(&'static Route, Value)> {
    let link_hours = LINK_VALIDITY_SECONDS / 3600;
    vec![
        (
            &routes::CREATE_PORTAL_SESSION,
            json!({
                "operationId": "createPortalSession",
                "tags": ["Customer portal"],
                "description": format!("Takes query parameters, not a body. The link lets the customer into the hosted portal for this one customer, once, within {link_hours} hours."),
                "parameters": [
                    {
                        "name": "send_email",
                        "in": "query",
                        "required": false,
                        "description": "Also e-mail the link to the customer, in their language.",
                        "schema": { "type": "boolean", "default": false }
                    },
                    {
                        "name": "return_url",
                        "in": "query",
                        "required": false,
                        "description": format!("Shown in the portal as a \"Return to <business>\" link: an absolute `https://` URL with a host and no credentials, at most {RETURN_URL_MAX_CHARS} characters."),
                        "schema": {
                            "type": "string",
                            "maxLength": RETURN_URL_MAX_CHARS,
                            "pattern": "^https://[A-Za-z0-9.-]+(?::[0-9]{1,4})?(?:/[A-Za-z0-9._~%/-]*)?$"
                        }
                    }
                ],
                "responses": {
                    "200": no_store_ok("The link.", "CustomerPortalSession"),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::PORTAL_GET_PROFILE,
            json!({
                "operationId": "getPortalProfile",
                "tags": ["Customer portal"],
                "responses": {
                    "200": no_store_ok("The customer's details.", "PortalProfile"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::PORTAL_UPDATE_PROFILE,
            json!({
                "operationId": "updatePortalProfile",
                "tags": ["Customer portal"],
                "description": format!("Same validation as `PATCH /customers/{{customer_id}}`. Needs the page's CSRF token in `{CSRF_HEADER}`, and an `Origin` header, when sent, equal to the portal's origin (else 403 `FORBIDDEN`). A field filled in wrongly is 422 with the field's name."),
                "requestBody": {
                    "required": true,
                    "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/PortalProfileChange" },
                        "example": profile_change_example()
                    } }
                },
                "responses": {
                    "200": no_store_ok("The customer's details after the change.", "PortalProfile"),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "403": { "$ref": "#/components/responses/Forbidden" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" },
                    "422": { "$ref": "#/components/responses/FieldInvalid" }
                }
            }),
        ),
        (
            &routes::PORTAL_LIST_WALLETS,
            json!({
                "operationId": "listPortalWallets",
                "tags": ["Customer portal"],
                "responses": {
                    "200": no_store_ok("One balance per wallet.", "PortalWalletList"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::PORTAL_LIST_BILLING,
            json!({
                "operationId": "listPortalBilling",
                "tags": ["Customer portal"],
                "parameters": [
                    { "$ref": "#/components/parameters/PageNumber" },
                    { "$ref": "#/components/parameters/PageSize" }
                ],
                "responses": {
                    "200": no_store_ok("One page of payments, newest first, each with its refunds.", "PortalBillingPage"),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::PORTAL_GET_PAYMENT_INVOICE,
            json!({
                "operationId": "getPortalPaymentInvoice",
                "tags": ["Customer portal"],
                "description": "The same PDF as `GET /invoices/payments/{payment_id}`, for the session's own customer: another customer's payment is 404. A payment that has not succeeded has no invoice (409 `INVOICE_NOT_AVAILABLE`).",
                "responses": {
                    "200": portal_pdf("The invoice."),
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" }
                }
            }),
        ),
        (
            &routes::PORTAL_GET_REFUND_CREDIT_NOTE,
            json!({
                "operationId": "getPortalRefundCreditNote",
                "tags": ["Customer portal"],
                "description": "The same PDF as `GET /invoices/refunds/{refund_id}`, for the session's own customer: another customer's refund is 404. A refund that has not succeeded has none yet (409 `CREDIT_NOTE_NOT_AVAILABLE`).",
                "responses": {
                    "200": portal_pdf("The credit note."),
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" }
                }
            }),
        ),
        (
            &routes::PORTAL_LIST_LEDGER,
            json!({
                "operationId": "listPortalLedger",
                "tags": ["Customer portal"],
                "parameters": [
                    { "$ref": "#/components/parameters/PageNumber" },
                    { "$ref": "#/components/parameters/PageSize" }
                ],
                "responses": {
                    "200": no_store_ok("One page of ledger lines.", "PortalLedgerPage"),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::PORTAL_LIST_SUBSCRIPTIONS,
            json!({
                "operationId": "listPortalSubscriptions",
                "tags": ["Customer portal"],
                "responses": {
                    "200": no_store_ok("The customer's subscriptions, newest first.", "PortalSubscriptionList"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::PORTAL_UPDATE_SUBSCRIPTION,
            json!({
                "operationId": "updatePortalSubscription",
                "tags": ["Customer portal"],
                "description": format!("`cancel_now` cancels at once, `cancel_at_period_end` schedules the cancellation at the next billing date, `withdraw_cancellation` withdraws a scheduled one. Recorded as made by the customer (`cancelled_by.actor_type` `customer`, `cancel_reason` `cancelled_by_customer`). An ended subscription is 409. Another customer's subscription is 404. Needs the page's CSRF token in `{CSRF_HEADER}`."),
                "requestBody": {
                    "required": true,
                    "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/PortalSubscriptionChange" },
                        "example": subscription_change_example()
                    } }
                },
                "responses": {
                    "200": no_store_ok("The subscription after the change.", "PortalSubscription"),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "403": { "$ref": "#/components/responses/Forbidden" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" },
                    "422": { "$ref": "#/components/responses/UnprocessableEntity" }
                }
            }),
        ),
        (
            &routes::PORTAL_LIST_LICENSE_KEYS,
            json!({
                "operationId": "listPortalLicenseKeys",
                "tags": ["Customer portal"],
                "responses": {
                    "200": no_store_ok("The customer's license keys, newest first.", "PortalLicenseKeyList"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::PORTAL_LIST_LICENSE_KEY_INSTANCES,
            json!({
                "operationId": "listPortalLicenseKeyInstances",
                "tags": ["Customer portal"],
                "description": "Another customer's key is 404.",
                "responses": {
                    "200": no_store_ok("The devices the key is activated on, newest first.", "PortalLicenseKeyInstanceList"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::PORTAL_DEACTIVATE_LICENSE_KEY_INSTANCE,
            json!({
                "operationId": "deactivatePortalLicenseKeyInstance",
                "tags": ["Customer portal"],
                "description": format!("Frees the activation, as `POST /licenses/deactivate` does (same rate limit). Another customer's key, or an instance of another key, is 404. Needs the page's CSRF token in `{CSRF_HEADER}`."),
                "responses": {
                    "200": no_store_ok("An empty object.", "PortalEmptyObject"),
                    "403": { "$ref": "#/components/responses/Forbidden" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" }
                }
            }),
        ),
    ]
}

/// Routes of this context the document leaves out, and why.
pub const UNDOCUMENTED: &[(&Route, &str)] = &[
    (
        &routes::PORTAL_EMAIL_CHANGE_PAGE,
        "an e-mail change's confirmation link opened in a browser: an HTML page with the Confirm button, or an HTML failure page; not JSON",
    ),
    (
        &routes::PORTAL_CONFIRM_EMAIL_CHANGE,
        "the confirmation page's Confirm button (an HTML form post): an HTML page saying the address changed, or why not; not JSON",
    ),
    (
        &routes::PORTAL_OPEN_SESSION,
        "a portal link opened in a browser: an HTML page whose Continue button opens the portal, or an HTML failure page; not JSON",
    ),
    (
        &routes::PORTAL_START_SESSION,
        "the link page's Continue (an HTML form post): a 303 redirect that sets the session cookie, or an HTML failure page; not JSON",
    ),
    (
        &routes::PORTAL_PAGE,
        "the hosted portal page itself (HTML); the data it shows comes from the documented /portal/api/ routes",
    ),
];

/// The components this context owns: the portal's security schemes, its header, error
/// responses and schemas.
pub fn components() -> Value {
    let exponent = json!({ "type": "integer", "minimum": 0, "maximum": 4 });
    let account = account_schemas(&exponent);
    let nullable = |schema: &str| json!({ "oneOf": [{ "$ref": format!("#/components/schemas/{schema}") }, { "type": "null" }] });
    let error_response = |description: &str, schema: &str| {
        json!({
            "description": description,
            "content": { "application/json": {
                "schema": { "$ref": format!("#/components/schemas/{schema}") }
            } }
        })
    };
    let mut components = json!({
        "securitySchemes": {
            "portalSession": {
                "type": "apiKey",
                "in": "cookie",
                "name": SESSION_COOKIE,
                "description": "The customer portal session, set by opening a portal link (`GET /portal/session/{token}`, then its Continue: `POST` to the same URL). It reaches only its own customer; merchant API keys are not accepted on portal routes. Missing, unknown or expired: 401 `UNAUTHORIZED`."
            },
            "portalCsrf": {
                "type": "apiKey",
                "in": "header",
                "name": CSRF_HEADER,
                "description": "The CSRF token the portal page embeds, derived from the session; required on portal requests that change something."
            }
        },
        "headers": {
            "NoStore": {
                "description": "Answers that carry a portal link or a customer's data are never cached.",
                "required": true,
                "schema": { "type": "string", "const": "no-store" }
            }
        },
        "responses": {
            "Forbidden": error_response(
                &format!("`FORBIDDEN`: a portal request that failed its cross-site request forgery checks (`{CSRF_HEADER}` missing or wrong, or a foreign `Origin`)."),
                "Error",
            ),
            "FieldInvalid": error_response(
                "`INVALID_REQUEST_PARAMETERS` for one field of the change, named in `field` so the portal page can say what to fix.",
                "FieldError",
            )
        },
        "schemas": {
            "FieldError": {
                "type": "object",
                "description": "An `Error` that names the request field it is about.",
                "required": ["code", "message", "field"],
                "additionalProperties": false,
                "properties": {
                    "code": { "type": "string", "pattern": "^[A-Z][A-Z0-9_]*$" },
                    "message": { "type": "string", "minLength": 1 },
                    "field": { "type": "string", "minLength": 1 }
                }
            },
            "CustomerPortalSession": {
                "type": "object",
                "description": "Dodo Payments' `CustomerPortalSession`.",
                "required": ["link"],
                "properties": {
                    "link": {
                        "type": "string",
                        "format": "uri",
                        "pattern": "/session/cpl_[0-9a-f]{64}$",
                        "description": format!("`<portal base>/session/<token>`; opens once, within {} hours.", LINK_VALIDITY_SECONDS / 3600)
                    }
                }
            },
            "PortalProfile": {
                "type": "object",
                "description": "What the portal shows and edits of a customer.",
                "required": ["name", "email", "phone_number"],
                "additionalProperties": false,
                "properties": {
                    "name": { "type": "string" },
                    "email": { "type": "string" },
                    "phone_number": { "type": ["string", "null"] },
                    "pending_email": {
                        "type": "string",
                        "description": "Only in the answer to a change of `email`: the new address, which has been sent the link that confirms the change. `email` stays as it is until then, and the current address is told."
                    }
                }
            },
            "PortalProfileChange": {
                "type": "object",
                "description": "Absent (or null) fields stay as they are; an empty `phone_number` clears it. Any other field is refused (400).",
                "additionalProperties": false,
                "properties": {
                    "name": nullable("CustomerName"),
                    "email": nullable("Email"),
                    "phone_number": {
                        "anyOf": [
                            { "$ref": "#/components/schemas/PhoneNumber" },
                            { "type": "string", "maxLength": PHONE_MAX_CHARS, "pattern": "^\\s*$" },
                            { "type": "null" }
                        ]
                    }
                }
            },
            "PortalWalletList": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {
                    "items": {
                        "type": "array",
                        "items": { "$ref": "#/components/schemas/PortalWalletBalance" }
                    }
                }
            },
            "PortalWalletBalance": {
                "type": "object",
                "description": "A balance in minor units, and the currency's exponent that places the decimal point.",
                "required": ["currency", "balance", "exponent"],
                "additionalProperties": false,
                "properties": {
                    "currency": { "$ref": "#/components/schemas/CurrencyCode" },
                    "balance": { "type": "integer", "minimum": 0 },
                    "exponent": exponent.clone()
                }
            },
            "PortalLedgerPage": {
                "type": "object",
                "required": ["items", "has_more"],
                "additionalProperties": false,
                "properties": {
                    "items": {
                        "type": "array",
                        "maxItems": platform::paging::MAX_PAGE_SIZE,
                        "items": { "$ref": "#/components/schemas/PortalLedgerLine" }
                    },
                    "has_more": { "type": "boolean", "description": "Whether the next page has entries." }
                }
            },
            "PortalBillingPage": {
                "type": "object",
                "required": ["items", "has_more"],
                "additionalProperties": false,
                "properties": {
                    "items": {
                        "type": "array",
                        "maxItems": platform::paging::MAX_PAGE_SIZE,
                        "items": { "$ref": "#/components/schemas/PortalBillingPayment" }
                    },
                    "has_more": { "type": "boolean", "description": "Whether the next page has payments." }
                }
            },
            "PortalBillingPayment": {
                "type": "object",
                "description": "One payment as the billing history shows it; amounts in minor units of `currency`, `exponent` places the decimal point.",
                "required": ["payment_id", "created_at", "products", "currency", "exponent", "total_amount", "state", "payment_method", "card_network", "card_last_four", "has_invoice", "refunds"],
                "additionalProperties": false,
                "properties": {
                    "payment_id": { "type": "string" },
                    "created_at": { "type": "string", "format": "date-time" },
                    "products": { "type": "array", "items": { "type": "string" }, "description": "The line items' names (their ids where unnamed)." },
                    "currency": { "$ref": "#/components/schemas/CurrencyCode" },
                    "exponent": exponent.clone(),
                    "total_amount": { "type": "integer" },
                    "state": { "type": "string", "enum": ["paid", "partially_refunded", "refunded", "failed", "cancelled", "pending"] },
                    "payment_method": { "type": ["string", "null"] },
                    "card_network": { "type": ["string", "null"] },
                    "card_last_four": { "type": ["string", "null"] },
                    "has_invoice": { "type": "boolean", "description": "Whether `GET /portal/api/invoices/payments/{payment_id}` has its invoice." },
                    "refunds": { "type": "array", "items": { "$ref": "#/components/schemas/PortalBillingRefund" }, "description": "Newest first." }
                }
            },
            "PortalBillingRefund": {
                "type": "object",
                "required": ["refund_id", "created_at", "amount", "status", "reason", "has_credit_note"],
                "additionalProperties": false,
                "properties": {
                    "refund_id": { "type": "string" },
                    "created_at": { "type": "string", "format": "date-time" },
                    "amount": { "type": "integer", "minimum": 0 },
                    "status": { "$ref": "#/components/schemas/RefundStatus" },
                    "reason": { "type": ["string", "null"] },
                    "has_credit_note": { "type": "boolean", "description": "Whether `GET /portal/api/invoices/refunds/{refund_id}` has its credit note." }
                }
            },
            "PortalLedgerLine": {
                "type": "object",
                "description": "One ledger entry as the portal shows it; ids and the business stay out.",
                "required": ["created_at", "currency", "exponent", "amount", "balance_after", "event_type", "reason"],
                "additionalProperties": false,
                "properties": {
                    "created_at": { "type": "string", "format": "date-time" },
                    "currency": { "$ref": "#/components/schemas/CurrencyCode" },
                    "exponent": exponent,
                    "amount": {
                        "type": "integer",
                        "description": "Minor units, negative for a debit.",
                        "not": { "const": 0 }
                    },
                    "balance_after": { "type": "integer", "minimum": 0 },
                    "event_type": { "type": "string", "enum": wallets::openapi::EVENT_TYPES },
                    "reason": { "type": ["string", "null"] }
                }
            }
        }
    });
    if let (Some(schemas), Value::Object(account)) =
        (components["schemas"].as_object_mut(), account)
    {
        schemas.extend(account);
    }
    components
}

/// The schemas of the subscriptions and license keys sections' routes.
fn account_schemas(exponent: &Value) -> Value {
    json!({
        "PortalSubscriptionList": {
            "type": "object",
            "required": ["items"],
            "additionalProperties": false,
            "properties": {
                "items": { "type": "array", "items": { "$ref": "#/components/schemas/PortalSubscription" } }
            }
        },
        "PortalSubscription": {
            "type": "object",
            "description": "One subscription as the portal shows it; `amount` (the recurring pre-tax amount) in minor units, `exponent` places the decimal point.",
            "required": ["subscription_id", "product_id", "status", "currency", "exponent", "amount", "tax_inclusive", "payment_frequency_count", "payment_frequency_interval", "next_billing_date", "cancel_at_next_billing_date", "cancelled_at"],
            "additionalProperties": false,
            "properties": {
                "subscription_id": { "type": "string", "pattern": "^sub_" },
                "product_id": { "type": "string" },
                "status": { "$ref": "#/components/schemas/SubscriptionStatus" },
                "currency": { "$ref": "#/components/schemas/CurrencyCode" },
                "exponent": exponent,
                "amount": { "type": "integer" },
                "tax_inclusive": { "type": "boolean" },
                "payment_frequency_count": { "type": "integer" },
                "payment_frequency_interval": { "$ref": "#/components/schemas/SubscriptionTimeInterval" },
                "next_billing_date": { "type": "string", "format": "date-time" },
                "cancel_at_next_billing_date": { "type": "boolean" },
                "cancelled_at": { "type": ["string", "null"], "format": "date-time" }
            }
        },
        "PortalSubscriptionChange": {
            "type": "object",
            "description": "`feedback` and `comment` go only with a cancellation; an empty comment is none.",
            "required": ["action"],
            "additionalProperties": false,
            "properties": {
                "action": { "type": "string", "enum": ["cancel_now", "cancel_at_period_end", "withdraw_cancellation"] },
                "feedback": {
                    "type": ["string", "null"],
                    "enum": FEEDBACK.iter().map(|(_, id)| Value::from(*id)).chain([Value::Null]).collect::<Vec<_>>()
                },
                "comment": { "type": ["string", "null"], "maxLength": TEXT_MAX_CHARS }
            }
        },
        "PortalLicenseKeyList": {
            "type": "object",
            "required": ["items"],
            "additionalProperties": false,
            "properties": {
                "items": { "type": "array", "items": { "$ref": "#/components/schemas/PortalLicenseKey" } }
            }
        },
        "PortalLicenseKey": {
            "type": "object",
            "description": "One license key as the portal shows it (the page masks `key` until asked). `activations_limit` null: unlimited.",
            "required": ["id", "key", "product_id", "status", "expires_at", "instances_count", "activations_limit"],
            "additionalProperties": false,
            "properties": {
                "id": { "type": "string", "pattern": "^lic_" },
                "key": { "type": "string" },
                "product_id": { "type": "string" },
                "status": { "$ref": "#/components/schemas/LicenseKeyStatus" },
                "expires_at": { "type": ["string", "null"], "format": "date-time" },
                "instances_count": { "type": "integer", "minimum": 0 },
                "activations_limit": { "type": ["integer", "null"], "minimum": 1 }
            }
        },
        "PortalLicenseKeyInstanceList": {
            "type": "object",
            "required": ["items"],
            "additionalProperties": false,
            "properties": {
                "items": { "type": "array", "items": { "$ref": "#/components/schemas/PortalLicenseKeyInstance" } }
            }
        },
        "PortalLicenseKeyInstance": {
            "type": "object",
            "description": "A device a license key is activated on.",
            "required": ["id", "name", "created_at"],
            "additionalProperties": false,
            "properties": {
                "id": { "type": "string", "pattern": "^lki_" },
                "name": { "type": "string" },
                "created_at": { "type": "string", "format": "date-time" }
            }
        },
        "PortalEmptyObject": { "type": "object", "additionalProperties": false, "maxProperties": 0 }
    })
}

/// Real wire values of this context and the schema each must fit (`api` checks them):
/// between them they carry every property of their schemas.
pub fn wire_samples() -> Vec<(&'static str, Value)> {
    let now = platform::time::format(platform::time::now());
    let line = |amount, balance_after, reason: Option<&str>| LedgerLine {
        created_at: now.clone(),
        currency: CurrencyCode::USD,
        exponent: 2,
        amount,
        balance_after,
        event_type: wallets::ledger::MERCHANT_ADJUSTMENT.into(),
        reason: reason.map(str::to_string),
    };
    let field_error = match profile::parse_change(br#"{"phone_number":"call me"}"#) {
        Err(refused) => {
            let response = refused.into_response().expect("a field error is an answer");
            serde_json::from_slice(&response.body).expect("JSON")
        }
        Ok(_) => panic!("a phone number without digits is refused"),
    };
    vec![
        (
            "CustomerPortalSession",
            json!({ "link": format!("https://api.example.com/portal/session/{}", platform::ids::new_secret("cpl_")) }),
        ),
        (
            "PortalProfile",
            to_value(&Profile {
                name: "Ada Lovelace".into(),
                email: "ada@example.com".into(),
                phone_number: Some("+44 20 7946 0958".into()),
                pending_email: None,
            }),
        ),
        (
            "PortalProfile",
            to_value(&Profile {
                name: "Ada King".into(),
                email: "ada@example.com".into(),
                phone_number: None,
                pending_email: None,
            }),
        ),
        (
            "PortalProfile",
            to_value(&Profile {
                name: "Ada King".into(),
                email: "ada@example.com".into(),
                phone_number: None,
                pending_email: Some("ada@example.org".into()),
            }),
        ),
        (
            "PortalSubscriptionList",
            to_value(&PortalSubscriptions {
                items: vec![PortalSubscription {
                    subscription_id: SubscriptionId::parse("sub_0123456789").expect("id"),
                    product_id: "pdt_pro".into(),
                    status: SubscriptionStatus::Cancelled,
                    currency: CurrencyCode::USD,
                    exponent: 2,
                    amount: 1200,
                    tax_inclusive: false,
                    payment_frequency_count: 1,
                    payment_frequency_interval: TimeInterval::Month,
                    next_billing_date: now.clone(),
                    cancel_at_next_billing_date: false,
                    cancelled_at: Some(now.clone()),
                }],
            }),
        ),
        ("PortalSubscriptionChange", subscription_change_example()),
        (
            "PortalSubscriptionChange",
            json!({ "action": "withdraw_cancellation", "feedback": null, "comment": null }),
        ),
        (
            "PortalLicenseKeyList",
            to_value(&PortalLicenseKeys {
                items: vec![PortalLicenseKey {
                    id: LicenseKeyId::parse("lic_0123456789").expect("id"),
                    key: "ABCD-EFGH-IJKL-MNOP".into(),
                    product_id: "pdt_pro".into(),
                    status: Status::Active,
                    expires_at: Some(now.clone()),
                    instances_count: 1,
                    activations_limit: Some(3),
                }],
            }),
        ),
        (
            "PortalLicenseKeyInstanceList",
            to_value(&PortalInstances {
                items: vec![PortalInstance {
                    id: LicenseKeyInstanceId::time_ordered(),
                    name: "Ada's laptop".into(),
                    created_at: now.clone(),
                }],
            }),
        ),
        ("PortalEmptyObject", json!({})),
        ("PortalProfileChange", profile_change_example()),
        (
            "PortalProfileChange",
            json!({ "name": null, "email": "ada@example.org", "phone_number": "+1 415 555 0100" }),
        ),
        (
            "PortalWalletList",
            to_value(&WalletBalances {
                items: vec![WalletBalance {
                    currency: CurrencyCode::USD,
                    balance: 1250,
                    exponent: 2,
                }],
            }),
        ),
        (
            "PortalLedgerPage",
            to_value(&LedgerPage {
                items: vec![
                    line(-250, 1250, None),
                    line(1500, 1500, Some("Goodwill credit")),
                ],
                has_more: false,
            }),
        ),
        ("PortalBillingPage", to_value(&billing_sample(&now))),
        ("FieldError", field_error),
    ]
}

/// A page of the billing history: a card payment refunded in part, and a failed one.
fn billing_sample(now: &str) -> BillingPage {
    let payment = |state, refunds: Vec<BillingRefund>| BillingPayment {
        payment_id: PaymentId::parse("pay_0123456789").expect("id"),
        created_at: now.to_string(),
        products: vec!["Pro plan".into(), "Extra storage".into()],
        currency: CurrencyCode::USD,
        exponent: 2,
        total_amount: 1580,
        state,
        payment_method: Some("card".into()),
        card_network: Some("visa".into()),
        card_last_four: Some("4242".into()),
        has_invoice: state != PaymentState::Failed,
        refunds,
    };
    let refund = BillingRefund {
        refund_id: RefundId::parse("ref_0123456789").expect("id"),
        created_at: now.to_string(),
        amount: 540,
        status: RefundStatus::Succeeded,
        reason: Some("Downgraded".into()),
        has_credit_note: true,
    };
    BillingPage {
        items: vec![
            payment(PaymentState::PartiallyRefunded, vec![refund]),
            payment(PaymentState::Failed, Vec::new()),
        ],
        has_more: true,
    }
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("wire types serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_changes_are_accepted_by_the_parser() {
        for (schema, sample) in wire_samples() {
            if schema == "PortalProfileChange" {
                assert!(profile::parse_change(sample.to_string().as_bytes()).is_ok());
            }
        }
    }
}
