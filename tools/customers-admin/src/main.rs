//! Operator commands against the table: create it, mint and revoke API keys.
//! Reads TABLE_NAME, AWS_REGION and (for a local DynamoDB) DYNAMODB_ENDPOINT.

use platform::api_keys::ApiKeyRecord;
use platform::app::AppState;
use platform::ids::{api_key_id, new_api_key, secret_hash};
use platform::time;
use std::process::ExitCode;

const USAGE: &str = "usage:
  customers-admin create-table
  customers-admin create-api-key --business-name NAME   (prints the key alone on stdout)
  customers-admin revoke-api-key (--key-id ID | --key KEY)";

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

async fn run(args: &[String]) -> Result<(), String> {
    let state = AppState::from_env().await?;
    let store = &state.store;
    match args.first().map(String::as_str) {
        Some("create-table") => {
            let created = store.create_table().await.map_err(|e| e.to_string())?;
            eprintln!(
                "table {}: {}",
                store.table(),
                if created { "created" } else { "already exists" }
            );
        }
        Some("create-api-key") => {
            let name = flag(args, "--business-name")
                .filter(|n| !n.trim().is_empty())
                .ok_or(USAGE)?;
            let business = store
                .business_by_name_or_create(name.trim())
                .await
                .map_err(|e| e.to_string())?;
            // `sk_<business hex>_<secret>`: the key names its business (platform::auth).
            let key = new_api_key(&business.business_id);
            let key_hash = secret_hash(&key);
            let record = ApiKeyRecord {
                key_id: api_key_id(&key_hash),
                business_id: business.business_id.clone(),
                revoked: false,
                created_at: time::format(time::now()),
            };
            store
                .put_api_key(&key_hash, &record)
                .await
                .map_err(|e| e.to_string())?;
            eprintln!(
                "business {} ({}), key id {}",
                business.business_id, business.name, record.key_id
            );
            println!("{key}");
        }
        Some("revoke-api-key") => {
            let key_id = flag(args, "--key-id");
            let key_hash = flag(args, "--key").map(|k| secret_hash(&k));
            if key_id.is_none() && key_hash.is_none() {
                return Err(USAGE.into());
            }
            let revoked = store
                .revoke_api_key(key_id.as_deref(), key_hash.as_deref())
                .await
                .map_err(|e| e.to_string())?;
            if !revoked {
                return Err("no such API key".into());
            }
            eprintln!(
                "revoked; warm functions stop accepting it within {} s",
                state.config.api_key_cache_ttl.as_secs()
            );
        }
        _ => return Err(USAGE.into()),
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
