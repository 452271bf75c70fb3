//! Serves every route of the route table on one local port, through the very handlers the
//! Lambda functions run (`shared::routes::dispatch`). For development and tests only.

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use shared::app::AppState;
use shared::error::ApiError;
use shared::http::{ApiRequest, BODY_MAX_BYTES};
use shared::routes::{self, ROUTES};
use std::convert::Infallible;
use tokio::net::TcpListener;

async fn serve(
    state: &'static AppState,
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
            let route = routes::find(&api_request.method, &api_request.path);
            routes::dispatch(state, route, api_request).await
        }
        Err(_) => routes::error_response(ApiError::PayloadTooLarge, &request_id),
    };
    Ok(response
        .into_http()
        .expect("status and headers are valid")
        .map(Full::new))
}

fn print_routes() {
    let routes: Vec<_> = ROUTES
        .iter()
        .map(|r| serde_json::json!({ "function": r.function, "method": r.method.as_str(), "path": r.path }))
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
    if std::env::args().any(|a| a == "--print-routes") {
        print_routes();
        return Ok(());
    }
    shared::observability::init_text_logs();
    let state: &'static AppState = Box::leak(Box::new(AppState::from_env().await?));
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
                    let service = service_fn(move |request| serve(state, request));
                    if let Err(e) = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await {
                        tracing::debug!(error = %e, "connection closed with an error");
                    }
                });
            }
            _ = &mut shutdown => return Ok(()),
        }
    }
}
