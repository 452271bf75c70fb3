//! API keys and businesses: their items (the key's record is read in platform::auth).

use crate::dynamo::{Store, StoreError, from_item, keys, put_new, to_item, with_key};
use crate::ids::BusinessId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiKeyRecord {
    pub key_id: String,
    pub business_id: BusinessId,
    pub revoked: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Business {
    pub business_id: BusinessId,
    pub name: String,
    pub created_at: String,
}

#[derive(Serialize, Deserialize)]
struct KeyIdPointer {
    key_hash: String,
}

impl Store {
    pub async fn business(&self, business_id: &BusinessId) -> Result<Option<Business>, StoreError> {
        self.get(&keys::business(business_id.as_str()), false)
            .await?
            .map(from_item)
            .transpose()
    }

    /// The business with this name (case-insensitive), created if new.
    pub async fn business_by_name_or_create(&self, name: &str) -> Result<Business, StoreError> {
        let name_key = keys::business_name(name);
        for _ in 0..3 {
            if let Some(item) = self.get(&name_key, true).await? {
                #[derive(Deserialize)]
                struct NameRecord {
                    business_id: BusinessId,
                }
                let record: NameRecord = from_item(item)?;
                return self
                    .business(&record.business_id)
                    .await?
                    .ok_or_else(|| StoreError::Other("business name without business".into()));
            }
            let business = Business {
                business_id: BusinessId::new(),
                name: name.to_string(),
                created_at: crate::time::format(crate::time::now()),
            };
            let name_item = with_key(
                to_item(&serde_json::json!({ "business_id": business.business_id })),
                &name_key,
            );
            let profile = with_key(
                to_item(&business),
                &keys::business(business.business_id.as_str()),
            );
            match self
                .transact(vec![
                    put_new(self.table(), name_item),
                    put_new(self.table(), profile),
                ])
                .await
            {
                Ok(()) => return Ok(business),
                // Someone created it first: read theirs on the next turn.
                Err(StoreError::TransactionCanceled(_)) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(StoreError::Other(
            "could not create or read the business".into(),
        ))
    }

    pub async fn put_api_key(
        &self,
        key_hash: &str,
        record: &ApiKeyRecord,
    ) -> Result<(), StoreError> {
        let pointer = KeyIdPointer {
            key_hash: key_hash.to_string(),
        };
        self.transact(vec![
            put_new(
                self.table(),
                with_key(to_item(record), &keys::api_key(key_hash)),
            ),
            put_new(
                self.table(),
                with_key(to_item(&pointer), &keys::api_key_id(&record.key_id)),
            ),
        ])
        .await
    }

    /// Marks a key revoked, by its public id or by its hash. Returns false if unknown.
    pub async fn revoke_api_key(
        &self,
        key_id: Option<&str>,
        key_hash: Option<&str>,
    ) -> Result<bool, StoreError> {
        let key_hash = match (key_hash, key_id) {
            (Some(hash), _) => hash.to_string(),
            (None, Some(id)) => match self.get(&keys::api_key_id(id), true).await? {
                Some(item) => from_item::<KeyIdPointer>(item)?.key_hash,
                None => return Ok(false),
            },
            (None, None) => return Ok(false),
        };
        let result = self
            .client()
            .update_item()
            .table_name(self.table())
            .set_key(Some(crate::dynamo::key_map(&keys::api_key(&key_hash))))
            .update_expression("SET revoked = :t")
            .condition_expression("attribute_exists(PK)")
            .expression_attribute_values(":t", aws_sdk_dynamodb::types::AttributeValue::Bool(true))
            .send()
            .await
            .map_err(crate::dynamo::classify);
        match result {
            Ok(_) => Ok(true),
            Err(StoreError::ConditionFailed) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
