//! The licensing context's part of the OpenAPI document (`openapi.json`): what its
//! operations take and answer, and the schemas of its wire types. `api::openapi`
//! assembles the document from every context's part and the route table (method, path,
//! summary, security, and the responses every route has); this module gives the rest.
//! Limits come from the constants the parsers use; `api`'s tests check real wire values
//! against these schemas.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::license_key::{
    ACTIVATIONS_LIMIT_MAX, ActivatedInstance, CustomerDetails, INSTANCE_NAME_MAX_CHARS,
    KEY_MAX_CHARS, KEY_MIN_CHARS, LicenseKeyInstance, LicenseKeyRecord, NewLicenseKey,
    PRODUCT_ID_MAX_CHARS, ProductDetails,
};
use crate::rate_limit::{CALLS_PER_WINDOW, CHANGES_PER_WINDOW, WINDOW_SECONDS};
use crate::{LicenseKeyId, LicenseKeyInstanceId, routes};
use customers::CustomerId;
use platform::ids::BusinessId;
use platform::openapi::{json_response as ok, request_body as body, response_ref as error};
use platform::route::Route;
use serde_json::{Value, json};

pub fn tags() -> Vec<Value> {
    vec![
        json!({ "name": "License keys" }),
        json!({ "name": "Licenses" }),
    ]
}

fn import_example() -> Value {
    json!({
        "customer_id": "cus_0123456789abcdef",
        "product_id": "pdt_desktop",
        "key": "2B1F8E2D-C41E-4E8F-B2D3-D9FD61C38F43",
        "activations_limit": 3,
        "expires_at": "2027-01-01T00:00:00Z"
    })
}

fn update_example() -> Value {
    json!({ "activations_limit": 5, "disabled": false, "expires_at": null })
}

fn rename_example() -> Value {
    json!({ "name": "Work laptop" })
}

fn activate_example() -> Value {
    json!({ "license_key": "2B1F8E2D-C41E-4E8F-B2D3-D9FD61C38F43", "name": "Work laptop" })
}

fn deactivate_example() -> Value {
    json!({
        "license_key": "2B1F8E2D-C41E-4E8F-B2D3-D9FD61C38F43",
        "license_key_instance_id": "lki_019ac7f2d5a17c3e9b1f4a2d6e8c0b57"
    })
}

fn validate_example() -> Value {
    json!({
        "license_key": "2B1F8E2D-C41E-4E8F-B2D3-D9FD61C38F43",
        "license_key_instance_id": null
    })
}

const PUBLIC_CALL: &str = "Public: no API key; the license key in the body is the credential. A wrong, missing or empty `license_key` is answered exactly alike: 404 `NOT_FOUND`, after the same one read.";

/// Each documented route and its operation: everything but what the route decides.
pub fn operations() -> Vec<(&'static Route, Value)> {
    let query = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    let date_time = json!({ "type": "string", "format": "date-time" });
    let rate_limit = format!(
        "Rate-limited per key: {CALLS_PER_WINDOW} calls per {WINDOW_SECONDS} s per serving process, and {CHANGES_PER_WINDOW} committed activations and deactivations per {WINDOW_SECONDS} s in total; beyond either, 429 `TOO_MANY_REQUESTS`."
    );
    vec![
        (
            &routes::LIST_LICENSE_KEYS,
            json!({
                "operationId": "listLicenseKeys",
                "tags": ["License keys"],
                "description": "A business's license keys, newest first: one Query (by customer when `customer_id` is given). There is no total: ask for the next page until one comes back empty.",
                "parameters": [
                    { "$ref": "#/components/parameters/PageNumber" },
                    { "$ref": "#/components/parameters/PageSize" },
                    query("customer_id", "Only this customer's keys.", json!({ "type": "string", "pattern": "^cus_[A-Za-z0-9]{1,64}$" })),
                    query("product_id", "Only keys of this product.", json!({ "type": "string", "pattern": format!("^[A-Za-z0-9_-]{{1,{PRODUCT_ID_MAX_CHARS}}}$") })),
                    query("status", "Only keys in this status (at the time of the request).", json!({ "$ref": "#/components/schemas/LicenseKeyStatus" })),
                    query("source", "Only keys from this source.", json!({ "$ref": "#/components/schemas/LicenseKeySource" })),
                    query("created_at_gte", "Only keys created at or after this time.", date_time.clone()),
                    query("created_at_lte", "Only keys created at or before this time.", date_time)
                ],
                "responses": {
                    "200": ok("One page of license keys, newest first.", "LicenseKeyList"),
                    "400": error("BadRequest")
                }
            }),
        ),
        (
            &routes::CREATE_LICENSE_KEY,
            json!({
                "operationId": "createLicenseKey",
                "tags": ["License keys"],
                "description": "Imports a key (`source: import`) for a customer of this business (else 404). A key string already used by any license key, of any business, is 409 `LICENSE_KEY_EXISTS` (not retryable).",
                "requestBody": body("LicenseKeyCreateRequest", import_example()),
                "responses": {
                    "200": ok("The imported key.", "LicenseKey"),
                    "400": error("BadRequest"),
                    "404": error("NotFound"),
                    "409": error("Conflict"),
                    "422": error("UnprocessableEntity")
                }
            }),
        ),
        (
            &routes::GET_LICENSE_KEY,
            json!({
                "operationId": "getLicenseKey",
                "tags": ["License keys"],
                "description": "One license key of this business; another business's is 404.",
                "responses": {
                    "200": ok("The license key.", "LicenseKey"),
                    "404": error("NotFound")
                }
            }),
        ),
        (
            &routes::UPDATE_LICENSE_KEY,
            json!({
                "operationId": "updateLicenseKey",
                "tags": ["License keys"],
                "description": "Changes the activation limit (`null`: unlimited), disables or enables the key, or changes its expiry (`null`: never). Absent fields stay. A lower limit than the instances already active stops new activations only.",
                "requestBody": body("LicenseKeyUpdateRequest", update_example()),
                "responses": {
                    "200": ok("The key after the change.", "LicenseKey"),
                    "400": error("BadRequest"),
                    "404": error("NotFound"),
                    "409": error("Conflict"),
                    "422": error("UnprocessableEntity")
                }
            }),
        ),
        (
            &routes::LIST_LICENSE_KEY_INSTANCES,
            json!({
                "operationId": "listLicenseKeyInstances",
                "tags": ["License keys"],
                "description": "Instances newest first: of one key (one Query), or of the whole business.",
                "parameters": [
                    { "$ref": "#/components/parameters/PageNumber" },
                    { "$ref": "#/components/parameters/PageSize" },
                    query("license_key_id", "Only this key's instances.", json!({ "type": "string", "pattern": "^lic_[A-Za-z0-9]{1,64}$" }))
                ],
                "responses": {
                    "200": ok("One page of instances, newest first.", "LicenseKeyInstanceList"),
                    "400": error("BadRequest")
                }
            }),
        ),
        (
            &routes::GET_LICENSE_KEY_INSTANCE,
            json!({
                "operationId": "getLicenseKeyInstance",
                "tags": ["License keys"],
                "description": "One instance of this business's keys; another business's is 404.",
                "responses": {
                    "200": ok("The instance.", "LicenseKeyInstance"),
                    "404": error("NotFound")
                }
            }),
        ),
        (
            &routes::UPDATE_LICENSE_KEY_INSTANCE,
            json!({
                "operationId": "updateLicenseKeyInstance",
                "tags": ["License keys"],
                "description": "Renames an instance.",
                "requestBody": body("LicenseKeyInstanceUpdateRequest", rename_example()),
                "responses": {
                    "200": ok("The renamed instance.", "LicenseKeyInstance"),
                    "400": error("BadRequest"),
                    "404": error("NotFound"),
                    "422": error("UnprocessableEntity")
                }
            }),
        ),
        (
            &routes::ACTIVATE_LICENSE,
            json!({
                "operationId": "activateLicense",
                "tags": ["Licenses"],
                "description": format!("{PUBLIC_CALL} Makes a new instance of the key; the activation limit holds whatever runs concurrently. A disabled or expired key, or one at its limit, is 422 `INVALID_REQUEST_PARAMETERS`, as Dodo answers. {rate_limit}"),
                "requestBody": body("LicenseActivateRequest", activate_example()),
                "responses": {
                    "200": ok("The new instance, with the key's customer and product.", "LicenseActivateResponse"),
                    "400": error("BadRequest"),
                    "404": error("NotFound"),
                    "409": error("Conflict"),
                    "422": error("UnprocessableEntity")
                }
            }),
        ),
        (
            &routes::DEACTIVATE_LICENSE,
            json!({
                "operationId": "deactivateLicense",
                "tags": ["Licenses"],
                "description": format!("{PUBLIC_CALL} Deletes the instance and frees its activation; an instance that is not the key's is 404, a missing or malformed `license_key_instance_id` 422. Works on a disabled or expired key too. {rate_limit}"),
                "requestBody": body("LicenseDeactivateRequest", deactivate_example()),
                "responses": {
                    "200": ok("Deactivated: an empty object (the SDKs read no body).", "LicenseDeactivateResponse"),
                    "400": error("BadRequest"),
                    "404": error("NotFound"),
                    "409": error("Conflict"),
                    "422": error("UnprocessableEntity")
                }
            }),
        ),
        (
            &routes::VALIDATE_LICENSE,
            json!({
                "operationId": "validateLicense",
                "tags": ["Licenses"],
                "description": format!("{PUBLIC_CALL} `valid` is true when the key is active (not disabled, not expired) and, if `license_key_instance_id` is given, that instance is one of the key's (a malformed id is 422). One read. {rate_limit}"),
                "requestBody": body("LicenseValidateRequest", validate_example()),
                "responses": {
                    "200": ok("Whether the key (and instance) is valid.", "LicenseValidateResponse"),
                    "400": error("BadRequest"),
                    "404": error("NotFound"),
                    "422": error("UnprocessableEntity")
                }
            }),
        ),
    ]
}

/// Routes of this context the document leaves out, and why.
pub const UNDOCUMENTED: &[(&Route, &str)] = &[];

/// The components this context owns: its path parameters and its schemas.
pub fn components() -> Value {
    let date_time = json!({ "type": "string", "format": "date-time" });
    let nullable_date_time = json!({ "type": ["string", "null"], "format": "date-time" });
    let license_key_id = json!({ "type": "string", "pattern": "^lic_[A-Za-z0-9]{1,64}$" });
    let instance_id = json!({ "type": "string", "pattern": "^lki_[A-Za-z0-9]{1,64}$" });
    let customer_id = json!({ "type": "string", "pattern": "^cus_[A-Za-z0-9]{1,64}$" });
    let key = json!({ "type": "string", "minLength": KEY_MIN_CHARS, "maxLength": KEY_MAX_CHARS });
    let product_id = json!({ "type": "string", "pattern": format!("^[A-Za-z0-9_-]{{1,{PRODUCT_ID_MAX_CHARS}}}$") });
    let limit =
        json!({ "type": ["integer", "null"], "minimum": 1, "maximum": ACTIVATIONS_LIMIT_MAX });
    let name = json!({ "type": "string", "minLength": 1, "maxLength": INSTANCE_NAME_MAX_CHARS });
    let any_key = json!({ "type": ["string", "null"], "maxLength": KEY_MAX_CHARS });
    json!({
        "parameters": {
            "LicenseKeyId": {
                "name": "license_key_id",
                "in": "path",
                "required": true,
                "description": "A license key id (`lic_...`). Anything of another shape is 404.",
                "schema": license_key_id.clone()
            },
            "LicenseKeyInstanceId": {
                "name": "license_key_instance_id",
                "in": "path",
                "required": true,
                "description": "A license key instance id (`lki_...`). Anything of another shape is 404.",
                "schema": instance_id.clone()
            }
        },
        "schemas": {
            "LicenseKeyStatus": { "type": "string", "enum": ["active", "expired", "disabled"] },
            "LicenseKeySource": { "type": "string", "enum": ["auto", "import", "manual"] },
            "LicenseKey": {
                "type": "object",
                "description": "Dodo Payments' `LicenseKey`. `status` is derived when answering: disabled, else expired once `expires_at` has passed, else active. An imported key's `brand_id` is its business.",
                "required": ["id", "brand_id", "business_id", "created_at", "customer_id", "instances_count", "key", "product_id", "source", "status", "activations_limit", "expires_at", "payment_id", "subscription_id"],
                "properties": {
                    "id": license_key_id.clone(),
                    "brand_id": { "type": "string" },
                    "business_id": { "type": "string", "minLength": 1 },
                    "created_at": date_time.clone(),
                    "customer_id": customer_id.clone(),
                    "instances_count": { "type": "integer", "minimum": 0 },
                    "key": key.clone(),
                    "product_id": product_id.clone(),
                    "source": { "$ref": "#/components/schemas/LicenseKeySource" },
                    "status": { "$ref": "#/components/schemas/LicenseKeyStatus" },
                    "activations_limit": { "type": ["integer", "null"], "minimum": 0, "description": "null: unlimited." },
                    "expires_at": nullable_date_time.clone(),
                    "payment_id": { "type": ["string", "null"] },
                    "subscription_id": { "type": ["string", "null"] }
                }
            },
            "LicenseKeyList": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": { "type": "array", "maxItems": platform::paging::MAX_PAGE_SIZE, "items": { "$ref": "#/components/schemas/LicenseKey" } }
                }
            },
            "LicenseKeyCreateRequest": {
                "type": "object",
                "required": ["customer_id", "product_id", "key"],
                "properties": {
                    "customer_id": customer_id.clone(),
                    "product_id": product_id,
                    "key": with_description(key, "The key string; no whitespace at either end, no control characters. Unique across every business."),
                    "activations_limit": with_description(limit.clone(), "null or absent: unlimited."),
                    "expires_at": with_description(nullable_date_time.clone(), "null or absent: never.")
                }
            },
            "LicenseKeyUpdateRequest": {
                "type": "object",
                "properties": {
                    "activations_limit": with_description(limit, "null: unlimited; absent: unchanged."),
                    "disabled": { "type": ["boolean", "null"], "description": "null or absent: unchanged." },
                    "expires_at": with_description(nullable_date_time, "null: never; absent: unchanged.")
                }
            },
            "LicenseKeyInstance": {
                "type": "object",
                "description": "Dodo Payments' `LicenseKeyInstance`: one activation of a key.",
                "required": ["id", "business_id", "created_at", "license_key_id", "name"],
                "properties": {
                    "id": instance_id.clone(),
                    "business_id": { "type": "string", "minLength": 1 },
                    "created_at": date_time.clone(),
                    "license_key_id": license_key_id.clone(),
                    "name": name.clone()
                }
            },
            "LicenseKeyInstanceList": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": { "type": "array", "maxItems": platform::paging::MAX_PAGE_SIZE, "items": { "$ref": "#/components/schemas/LicenseKeyInstance" } }
                }
            },
            "LicenseKeyInstanceUpdateRequest": {
                "type": "object",
                "required": ["name"],
                "properties": { "name": name.clone() }
            },
            "LicenseActivateRequest": {
                "type": "object",
                "required": ["license_key", "name"],
                "properties": { "license_key": any_key.clone(), "name": name.clone() }
            },
            "LicenseActivateResponse": {
                "type": "object",
                "description": "Dodo Payments' `LicenseActivateResponse`: the new instance, with the key's customer and product.",
                "required": ["id", "business_id", "created_at", "customer", "license_key_id", "name", "product"],
                "properties": {
                    "id": instance_id,
                    "business_id": { "type": "string", "minLength": 1 },
                    "created_at": date_time,
                    "customer": { "$ref": "#/components/schemas/LicenseCustomer" },
                    "license_key_id": license_key_id,
                    "name": name,
                    "product": { "$ref": "#/components/schemas/LicenseProduct" }
                }
            },
            "LicenseCustomer": {
                "type": "object",
                "description": "Dodo Payments' `CustomerLimitedDetails` of the key's customer. A customer this service does not know (a key announced by an event names only its id) or has erased has empty `email` and `name`.",
                "required": ["customer_id", "email", "name", "metadata", "phone_number"],
                "properties": {
                    "customer_id": customer_id,
                    "email": { "type": "string" },
                    "name": { "type": "string" },
                    "metadata": { "$ref": "#/components/schemas/Metadata" },
                    "phone_number": { "type": ["string", "null"] }
                }
            },
            "LicenseProduct": {
                "type": "object",
                "description": "The key's product. This service keeps no products, so `name` is null.",
                "required": ["product_id", "name"],
                "properties": {
                    "product_id": { "type": "string" },
                    "name": { "type": ["string", "null"] }
                }
            },
            "LicenseDeactivateRequest": {
                "type": "object",
                "required": ["license_key", "license_key_instance_id"],
                "properties": {
                    "license_key": any_key.clone(),
                    "license_key_instance_id": { "type": ["string", "null"] }
                }
            },
            "LicenseValidateRequest": {
                "type": "object",
                "required": ["license_key"],
                "properties": {
                    "license_key": any_key,
                    "license_key_instance_id": { "type": ["string", "null"] }
                }
            },
            "LicenseDeactivateResponse": {
                "type": "object",
                "additionalProperties": false,
                "properties": {}
            },
            "LicenseValidateResponse": {
                "type": "object",
                "required": ["valid"],
                "properties": { "valid": { "type": "boolean" } }
            }
        }
    })
}

fn with_description(mut schema: Value, description: &str) -> Value {
    schema["description"] = description.into();
    schema
}

/// Real wire values of this context and the schema each must fit (`api` checks them):
/// between them they carry every property of their schemas.
pub fn wire_samples() -> Vec<(&'static str, Value)> {
    let now = platform::time::format(platform::time::now());
    let business = BusinessId::parse("bus_0123456789abcdef").expect("a business id");
    let customer_id = CustomerId::new();
    let imported: LicenseKeyRecord = NewLicenseKey {
        customer_id: customer_id.clone(),
        product_id: "pdt_desktop".into(),
        key: "2B1F8E2D-C41E-4E8F-B2D3-D9FD61C38F43".into(),
        activations_limit: Some(3),
        expires_at: Some(now.clone()),
    }
    .into_record(business.clone(), now.clone());
    let announced = LicenseKeyRecord {
        id: LicenseKeyId::new(),
        activations_limit: None,
        expires_at: None,
        payment_id: Some("pay_0123".into()),
        subscription_id: Some("sub_0123".into()),
        source: crate::license_key::Source::Auto,
        ..imported.clone()
    };
    let key = value(&imported.to_wire(&now));
    let instance = LicenseKeyInstance {
        id: LicenseKeyInstanceId::time_ordered(),
        business_id: business,
        created_at: now.clone(),
        license_key_id: imported.id.clone(),
        name: "Work laptop".into(),
    };
    let activated = ActivatedInstance {
        instance: instance.clone(),
        customer: CustomerDetails {
            customer_id,
            email: "ada@example.com".into(),
            name: "Ada Lovelace".into(),
            metadata: Default::default(),
            phone_number: None,
        },
        product: ProductDetails {
            product_id: "pdt_desktop".into(),
            name: None,
        },
    };
    vec![
        ("LicenseKey", key.clone()),
        ("LicenseKey", value(&announced.to_wire(&now))),
        ("LicenseKeyList", json!({ "items": [key] })),
        ("LicenseKeyCreateRequest", import_example()),
        ("LicenseKeyUpdateRequest", update_example()),
        ("LicenseKeyInstance", value(&instance)),
        (
            "LicenseKeyInstanceList",
            json!({ "items": [value(&instance)] }),
        ),
        ("LicenseKeyInstanceUpdateRequest", rename_example()),
        ("LicenseActivateRequest", activate_example()),
        ("LicenseActivateResponse", value(&activated)),
        ("LicenseDeactivateRequest", deactivate_example()),
        ("LicenseValidateRequest", validate_example()),
        ("LicenseDeactivateResponse", json!({})),
        ("LicenseValidateResponse", json!({ "valid": true })),
    ]
}

fn value<T: serde::Serialize>(wire: &T) -> Value {
    serde_json::to_value(wire).expect("wire types serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::license_key::{LicenceCall, LicenseKeyPatch, parse_rename};

    #[test]
    fn documented_examples_are_accepted_by_the_parsers() {
        let bytes = |v: Value| v.to_string().into_bytes();
        NewLicenseKey::parse(&bytes(import_example())).unwrap();
        LicenseKeyPatch::parse(&bytes(update_example())).unwrap();
        parse_rename(&bytes(rename_example())).unwrap();
        for example in [activate_example(), deactivate_example(), validate_example()] {
            LicenceCall::parse(&bytes(example)).unwrap();
        }
        assert!(
            LicenceCall::parse(&bytes(deactivate_example()))
                .unwrap()
                .instance_id()
                .unwrap()
                .is_some()
        );
    }
}
