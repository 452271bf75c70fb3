use crate::CustomerId;
use crate::accounts::CustomerWallet;
use crate::customer::{Customer, CustomerPatch, NewCustomer, parse_email};
use crate::search;
use crate::store;
use crate::store::CustomerFilter;
use platform::app::AppState;
use platform::error::ApiError;
use platform::ids::BusinessId;
use platform::paging::Page;
use platform::time;

/// Concurrent changes to one customer are rare; a few re-reads settle them.
const MAX_ATTEMPTS: u32 = 3;

/// Longest `name`, `email` or `search` filter accepted; nothing longer can match.
const FILTER_MAX_CHARS: usize = 254;

pub async fn create(
    state: &AppState,
    business: &BusinessId,
    new: NewCustomer,
) -> Result<Customer, ApiError> {
    let created_at = time::format(time::now());
    let customer = new.into_customer(CustomerId::new(), business.clone(), created_at.clone());
    let wallets: Vec<CustomerWallet> = state
        .config
        .currencies
        .iter()
        .map(|currency| CustomerWallet {
            customer_id: customer.customer_id.clone(),
            currency: currency.code,
            balance: 0,
            created_at: created_at.clone(),
            updated_at: created_at.clone(),
        })
        .collect();
    store::create_customer(&state.store, &customer, &wallets).await?;
    Ok(customer)
}

fn conflict_after_retries() -> ApiError {
    ApiError::Conflict {
        code: "CONFLICT",
        message: "The customer changed while this request ran; retry it.".into(),
        retryable: true,
    }
}

pub async fn update(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
    patch: &CustomerPatch,
) -> Result<Customer, ApiError> {
    for _ in 0..MAX_ATTEMPTS {
        let previous = store::customer(&state.store, business, customer_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let mut updated = previous.customer.clone();
        patch.apply(&mut updated);
        if updated == previous.customer {
            return Ok(updated);
        }
        match store::update_customer(&state.store, &previous, &updated).await {
            Ok(stored) => return Ok(stored.customer),
            Err(e) if e.is_contention() => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(conflict_after_retries())
}

pub async fn erase(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
) -> Result<(), ApiError> {
    for _ in 0..MAX_ATTEMPTS {
        let (customer, wallets) = tokio::try_join!(
            store::customer(&state.store, business, customer_id),
            store::wallets(&state.store, business, customer_id),
        )?;
        let customer = customer.ok_or(ApiError::NotFound)?;
        if let Some(wallet) = wallets.iter().find(|w| w.wallet.balance != 0) {
            return Err(ApiError::Conflict {
                code: "WALLET_BALANCE_NOT_ZERO",
                message: format!(
                    "The customer's {} wallet holds {}; debit every wallet to zero before erasing.",
                    wallet.wallet.currency, wallet.wallet.balance
                ),
                retryable: false,
            });
        }
        match store::erase_customer(&state.store, &customer, &wallets).await {
            Ok(()) => return Ok(()),
            Err(e) if e.is_contention() => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(conflict_after_retries())
}

/// A list request as the API takes it; `search` is our one-box extension.
#[derive(Debug, Default)]
pub struct ListRequest {
    pub email: Option<String>,
    pub name: Option<String>,
    pub search: Option<String>,
    pub created_at_gte: Option<String>,
    pub created_at_lte: Option<String>,
    pub page: Page,
}

pub async fn list(
    state: &AppState,
    business: &BusinessId,
    request: ListRequest,
) -> Result<Vec<Customer>, ApiError> {
    for value in [&request.email, &request.name, &request.search]
        .into_iter()
        .flatten()
    {
        if value.chars().count() > FILTER_MAX_CHARS {
            return Err(ApiError::InvalidQueryParams(format!(
                "filters must be at most {FILTER_MAX_CHARS} characters"
            )));
        }
    }
    let mut filter = CustomerFilter {
        email: request.email.filter(|e| !e.is_empty()),
        name: request
            .name
            .filter(|n| !n.is_empty())
            .map(|n| search::normalize(&n)),
        created_at_gte: request.created_at_gte,
        created_at_lte: request.created_at_lte,
    };
    if let Some(term) = request
        .search
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    {
        if filter.email.is_some() || filter.name.is_some() {
            return Err(ApiError::InvalidQueryParams(
                "search cannot be combined with email or name".into(),
            ));
        }
        if let Some(customer_id) = CustomerId::parse(&term) {
            return by_id(state, business, &customer_id, &filter, request.page).await;
        }
        if term.contains('@') && parse_email(term.clone()).is_ok() {
            filter.email = Some(term);
        } else {
            filter.name = Some(search::normalize(&term));
        }
    }
    Ok(store::list_customers(&state.store, business, &filter, request.page).await?)
}

/// The one-box search's id lookup, as a list: the customer if it exists and passes the
/// other filters, on the first page only.
async fn by_id(
    state: &AppState,
    business: &BusinessId,
    customer_id: &CustomerId,
    filter: &CustomerFilter,
    page: Page,
) -> Result<Vec<Customer>, ApiError> {
    if page.offset > 0 {
        return Ok(Vec::new());
    }
    let found = store::customer(&state.store, business, customer_id).await?;
    Ok(found
        .map(|stored| stored.customer)
        .filter(|c| filter.matches(c))
        .into_iter()
        .collect())
}
