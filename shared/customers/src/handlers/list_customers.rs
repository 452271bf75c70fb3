use crate::service::ListRequest;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let mut key = state.key_claim(&request).await?;
    let list = state.after_key(&mut key, list_request(&request)).await?;
    let items = crate::service::list(state, &mut key, list).await?;
    Ok(ApiResponse::ok(&serde_json::json!({ "items": items })))
}

fn list_request(request: &ApiRequest) -> Result<ListRequest, ApiError> {
    let timestamp = |name: &str| -> Result<Option<String>, ApiError> {
        request
            .query_param(name)?
            .map(|raw| {
                platform::time::parse_filter(raw)
                    .map(platform::time::format)
                    .ok_or_else(|| {
                        ApiError::InvalidQueryParams(format!(
                            "{name} must be an RFC 3339 timestamp"
                        ))
                    })
            })
            .transpose()
    };
    Ok(ListRequest {
        email: request.query_param("email")?.map(str::to_string),
        name: request.query_param("name")?.map(str::to_string),
        search: request.query_param("search")?.map(str::to_string),
        created_at_gte: timestamp("created_at_gte")?,
        created_at_lte: timestamp("created_at_lte")?,
        page: request.page()?,
    })
}
