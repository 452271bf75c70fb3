//! The Customers service's domain crate: every rule, every storage key and every HTTP
//! mapping lives here; the Lambda binaries in `functions/` and the local server only pick
//! a route from [`routes`] and run it.

pub mod app;
pub mod auth;
pub mod config;
pub mod domain;
pub mod error;
pub mod handlers;
pub mod http;
pub mod lambda;
pub mod metrics;
pub mod observability;
pub mod portal;
pub mod routes;
pub mod service;
pub mod storage;
