//! The Lambda adapter: API Gateway (HTTP API, payload v2) events in, responses out.

use crate::app::AppState;
use crate::http::{ApiRequest, ApiResponse};
use crate::route::{Route, StreamConsumer, dispatch};
use lambda_http::{Body, Request, RequestExt, service_fn};

pub use lambda_http::Error;

fn to_api_request(request: Request) -> ApiRequest {
    let lambda_request_id = request
        .lambda_context_ref()
        .map(|ctx| ctx.request_id.clone());
    let api_request_id = request.request_context_ref().and_then(|ctx| match ctx {
        lambda_http::request::RequestContext::ApiGatewayV2(ctx) => ctx.request_id.clone(),
        #[allow(unreachable_patterns)]
        _ => None,
    });
    let (parts, body) = request.into_parts();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let body = match body {
        Body::Empty => bytes::Bytes::new(),
        Body::Text(text) => text.into(),
        Body::Binary(binary) => binary.into(),
        _ => bytes::Bytes::new(),
    };
    let mut api_request = ApiRequest::new(parts.method, path_and_query, parts.headers, body);
    api_request.request_id = api_request_id
        .or_else(|| lambda_request_id.clone())
        .unwrap_or_default();
    api_request.lambda_request_id = lambda_request_id;
    api_request
}

/// Runs one route as a Lambda function. Everything per-process (config, the DynamoDB
/// client) is built here once, before the first event.
pub async fn run(route: &'static Route) -> Result<(), Error> {
    crate::observability::init_json_logs();
    let state: &'static AppState = Box::leak(Box::new(AppState::from_env().await?));
    lambda_http::run(service_fn(move |request: Request| async move {
        let response = dispatch(state, Some(route), to_api_request(request)).await;
        to_lambda_response(response)
    }))
    .await
}

/// Every body goes out as `Body::Binary`, which API Gateway receives base64-encoded
/// (`isBase64Encoded`) and decodes: JSON, HTML and PDF bytes alike arrive unchanged.
fn to_lambda_response(response: ApiResponse) -> Result<lambda_http::Response<Body>, Error> {
    let response = response.into_http().map_err(Error::from)?;
    Ok(response.map(|body| Body::Binary(body.to_vec())))
}

/// The part of a DynamoDB stream event a consumer reads.
#[derive(serde::Deserialize)]
struct StreamEvent {
    #[serde(rename = "Records", default)]
    records: Vec<serde_json::Value>,
}

/// Runs a stream consumer as a Lambda function fed by the table's stream. An error fails
/// the whole batch, which the event source mapping retries in order (and, after its
/// retries, bisects and sends to the failure destination).
pub async fn run_stream(consumer: &'static StreamConsumer) -> Result<(), Error> {
    crate::observability::init_json_logs();
    let state: &'static AppState = Box::leak(Box::new(AppState::from_env().await?));
    lambda_http::lambda_runtime::run(lambda_http::lambda_runtime::service_fn(
        move |event: lambda_http::lambda_runtime::LambdaEvent<StreamEvent>| async move {
            let changes = crate::stream::changes(&event.payload.records)?;
            let count = changes.len();
            (consumer.handler)(state, changes).await.map_err(|detail| {
                let detail = crate::observability::redact(&detail);
                tracing::error!(function = consumer.function, %detail, "stream batch failed");
                Error::from(detail)
            })?;
            tracing::info!(
                function = consumer.function,
                changes = count,
                "stream batch"
            );
            Ok::<(), Error>(())
        },
    ))
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_body_goes_to_api_gateway_as_it_is() {
        let bytes: Vec<u8> = b"%PDF-1.7\n%\x80\xff\x00 binary".to_vec();
        let response =
            to_lambda_response(ApiResponse::binary("application/pdf", bytes.clone())).unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/pdf");
        match response.body() {
            Body::Binary(sent) => assert_eq!(*sent, bytes),
            other => panic!("not sent as binary (base64): {other:?}"),
        }
    }
}
