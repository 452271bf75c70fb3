//! The wallets context's part of the OpenAPI document (`openapi.json`): what its
//! operations take and answer, and the schemas of its wire types. `api::openapi`
//! assembles the document from every context's part and the route table, which gives
//! each operation its method, path, summary, security and the responses every route
//! has (401, 413, 429, 500); this module gives the rest. Limits come from the constants
//! the parsers use; `api`'s tests check real wire values against these schemas.
//!
//! Compiled only with the `openapi` feature (the generator and its tests), never into
//! a Lambda function.

use crate::LedgerEntryId;
use crate::ledger::{
    AMOUNT_MAX_MINOR, BALANCE_MAX_MINOR, CustomerWalletTransaction, EntryType,
    IDEMPOTENCY_KEY_MAX_CHARS, MERCHANT_ADJUSTMENT, REASON_MAX_CHARS, REFUND,
};
use crate::routes;
use crate::service::WalletBalances;
use customers::CustomerId;
use customers::accounts::CustomerWallet;
use platform::ids::BusinessId;
use platform::money::CurrencyCode;
use platform::route::Route;
use serde_json::{Value, json};

/// Dodo's ledger event types (the SDK's `event_type`); this service writes
/// `merchant_adjustment` (ledger entries made through the API) and `refund` (refunds to
/// the wallet, billing context).
pub const EVENT_TYPES: &[&str] = &[
    "payment",
    "payment_reversal",
    REFUND,
    "refund_reversal",
    "dispute",
    "dispute_reversal",
    MERCHANT_ADJUSTMENT,
];

/// The tags this context's operations use, in the document's order.
pub fn tags() -> Vec<Value> {
    vec![json!({ "name": "Wallets" })]
}

fn entry_example() -> Value {
    json!({
        "amount": 500,
        "currency": "USD",
        "entry_type": "credit",
        "idempotency_key": "order-1234",
        "reason": "Goodwill credit"
    })
}

/// Each documented route and its operation: everything but what the route decides.
pub fn operations() -> Vec<(&'static Route, Value)> {
    vec![
        (
            &routes::LIST_WALLETS,
            json!({
                "operationId": "listWallets",
                "tags": ["Wallets"],
                "description": "One wallet per supported currency, with the sum of all balances in USD minor units at the deployment's configured (static) rates.",
                "responses": {
                    "200": {
                        "description": "The customer's wallets.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/WalletListResponse" }
                        } }
                    },
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
        (
            &routes::CREATE_LEDGER_ENTRY,
            json!({
                "operationId": "createLedgerEntry",
                "tags": ["Wallets"],
                "description": "Writes the entry and the new balance atomically and answers with the wallet after the entry (not the entry). A debit never takes a balance below zero (400 `INSUFFICIENT_WALLET_FUNDS`, nothing written). The same `idempotency_key` again with the same parameters writes nothing and answers as the first time; with different parameters it is 409 `IDEMPOTENCY_KEY_REUSED` (not retryable).",
                "requestBody": {
                    "required": true,
                    "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/LedgerEntryCreateRequest" },
                        "example": entry_example()
                    } }
                },
                "responses": {
                    "200": {
                        "description": "The wallet after the entry.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/CustomerWallet" }
                        } }
                    },
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "409": { "$ref": "#/components/responses/Conflict" },
                    "422": { "$ref": "#/components/responses/UnprocessableEntity" }
                }
            }),
        ),
        (
            &routes::LIST_LEDGER_ENTRIES,
            json!({
                "operationId": "listLedgerEntries",
                "tags": ["Wallets"],
                "description": "Newest first. For every wallet the entries, oldest first, chain exactly: each `before_balance` is the previous entry's `after_balance`, and the last `after_balance` is the wallet's balance.",
                "parameters": [
                    {
                        "name": "currency",
                        "in": "query",
                        "required": false,
                        "description": "Only this wallet's entries. A currency this deployment holds no wallets in is 400 `UNSUPPORTED_CURRENCY`.",
                        "schema": { "$ref": "#/components/schemas/CurrencyCode" }
                    },
                    { "$ref": "#/components/parameters/PageNumber" },
                    { "$ref": "#/components/parameters/PageSize" }
                ],
                "responses": {
                    "200": {
                        "description": "One page of ledger entries, newest first.",
                        "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/LedgerEntryList" }
                        } }
                    },
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "$ref": "#/components/responses/NotFound" }
                }
            }),
        ),
    ]
}

/// Routes of this context the document leaves out, and why.
pub const UNDOCUMENTED: &[(&Route, &str)] = &[];

/// The schemas this context owns.
pub fn components() -> Value {
    let customer_id = json!({ "type": "string", "pattern": "^cus_[A-Za-z0-9]+$" });
    let date_time = json!({ "type": "string", "format": "date-time" });
    let balance = json!({ "type": "integer", "minimum": 0 });
    let entry_types =
        [EntryType::Credit, EntryType::Debit].map(|t| serde_json::to_value(t).expect("serializes"));
    json!({
        "schemas": {
            "CustomerWallet": {
                "type": "object",
                "description": "Dodo Payments' `CustomerWallet`: the balance of one currency, in its minor unit.",
                "required": ["customer_id", "currency", "balance", "created_at", "updated_at"],
                "properties": {
                    "customer_id": customer_id.clone(),
                    "currency": { "$ref": "#/components/schemas/CurrencyCode" },
                    "balance": { "type": "integer", "minimum": 0, "maximum": BALANCE_MAX_MINOR },
                    "created_at": date_time.clone(),
                    "updated_at": date_time.clone()
                }
            },
            "WalletListResponse": {
                "type": "object",
                "required": ["items", "total_balance_usd"],
                "properties": {
                    "items": {
                        "type": "array",
                        "items": { "$ref": "#/components/schemas/CustomerWallet" }
                    },
                    "total_balance_usd": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "Sum of all balances converted to USD minor units (cents) at the deployment's static rates."
                    }
                }
            },
            "LedgerEntryCreateRequest": {
                "type": "object",
                "required": ["amount", "currency", "entry_type"],
                "properties": {
                    "amount": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": AMOUNT_MAX_MINOR,
                        "description": "Minor units of the currency."
                    },
                    "currency": { "$ref": "#/components/schemas/CurrencyCode" },
                    "entry_type": { "type": "string", "enum": entry_types },
                    "idempotency_key": {
                        "type": ["string", "null"],
                        "maxLength": IDEMPOTENCY_KEY_MAX_CHARS,
                        "description": "Per customer: the same key with the same parameters writes nothing new and answers as the first time (kept 7 days). Empty means none."
                    },
                    "reason": { "type": ["string", "null"], "maxLength": REASON_MAX_CHARS }
                }
            },
            "CustomerWalletTransaction": {
                "type": "object",
                "description": "Dodo Payments' `CustomerWalletTransaction`: one ledger entry. This service always sends every field listed here (`reason` and `reference_object_id` may be null).",
                "required": ["id", "customer_id", "business_id", "currency", "amount", "is_credit", "before_balance", "after_balance", "event_type", "reason", "reference_object_id", "created_at"],
                "properties": {
                    "id": { "type": "string", "minLength": 1 },
                    "customer_id": customer_id,
                    "business_id": { "type": "string", "minLength": 1 },
                    "currency": { "$ref": "#/components/schemas/CurrencyCode" },
                    "amount": { "type": "integer", "minimum": 1 },
                    "is_credit": { "type": "boolean" },
                    "before_balance": balance.clone(),
                    "after_balance": balance,
                    "event_type": { "type": "string", "enum": EVENT_TYPES },
                    "reason": { "type": ["string", "null"] },
                    "reference_object_id": { "type": ["string", "null"] },
                    "created_at": date_time
                }
            },
            "LedgerEntryList": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {
                        "type": "array",
                        "maxItems": platform::paging::MAX_PAGE_SIZE,
                        "items": { "$ref": "#/components/schemas/CustomerWalletTransaction" }
                    }
                }
            }
        }
    })
}

/// Real wire values of this context and the schema each must fit (`api` checks them):
/// between them they carry every property of their schemas.
pub fn wire_samples() -> Vec<(&'static str, Value)> {
    let customer_id = CustomerId::new();
    let now = platform::time::format(platform::time::now());
    let wallet = |currency: &str, balance| CustomerWallet {
        customer_id: customer_id.clone(),
        currency: currency.parse::<CurrencyCode>().expect("a currency code"),
        balance,
        created_at: now.clone(),
        updated_at: now.clone(),
    };
    let balances = WalletBalances {
        items: vec![wallet("USD", 1250), wallet("INR", 0)],
        total_balance_usd: 1250,
    };
    let entry = |amount, is_credit, before, after, reason: Option<&str>| {
        serde_json::to_value(CustomerWalletTransaction {
            id: LedgerEntryId::new(),
            customer_id: customer_id.clone(),
            business_id: BusinessId::parse("bus_0123456789abcdef").expect("a business id"),
            currency: CurrencyCode::USD,
            amount,
            is_credit,
            before_balance: before,
            after_balance: after,
            event_type: MERCHANT_ADJUSTMENT.into(),
            reason: reason.map(str::to_string),
            reference_object_id: None,
            created_at: now.clone(),
        })
        .expect("serializes")
    };
    let credit = entry(1500, true, 0, 1500, Some("Goodwill credit"));
    let debit = entry(250, false, 1500, 1250, None);
    vec![
        (
            "CustomerWallet",
            serde_json::to_value(wallet("USD", 1250)).expect("serializes"),
        ),
        (
            "WalletListResponse",
            serde_json::to_value(&balances).expect("serializes"),
        ),
        ("CustomerWalletTransaction", credit.clone()),
        ("CustomerWalletTransaction", debit.clone()),
        ("LedgerEntryList", json!({ "items": [debit, credit] })),
        ("LedgerEntryCreateRequest", entry_example()),
        (
            "LedgerEntryCreateRequest",
            json!({ "amount": 1, "currency": "USD", "entry_type": "debit", "idempotency_key": null, "reason": null }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::money::SupportedCurrencies;

    #[test]
    fn documented_examples_are_accepted_by_the_parser() {
        let currencies = SupportedCurrencies::parse("USD:2,INR:2").unwrap();
        for (schema, sample) in wire_samples() {
            if schema == "LedgerEntryCreateRequest" {
                crate::handlers::entry_request(sample.to_string().as_bytes(), &currencies).unwrap();
            }
        }
    }
}
