//! The customers context's endpoints.

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    CREATE_CUSTOMER,
    "create-customer",
    POST,
    "/customers",
    "Creates a customer and its wallets (one transaction).",
    MerchantKey,
    [GetItem, PutItem, ConditionCheckItem],
    handlers::create_customer::handle
);
route!(
    LIST_CUSTOMERS,
    "list-customers",
    GET,
    "/customers",
    "Lists a business's customers, newest first, with filters.",
    MerchantKey,
    [GetItem, BatchGetItem, Query],
    handlers::list_customers::handle
);
route!(
    GET_CUSTOMER,
    "get-customer",
    GET,
    "/customers/{customer_id}",
    "Returns one customer.",
    MerchantKey,
    [GetItem, BatchGetItem],
    handlers::get_customer::handle
);
route!(
    UPDATE_CUSTOMER,
    "update-customer",
    PATCH,
    "/customers/{customer_id}",
    "Updates a customer's fields and its search index items.",
    MerchantKey,
    [GetItem, BatchGetItem, UpdateItem, PutItem, DeleteItem],
    handlers::update_customer::handle
);
route!(
    DELETE_CUSTOMER,
    "delete-customer",
    DELETE,
    "/customers/{customer_id}",
    "Erases a customer's personal data (extension).",
    MerchantKey,
    [
        GetItem,
        BatchGetItem,
        UpdateItem,
        DeleteItem,
        ConditionCheckItem,
        Query
    ],
    handlers::delete_customer::handle
);

pub const ROUTES: &[&Route] = &[
    &CREATE_CUSTOMER,
    &LIST_CUSTOMERS,
    &GET_CUSTOMER,
    &UPDATE_CUSTOMER,
    &DELETE_CUSTOMER,
];
