//! The licensing context's endpoints: the merchant's (Bearer key) and the public licence
//! calls, whose credential is the license key in the body.

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    LIST_LICENSE_KEYS,
    "list-license-keys",
    GET,
    "/license_keys",
    "Lists a business's license keys, newest first, with filters.",
    MerchantKey,
    [GetItem, Query],
    handlers::list_license_keys::handle
);
route!(
    CREATE_LICENSE_KEY,
    "create-license-key",
    POST,
    "/license_keys",
    "Imports a license key for a customer.",
    MerchantKey,
    [GetItem, PutItem, ConditionCheckItem],
    handlers::create_license_key::handle
);
route!(
    GET_LICENSE_KEY,
    "get-license-key",
    GET,
    "/license_keys/{license_key_id}",
    "Returns one license key.",
    MerchantKey,
    [GetItem, BatchGetItem],
    handlers::get_license_key::handle
);
route!(
    UPDATE_LICENSE_KEY,
    "update-license-key",
    PATCH,
    "/license_keys/{license_key_id}",
    "Changes a license key's activation limit, disabled flag or expiry.",
    MerchantKey,
    [GetItem, BatchGetItem, UpdateItem],
    handlers::update_license_key::handle
);
route!(
    LIST_LICENSE_KEY_INSTANCES,
    "list-license-key-instances",
    GET,
    "/license_key_instances",
    "Lists license key instances (of one key, or all), newest first.",
    MerchantKey,
    [GetItem, Query],
    handlers::list_license_key_instances::handle
);
route!(
    GET_LICENSE_KEY_INSTANCE,
    "get-license-key-instance",
    GET,
    "/license_key_instances/{license_key_instance_id}",
    "Returns one license key instance.",
    MerchantKey,
    [GetItem, Query],
    handlers::get_license_key_instance::handle
);
route!(
    UPDATE_LICENSE_KEY_INSTANCE,
    "update-license-key-instance",
    PATCH,
    "/license_key_instances/{license_key_instance_id}",
    "Renames a license key instance.",
    MerchantKey,
    [GetItem, Query, UpdateItem],
    handlers::update_license_key_instance::handle
);
route!(
    ACTIVATE_LICENSE,
    "activate-license",
    POST,
    "/licenses/activate",
    "Activates a license key on a new instance, within its activation limit (public).",
    Public,
    [GetItem, BatchGetItem, PutItem, UpdateItem],
    handlers::activate_license::handle
);
route!(
    DEACTIVATE_LICENSE,
    "deactivate-license",
    POST,
    "/licenses/deactivate",
    "Frees a license key instance's activation (public).",
    Public,
    [GetItem, BatchGetItem, DeleteItem, UpdateItem],
    handlers::deactivate_license::handle
);
route!(
    VALIDATE_LICENSE,
    "validate-license",
    POST,
    "/licenses/validate",
    "Says whether a license key (and an instance of it) is valid (public).",
    Public,
    [GetItem, BatchGetItem],
    handlers::validate_license::handle
);

pub const ROUTES: &[&Route] = &[
    &LIST_LICENSE_KEYS,
    &CREATE_LICENSE_KEY,
    &GET_LICENSE_KEY,
    &UPDATE_LICENSE_KEY,
    &LIST_LICENSE_KEY_INSTANCES,
    &GET_LICENSE_KEY_INSTANCE,
    &UPDATE_LICENSE_KEY_INSTANCE,
    &ACTIVATE_LICENSE,
    &DEACTIVATE_LICENSE,
    &VALIDATE_LICENSE,
];
