use crate::WebhookId;
use crate::endpoint::{Endpoint, WebhookDetails};
use crate::service::{LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX};
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let business = state.authenticate(&request).await?;
    let (after, limit) = query(&request)?;
    let (endpoints, next) = crate::service::list(state, &business, after, limit).await?;
    Ok(ApiResponse::ok(&page(&endpoints, next)))
}

/// Dodo's cursor page: `iterator` fetches the next page; `done` marks the last.
pub fn page(endpoints: &[Endpoint], next: Option<WebhookId>) -> serde_json::Value {
    let data: Vec<WebhookDetails<'_>> = endpoints.iter().map(Endpoint::details).collect();
    serde_json::json!({ "data": data, "done": next.is_none(), "iterator": next })
}

fn query(request: &ApiRequest) -> Result<(Option<WebhookId>, usize), ApiError> {
    let after = request
        .query_param("iterator")?
        .map(|raw| {
            WebhookId::parse(raw).ok_or_else(|| {
                ApiError::InvalidQueryParams("iterator must be one a previous page gave".into())
            })
        })
        .transpose()?;
    let limit = request
        .parsed_query_param("limit")?
        .unwrap_or(LIST_LIMIT_DEFAULT);
    if !(1..=LIST_LIMIT_MAX).contains(&limit) {
        return Err(ApiError::InvalidQueryParams(format!(
            "limit must be 1 to {LIST_LIMIT_MAX}"
        )));
    }
    Ok((after, limit))
}
