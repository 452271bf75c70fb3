//! The table's change stream (DynamoDB Streams), as the functions that consume it see it.
//! AWS delivers records to a stream-triggered function; locally the local server polls
//! moto's stream. Both hand over the same JSON records, parsed here.

use crate::dynamo::Item;
use serde::Deserialize;

/// One change of one item, in stream order: its image before and after (`None` for an
/// item created or deleted by the change).
#[derive(Debug, Clone, Default)]
pub struct ItemChange {
    pub old: Option<Item>,
    pub new: Option<Item>,
}

#[derive(Deserialize)]
struct Record {
    dynamodb: Images,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Images {
    #[serde(default)]
    old_image: Option<serde_dynamo::Item>,
    #[serde(default)]
    new_image: Option<serde_dynamo::Item>,
}

/// Parses stream records (the `Records` of a Lambda event, or of `GetRecords`).
pub fn changes(records: &[serde_json::Value]) -> Result<Vec<ItemChange>, String> {
    records
        .iter()
        .map(|record| {
            let record = Record::deserialize(record).map_err(|e| format!("stream record: {e}"))?;
            Ok(ItemChange {
                old: record.dynamodb.old_image.map(Into::into),
                new: record.dynamodb.new_image.map(Into::into),
            })
        })
        .collect()
}

/// The changes of items whose sort key starts with `prefix` (what an event source
/// mapping's filter passes to a consumer).
pub fn with_sort_key_prefix(changes: &[ItemChange], prefix: &str) -> Vec<ItemChange> {
    let matches = |item: &Option<Item>| {
        item.as_ref()
            .and_then(|i| i.get(crate::dynamo::keys::SK))
            .is_some_and(|sk| matches!(sk, aws_sdk_dynamodb::types::AttributeValue::S(sk) if sk.starts_with(prefix)))
    };
    changes
        .iter()
        .filter(|c| matches(&c.new) || matches(&c.old))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_become_before_and_after_items() {
        let records: Vec<serde_json::Value> = serde_json::from_str(
            r#"[{"eventName": "MODIFY", "dynamodb": {
                "OldImage": {"PK": {"S": "a"}, "balance": {"N": "5"}},
                "NewImage": {"PK": {"S": "a"}, "balance": {"N": "10"}}}},
               {"eventName": "INSERT", "dynamodb": {"NewImage": {"PK": {"S": "b"}}}}]"#,
        )
        .unwrap();
        let parsed = changes(&records).unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(
            parsed[0].new.as_ref().unwrap()["balance"],
            aws_sdk_dynamodb::types::AttributeValue::N("10".into())
        );
        assert!(parsed[1].old.is_none());
        assert!(changes(&[serde_json::json!({"no": "images"})]).is_err());
    }
}
