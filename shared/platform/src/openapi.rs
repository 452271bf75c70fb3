//! Pieces of OpenAPI 3.1 operations that every context's part of the document uses.

use serde_json::{Value, json};

/// A required JSON request body of the component schema `schema`, with an example.
pub fn request_body(schema: &str, example: Value) -> Value {
    json!({
        "required": true,
        "content": { "application/json": {
            "schema": { "$ref": format!("#/components/schemas/{schema}") },
            "example": example
        } }
    })
}

/// A JSON response of the component schema `schema`.
pub fn json_response(description: &str, schema: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": {
            "schema": { "$ref": format!("#/components/schemas/{schema}") }
        } }
    })
}

/// A reference to a shared response component (the error answers).
pub fn response_ref(component: &str) -> Value {
    json!({ "$ref": format!("#/components/responses/{component}") })
}
