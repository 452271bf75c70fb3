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
    "The session's customer changes their name or phone, or asks to change their e-mail, which the new address confirms (CSRF-checked).",
    PortalSession,
    [GetItem, UpdateItem, PutItem, DeleteItem, SesSendEmail],
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
    PORTAL_LIST_SUBSCRIPTIONS,
    "portal-list-subscriptions",
    GET,
    "/portal/api/subscriptions",
    "The session's customer's subscriptions, newest first.",
    PortalSession,
    [GetItem, Query],
    handlers::portal_list_subscriptions::handle
);
route!(
    PORTAL_UPDATE_SUBSCRIPTION,
    "portal-update-subscription",
    PATCH,
    "/portal/api/subscriptions/{subscription_id}",
    "The session's customer cancels a subscription (now or at the end of the period) or withdraws a scheduled cancellation (CSRF-checked).",
    PortalSession,
    [GetItem, PutItem],
    handlers::portal_update_subscription::handle
);
route!(
    PORTAL_LIST_LICENSE_KEYS,
    "portal-list-license-keys",
    GET,
    "/portal/api/license-keys",
    "The session's customer's license keys, newest first.",
    PortalSession,
    [GetItem, Query],
    handlers::portal_list_license_keys::handle
);
route!(
    PORTAL_LIST_LICENSE_KEY_INSTANCES,
    "portal-list-license-key-instances",
    GET,
    "/portal/api/license-keys/{license_key_id}/instances",
    "The devices one of the session's customer's license keys is activated on.",
    PortalSession,
    [GetItem, Query],
    handlers::portal_list_license_key_instances::handle
);
route!(
    PORTAL_DEACTIVATE_LICENSE_KEY_INSTANCE,
    "portal-deactivate-license-key-instance",
    DELETE,
    "/portal/api/license-keys/{license_key_id}/instances/{license_key_instance_id}",
    "The session's customer frees one activation of their license key (CSRF-checked).",
    PortalSession,
    [GetItem, BatchGetItem, DeleteItem, UpdateItem],
    handlers::portal_deactivate_license_key_instance::handle
);
route!(
    PORTAL_EMAIL_CHANGE_PAGE,
    "portal-email-change-page",
    GET,
    "/portal/email-change/{token}",
    "An e-mail change's confirmation link: a page with the button that confirms it (changes nothing itself).",
    Public,
    [GetItem],
    handlers::portal_email_change_page::handle
);
route!(
    PORTAL_CONFIRM_EMAIL_CHANGE,
    "portal-confirm-email-change",
    POST,
    "/portal/email-change/{token}",
    "Confirms an e-mail change, once: the customer's address becomes the new one.",
    Public,
    [GetItem, UpdateItem, PutItem, DeleteItem],
    handlers::portal_confirm_email_change::handle
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
    &PORTAL_LIST_SUBSCRIPTIONS,
    &PORTAL_UPDATE_SUBSCRIPTION,
    &PORTAL_LIST_LICENSE_KEYS,
    &PORTAL_LIST_LICENSE_KEY_INSTANCES,
    &PORTAL_DEACTIVATE_LICENSE_KEY_INSTANCE,
    &PORTAL_EMAIL_CHANGE_PAGE,
    &PORTAL_CONFIRM_EMAIL_CHANGE,
];
