//! The customers context: a business's customers (create, read, update, list and
//! search, erase) and the wallet accounts each customer holds.

pub mod accounts;
pub mod customer;
pub mod handlers;
pub mod keys;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi;
pub mod routes;
pub mod search;
pub mod service;
pub mod store;

platform::id_type!(
    /// A customer, as the API names it (`cus_...`).
    CustomerId,
    "cus_"
);
