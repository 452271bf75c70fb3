//! The billing context's endpoints.

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    LIST_PAYMENTS,
    "list-payments",
    GET,
    "/payments",
    "Lists the business's payments, newest first.",
    MerchantKey,
    [GetItem, Query],
    handlers::list_payments::handle
);
route!(
    GET_PAYMENT,
    "get-payment",
    GET,
    "/payments/{payment_id}",
    "Returns one payment with its refunds.",
    MerchantKey,
    [GetItem, BatchGetItem],
    handlers::get_payment::handle
);
route!(
    GET_PAYMENT_LINE_ITEMS,
    "get-payment-line-items",
    GET,
    "/payments/{payment_id}/line-items",
    "Returns a payment's line items and what is still refundable of each.",
    MerchantKey,
    [GetItem, BatchGetItem],
    handlers::get_payment_line_items::handle
);
route!(
    CREATE_REFUND,
    "create-refund",
    POST,
    "/refunds",
    "Refunds a payment, whole or per line item, never beyond what was paid, idempotently.",
    MerchantKey,
    [GetItem, BatchGetItem, PutItem, UpdateItem],
    handlers::create_refund::handle
);
route!(
    LIST_REFUNDS,
    "list-refunds",
    GET,
    "/refunds",
    "Lists the business's refunds, newest first.",
    MerchantKey,
    [GetItem, Query],
    handlers::list_refunds::handle
);
route!(
    GET_REFUND,
    "get-refund",
    GET,
    "/refunds/{refund_id}",
    "Returns one refund.",
    MerchantKey,
    [GetItem, BatchGetItem],
    handlers::get_refund::handle
);

pub const ROUTES: &[&Route] = &[
    &LIST_PAYMENTS,
    &GET_PAYMENT,
    &GET_PAYMENT_LINE_ITEMS,
    &CREATE_REFUND,
    &LIST_REFUNDS,
    &GET_REFUND,
];
