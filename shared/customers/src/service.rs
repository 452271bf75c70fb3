use crate::CustomerId;
use crate::accounts::CustomerWallet;
use crate::customer::{
    Customer, CustomerPatch, InvalidCustomer, NewCustomer, parse_email, parse_name, parse_phone,
};
use crate::keys;
use crate::search;
use crate::store;
use crate::store::{CustomerFilter, StoredCustomer};
use aws_sdk_dynamodb::types::TransactWriteItem;
use platform::app::AppState;
use platform::auth::KeyClaim;
use platform::dynamo::from_item;
use platform::error::ApiError;
use platform::ids::BusinessId;
use platform::inbound::CustomerSnapshot;
use platform::paging::Page;
use platform::time;

/// Concurrent changes to one customer are rare; a few re-reads settle them.
const MAX_ATTEMPTS: u32 = 3;

/// Longest `name`, `email` or `search` filter accepted; nothing longer can match.
const FILTER_MAX_CHARS: usize = 254;

/// Creates the customer and its wallets in one transaction, which also carries the proof
/// of the caller's key: a bad key writes nothing.
pub async fn create(
    state: &AppState,
    key: &mut KeyClaim,
    new: NewCustomer,
) -> Result<Customer, ApiError> {
    let customer = new.into_customer(
        CustomerId::new(),
        key.business().clone(),
        time::format(time::now()),
    );
    let actions = creation_with_wallets(state, &customer);
    state.transact_with_key(key, actions).await?;
    Ok(customer)
}

/// The one transaction creating `customer` with a wallet at 0 in every supported currency.
fn creation_with_wallets(state: &AppState, customer: &Customer) -> Vec<TransactWriteItem> {
    let wallets: Vec<CustomerWallet> = state
        .config
        .currencies
        .iter()
        .map(|currency| CustomerWallet {
            customer_id: customer.customer_id.clone(),
            currency: currency.code,
            balance: 0,
            created_at: customer.created_at.clone(),
            updated_at: customer.created_at.clone(),
        })
        .collect();
    store::creation_actions(&state.store, customer, &wallets)
}

/// The creation (customer and wallets, as [`create`] makes them) of a customer the
/// payment engine already knows, from an inbound event's snapshot: the same id, so every
/// customer who ever paid is in the list. Each action fails if the customer exists.
pub fn creation_from_snapshot(
    state: &AppState,
    business: &BusinessId,
    snapshot: &CustomerSnapshot,
) -> Result<Vec<TransactWriteItem>, InvalidCustomer> {
    let customer_id = CustomerId::parse(&snapshot.customer_id).ok_or_else(|| {
        InvalidCustomer::Field(format!(
            "customer_id must be '{}' and letters and digits",
            CustomerId::PREFIX
        ))
    })?;
    let customer = Customer {
        customer_id,
        business_id: business.clone(),
        name: parse_name(snapshot.name.clone())?,
        email: parse_email(snapshot.email.clone())?,
        phone_number: snapshot.phone_number.clone().map(parse_phone).transpose()?,
        metadata: Default::default(),
        created_at: time::format(time::now()),
        preferred_locale: None,
    };
    Ok(creation_with_wallets(state, &customer))
}

/// The customer (404 if absent or another business's), read in one request with the
/// proof of the caller's key.
pub async fn get(
    state: &AppState,
    key: &mut KeyClaim,
    customer_id: &CustomerId,
) -> Result<StoredCustomer, ApiError> {
    let item_key = keys::customer(key.business(), customer_id);
    let item = state.get_with_key(key, &item_key).await?;
    item.map(from_item).transpose()?.ok_or(ApiError::NotFound)
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
    let previous = store::customer(&state.store, business, customer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    apply(state, previous, patch).await
}

/// [`update`] for a merchant: the first read carries the proof of the caller's key.
pub async fn update_with_key(
    state: &AppState,
    key: &mut KeyClaim,
    customer_id: &CustomerId,
    patch: &CustomerPatch,
) -> Result<Customer, ApiError> {
    let previous = get(state, key, customer_id).await?;
    apply(state, previous, patch).await
}

/// Writes `patch` over the customer as read, reading it again when someone else changed
/// it first.
async fn apply(
    state: &AppState,
    mut previous: StoredCustomer,
    patch: &CustomerPatch,
) -> Result<Customer, ApiError> {
    for attempt in 1..=MAX_ATTEMPTS {
        let mut updated = previous.customer.clone();
        patch.apply(&mut updated);
        if updated == previous.customer {
            return Ok(updated);
        }
        match store::update_customer(&state.store, &previous, &updated).await {
            Ok(stored) => return Ok(stored.customer),
            Err(e) if e.is_contention() && attempt < MAX_ATTEMPTS => {
                previous =
                    store::customer(&state.store, &updated.business_id, &updated.customer_id)
                        .await?
                        .ok_or(ApiError::NotFound)?;
            }
            Err(e) if e.is_contention() => break,
            Err(e) => return Err(e.into()),
        }
    }
    Err(conflict_after_retries())
}

/// Erases the customer. The first customer read carries the proof of the caller's key;
/// the wallets are queried meanwhile, and looked at only once it holds.
pub async fn erase(
    state: &AppState,
    key: &mut KeyClaim,
    customer_id: &CustomerId,
) -> Result<(), ApiError> {
    let business = key.business().clone();
    for _ in 0..MAX_ATTEMPTS {
        let (customer, wallets) = tokio::try_join!(get(state, key, customer_id), async {
            store::wallets(&state.store, &business, customer_id)
                .await
                .map_err(ApiError::from)
        })?;
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

/// A page of the business's customers; the first query runs while the caller's key is
/// read, and is answered only if the key holds.
pub async fn list(
    state: &AppState,
    key: &mut KeyClaim,
    request: ListRequest,
) -> Result<Vec<Customer>, ApiError> {
    let business = key.business().clone();
    state
        .alongside_key(key, list_for(state, &business, request))
        .await
}

async fn list_for(
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
