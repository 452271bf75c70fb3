//! The wallets context's endpoints.

use crate::handlers;
use platform::route;
use platform::route::Route;
use platform::stream_consumer;

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
    [GetItem, BatchGetItem, PutItem, UpdateItem, DeleteItem],
    handlers::create_ledger_entry::handle
);
route!(
    LIST_LEDGER_ENTRIES,
    "list-ledger-entries",
    GET,
    "/customers/{customer_id}/wallets/ledger-entries",
    "Lists a customer's wallet ledger entries, newest first.",
    MerchantKey,
    [GetItem, BatchGetItem, Query],
    handlers::list_ledger_entries::handle
);

pub const ROUTES: &[&Route] = &[&LIST_WALLETS, &CREATE_LEDGER_ENTRY, &LIST_LEDGER_ENTRIES];

stream_consumer!(
    PROJECT_LEDGER,
    "project-ledger",
    "Writes each wallet change to the ledger, exactly once and in order (table stream).",
    customers::keys::WALLET_SK_PREFIX,
    [BatchWriteItem],
    crate::projection::consume
);
