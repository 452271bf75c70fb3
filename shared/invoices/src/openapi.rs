//! The invoices context's part of the OpenAPI document (`openapi.json`). Its path
//! parameters (`payment_id`, `refund_id`) are billing's components.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::handlers::PDF;
use crate::routes;
use platform::route::Route;
use serde_json::{Value, json};

pub fn tags() -> Vec<Value> {
    vec![json!({ "name": "Invoices" })]
}

pub const UNDOCUMENTED: &[(&Route, &str)] = &[];

fn pdf_answer(description: &str) -> Value {
    json!({
        "description": description,
        "headers": {
            "ETag": {
                "description": "The SHA-256 of the PDF: the same record gives the same bytes.",
                "schema": { "type": "string" }
            },
            "Content-Disposition": {
                "description": "`inline`, with a file name made of the document's number.",
                "schema": { "type": "string" }
            }
        },
        "content": { PDF: { "schema": { "type": "string", "format": "binary" } } }
    })
}

pub fn operations() -> Vec<(&'static Route, Value)> {
    vec![
        (
            &routes::GET_PAYMENT_INVOICE,
            json!({
                "operationId": "getPaymentInvoice",
                "tags": ["Invoices"],
                "description": "The invoice of a succeeded payment, rendered as a PDF from the payment as recorded: the business, the customer, the line items, tax and total in the currency's own format. The same payment gives the same bytes. A payment that has not succeeded has no invoice (409 `INVOICE_NOT_AVAILABLE`).",
                "responses": {
                    "200": pdf_answer("The invoice."),
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" }
                }
            }),
        ),
        (
            &routes::GET_REFUND_INVOICE,
            json!({
                "operationId": "getRefundInvoice",
                "tags": ["Invoices"],
                "description": "The credit note of a succeeded refund, rendered as a PDF: what was refunded of which line items, the tax share, and the total refunded. A refund that is pending, in review or failed has none yet (409 `CREDIT_NOTE_NOT_AVAILABLE`).",
                "responses": {
                    "200": pdf_answer("The credit note."),
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" }
                }
            }),
        ),
    ]
}

pub fn components() -> Value {
    json!({})
}
