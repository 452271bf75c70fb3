//! One module per endpoint: each reads its id, asks [`crate::service`] for the document
//! and answers it rendered.

pub mod get_payment_invoice;
pub mod get_refund_invoice;

use crate::document::InvoiceDocument;
use platform::http::ApiResponse;
use sha2::{Digest, Sha256};

pub const PDF: &str = "application/pdf";

/// The document as a PDF download named after its number. The bytes depend only on the
/// document, so their hash is a strong `ETag`.
pub fn pdf_response(document: &InvoiceDocument) -> ApiResponse {
    let pdf = crate::render::render(document);
    let etag = format!("\"{}\"", platform::ids::hex(&Sha256::digest(&pdf)));
    // The number may be the payment engine's: only plain characters go into the header.
    let filename: String = document
        .number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    ApiResponse::binary(PDF, pdf)
        .with_header("etag", etag)
        .with_header(
            "content-disposition",
            format!("inline; filename=\"{filename}.pdf\""),
        )
}
