//! The wallets context's endpoints.

use crate::handlers;
use platform::route;
use platform::route::Route;

route!(
    LIST_WALLETS,
    "list-wallets",
    GET,
    "/customers/{customer_id}/wallets",
    "Lists a customer's wallets with the USD total.",
    MerchantKey,
    [GetItem, Query],
    handlers::list_wallets::handle
);
route!(
    CREATE_LEDGER_ENTRY,
    "create-ledger-entry",
    POST,
    "/customers/{customer_id}/wallets/ledger-entries",
    "Credits or debits a wallet atomically, idempotently.",
    MerchantKey,
    [
        GetItem,
        BatchGetItem,
        UpdateItem,
        PutItem,
        ConditionCheckItem
    ],
    handlers::create_ledger_entry::handle
);
route!(
    LIST_LEDGER_ENTRIES,
    "list-ledger-entries",
    GET,
    "/customers/{customer_id}/wallets/ledger-entries",
    "Lists a customer's wallet ledger entries, newest first.",
    MerchantKey,
    [GetItem, Query],
    handlers::list_ledger_entries::handle
);

pub const ROUTES: &[&Route] = &[&LIST_WALLETS, &CREATE_LEDGER_ENTRY, &LIST_LEDGER_ENTRIES];
