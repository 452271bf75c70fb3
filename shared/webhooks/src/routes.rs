//! The webhooks context's endpoints (Dodo's webhook-endpoint API).

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    CREATE_WEBHOOK,
    "create-webhook",
    POST,
    "/webhooks",
    "Registers a webhook endpoint with a fresh signing secret.",
    MerchantKey,
    [GetItem, PutItem, UpdateItem],
    handlers::create_webhook::handle
);
route!(
    LIST_WEBHOOKS,
    "list-webhooks",
    GET,
    "/webhooks",
    "Lists a business's webhook endpoints, a page at a time.",
    MerchantKey,
    [GetItem, Query],
    handlers::list_webhooks::handle
);
route!(
    GET_WEBHOOK,
    "get-webhook",
    GET,
    "/webhooks/{webhook_id}",
    "Returns one webhook endpoint.",
    MerchantKey,
    [GetItem],
    handlers::get_webhook::handle
);
route!(
    UPDATE_WEBHOOK,
    "update-webhook",
    PATCH,
    "/webhooks/{webhook_id}",
    "Updates a webhook endpoint's URL, filter, state or metadata.",
    MerchantKey,
    [GetItem, PutItem],
    handlers::update_webhook::handle
);
route!(
    DELETE_WEBHOOK,
    "delete-webhook",
    DELETE,
    "/webhooks/{webhook_id}",
    "Deletes a webhook endpoint.",
    MerchantKey,
    [GetItem, DeleteItem, UpdateItem],
    handlers::delete_webhook::handle
);
route!(
    GET_WEBHOOK_SECRET,
    "get-webhook-secret",
    GET,
    "/webhooks/{webhook_id}/secret",
    "Returns a webhook endpoint's signing secret.",
    MerchantKey,
    [GetItem],
    handlers::get_webhook_secret::handle
);
route!(
    GET_WEBHOOK_HEADERS,
    "get-webhook-headers",
    GET,
    "/webhooks/{webhook_id}/headers",
    "Returns a webhook endpoint's custom headers (sensitive ones by name only).",
    MerchantKey,
    [GetItem],
    handlers::get_webhook_headers::handle
);
route!(
    UPDATE_WEBHOOK_HEADERS,
    "update-webhook-headers",
    PATCH,
    "/webhooks/{webhook_id}/headers",
    "Adds or replaces a webhook endpoint's custom headers.",
    MerchantKey,
    [GetItem, PutItem],
    handlers::update_webhook_headers::handle
);

pub const ROUTES: &[&Route] = &[
    &CREATE_WEBHOOK,
    &LIST_WEBHOOKS,
    &GET_WEBHOOK,
    &UPDATE_WEBHOOK,
    &DELETE_WEBHOOK,
    &GET_WEBHOOK_SECRET,
    &GET_WEBHOOK_HEADERS,
    &UPDATE_WEBHOOK_HEADERS,
];
