//! Cold-start baseline for `bench/coldstart.py`.
//!
//! The least a function of this service can do: build the DynamoDB client once in
//! `main`, then per request make the DynamoDB requests `BARE_REQUESTS` names and answer
//! 200 with a small JSON body. By default that is one GetItem (`PK = SK = "bench"`), what
//! a read function cannot do with less; a write function is compared with a bare function
//! making the same requests as its own work.
//!
//! `BARE_REQUESTS`: steps run one after the other, separated by `,`; the requests of a
//! step, separated by `+`, run at the same time. A request is one of
//! - `get`: GetItem of the bench item;
//! - `batch_get:N`: one BatchGetItem of N keys (the bench item and N-1 absent ones);
//! - `query`: Query of the bench item's partition, or of the one `BARE_QUERY` names:
//!   `<table|GSI1|GSI2> <partition> [<sort key prefix>]` (newest first, at most 10 items,
//!   as the service's first page), so that a baseline can read what a function reads;
//! - `put`: PutItem of an item, with a condition (as the service's puts have);
//! - `update`: UpdateItem adding 1 to a counter of the bench item, conditioned on its
//!   existence;
//! - `transact:N`: one TransactWriteItems of N such puts.
//!
//! e.g. `get+query,transact:13`: a GetItem and a Query at once, then a transaction of 13.
//! Puts write the same keys every time (the condition always holds), so the baseline does
//! not grow the table: moto reads the whole table for every Query.

use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, Put, TransactWriteItem};
use lambda_http::{Body, Error, Request, Response, run, service_fn};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
enum Call {
    Get,
    BatchGet(usize),
    Query,
    Put,
    Update,
    Transact(usize),
}

fn parse_requests(spec: &str) -> Result<Vec<Vec<Call>>, String> {
    spec.split(',')
        .map(|step| {
            step.split('+')
                .map(|call| {
                    let (name, count) = match call.trim().split_once(':') {
                        Some((name, n)) => (
                            name,
                            Some(n.parse::<usize>().map_err(|e| format!("{call}: {e}"))?),
                        ),
                        None => (call.trim(), None),
                    };
                    match (name, count) {
                        ("get", None) => Ok(Call::Get),
                        ("batch_get", Some(n)) if (1..=100).contains(&n) => Ok(Call::BatchGet(n)),
                        ("query", None) => Ok(Call::Query),
                        ("put", None) => Ok(Call::Put),
                        ("update", None) => Ok(Call::Update),
                        ("transact", Some(n)) if (1..=100).contains(&n) => Ok(Call::Transact(n)),
                        _ => Err(format!("BARE_REQUESTS: cannot read {call:?}")),
                    }
                })
                .collect()
        })
        .collect()
}

fn key(pk: String) -> HashMap<String, AttributeValue> {
    HashMap::from([
        ("PK".to_owned(), AttributeValue::S(pk)),
        ("SK".to_owned(), AttributeValue::S("bench".to_owned())),
    ])
}

/// The n-th of the keys the baseline writes or looks up besides the bench item.
fn other_pk(n: usize) -> String {
    format!("bench#{n}")
}

fn written_item(n: usize) -> HashMap<String, AttributeValue> {
    let mut item = key(other_pk(n));
    item.insert(
        "note".to_owned(),
        AttributeValue::S("coldstart baseline write".to_owned()),
    );
    item
}

/// Evaluated like the service's `attribute_not_exists(PK)`, but always holds.
const WRITE_CONDITION: &str = "attribute_not_exists(never_set)";

async fn call(client: Client, table: String, call: Call) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    match call {
        Call::Get => client
            .get_item()
            .table_name(&table)
            .set_key(Some(key("bench".to_owned())))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| err(&aws_sdk_dynamodb::error::DisplayErrorContext(e))),
        Call::BatchGet(n) => {
            let keys = (0..n)
                .map(|i| {
                    key(if i == 0 {
                        "bench".to_owned()
                    } else {
                        other_pk(1000 + i)
                    })
                })
                .collect();
            let wanted = KeysAndAttributes::builder()
                .set_keys(Some(keys))
                .consistent_read(true)
                .build()
                .map_err(|e| err(&e))?;
            client
                .batch_get_item()
                .request_items(&table, wanted)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| err(&aws_sdk_dynamodb::error::DisplayErrorContext(e)))
        }
        Call::Query => {
            let spec = std::env::var("BARE_QUERY").unwrap_or_else(|_| "table bench".to_owned());
            let mut parts = spec.split_whitespace();
            let (index, partition, prefix) = (parts.next(), parts.next(), parts.next());
            let mut query = client
                .query()
                .table_name(&table)
                .expression_attribute_values(
                    ":pk",
                    AttributeValue::S(partition.unwrap_or("bench").to_owned()),
                )
                .scan_index_forward(false)
                .limit(10);
            let (pk, sk) = match index {
                Some(gsi @ ("GSI1" | "GSI2")) => {
                    query = query.index_name(gsi);
                    (format!("{gsi}PK"), format!("{gsi}SK"))
                }
                _ => ("PK".to_owned(), "SK".to_owned()),
            };
            query = match prefix {
                Some(prefix) => query
                    .key_condition_expression(format!("{pk} = :pk AND begins_with({sk}, :prefix)"))
                    .expression_attribute_values(":prefix", AttributeValue::S(prefix.to_owned())),
                None => query.key_condition_expression(format!("{pk} = :pk")),
            };
            query
                .send()
                .await
                .map(|_| ())
                .map_err(|e| err(&aws_sdk_dynamodb::error::DisplayErrorContext(e)))
        }
        Call::Put => client
            .put_item()
            .table_name(&table)
            .set_item(Some(written_item(0)))
            .condition_expression(WRITE_CONDITION)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| err(&aws_sdk_dynamodb::error::DisplayErrorContext(e))),
        Call::Update => client
            .update_item()
            .table_name(&table)
            .set_key(Some(key("bench".to_owned())))
            .update_expression("ADD updates :one")
            .condition_expression("attribute_exists(PK)")
            .expression_attribute_values(":one", AttributeValue::N("1".to_owned()))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| err(&aws_sdk_dynamodb::error::DisplayErrorContext(e))),
        Call::Transact(n) => {
            let mut actions = Vec::with_capacity(n);
            for i in 0..n {
                let put = Put::builder()
                    .table_name(&table)
                    .set_item(Some(written_item(i)))
                    .condition_expression(WRITE_CONDITION)
                    .build()
                    .map_err(|e| err(&e))?;
                actions.push(TransactWriteItem::builder().put(put).build());
            }
            client
                .transact_write_items()
                .set_transact_items(Some(actions))
                .send()
                .await
                .map(|_| ())
                .map_err(|e| err(&aws_sdk_dynamodb::error::DisplayErrorContext(e)))
        }
    }
}

async fn make_requests(client: &Client, table: &str, steps: &[Vec<Call>]) -> Result<(), String> {
    for step in steps {
        let running: Vec<_> = step
            .iter()
            .map(|c| tokio::spawn(call(client.clone(), table.to_owned(), *c)))
            .collect();
        for task in running {
            task.await.map_err(|e| e.to_string())??;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let steps =
        parse_requests(&std::env::var("BARE_REQUESTS").unwrap_or_else(|_| "get".to_owned()))?;
    let shared = aws_config::defaults(BehaviorVersion::latest()).load().await;
    let mut config = aws_sdk_dynamodb::config::Builder::from(&shared);
    if let Ok(endpoint) = std::env::var("DYNAMODB_ENDPOINT")
        && !endpoint.is_empty()
    {
        config = config.endpoint_url(endpoint);
    }
    let client = aws_sdk_dynamodb::Client::from_conf(config.build());
    let table = std::env::var("TABLE_NAME").unwrap_or_else(|_| "customers".to_owned());

    let (client, table, steps) = (&client, table.as_str(), steps.as_slice());
    run(service_fn(move |_request: Request| async move {
        let (status, body) = match make_requests(client, table, steps).await {
            Ok(()) => (200, serde_json::json!({"ok": true})),
            Err(error) => (500, serde_json::json!({"ok": false, "error": error})),
        };
        Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .map_err(Error::from)
    }))
    .await
}
