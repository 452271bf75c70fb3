//! The invoices context: a payment's invoice and a refund's credit note, rendered as
//! PDF in the function from billing's records and the business's name.

pub mod document;
pub mod font;
pub mod format;
pub mod handlers;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod records;
pub mod render;
pub mod routes;
pub mod service;
pub mod store;
