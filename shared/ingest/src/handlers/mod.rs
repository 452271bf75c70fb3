//! One small file per endpoint: read the request, call the service, answer.

pub mod create_endpoint;
pub mod delete_endpoint;
pub mod list_endpoints;
pub mod list_events;
pub mod receive_event;
pub mod rotate_secret;

use crate::IngestEndpointId;
use platform::error::ApiError;
use platform::http::ApiRequest;

/// The `{ingest_endpoint_id}` of a merchant route; 404 for anything not shaped like one.
fn endpoint_id(request: &ApiRequest) -> Result<IngestEndpointId, ApiError> {
    IngestEndpointId::parse(request.path_param("ingest_endpoint_id")).ok_or(ApiError::NotFound)
}
