//! Cold-start baseline for `bench/coldstart.py`.
//!
//! The least a function of this service can do: build the DynamoDB client once in
//! `main`, then per request read one item (`PK = "bench"`, `SK = "bench"`) from
//! `TABLE_NAME` and answer 200 with a small JSON body. Every real function also
//! does this much (API key lookup), so its cold start is compared to this one.

use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::types::AttributeValue;
use lambda_http::{Body, Error, Request, Response, run, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let shared = aws_config::defaults(BehaviorVersion::latest()).load().await;
    let mut config = aws_sdk_dynamodb::config::Builder::from(&shared);
    if let Ok(endpoint) = std::env::var("DYNAMODB_ENDPOINT")
        && !endpoint.is_empty()
    {
        config = config.endpoint_url(endpoint);
    }
    let client = aws_sdk_dynamodb::Client::from_conf(config.build());
    let table = std::env::var("TABLE_NAME").unwrap_or_else(|_| "customers".to_owned());

    let client = &client;
    let table = table.as_str();
    run(service_fn(move |_request: Request| async move {
        let result = client
            .get_item()
            .table_name(table)
            .key("PK", AttributeValue::S("bench".to_owned()))
            .key("SK", AttributeValue::S("bench".to_owned()))
            .send()
            .await;
        let (status, body) = match result {
            Ok(output) => (200, serde_json::json!({"ok": true, "found": output.item.is_some()})),
            Err(err) => (
                500,
                serde_json::json!({"ok": false, "error": format!("{}", aws_sdk_dynamodb::error::DisplayErrorContext(&err))}),
            ),
        };
        Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .map_err(Error::from)
    }))
    .await
}
