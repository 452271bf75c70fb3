//! What every context of the Customers service builds on: the transport-neutral request
//! and response, the route type and `dispatch`, the Lambda adapter, the one mapping of
//! errors to HTTP, DynamoDB access, merchant authentication, configuration, logging,
//! metrics, and the value types every context shares (ids, money, time, paging).
//!
//! Nothing here knows a customer, a wallet or a portal: contexts depend on this crate,
//! never the other way round.

pub mod api_keys;
pub mod app;
pub mod auth;
pub mod config;
pub mod dynamo;
pub mod error;
pub mod http;
pub mod ids;
pub mod inbound;
pub mod json;
pub mod lambda;
pub mod metrics;
pub mod money;
pub mod observability;
pub mod openapi;
pub mod paging;
pub mod retry;
pub mod route;
pub mod standard_webhooks;
pub mod stream;
pub mod time;
