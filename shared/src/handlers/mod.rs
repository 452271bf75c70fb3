//! One module per endpoint: each turns an [`ApiRequest`] into a call on [`crate::service`]
//! and its result into a response. Rules live in `domain`, storage in `storage`.

pub mod create_customer;
pub mod create_ledger_entry;
pub mod create_portal_session;
pub mod delete_customer;
pub mod get_customer;
pub mod get_openapi;
pub mod list_customers;
pub mod list_ledger_entries;
pub mod list_wallets;
pub mod portal_get_profile;
pub mod portal_list_ledger;
pub mod portal_list_wallets;
pub mod portal_open_session;
pub mod portal_page;
pub mod portal_update_profile;
pub mod update_customer;

use crate::domain::ids::is_customer_id;
use crate::domain::paging::Page;
use crate::error::ApiError;
use crate::http::ApiRequest;

/// The `{customer_id}` path segment. A malformed id cannot exist, so it is a 404.
pub fn customer_id(request: &ApiRequest) -> Result<&str, ApiError> {
    let id = request.path_param("customer_id");
    if is_customer_id(id) {
        Ok(id)
    } else {
        Err(ApiError::NotFound)
    }
}

pub fn page(request: &ApiRequest) -> Result<Page, ApiError> {
    Page::parse(
        request.parsed_query_param("page_number")?,
        request.parsed_query_param("page_size")?,
    )
}
