//! The invoices context's endpoints.

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    GET_PAYMENT_INVOICE,
    "get-payment-invoice",
    GET,
    "/invoices/payments/{payment_id}",
    "Renders a payment's invoice as a PDF.",
    MerchantKey,
    [BatchGetItem],
    handlers::get_payment_invoice::handle
);
route!(
    GET_REFUND_INVOICE,
    "get-refund-invoice",
    GET,
    "/invoices/refunds/{refund_id}",
    "Renders a refund's credit note as a PDF.",
    MerchantKey,
    [BatchGetItem, GetItem],
    handlers::get_refund_invoice::handle
);

pub const ROUTES: &[&Route] = &[&GET_PAYMENT_INVOICE, &GET_REFUND_INVOICE];
