//! Storage keys of the portal context. Tokens and sessions are found by the hash of a
//! secret the browser holds, so they are top-level items, not in a customer partition.

use platform::dynamo::keys::{ItemKey, item};

pub fn portal_token(token_hash: &str) -> ItemKey {
    item(format!("PORTALTOKEN#{token_hash}"), "PORTALTOKEN")
}

/// A pending e-mail change, by the hash of its confirmation token.
pub fn email_change(token_hash: &str) -> ItemKey {
    item(
        format!("PORTALEMAILCHANGE#{token_hash}"),
        "PORTALEMAILCHANGE",
    )
}

pub fn portal_session(session_hash: &str) -> ItemKey {
    item(format!("PORTALSESSION#{session_hash}"), "PORTALSESSION")
}
