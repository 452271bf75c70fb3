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
    "Exchanges a portal link, once, for a session cookie and redirects to the portal.",
    Public,
    [GetItem, UpdateItem, PutItem],
    handlers::portal_open_session::handle
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

pub const ROUTES: &[&Route] = &[
    &CREATE_PORTAL_SESSION,
    &PORTAL_OPEN_SESSION,
    &PORTAL_PAGE,
    &PORTAL_GET_PROFILE,
    &PORTAL_UPDATE_PROFILE,
    &PORTAL_LIST_WALLETS,
    &PORTAL_LIST_LEDGER,
];
