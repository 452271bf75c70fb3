//! The subscriptions context's part of the OpenAPI document (`openapi.json`); see
//! `customers::openapi` for what the route table decides and what this module gives.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::patch::ENGINE_OWNED_FIELDS;
use crate::routes;
use crate::subscription::{Subscription, SubscriptionListItem, SubscriptionStatus, TEXT_MAX_CHARS};
use platform::route::Route;
use serde_json::{Value, json};

pub fn tags() -> Vec<Value> {
    vec![json!({ "name": "Subscriptions" })]
}

fn update_example() -> Value {
    json!({
        "status": "cancelled",
        "cancellation_feedback": "too_expensive",
        "cancellation_comment": "Moving to the yearly plan elsewhere."
    })
}

fn subscription_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": {
            "schema": { "$ref": "#/components/schemas/Subscription" }
        } }
    })
}

pub fn operations() -> Vec<(&'static Route, Value)> {
    let query = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    let date_time = json!({ "type": "string", "format": "date-time" });
    vec![
        (
            &routes::LIST_SUBSCRIPTIONS,
            json!({
                "operationId": "listSubscriptions",
                "tags": ["Subscriptions"],
                "description": "A business's subscriptions, newest first; with `customer_id`, one customer's (one Query). There is no total: ask for the next page until one comes back empty.",
                "parameters": [
                    { "$ref": "#/components/parameters/PageNumber" },
                    { "$ref": "#/components/parameters/PageSize" },
                    query("customer_id", "Only this customer's subscriptions.", json!({ "type": "string", "pattern": "^cus_[A-Za-z0-9]{1,64}$" })),
                    query("status", "Only subscriptions in this status.", json!({ "$ref": "#/components/schemas/SubscriptionStatus" })),
                    query("cancel_at_next_billing_date", "Only subscriptions whose cancellation at the next billing date is (or is not) scheduled.", json!({ "type": "boolean" })),
                    query("product_id", "Only subscriptions to this product.", json!({ "type": "string", "maxLength": 128 })),
                    query("brand_id", "Only subscriptions of this brand.", json!({ "type": "string", "maxLength": 128 })),
                    query("created_at_gte", "Only subscriptions created at or after this time.", date_time.clone()),
                    query("created_at_lte", "Only subscriptions created at or before this time.", date_time)
                ],
                "responses": {
                    "200": {
                        "description": "One page of subscriptions, newest first.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/SubscriptionList" }
                        } }
                    },
                    "400": { "$ref": "#/components/responses/BadRequest" }
                }
            }),
        ),
        (
            &routes::GET_SUBSCRIPTION,
            json!({
                "operationId": "getSubscription",
                "tags": ["Subscriptions"],
                "responses": {
                    "200": subscription_response("The subscription."),
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::UPDATE_SUBSCRIPTION,
            json!({
                "operationId": "updateSubscription",
                "tags": ["Subscriptions"],
                "description": format!("`cancel_at_next_billing_date: true` schedules the cancellation at the next billing date and `false` withdraws it; `status: cancelled` cancels now (with `cancel_at_next_billing_date: true`, at the next billing date). `cancel_reason`, `cancellation_feedback` and `cancellation_comment` go only with a cancellation. `metadata` replaces the metadata (`null` empties it). Who cancelled is recorded as `cancelled_by`. An ended subscription (cancelled, failed, expired) cannot be reactivated, nor its cancellation scheduled or withdrawn: 409 `SUBSCRIPTION_CANCELLED` or `SUBSCRIPTION_ENDED`, not retryable. The fields the payment engine owns are refused with 400: {}.", ENGINE_OWNED_FIELDS.join(", ")),
                "requestBody": {
                    "required": true,
                    "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/SubscriptionUpdateRequest" },
                        "example": update_example()
                    } }
                },
                "responses": {
                    "200": subscription_response("The subscription after the change."),
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" },
                    "422": { "$ref": "#/components/responses/UnprocessableEntity" }
                }
            }),
        ),
    ]
}

pub const UNDOCUMENTED: &[(&Route, &str)] = &[];

fn nullable(schema: Value) -> Value {
    json!({ "oneOf": [schema, { "type": "null" }] })
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// An object schema: every property listed, `required` the ones always present.
fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties })
}

pub fn components() -> Value {
    let text = json!({ "type": "string", "maxLength": TEXT_MAX_CHARS });
    let opt_text = nullable(text.clone());
    let any_text = json!({ "type": ["string", "null"] });
    let int = json!({ "type": "integer" });
    let opt_int = nullable(int.clone());
    let boolean = json!({ "type": "boolean" });
    let date_time = json!({ "type": "string", "format": "date-time" });
    let opt_date_time = nullable(date_time.clone());
    let interval = reference("SubscriptionTimeInterval");
    let array = |items: Value| json!({ "type": "array", "items": items });
    let addon = object(
        &["addon_id", "quantity"],
        json!({ "addon_id": text, "quantity": int }),
    );
    let meter = object(
        &[
            "currency",
            "free_threshold",
            "measurement_unit",
            "meter_id",
            "name",
        ],
        json!({
            "currency": reference("CurrencyCode"), "free_threshold": int, "measurement_unit": text,
            "meter_id": text, "name": text, "description": opt_text, "price_per_unit": opt_text
        }),
    );
    let credit_entitlement = object(
        &[
            "credit_entitlement_id",
            "credit_entitlement_name",
            "credits_amount",
            "overage_balance",
            "overage_behavior",
            "overage_enabled",
            "product_id",
            "remaining_balance",
            "rollover_enabled",
            "unit",
        ],
        json!({
            "credit_entitlement_id": text, "credit_entitlement_name": text, "credits_amount": text,
            "overage_balance": text,
            "overage_behavior": { "type": "string", "enum": ["forgive_at_reset", "invoice_at_billing", "carry_deficit", "carry_deficit_auto_repay"] },
            "overage_enabled": boolean, "product_id": text, "remaining_balance": text,
            "rollover_enabled": boolean, "unit": text, "expires_after_days": opt_int,
            "low_balance_threshold_percent": opt_int, "max_rollover_count": opt_int,
            "overage_limit": opt_text, "rollover_percentage": opt_int,
            "rollover_timeframe_count": opt_int, "rollover_timeframe_interval": nullable(interval.clone())
        }),
    );
    let meter_credit_entitlement = object(
        &[
            "credit_entitlement_id",
            "meter_id",
            "meter_name",
            "meter_units_per_credit",
            "product_id",
        ],
        json!({
            "credit_entitlement_id": text, "meter_id": text, "meter_name": text,
            "meter_units_per_credit": text, "product_id": text
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
    let discount_summary = object(
        &["discount_id", "discount_cycles_remaining"],
        json!({ "discount_id": text, "discount_cycles_remaining": opt_int }),
    );
    let custom_field = object(&["key", "value"], json!({ "key": text, "value": text }));
    let scheduled_change = nullable(object(
        &[
            "id",
            "addons",
            "created_at",
            "effective_at",
            "product_id",
            "quantity",
        ],
        json!({
            "id": text,
            "addons": array(object(&["addon_id", "name", "quantity"], json!({ "addon_id": text, "name": text, "quantity": int }))),
            "created_at": date_time, "effective_at": date_time, "product_id": text, "quantity": int,
            "product_description": opt_text, "product_name": opt_text
        }),
    ));
    let feedback = nullable(json!({
        "type": "string",
        "enum": ["too_expensive", "missing_features", "switched_service", "unused", "customer_service", "low_quality", "too_complex", "other"]
    }));
    let cancel_reason = nullable(json!({
        "type": "string",
        "enum": ["cancelled_by_customer", "cancelled_by_merchant", "cancelled_by_merchant_send_dunning", "cancelled_by_merchant_grace_period_expired", "dodo_team"]
    }));
    // The properties both the full object and the list item carry.
    let common = json!({
        "subscription_id": { "type": "string", "pattern": "^sub_[A-Za-z0-9]{1,64}$" },
        "billing": reference("SubscriptionBillingAddress"),
        "cancel_at_next_billing_date": boolean,
        "created_at": date_time,
        "currency": reference("CurrencyCode"),
        "customer": reference("PaymentCustomer"),
        "has_payment_method": boolean,
        "metadata": reference("Metadata"),
        "next_billing_date": date_time,
        "on_demand": boolean,
        "payment_frequency_count": int,
        "payment_frequency_interval": interval,
        "previous_billing_date": date_time,
        "product_id": text,
        "quantity": int,
        "recurring_pre_tax_amount": { "type": "integer", "description": "Minor units of `currency`." },
        "status": reference("SubscriptionStatus"),
        "subscription_period_count": int,
        "subscription_period_interval": interval,
        "tax_inclusive": boolean,
        "trial_period_days": int,
        "cancelled_at": opt_date_time,
        "cancelled_by": nullable(reference("SubscriptionCancelledBy")),
        "customer_business_name": opt_text,
        "discount_cycles_remaining": opt_int,
        "discount_id": opt_text,
        "paused_at": opt_date_time,
        "payment_method_id": opt_text,
        "scheduled_change": scheduled_change,
        "tax_id": opt_text,
        "trial_amount": opt_int
    });
    let with = |extra: Value| {
        let mut properties = common.clone();
        for (name, schema) in extra.as_object().expect("an object") {
            properties[name] = schema.clone();
        }
        properties
    };
    let full = with(json!({
        "addons": array(addon),
        "brand_id": text,
        "credit_entitlement_cart": array(credit_entitlement),
        "meter_credit_entitlement_cart": array(meter_credit_entitlement),
        "meters": array(meter),
        "cancellation_comment": opt_text,
        "cancellation_feedback": feedback.clone(),
        "custom_field_responses": nullable(array(custom_field)),
        "discounts": nullable(array(discount)),
        "expires_at": opt_date_time,
        "cancel_reason": { "description": "Extension: the reason given when the subscription was cancelled (or its cancellation scheduled) through this API.", "oneOf": cancel_reason["oneOf"] }
    }));
    let item = with(json!({ "discounts": array(discount_summary) }));
    let every = |properties: &Value| -> Vec<String> {
        properties
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect()
    };
    let statuses: Vec<&str> = SubscriptionStatus::ALL.iter().map(|s| s.as_str()).collect();
    json!({
        "parameters": {
            "SubscriptionId": {
                "name": "subscription_id",
                "in": "path",
                "required": true,
                "description": "A subscription id (`sub_` and the engine's id). Anything of another shape is 404.",
                "schema": { "type": "string", "pattern": "^sub_[A-Za-z0-9]{1,64}$" }
            }
        },
        "schemas": {
            "SubscriptionStatus": { "type": "string", "enum": statuses },
            "SubscriptionTimeInterval": { "type": "string", "enum": ["Day", "Week", "Month", "Year"] },
            "SubscriptionBillingAddress": {
                "type": "object",
                "description": "Dodo Payments' `BillingAddress`, as the payment engine sent it.",
                "required": ["country", "city", "state", "street", "zipcode"],
                "properties": {
                    "country": { "type": "string", "description": "ISO 3166-1 alpha-2." },
                    "city": any_text, "state": any_text, "street": any_text, "zipcode": any_text
                }
            },
            "SubscriptionCancelledBy": {
                "type": "object",
                "description": "Who cancelled the subscription or scheduled its cancellation. `actor_id` is an extension: the API key's id (`key_...`), the dashboard user's id or the customer's id.",
                "required": ["actor_type", "email", "name", "actor_id"],
                "properties": {
                    "actor_type": { "type": "string", "enum": ["customer", "merchant_user", "api_key", "dodo_team"] },
                    "email": opt_text, "name": opt_text, "actor_id": opt_text
                }
            },
            "Subscription": {
                "type": "object",
                "description": "Dodo Payments' `Subscription`. This service always sends every field listed here (optional ones may be null), plus the extension `cancel_reason`.",
                "required": every(&full),
                "properties": full
            },
            "SubscriptionListItem": {
                "type": "object",
                "description": "Dodo Payments' `SubscriptionListResponse` (one item of the list). This service always sends every field listed here.",
                "required": every(&item),
                "properties": item
            },
            "SubscriptionList": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {
                        "type": "array",
                        "maxItems": platform::paging::MAX_PAGE_SIZE,
                        "items": reference("SubscriptionListItem")
                    }
                }
            },
            "SubscriptionUpdateRequest": {
                "type": "object",
                "description": format!("Any of the fields; absent (or `null`) fields stay as they are, except `metadata`, which `null` empties. The payment engine's fields of Dodo's request ({}) are refused with 400.", ENGINE_OWNED_FIELDS.join(", ")),
                "properties": {
                    "cancel_at_next_billing_date": nullable(boolean),
                    "status": nullable(reference("SubscriptionStatus")),
                    "cancel_reason": cancel_reason,
                    "cancellation_feedback": feedback,
                    "cancellation_comment": opt_text,
                    "metadata": nullable(reference("Metadata"))
                }
            }
        }
    })
}

/// A subscription as the engine would send it, every optional field filled.
fn full_event_data() -> Value {
    serde_json::from_str(
        r#"{
        "subscription_id": "sub_0123456789abcdef",
        "addons": [{ "addon_id": "adn_1", "quantity": 2 }],
        "billing": { "country": "DE", "city": "Berlin", "state": "BE", "street": "Unter den Linden 1", "zipcode": "10117" },
        "brand_id": "bnd_1",
        "cancel_at_next_billing_date": false,
        "created_at": "2026-01-01T00:00:00Z",
        "credit_entitlement_cart": [{
            "credit_entitlement_id": "cde_1", "credit_entitlement_name": "API calls", "credits_amount": "1000",
            "overage_balance": "0", "overage_behavior": "forgive_at_reset", "overage_enabled": false,
            "product_id": "pdt_1", "remaining_balance": "900", "rollover_enabled": true, "unit": "calls",
            "expires_after_days": 30, "low_balance_threshold_percent": 10, "max_rollover_count": 2,
            "overage_limit": "100", "rollover_percentage": 50, "rollover_timeframe_count": 1,
            "rollover_timeframe_interval": "Month"
        }],
        "currency": "EUR",
        "customer": { "customer_id": "cus_0123456789abcdef", "email": "ada@example.com", "name": "Ada Lovelace", "metadata": { "tier": "gold" }, "phone_number": "+49 30 1234567" },
        "has_payment_method": true,
        "metadata": { "seats": 3 },
        "meter_credit_entitlement_cart": [{ "credit_entitlement_id": "cde_1", "meter_id": "mtr_1", "meter_name": "Requests", "meter_units_per_credit": "10", "product_id": "pdt_1" }],
        "meters": [{ "currency": "EUR", "free_threshold": 100, "measurement_unit": "request", "meter_id": "mtr_1", "name": "Requests", "description": "API requests", "price_per_unit": "0.01" }],
        "next_billing_date": "2026-02-01T00:00:00Z",
        "on_demand": false,
        "payment_frequency_count": 1,
        "payment_frequency_interval": "Month",
        "previous_billing_date": "2026-01-01T00:00:00Z",
        "product_id": "pdt_1",
        "quantity": 1,
        "recurring_pre_tax_amount": 2500,
        "status": "cancelled",
        "subscription_period_count": 12,
        "subscription_period_interval": "Month",
        "tax_inclusive": true,
        "trial_period_days": 14,
        "cancellation_comment": "Too pricey",
        "cancellation_feedback": "too_expensive",
        "cancelled_at": "2026-01-20T10:00:00+01:00",
        "cancelled_by": { "actor_type": "customer", "email": "ada@example.com", "name": "Ada Lovelace", "actor_id": "cus_0123456789abcdef" },
        "custom_field_responses": [{ "key": "company_size", "value": "10" }],
        "customer_business_name": "Analytical Engines GmbH",
        "discount_cycles_remaining": 2,
        "discount_id": "dsc_1",
        "discounts": [{
            "amount": 540, "business_id": "bus_1", "code": "WELCOME", "created_at": "2025-12-01T00:00:00Z",
            "discount_id": "dsc_1", "metadata": {}, "position": 0, "preserve_on_plan_change": true,
            "restricted_to": ["pdt_1"], "times_used": 7, "type": "percentage", "cycles_remaining": 2,
            "expires_at": "2026-12-31T00:00:00Z", "name": "Welcome", "subscription_cycles": 3, "usage_limit": 100
        }],
        "expires_at": "2027-01-01T00:00:00Z",
        "paused_at": "2026-01-10T00:00:00Z",
        "payment_method_id": "pm_1",
        "scheduled_change": {
            "id": "spc_1", "addons": [{ "addon_id": "adn_1", "name": "Extra seat", "quantity": 1 }],
            "created_at": "2026-01-05T00:00:00Z", "effective_at": "2026-02-01T00:00:00Z",
            "product_id": "pdt_2", "quantity": 2, "product_description": "Pro", "product_name": "Pro plan"
        },
        "tax_id": "DE123456789",
        "trial_amount": 0
    }"#,
    )
    .expect("valid JSON")
}

/// Real wire values of this context and the schema each must fit (`api` checks them).
pub fn wire_samples() -> Vec<(&'static str, Value)> {
    let mut full = Subscription::from_event_data(&full_event_data()).expect("a valid subscription");
    full.cancel_reason = Some(crate::subscription::CancelReason::CancelledByCustomer);
    let mut bare_data = full_event_data();
    for optional in [
        "cancellation_comment",
        "cancellation_feedback",
        "cancelled_at",
        "cancelled_by",
        "custom_field_responses",
        "customer_business_name",
        "discount_cycles_remaining",
        "discount_id",
        "discounts",
        "expires_at",
        "paused_at",
        "payment_method_id",
        "scheduled_change",
        "tax_id",
        "trial_amount",
    ] {
        bare_data
            .as_object_mut()
            .expect("an object")
            .remove(optional);
    }
    bare_data["status"] = json!("active");
    let bare = Subscription::from_event_data(&bare_data).expect("a valid subscription");
    let item = |s: &Subscription| {
        serde_json::to_value(SubscriptionListItem::from(s.clone())).expect("serializes")
    };
    let list = json!({ "items": [item(&full), item(&bare)] });
    vec![
        (
            "Subscription",
            serde_json::to_value(&full).expect("serializes"),
        ),
        (
            "Subscription",
            serde_json::to_value(&bare).expect("serializes"),
        ),
        ("SubscriptionList", list),
        ("SubscriptionList", json!({ "items": [] })),
        ("SubscriptionUpdateRequest", update_example()),
        (
            "SubscriptionUpdateRequest",
            json!({ "cancel_at_next_billing_date": true, "cancel_reason": "cancelled_by_merchant", "metadata": { "note": "asked by phone" } }),
        ),
        (
            "SubscriptionUpdateRequest",
            json!({ "cancel_at_next_billing_date": null, "status": null, "cancellation_feedback": null, "cancellation_comment": null, "cancel_reason": null, "metadata": null }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patch::SubscriptionPatch;

    #[test]
    fn request_samples_are_accepted_by_the_parser() {
        let requests: Vec<Value> = wire_samples()
            .into_iter()
            .filter(|(schema, _)| *schema == "SubscriptionUpdateRequest")
            .map(|(_, sample)| sample)
            .collect();
        assert_eq!(requests.len(), 3);
        for sample in requests {
            SubscriptionPatch::parse(sample.to_string().as_bytes()).unwrap();
        }
    }
}
