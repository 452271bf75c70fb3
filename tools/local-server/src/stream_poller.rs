//! The local stand-in for a stream event source mapping: polls the table's stream on
//! the local DynamoDB (moto) and hands each batch of changes to the stream consumers, in
//! order, retrying a batch until it succeeds, as AWS does.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use platform::app::AppState;
use platform::route::StreamConsumer;
use serde_json::{Value, json};
use std::time::Duration;

const IDLE_POLL: Duration = Duration::from_millis(20);
const RETRY_PAUSE: Duration = Duration::from_millis(200);
const RECORDS_PER_POLL: u32 = 1000;

struct Streams {
    client: Client<HttpConnector, Full<Bytes>>,
    endpoint: String,
}

impl Streams {
    /// One DynamoDB Streams API call, as JSON (moto accepts any signature).
    async fn call(&self, operation: &str, body: Value) -> Result<Value, String> {
        let request = http::Request::post(&self.endpoint)
            .header("content-type", "application/x-amz-json-1.0")
            .header(
                "x-amz-target",
                format!("DynamoDBStreams_20120810.{operation}"),
            )
            .header(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, \
                 SignedHeaders=host, Signature=local",
            )
            .body(Full::new(Bytes::from(body.to_string())))
            .map_err(|e| e.to_string())?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        if !status.is_success() {
            return Err(format!(
                "{operation}: {status} {}",
                String::from_utf8_lossy(&body)
            ));
        }
        serde_json::from_slice(&body).map_err(|e| format!("{operation}: {e}"))
    }
}

/// Polls until the process ends; a failure (the table not there yet, a consumer error)
/// is logged and the poll starts over after a pause, from where it left off.
pub async fn run(
    state: &'static AppState,
    endpoint: String,
    consumers: Vec<&'static StreamConsumer>,
) {
    let streams = Streams {
        client: Client::builder(TokioExecutor::new()).build_http(),
        endpoint,
    };
    let mut iterators: Vec<String> = Vec::new();
    loop {
        if let Err(detail) = poll(state, &streams, &consumers, &mut iterators).await {
            tracing::warn!(%detail, "stream poll failed; retrying");
            tokio::time::sleep(RETRY_PAUSE).await;
        }
    }
}

async fn poll(
    state: &AppState,
    streams: &Streams,
    consumers: &[&'static StreamConsumer],
    iterators: &mut Vec<String>,
) -> Result<(), String> {
    if iterators.is_empty() {
        *iterators = open_shards(state, streams).await?;
    }
    loop {
        let mut busy = false;
        for iterator in iterators.iter_mut() {
            let out = streams
                .call(
                    "GetRecords",
                    json!({ "ShardIterator": iterator, "Limit": RECORDS_PER_POLL }),
                )
                .await?;
            let records = out["Records"].as_array().cloned().unwrap_or_default();
            if !records.is_empty() {
                busy = true;
                let changes = platform::stream::changes(&records)?;
                for consumer in consumers {
                    let theirs =
                        platform::stream::with_sort_key_prefix(&changes, consumer.sort_key_prefix);
                    if !theirs.is_empty() {
                        (consumer.handler)(state, theirs).await?;
                    }
                }
            }
            // Only a batch every consumer took moves the shard on.
            if let Some(next) = out["NextShardIterator"].as_str() {
                *iterator = next.to_string();
            }
        }
        if !busy {
            tokio::time::sleep(IDLE_POLL).await;
        }
    }
}

/// An iterator at the start of every shard of the table's stream.
async fn open_shards(state: &AppState, streams: &Streams) -> Result<Vec<String>, String> {
    let table = state
        .store
        .client()
        .describe_table()
        .table_name(state.store.table())
        .send()
        .await
        .map_err(|e| format!("DescribeTable: {e:?}"))?;
    let arn = table
        .table
        .and_then(|t| t.latest_stream_arn)
        .ok_or("the table has no stream (create it with `customers-admin create-table`)")?;
    let description = streams
        .call("DescribeStream", json!({ "StreamArn": arn }))
        .await?;
    let mut iterators = Vec::new();
    for shard in description["StreamDescription"]["Shards"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let out = streams
            .call(
                "GetShardIterator",
                json!({ "StreamArn": arn, "ShardId": shard["ShardId"], "ShardIteratorType": "TRIM_HORIZON" }),
            )
            .await?;
        if let Some(iterator) = out["ShardIterator"].as_str() {
            iterators.push(iterator.to_string());
        }
    }
    Ok(iterators)
}
