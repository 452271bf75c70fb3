//! The portal context's endpoints: one for the merchant (minting a link), the rest for
//! the customer's browser, which holds a portal session cookie and never a merchant key.

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    CREATE_PORTAL_SESSION,
    "create-portal-session",
    POST,
    "/customers/{customer_id}/customer-portal/session",
    "Mints a customer portal link and optionally e-mails it.",
    MerchantKey,
    [GetItem, BatchGetItem, PutItem, SesSendEmail],
    handlers::create_portal_session::handle
);
route!(
    PORTAL_OPEN_SESSION,
    "portal-open-session",
    GET,
    "/portal/session/{token}",
    "A portal link opened: a page whose Continue button opens the portal; the link is read, not used up.",
    Public,
    [GetItem],
    handlers::portal_open_session::handle
);
route!(
    PORTAL_START_SESSION,
    "portal-start-session",
    POST,
    "/portal/session/{token}",
    "The link page's Continue: exchanges the link, once, for a session cookie and redirects to the portal.",
    Public,
    [GetItem, UpdateItem, PutItem],
    handlers::portal_start_session::handle
);
route!(
    PORTAL_PAGE,
    "portal-page",
    GET,
    "/portal",
    "The customer portal page (HTML, CSS and script inline), in the customer's language.",
    PortalSession,
    [GetItem],
    handlers::portal_page::handle
);
route!(
    PORTAL_GET_PROFILE,
    "portal-get-profile",
    GET,
    "/portal/api/profile",
    "The session's customer's name, e-mail and phone.",
    PortalSession,
    [GetItem],
    handlers::portal_get_profile::handle
);
route!(
    PORTAL_UPDATE_PROFILE,
    "portal-update-profile",
    PATCH,
    "/portal/api/profile",
    "The session's customer changes their name, e-mail or phone (CSRF-checked).",
    PortalSession,
    [GetItem, UpdateItem, PutItem, DeleteItem],
    handlers::portal_update_profile::handle
);
route!(
    PORTAL_LIST_WALLETS,
    "portal-list-wallets",
    GET,
    "/portal/api/wallets",
    "The session's customer's wallet balances.",
    PortalSession,
    [GetItem, Query],
    handlers::portal_list_wallets::handle
);
route!(
    PORTAL_LIST_LEDGER,
    "portal-list-ledger",
    GET,
    "/portal/api/ledger",
    "The session's customer's wallet ledger, newest first, a page at a time.",
    PortalSession,
    [GetItem, BatchGetItem, Query],
    handlers::portal_list_ledger::handle
);
route!(
    PORTAL_LIST_BILLING,
    "portal-list-billing",
    GET,
    "/portal/api/billing",
    "The session's customer's payments with their refunds, newest first, a page at a time.",
    PortalSession,
    [GetItem, Query],
    handlers::portal_list_billing::handle
);
route!(
    PORTAL_GET_PAYMENT_INVOICE,
    "portal-get-payment-invoice",
    GET,
    "/portal/api/invoices/payments/{payment_id}",
    "The PDF invoice of one of the session's customer's payments.",
    PortalSession,
    [GetItem],
    handlers::portal_get_payment_invoice::handle
);
route!(
    PORTAL_GET_REFUND_CREDIT_NOTE,
    "portal-get-refund-credit-note",
    GET,
    "/portal/api/invoices/refunds/{refund_id}",
    "The PDF credit note of a refund of the session's customer.",
    PortalSession,
    [GetItem],
    handlers::portal_get_refund_credit_note::handle
);

pub const ROUTES: &[&Route] = &[
    &CREATE_PORTAL_SESSION,
    &PORTAL_OPEN_SESSION,
    &PORTAL_START_SESSION,
    &PORTAL_PAGE,
    &PORTAL_GET_PROFILE,
    &PORTAL_UPDATE_PROFILE,
    &PORTAL_LIST_WALLETS,
    &PORTAL_LIST_LEDGER,
    &PORTAL_LIST_BILLING,
    &PORTAL_GET_PAYMENT_INVOICE,
    &PORTAL_GET_REFUND_CREDIT_NOTE,
];
