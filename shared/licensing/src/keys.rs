//! Storage keys of the licensing context. docs/architecture.md lists every item.
//!
//! A key has two items holding the same record: the base item, in the business's key
//! space (by id, and in the two list indexes), and the lookup item, keyed by the SHA-256
//! of the key string alone. The public licence calls know only the key string, so the
//! lookup's partition also holds what they touch: the key's instances and its
//! activation-rate windows. A validation is then one read of one partition.

use crate::{LicenseKeyId, LicenseKeyInstanceId};
use customers::CustomerId;
use customers::keys::customer_pk;
use platform::dynamo::keys::{ItemKey, item};
use platform::ids::{BusinessId, secret_hash};

pub fn license_key(business: &BusinessId, id: &LicenseKeyId) -> ItemKey {
    item(format!("B#{business}#LICENSEKEY#{id}"), "LICENSEKEY")
}

/// GSI1: a customer's license keys, by creation time.
pub fn keys_by_customer(business: &BusinessId, customer: &CustomerId) -> String {
    format!("{}#LICENSEKEYS", customer_pk(business, customer))
}

/// GSI2: all of a business's license keys, by creation time.
pub fn keys_by_business(business: &BusinessId) -> String {
    format!("B#{business}#LICENSEKEYS")
}

/// The partition of everything a key string reaches. Not the business's: whoever holds
/// the key string finds it, and nothing else.
pub fn key_string_pk(key: &str) -> String {
    format!("LICENSE#{}", secret_hash(key))
}

pub fn lookup(key: &str) -> ItemKey {
    item(key_string_pk(key), "LICENSEKEY")
}

pub fn instance(key: &str, instance: &LicenseKeyInstanceId) -> ItemKey {
    item(key_string_pk(key), format!("INSTANCE#{instance}"))
}

/// GSI1: a key's instances; the sort key is the (time-ordered) instance id.
pub fn instances_by_key(business: &BusinessId, key: &LicenseKeyId) -> String {
    format!("B#{business}#LICENSEKEY#{key}#INSTANCES")
}

/// GSI2: all of a business's instances, by id (time-ordered), which also finds one by id.
pub fn instances_by_business(business: &BusinessId) -> String {
    format!("B#{business}#LICENSEKEYINSTANCES")
}

/// The count of a key's state changes (activations, deactivations) in one window.
pub fn change_window(key: &str, window: i64) -> ItemKey {
    item(key_string_pk(key), format!("CHANGES#{window}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_string_reaches_one_partition_and_names_no_business() {
        let key = "ABCD-EFGH-1234";
        let instance_id = LicenseKeyInstanceId::time_ordered();
        assert_eq!(lookup(key).pk, instance(key, &instance_id).pk);
        assert_eq!(lookup(key).pk, change_window(key, 7).pk);
        assert!(!lookup(key).pk.contains(key), "the key string is hashed");
        assert_ne!(lookup(key).pk, lookup("ABCD-EFGH-1235").pk);
    }

    #[test]
    fn instance_ids_sort_by_creation() {
        let first = LicenseKeyInstanceId::time_ordered();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = LicenseKeyInstanceId::time_ordered();
        assert!(first < second);
    }
}
