use crate::base::PortalBase;
use crate::i18n::Locale;
use crate::page::{PortalPage, error_page, portal_page};
use crate::sessions::authenticate;
use platform::app::AppState;
use platform::error::ApiError;
use platform::http::ApiResult;
use platform::http::{ApiRequest, ApiResponse};

/// The portal page, in the customer's language; its sections load their data from the
/// portal's JSON routes. Without a session it is a failure page.
pub async fn handle(state: &AppState, request: ApiRequest) -> ApiResult {
    let accept_language = request.header("accept-language");
    Ok(match render(state, &request).await {
        Ok(page) => page,
        Err(error) => error_page(error, Locale::choose(None, accept_language)),
    })
}

async fn render(state: &AppState, request: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let base = PortalBase::for_request(crate::config::get()?.base.as_ref(), request)?;
    let session = authenticate(state, request).await?;
    let (customer, business) = tokio::try_join!(
        customers::store::customer(&state.store, &session.business, &session.customer_id),
        state.store.business(&session.business),
    )?;
    let customer = customer.ok_or(ApiError::NotFound)?.customer;
    let business =
        business.ok_or_else(|| ApiError::internal("session of a business with no profile"))?;
    Ok(portal_page(&PortalPage {
        locale: Locale::choose(
            customer.preferred_locale.as_deref(),
            request.header("accept-language"),
        ),
        base: &base,
        business_name: &business.name,
        return_url: session.return_url.as_deref(),
        csrf_token: &session.csrf_token(),
    }))
}
