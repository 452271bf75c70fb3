//! `GET /openapi.json`: the OpenAPI 3.1 document of the API (repo-root `openapi.json`,
//! embedded at compile time). No authentication and no storage access.

use bytes::Bytes;
use http::StatusCode;
use platform::app::AppState;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// The document as written in the repository; tests/test_openapi.py keeps it in sync
/// with the route table.
pub const OPENAPI_JSON: &str = include_str!("../../../openapi.json");

pub async fn handle(_state: &AppState, _request: ApiRequest) -> ApiResult {
    Ok(ApiResponse {
        status: StatusCode::OK,
        headers: vec![("content-type", "application/json".into())],
        body: Bytes::from_static(OPENAPI_JSON.as_bytes()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_document_is_openapi_3_1_json() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["paths"]["/openapi.json"]["get"].is_object());
    }
}
