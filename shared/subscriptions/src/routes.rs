//! The subscriptions context's endpoints.

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    LIST_SUBSCRIPTIONS,
    "list-subscriptions",
    GET,
    "/subscriptions",
    "Lists a business's subscriptions (or one customer's), newest first, with filters.",
    MerchantKey,
    [GetItem, Query],
    handlers::list_subscriptions::handle
);
route!(
    GET_SUBSCRIPTION,
    "get-subscription",
    GET,
    "/subscriptions/{subscription_id}",
    "Returns one subscription.",
    MerchantKey,
    [GetItem, BatchGetItem],
    handlers::get_subscription::handle
);
route!(
    UPDATE_SUBSCRIPTION,
    "update-subscription",
    PATCH,
    "/subscriptions/{subscription_id}",
    "Cancels a subscription now or at the next billing date, withdraws that, or sets its metadata.",
    MerchantKey,
    [GetItem, BatchGetItem, PutItem],
    handlers::update_subscription::handle
);

pub const ROUTES: &[&Route] = &[&LIST_SUBSCRIPTIONS, &GET_SUBSCRIPTION, &UPDATE_SUBSCRIPTION];
