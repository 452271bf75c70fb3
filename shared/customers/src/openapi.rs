//! The customers context's part of the OpenAPI document (`openapi.json`): what its
//! operations take and answer, and the schemas of its wire types. `api::openapi`
//! assembles the document from every context's part and the route table, which gives
//! each operation its method, path, summary, security and the responses every route
//! has (401, 413, 429, 500); this module gives the rest. Limits come from the constants
//! the parsers use; `api`'s tests check real wire values against these schemas.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::CustomerId;
use crate::customer::{
    Customer, CustomerPatch, EMAIL_MAX_CHARS, LOCALES, METADATA_KEY_MAX_CHARS, METADATA_MAX_KEYS,
    METADATA_VALUE_MAX_CHARS, NAME_MAX_CHARS, NewCustomer, PHONE_MAX_CHARS, PHONE_MIN_CHARS,
};
use crate::routes;
use platform::ids::BusinessId;
use platform::route::Route;
use serde_json::{Value, json};

/// The tags this context's operations use, in the document's order.
pub fn tags() -> Vec<Value> {
    vec![json!({ "name": "Customers" })]
}

/// A request body this context documents, with its example.
fn create_example() -> Value {
    json!({
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "phone_number": "+44 20 7946 0958",
        "metadata": { "tier": "gold", "seats": 3, "vip": true },
        "preferred_locale": "en"
    })
}

fn update_example() -> Value {
    json!({ "name": "Ada King", "phone_number": null })
}

fn customer_links() -> Value {
    let link = |operation_id: &str| {
        json!({
            "operationId": operation_id,
            "parameters": { "customer_id": "$response.body#/customer_id" }
        })
    };
    json!({
        "GetCustomer": link("getCustomer"),
        "UpdateCustomer": link("updateCustomer"),
        "ListWallets": link("listWallets"),
        "CreateLedgerEntry": link("createLedgerEntry"),
        "ListLedgerEntries": link("listLedgerEntries"),
        "DeleteCustomer": link("deleteCustomer")
    })
}

/// Each documented route and its operation: everything but what the route decides.
pub fn operations() -> Vec<(&'static Route, Value)> {
    let text_query = |name: &str, description: &str| {
        json!({
            "name": name,
            "in": "query",
            "required": false,
            "description": description,
            "schema": { "type": "string", "maxLength": EMAIL_MAX_CHARS }
        })
    };
    let time_query = |name: &str, description: &str| {
        json!({
            "name": name,
            "in": "query",
            "required": false,
            "description": description,
            "schema": { "type": "string", "format": "date-time" }
        })
    };
    vec![
        (
            &routes::CREATE_CUSTOMER,
            json!({
                "operationId": "createCustomer",
                "tags": ["Customers"],
                "description": "Creates a customer and, in the same transaction, its wallets (one per supported currency, at balance 0).",
                "requestBody": {
                    "required": true,
                    "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/CustomerCreateRequest" },
                        "example": create_example()
                    } }
                },
                "responses": {
                    "200": {
                        "description": "The new customer.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/Customer" }
                        } },
                        "links": customer_links()
                    },
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "422": { "$ref": "#/components/responses/UnprocessableEntity" }
                }
            }),
        ),
        (
            &routes::LIST_CUSTOMERS,
            json!({
                "operationId": "listCustomers",
                "tags": ["Customers"],
                "description": "A business's customers, newest first. There is no total and no `has_more`: ask for the next page until one comes back empty.",
                "parameters": [
                    { "$ref": "#/components/parameters/PageNumber" },
                    { "$ref": "#/components/parameters/PageSize" },
                    text_query("email", "Exact email, case-insensitive."),
                    text_query("name", "Part of the name, case-insensitive."),
                    text_query("search", "Extension (dashboard search box): a customer id, an email or part of a name. Cannot be combined with `email` or `name`."),
                    time_query("created_at_gte", "Only customers created at or after this time. A date-time without an offset is taken as UTC; a date means its midnight UTC."),
                    time_query("created_at_lte", "Only customers created at or before this time. A date-time without an offset is taken as UTC; a date means its midnight UTC.")
                ],
                "responses": {
                    "200": {
                        "description": "One page of customers, newest first.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/CustomerList" }
                        } }
                    },
                    "400": { "$ref": "#/components/responses/BadRequest" }
                }
            }),
        ),
        (
            &routes::GET_CUSTOMER,
            json!({
                "operationId": "getCustomer",
                "tags": ["Customers"],
                "responses": {
                    "200": {
                        "description": "The customer.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/Customer" }
                        } }
                    },
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::UPDATE_CUSTOMER,
            json!({
                "operationId": "updateCustomer",
                "tags": ["Customers"],
                "description": "Absent fields stay as they are. `null` clears `phone_number` and `preferred_locale` and empties `metadata`; `name` and `email` cannot be cleared, so `null` leaves them as they are.",
                "requestBody": {
                    "required": true,
                    "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/CustomerUpdateRequest" },
                        "example": update_example()
                    } }
                },
                "responses": {
                    "200": {
                        "description": "The updated customer.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/Customer" }
                        } }
                    },
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" },
                    "422": { "$ref": "#/components/responses/UnprocessableEntity" }
                }
            }),
        ),
        (
            &routes::DELETE_CUSTOMER,
            json!({
                "operationId": "deleteCustomer",
                "tags": ["Customers"],
                "description": "Extension: erases the customer's personal data (name, email, phone, metadata) for a privacy request; afterwards the customer is not found. Its ledger history stays, for audit. Refused with 409 `WALLET_BALANCE_NOT_ZERO` (not retryable) while any wallet balance is not zero.",
                "responses": {
                    "200": {
                        "description": "The customer was erased.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/CustomerErased" }
                        } }
                    },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" }
                }
            }),
        ),
    ]
}

/// Routes of this context the document leaves out, and why.
pub const UNDOCUMENTED: &[(&Route, &str)] = &[];

fn nullable(schema: &str) -> Value {
    json!({ "oneOf": [{ "$ref": format!("#/components/schemas/{schema}") }, { "type": "null" }] })
}

fn with_description(mut schema: Value, description: &str) -> Value {
    schema["description"] = description.into();
    schema
}

/// The components this context owns: its path parameter and its schemas.
pub fn components() -> Value {
    let customer_id = json!({ "type": "string", "pattern": "^cus_[A-Za-z0-9]+$" });
    let date_time = json!({ "type": "string", "format": "date-time" });
    json!({
        "parameters": {
            "CustomerId": {
                "name": "customer_id",
                "in": "path",
                "required": true,
                "description": "A customer id (`cus_` and a random id). Anything of another shape is 404.",
                "schema": { "type": "string", "pattern": "^cus_[A-Za-z0-9]{1,64}$" }
            }
        },
        "schemas": {
            "Locale": {
                "type": "string",
                "description": "The language of the customer's e-mails and portal.",
                "enum": LOCALES
            },
            "Metadata": {
                "type": "object",
                "description": format!("Up to {METADATA_MAX_KEYS} keys of 1 to {METADATA_KEY_MAX_CHARS} characters; values are strings, numbers or booleans."),
                "maxProperties": METADATA_MAX_KEYS,
                "propertyNames": { "minLength": 1, "maxLength": METADATA_KEY_MAX_CHARS },
                "additionalProperties": { "$ref": "#/components/schemas/MetadataValue" }
            },
            "MetadataValue": {
                "description": format!("A string of at most {METADATA_VALUE_MAX_CHARS} characters, a boolean, or a number DynamoDB can store: 0, or of magnitude from 1e-130 to 9.9e125."),
                "anyOf": [
                    { "type": "string", "maxLength": METADATA_VALUE_MAX_CHARS },
                    { "type": "boolean" },
                    { "type": "number", "const": 0 },
                    { "type": "number", "minimum": 1e-130, "maximum": 9.9e125 },
                    { "type": "number", "minimum": -9.9e125, "maximum": -1e-130 }
                ]
            },
            "CustomerName": {
                "type": "string",
                "description": format!("1 to {NAME_MAX_CHARS} characters after trimming surrounding white space; no control characters."),
                "minLength": 1,
                "maxLength": NAME_MAX_CHARS,
                "pattern": "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
            },
            "Email": { "type": "string", "format": "email", "maxLength": EMAIL_MAX_CHARS },
            "PhoneNumber": {
                "type": "string",
                "description": format!("{PHONE_MIN_CHARS} to {PHONE_MAX_CHARS} characters: at least {PHONE_MIN_CHARS} digits, spaces, `().-`, and an optional leading `+`."),
                "minLength": PHONE_MIN_CHARS,
                "maxLength": PHONE_MAX_CHARS,
                "pattern": format!("^\\+?[ ().-]*(?:[0-9][ ().-]*){{{PHONE_MIN_CHARS},}}$")
            },
            "Customer": {
                "type": "object",
                "description": "Dodo Payments' `Customer`. This service always sends every field listed here (`phone_number` and `preferred_locale` may be null).",
                "required": ["customer_id", "business_id", "name", "email", "phone_number", "metadata", "created_at", "preferred_locale"],
                "properties": {
                    "customer_id": customer_id.clone(),
                    "business_id": { "type": "string", "minLength": 1 },
                    "name": { "type": "string" },
                    "email": { "type": "string" },
                    "phone_number": { "type": ["string", "null"] },
                    "metadata": { "$ref": "#/components/schemas/Metadata" },
                    "created_at": date_time,
                    "preferred_locale": nullable("Locale")
                }
            },
            "CustomerList": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {
                        "type": "array",
                        "maxItems": platform::paging::MAX_PAGE_SIZE,
                        "items": { "$ref": "#/components/schemas/Customer" }
                    }
                }
            },
            "CustomerCreateRequest": {
                "type": "object",
                "required": ["name", "email"],
                "properties": {
                    "name": { "$ref": "#/components/schemas/CustomerName" },
                    "email": { "$ref": "#/components/schemas/Email" },
                    "phone_number": nullable("PhoneNumber"),
                    "metadata": { "$ref": "#/components/schemas/Metadata" },
                    "preferred_locale": nullable("Locale")
                }
            },
            "CustomerUpdateRequest": {
                "type": "object",
                "description": "Any of the fields; absent fields stay as they are.",
                "properties": {
                    "name": with_description(nullable("CustomerName"), "`null` leaves the name as it is."),
                    "email": with_description(nullable("Email"), "`null` leaves the email as it is."),
                    "phone_number": with_description(nullable("PhoneNumber"), "`null` clears the phone number."),
                    "metadata": with_description(nullable("Metadata"), "Replaces all metadata; `null` empties it."),
                    "preferred_locale": with_description(nullable("Locale"), "`null` clears the language.")
                }
            },
            "CustomerErased": {
                "type": "object",
                "description": "Extension: the answer to an erasure.",
                "required": ["customer_id", "erased"],
                "properties": {
                    "customer_id": customer_id,
                    "erased": { "const": true }
                }
            }
        }
    })
}

/// Real wire values of this context and the schema each must fit (`api` checks them):
/// between them they carry every property of their schemas.
pub fn wire_samples() -> Vec<(&'static str, Value)> {
    let new_customer = NewCustomer::parse(create_example().to_string().as_bytes())
        .expect("the documented example is a valid body");
    let business_id = BusinessId::parse("bus_0123456789abcdef").expect("a business id");
    let customer: Customer = new_customer.into_customer(
        CustomerId::new(),
        business_id.clone(),
        platform::time::format(platform::time::now()),
    );
    let mut bare = NewCustomer::parse(br#"{"name":"Bare","email":"bare@example.com"}"#)
        .expect("a minimal body")
        .into_customer(
            CustomerId::new(),
            business_id,
            platform::time::format(platform::time::now()),
        );
    CustomerPatch::parse(update_example().to_string().as_bytes())
        .expect("the documented example is a valid body")
        .apply(&mut bare);
    let erased = json!({ "customer_id": customer.customer_id, "erased": true });
    let customer = serde_json::to_value(&customer).expect("serializes");
    let bare = serde_json::to_value(&bare).expect("serializes");
    vec![
        ("Customer", customer.clone()),
        ("Customer", bare.clone()),
        ("CustomerList", json!({ "items": [customer, bare] })),
        ("CustomerList", json!({ "items": [] })),
        ("CustomerErased", erased),
        ("CustomerCreateRequest", create_example()),
        ("CustomerUpdateRequest", update_example()),
        (
            "CustomerUpdateRequest",
            json!({ "email": "ada.king@example.com", "metadata": null, "preferred_locale": "fr" }),
        ),
        (
            "CustomerCreateRequest",
            json!({ "name": "Bare", "email": "bare@example.com", "phone_number": null, "preferred_locale": null }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_samples_are_accepted_by_the_parsers() {
        let mut parsed = 0;
        for (schema, sample) in wire_samples() {
            let body = sample.to_string();
            match schema {
                "CustomerCreateRequest" => drop(NewCustomer::parse(body.as_bytes()).unwrap()),
                "CustomerUpdateRequest" => drop(CustomerPatch::parse(body.as_bytes()).unwrap()),
                _ => continue,
            }
            parsed += 1;
        }
        assert_eq!(parsed, 4);
    }
}
