use crate::app::AppState;
use crate::auth::BusinessId;
use crate::domain::customer::{Customer, CustomerPatch, NewCustomer, parse_email};
use crate::domain::ids::{self, is_customer_id};
use crate::domain::ledger::CustomerWallet;
use crate::domain::paging::Page;
use crate::domain::{search, time};
use crate::error::ApiError;
use crate::storage::customers::CustomerFilter;

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
    let customer = new.into_customer(
        ids::new_customer_id(),
        business.0.clone(),
        created_at.clone(),
    );
    let wallets: Vec<CustomerWallet> = state
        .config
        .currencies
        .iter()
        .map(|currency| CustomerWallet {
            customer_id: customer.customer_id.clone(),
            currency: currency.code.to_string(),
            balance: 0,
            created_at: created_at.clone(),
            updated_at: created_at.clone(),
        })
        .collect();
    state.store.create_customer(&customer, &wallets).await?;
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
    customer_id: &str,
    patch: &CustomerPatch,
) -> Result<Customer, ApiError> {
    for _ in 0..MAX_ATTEMPTS {
        let previous = state
            .store
            .customer(&business.0, customer_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let mut updated = previous.customer.clone();
        patch.apply(&mut updated);
        if updated == previous.customer {
            return Ok(updated);
        }
        match state.store.update_customer(&previous, &updated).await {
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
    customer_id: &str,
) -> Result<(), ApiError> {
    for _ in 0..MAX_ATTEMPTS {
        let (customer, wallets) = tokio::try_join!(
            state.store.customer(&business.0, customer_id),
            state.store.wallets(&business.0, customer_id),
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
        match state.store.erase_customer(&customer, &wallets).await {
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
        if is_customer_id(&term) {
            return by_id(state, business, &term, &filter, request.page).await;
        }
        if term.contains('@') && parse_email(term.clone()).is_ok() {
            filter.email = Some(term);
        } else {
            filter.name = Some(search::normalize(&term));
        }
    }
    Ok(state
        .store
        .list_customers(&business.0, &filter, request.page)
        .await?)
}

/// The one-box search's id lookup, as a list: the customer if it exists and passes the
/// other filters, on the first page only.
async fn by_id(
    state: &AppState,
    business: &BusinessId,
    customer_id: &str,
    filter: &CustomerFilter,
    page: Page,
) -> Result<Vec<Customer>, ApiError> {
    if page.offset > 0 {
        return Ok(Vec::new());
    }
    let found = state.store.customer(&business.0, customer_id).await?;
    Ok(found
        .map(|stored| stored.customer)
        .filter(|c| filter.matches(c))
        .into_iter()
        .collect())
}
