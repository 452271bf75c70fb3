//! One module per endpoint: each turns an `ApiRequest` into a call on the portal's
//! modules and its result into a response (a page, or JSON for the page's script).

pub mod create_portal_session;
pub mod portal_confirm_email_change;
pub mod portal_deactivate_license_key_instance;
pub mod portal_email_change_page;
pub mod portal_get_payment_invoice;
pub mod portal_get_profile;
pub mod portal_get_refund_credit_note;
pub mod portal_list_billing;
pub mod portal_list_ledger;
pub mod portal_list_license_key_instances;
pub mod portal_list_license_keys;
pub mod portal_list_subscriptions;
pub mod portal_list_wallets;
pub mod portal_open_session;
pub mod portal_page;
pub mod portal_start_session;
pub mod portal_update_profile;
pub mod portal_update_subscription;
