//! Serves every route of the route table on one local port, through the very handlers the
//! Lambda functions run (`platform::route::dispatch`). For development and tests only.

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::{ApiRequest, BODY_MAX_BYTES};
use platform::route::{self, Route};
use std::convert::Infallible;
use tokio::net::TcpListener;

mod stream_poller;

async fn serve(
    state: &'static AppState,
    routes: &'static [&'static Route],
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let request_id = uuid::Uuid::new_v4().to_string();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let response = match Limited::new(body, BODY_MAX_BYTES).collect().await {
        Ok(collected) => {
            let mut api_request = ApiRequest::new(
                parts.method,
                path_and_query,
                parts.headers,
                collected.to_bytes(),
            );
            api_request.request_id = request_id;
            let found = route::find(routes, &api_request.method, &api_request.path);
            route::dispatch(state, found, api_request).await
        }
        Err(_) => route::error_response(
            ApiError::PayloadTooLarge {
                max_bytes: BODY_MAX_BYTES,
            },
            &request_id,
        ),
    };
    Ok(response
        .into_http()
        .expect("status and headers are valid")
        .map(Full::new))
}

/// The stream consumers as JSON, for the template checks in tests/.
fn print_stream_consumers() {
    let consumers: Vec<_> = api::stream_consumers()
        .into_iter()
        .map(|c| {
            serde_json::json!({
                "function": c.function,
                "summary": c.summary,
                "sort_key_prefix": c.sort_key_prefix,
                "actions": c.actions.iter().map(|a| a.iam_name()).collect::<Vec<_>>(),
            })
        })
        .collect();
    println!(
        "{}",
        serde_json::to_string_pretty(&consumers).expect("JSON")
    );
}

/// The route table as JSON, for the template and OpenAPI checks in tests/.
fn print_routes(routes: &[&Route]) {
    let routes: Vec<_> = routes
        .iter()
        .map(|r| {
            serde_json::json!({
                "function": r.function,
                "method": r.method.as_str(),
                "path": r.path,
                "summary": r.summary,
                "caller": r.caller.as_str(),
                "actions": r.actions.iter().map(|a| a.iam_name()).collect::<Vec<_>>(),
            })
        })
        .collect();
    println!("{}", serde_json::to_string_pretty(&routes).expect("JSON"));
}

async fn shutdown_signal() {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let routes: &'static [&'static Route] = Vec::leak(api::routes());
    if std::env::args().any(|a| a == "--print-routes") {
        print_routes(routes);
        return Ok(());
    }
    if std::env::args().any(|a| a == "--print-stream-consumers") {
        print_stream_consumers();
        return Ok(());
    }
    if std::env::args().any(|a| a == "--print-openapi") {
        // The document to commit as openapi.json (see shared/api/src/lib.rs).
        print!("{}", api::openapi::document::json());
        return Ok(());
    }
    platform::observability::init_text_logs();
    portal::config::check()?;
    let state: &'static AppState = Box::leak(Box::new(AppState::from_env().await?));
    // The stream consumers (the ledger projection) run here as they would in AWS, unless
    // another process on the same table runs them (STREAM_CONSUMERS=off).
    match (
        platform::config::var("STREAM_CONSUMERS").as_deref(),
        &state.config.dynamodb_endpoint,
    ) {
        (Some("off"), _) => {}
        (_, Some(endpoint)) => {
            tokio::spawn(stream_poller::run(
                state,
                endpoint.clone(),
                api::stream_consumers(),
            ));
        }
        (_, None) => tracing::warn!("no DYNAMODB_ENDPOINT: stream consumers run only in AWS"),
    }
    let port: u16 = std::env::var("PORT")
        .ok()
        .map(|p| p.parse())
        .transpose()?
        .unwrap_or(3000);
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    println!("LISTENING http://{}", listener.local_addr()?);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = accepted?;
                tokio::spawn(async move {
                    let service = service_fn(move |request| serve(state, routes, request));
                    if let Err(e) = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await {
                        tracing::debug!(error = %e, "connection closed with an error");
                    }
                });
            }
            _ = &mut shutdown => return Ok(()),
        }
    }
}
