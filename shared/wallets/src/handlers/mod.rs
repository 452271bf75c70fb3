//! One module per endpoint: each turns an `ApiRequest` into a call on [`crate::service`]
//! and its result into a response.

pub mod create_ledger_entry;
pub mod list_ledger_entries;
pub mod list_wallets;
