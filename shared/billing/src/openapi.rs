//! The billing context's part of the OpenAPI document (`openapi.json`): what its
//! operations take and answer, and the schemas of its wire types (the SDK's `Payment`,
//! `PaymentListResponse`, line items, `Refund`, `RefundListItem`). `api::openapi`
//! assembles the document; `api`'s tests check real wire values against these schemas.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::payment::{IntentStatus, LINE_ITEMS_MAX, Payment, PaymentListItem, RefundStatus};
use crate::refund::{IDEMPOTENCY_KEY_MAX_CHARS, REASON_MAX_CHARS, Refund};
use crate::routes;
use crate::store::{PaymentRecord, StoredPayment};
use platform::ids::BusinessId;
use platform::route::Route;
use serde_json::{Value, json};

pub fn tags() -> Vec<Value> {
    vec![json!({ "name": "Payments" }), json!({ "name": "Refunds" })]
}

/// Routes of this context the document leaves out, and why.
pub const UNDOCUMENTED: &[(&Route, &str)] = &[];

fn reference(schema: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{schema}") })
}

fn nullable(schema: Value) -> Value {
    json!({ "oneOf": [schema, { "type": "null" }] })
}

fn array(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties })
}

/// An object whose every property is always sent (optional ones as null).
fn object_of_all(properties: Value) -> Value {
    let required: Vec<String> = properties
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    json!({ "type": "object", "required": required, "properties": properties })
}

fn answer(description: &str, schema: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": reference(schema) } }
    })
}

fn query(name: &str, schema: Value, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn created_range() -> [Value; 2] {
    let date_time = json!({ "type": "string", "format": "date-time" });
    [
        query(
            "created_at_gte",
            date_time.clone(),
            "Created at or after this time.",
        ),
        query(
            "created_at_lte",
            date_time,
            "Created at or before this time.",
        ),
    ]
}

fn customer_filter(what: &str) -> Value {
    query(
        "customer_id",
        json!({ "type": "string", "pattern": "^cus_[A-Za-z0-9]{1,64}$" }),
        &format!(
            "Only this customer's {what}: one Query of the customer's index partition. An id of another shape is 400."
        ),
    )
}

fn short_text(name: &str, description: &str) -> Value {
    query(
        name,
        json!({ "type": "string", "maxLength": 128 }),
        description,
    )
}

fn refund_example() -> Value {
    json!({
        "payment_id": "pay_2IjeQm4hqU6RA4Z4kwDee",
        "items": [{ "item_id": "pdt_default", "amount": 500, "tax_inclusive": true }],
        "reason": "Damaged on arrival",
        "metadata": { "ticket": "T-1234" },
        "destination": "wallet"
    })
}

pub fn operations() -> Vec<(&'static Route, Value)> {
    let [gte, lte] = created_range();
    let paging = [
        json!({ "$ref": "#/components/parameters/PageNumber" }),
        json!({ "$ref": "#/components/parameters/PageSize" }),
    ];
    let mut payment_parameters = vec![
        customer_filter("payments"),
        short_text(
            "subscription_id",
            "Only payments of this subscription (`subscription_id` or one of `subscription_ids`).",
        ),
        query(
            "status",
            reference("IntentStatus"),
            "Only payments in this status.",
        ),
        short_text("currency", "Only payments in this currency."),
        short_text("brand_id", "Only payments of this brand."),
        short_text(
            "product_id",
            "Only payments whose `product_cart` holds this product.",
        ),
        gte.clone(),
        lte.clone(),
    ];
    payment_parameters.extend(paging.clone());
    let mut refund_parameters = vec![
        customer_filter("refunds"),
        query(
            "status",
            reference("RefundStatus"),
            "Only refunds in this status.",
        ),
        short_text(
            "subscription_id",
            "Only refunds of payments of this subscription.",
        ),
        gte,
        lte,
    ];
    refund_parameters.extend(paging);
    vec![
        (
            &routes::LIST_PAYMENTS,
            json!({
                "operationId": "listPayments",
                "tags": ["Payments"],
                "description": "Newest first. Payments arrive through the payment engine's signed events (ingest endpoints). `has_license_key` is always false: license keys are another context's.",
                "parameters": payment_parameters,
                "responses": {
                    "200": answer("One page of payments, newest first.", "PaymentList"),
                    "400": { "$ref": "#/components/responses/BadRequest" }
                }
            }),
        ),
        (
            &routes::GET_PAYMENT,
            json!({
                "operationId": "getPayment",
                "tags": ["Payments"],
                "description": "The payment as the engine last reported it, with the refunds made or learnt here (`refunds`, `refund_status`).",
                "responses": {
                    "200": answer("The payment.", "Payment"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::GET_PAYMENT_LINE_ITEMS,
            json!({
                "operationId": "getPaymentLineItems",
                "tags": ["Payments"],
                "description": "Each line item and what is still refundable of it. Without line amounts in the engine's event (extension `line_items`), a payment has one line: its product when it has exactly one, else the payment itself (`items_id` = the payment id).",
                "responses": {
                    "200": answer("The line items.", "PaymentLineItems"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::CREATE_REFUND,
            json!({
                "operationId": "createRefund",
                "tags": ["Refunds"],
                "description": format!("Refunds a succeeded payment: without `items` whatever is still refundable, else each named line item (its whole refundable amount, or `amount`, with the line's tax added when `tax_inclusive` is false). A partial refund needs a payment whose method takes them (`partial_refund_allowed`). Refunds that have not failed never add up to more than the payment (or a line), whatever runs concurrently: 409 `REFUND_EXCEEDS_REFUNDABLE` (not retryable). A payment that has not succeeded is 409 `PAYMENT_NOT_REFUNDABLE`. Idempotent with the `Idempotency-Key` header or `idempotency_key` (extension; at most {IDEMPOTENCY_KEY_MAX_CHARS} characters, kept 7 days): the same key and request answer as the first time, another request is 409 `IDEMPOTENCY_KEY_REUSED`. Extension `destination: wallet`: the refund is credited to the customer's wallet in the payment's currency in the same transaction and `succeeded` at once (ledger `event_type` `refund`, `reference_object_id` = the refund id); otherwise it is `pending` until the engine's `refund.succeeded` / `refund.failed` event."),
                "parameters": [{
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": false,
                    "description": "Extension: makes the request idempotent (as `idempotency_key` in the body; if both are sent they must be equal).",
                    "schema": { "type": "string", "maxLength": IDEMPOTENCY_KEY_MAX_CHARS }
                }],
                "requestBody": {
                    "required": true,
                    "content": { "application/json": {
                        "schema": reference("RefundCreateRequest"),
                        "example": refund_example()
                    } }
                },
                "responses": {
                    "200": answer("The refund.", "Refund"),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" },
                    "422": { "$ref": "#/components/responses/UnprocessableEntity" }
                }
            }),
        ),
        (
            &routes::LIST_REFUNDS,
            json!({
                "operationId": "listRefunds",
                "tags": ["Refunds"],
                "description": "Newest first.",
                "parameters": refund_parameters,
                "responses": {
                    "200": answer("One page of refunds, newest first.", "RefundList"),
                    "400": { "$ref": "#/components/responses/BadRequest" }
                }
            }),
        ),
        (
            &routes::GET_REFUND,
            json!({
                "operationId": "getRefund",
                "tags": ["Refunds"],
                "description": "One refund.",
                "responses": {
                    "200": answer("The refund.", "Refund"),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
    ]
}

fn values<T: serde::Serialize>(all: &[T]) -> Vec<Value> {
    all.iter()
        .map(|v| serde_json::to_value(v).expect("serializes"))
        .collect()
}

pub fn components() -> Value {
    let text = json!({ "type": "string" });
    let opt_text = json!({ "type": ["string", "null"] });
    let int = json!({ "type": "integer" });
    let opt_int = json!({ "type": ["integer", "null"] });
    let boolean = json!({ "type": "boolean" });
    let date_time = json!({ "type": "string", "format": "date-time" });
    let opt_date_time = json!({ "type": ["string", "null"], "format": "date-time" });
    let amount =
        json!({ "type": "integer", "minimum": 0, "description": "Minor units of `currency`." });
    let payment_id = json!({ "type": "string", "pattern": "^pay_[A-Za-z0-9]{1,64}$" });
    let refund_id = json!({ "type": "string", "pattern": "^ref_[A-Za-z0-9]{1,64}$" });
    let enumeration = |values: &[&str]| nullable(json!({ "type": "string", "enum": values }));
    let charge_type = enumeration(&["new", "renewal", "plan_change", "on_demand"]);
    let three_ds_flow = enumeration(&["challenge", "frictionless"]);
    let three_ds_status = enumeration(&[
        "authenticated",
        "attempt_acknowledged",
        "exempted",
        "failed",
        "not_supported",
        "processing_error",
    ]);
    let dispute_status = json!({ "type": "string", "enum": [
        "dispute_opened", "dispute_expired", "dispute_accepted", "dispute_cancelled",
        "dispute_challenged", "dispute_won", "dispute_lost"
    ] });
    let provider = json!({ "type": "string", "enum": ["stripe", "adyen", "dodo"] });
    let refund_status_summary = nullable(json!({ "type": "string", "enum": ["partial", "full"] }));
    let service_period = object(
        &[
            "ends_at",
            "proration_factor",
            "starts_at",
            "subscription_id",
        ],
        json!({ "ends_at": date_time, "proration_factor": text, "starts_at": date_time, "subscription_id": text }),
    );
    // The properties both the payment and its list row carry.
    let common = json!({
        "brand_id": text,
        "created_at": date_time,
        "currency": reference("CurrencyCode"),
        "customer": reference("PaymentCustomer"),
        "digital_products_delivered": boolean,
        "includes_usage": boolean,
        "is_multi_subscription": boolean,
        "metadata": reference("Metadata"),
        "payment_id": payment_id,
        "payment_provider": provider,
        "retry_attempt": int,
        "service_periods": array(service_period),
        "subscription_ids": array(text.clone()),
        "total_amount": amount,
        "card_exp_month": opt_text, "card_exp_year": opt_text, "card_last_four": opt_text,
        "card_network": opt_text, "card_type": opt_text,
        "charge_type": charge_type,
        "checkout_session_id": opt_text,
        "invoice_id": opt_text, "invoice_url": opt_text,
        "payment_method": opt_text, "payment_method_type": opt_text,
        "refund_status": refund_status_summary,
        "status": nullable(reference("IntentStatus")),
        "subscription_id": opt_text,
        "three_ds_flow": three_ds_flow, "three_ds_status": three_ds_status,
        "three_ds_version": opt_text
    });
    let with = |extra: Value| {
        let mut properties = common.clone();
        for (name, schema) in extra.as_object().expect("an object") {
            properties[name] = schema.clone();
        }
        object_of_all(properties)
    };
    let dispute = object(
        &[
            "amount",
            "business_id",
            "created_at",
            "currency",
            "dispute_id",
            "dispute_stage",
            "dispute_status",
            "payment_id",
        ],
        json!({
            "amount": text, "business_id": text, "created_at": date_time, "currency": text,
            "dispute_id": text,
            "dispute_stage": { "type": "string", "enum": ["pre_dispute", "dispute", "pre_arbitration"] },
            "dispute_status": dispute_status.clone(), "payment_id": text,
            "is_resolved_by_rdr": { "type": ["boolean", "null"] }, "remarks": opt_text
        }),
    );
    let discount = object(
        &[
            "amount",
            "business_id",
            "code",
            "created_at",
            "discount_id",
            "metadata",
            "position",
            "preserve_on_plan_change",
            "restricted_to",
            "times_used",
            "type",
        ],
        json!({
            "amount": int, "business_id": text, "code": text, "created_at": date_time,
            "discount_id": text, "metadata": reference("Metadata"), "position": int,
            "preserve_on_plan_change": boolean, "restricted_to": array(text.clone()),
            "times_used": int, "type": { "type": "string", "enum": ["flat", "percentage"] },
            "cycles_remaining": opt_int, "expires_at": opt_date_time, "name": opt_text,
            "subscription_cycles": opt_int, "usage_limit": opt_int
        }),
    );
    let payment = with(json!({
        "billing": object(&["country"], json!({
            "country": { "type": "string", "description": "ISO 3166-1 alpha-2." },
            "city": opt_text, "state": opt_text, "street": opt_text, "zipcode": opt_text
        })),
        "business_id": text,
        "disputes": array(dispute),
        "is_update_payment_method": boolean,
        "refunds": array(reference("RefundListItem")),
        "settlement_amount": int,
        "settlement_currency": reference("CurrencyCode"),
        "card_holder_name": opt_text,
        "card_issuing_country": opt_text,
        "custom_field_responses": nullable(array(object(&["key", "value"], json!({ "key": text, "value": text })))),
        "discount_id": opt_text,
        "discounts": nullable(array(discount)),
        "error_code": opt_text, "error_message": opt_text,
        "payment_link": opt_text, "payment_method_id": opt_text,
        "product_cart": nullable(array(object(&["product_id", "quantity"], json!({ "product_id": text, "quantity": int })))),
        "settlement_tax": opt_int,
        "tax": opt_int,
        "updated_at": opt_date_time
    }));
    let list_item = with(json!({
        "has_license_key": boolean,
        "dispute_status": nullable(dispute_status)
    }));
    let refund_common = json!({
        "business_id": text,
        "created_at": date_time,
        "is_partial": boolean,
        "payment_id": payment_id,
        "refund_id": refund_id,
        "status": reference("RefundStatus"),
        "amount": opt_int,
        "currency": nullable(reference("CurrencyCode")),
        "network_reference": opt_text,
        "network_reference_type": enumeration(&["acquirer_reference_number", "system_trace_audit_number", "retrieval_reference_number", "other"]),
        "network_reference_updated_at": opt_date_time,
        "reason": opt_text
    });
    let mut refund = refund_common.clone();
    refund["brand_id"] = text.clone();
    refund["customer"] = reference("PaymentCustomer");
    refund["metadata"] = reference("Metadata");
    json!({
        "parameters": {
            "PaymentId": {
                "name": "payment_id",
                "in": "path",
                "required": true,
                "description": "A payment id (`pay_` and the engine's id). Anything of another shape is 404.",
                "schema": payment_id
            },
            "RefundId": {
                "name": "refund_id",
                "in": "path",
                "required": true,
                "description": "A refund id (`ref_` and an id). Anything of another shape is 404.",
                "schema": refund_id
            }
        },
        "schemas": {
            "IntentStatus": { "type": "string", "enum": values(&IntentStatus::ALL) },
            "RefundStatus": { "type": "string", "enum": values(&RefundStatus::ALL) },
            "PaymentCustomer": {
                "type": "object",
                "description": "Dodo Payments' `CustomerLimitedDetails`: the customer as the payment engine described them.",
                "required": ["customer_id", "email", "name", "metadata", "phone_number"],
                "properties": {
                    "customer_id": { "type": "string", "pattern": "^cus_[A-Za-z0-9]{1,64}$" },
                    "email": text, "name": text,
                    "metadata": nullable(reference("Metadata")),
                    "phone_number": opt_text
                }
            },
            "Payment": payment,
            "PaymentListItem": list_item,
            "PaymentList": object(&["items"], json!({ "items": array(reference("PaymentListItem")) })),
            "PaymentLineItems": object(&["currency", "items", "partial_refund_allowed"], json!({
                "currency": reference("CurrencyCode"),
                "partial_refund_allowed": boolean,
                "items": array(object_of_all(json!({
                    "items_id": text, "amount": amount.clone(), "refundable_amount": amount.clone(),
                    "tax": amount, "name": opt_text, "description": opt_text
                })))
            })),
            "RefundListItem": object_of_all(refund_common),
            "Refund": object_of_all(refund),
            "RefundList": object(&["items"], json!({ "items": array(reference("RefundListItem")) })),
            "RefundCreateRequest": object(&["payment_id"], json!({
                "payment_id": payment_id,
                "currency": nullable(reference("CurrencyCode")),
                "items": nullable(json!({
                    "type": "array", "minItems": 1, "maxItems": LINE_ITEMS_MAX,
                    "items": object(&["item_id"], json!({
                        "item_id": text,
                        "amount": { "type": ["integer", "null"], "minimum": 1, "maximum": crate::payment::AMOUNT_MAX_MINOR },
                        "tax_inclusive": { "type": "boolean", "default": true }
                    }))
                })),
                "metadata": reference("Metadata"),
                "reason": { "type": ["string", "null"], "maxLength": REASON_MAX_CHARS },
                "destination": {
                    "description": "Extension: `wallet` credits the customer's wallet at once; the default returns the money the way it came, pending the engine's confirmation.",
                    "oneOf": [{ "type": "string", "enum": ["original_payment_method", "wallet"] }, { "type": "null" }]
                },
                "idempotency_key": {
                    "type": ["string", "null"], "maxLength": IDEMPOTENCY_KEY_MAX_CHARS,
                    "description": "Extension, as the `Idempotency-Key` header. Empty means none."
                }
            }))
        }
    })
}

/// A payment with every optional part present, as an engine would send it.
fn sample_payment() -> StoredPayment {
    let business = BusinessId::parse("bus_0123456789abcdef").expect("a business id");
    let at = "2026-01-02T03:04:05Z";
    let data = json!({
        "billing": { "country": "US", "city": "San Francisco", "state": "CA", "street": "1 Market St", "zipcode": "94105" },
        "brand_id": "bzd_default",
        "business_id": business,
        "created_at": at,
        "currency": "USD",
        "customer": { "customer_id": "cus_1", "email": "ada@example.com", "name": "Ada", "metadata": {}, "phone_number": "+1 555 0100" },
        "digital_products_delivered": true,
        "disputes": [{ "amount": "10.80", "business_id": business, "created_at": at, "currency": "USD",
                       "dispute_id": "dsp_1", "dispute_stage": "dispute", "dispute_status": "dispute_won",
                       "payment_id": "pay_1", "is_resolved_by_rdr": false, "remarks": "won" }],
        "payment_id": "pay_1",
        "service_periods": [{ "ends_at": at, "proration_factor": "1", "starts_at": at, "subscription_id": "sub_1" }],
        "subscription_ids": ["sub_1"],
        "subscription_id": "sub_1",
        "total_amount": 1080,
        "tax": 80,
        "settlement_tax": 80,
        "status": "succeeded",
        "charge_type": "new",
        "three_ds_flow": "frictionless",
        "three_ds_status": "authenticated",
        "custom_field_responses": [{ "key": "vat", "value": "DE123" }],
        "discounts": [{ "amount": 540, "business_id": business, "code": "SAVE", "created_at": at,
                        "discount_id": "dsc_1", "metadata": {}, "position": 0, "preserve_on_plan_change": false,
                        "restricted_to": [], "times_used": 1, "type": "percentage", "cycles_remaining": 1,
                        "expires_at": at, "name": "Save", "subscription_cycles": 2, "usage_limit": 10 }],
        "product_cart": [{ "product_id": "pdt_1", "quantity": 1 }],
        "updated_at": at
    });
    let (payment, line_items, partial_refund_allowed) =
        Payment::from_engine(&data, &business).expect("a valid payment");
    let refund: Refund = serde_json::from_value(json!({
        "business_id": business, "created_at": at, "is_partial": true, "payment_id": "pay_1",
        "refund_id": "ref_1", "status": "succeeded", "amount": 100, "currency": "USD",
        "customer": data["customer"], "brand_id": "bzd_default", "metadata": {},
        "network_reference": "74537604101234567890123", "network_reference_type": "acquirer_reference_number",
        "network_reference_updated_at": at, "reason": "Damaged"
    }))
    .expect("a valid refund");
    StoredPayment {
        record: PaymentRecord {
            payment,
            line_items,
            partial_refund_allowed,
            ordered_at: at.into(),
            refunded_amount: 100,
        },
        line_refunded: [("pdt_1".to_string(), 100)].into(),
        refunds: vec![refund.list_item()],
    }
}

/// Real wire values of this context and the schema each must fit (`api` checks them).
pub fn wire_samples() -> Vec<(&'static str, Value)> {
    let stored = sample_payment();
    let payment = stored.payment();
    let row = PaymentListItem::from(payment.clone());
    let refund_item = serde_json::to_value(&payment.refunds[0]).expect("serializes");
    let refund: Refund = serde_json::from_value(json!({
        "business_id": payment.business_id, "created_at": payment.created_at, "is_partial": false,
        "payment_id": payment.payment_id, "refund_id": "ref_2", "status": "pending", "amount": 980,
        "currency": "USD", "customer": payment.customer, "brand_id": "", "metadata": { "ticket": 7 }
    }))
    .expect("a valid refund");
    let mut bare = payment.clone();
    bare.product_cart = None;
    bare.discounts = None;
    bare.custom_field_responses = None;
    vec![
        (
            "Payment",
            serde_json::to_value(&payment).expect("serializes"),
        ),
        ("Payment", serde_json::to_value(&bare).expect("serializes")),
        (
            "PaymentListItem",
            serde_json::to_value(&row).expect("serializes"),
        ),
        ("PaymentList", json!({ "items": [row] })),
        (
            "PaymentLineItems",
            serde_json::to_value(stored.line_items()).expect("serializes"),
        ),
        ("RefundListItem", refund_item.clone()),
        ("RefundList", json!({ "items": [refund_item] })),
        ("Refund", serde_json::to_value(&refund).expect("serializes")),
        ("RefundCreateRequest", refund_example()),
        (
            "RefundCreateRequest",
            json!({ "payment_id": "pay_1", "currency": "USD", "items": null, "metadata": {}, "reason": null, "destination": "original_payment_method", "idempotency_key": "k-1" }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_requests_are_accepted_by_the_parser() {
        for (schema, sample) in wire_samples() {
            if schema == "RefundCreateRequest" {
                let body = serde_json::from_value(sample).unwrap();
                crate::refund::RefundRequest::validate(body, None).unwrap();
            }
        }
    }
}
