//! The items a document is made from. This context stores nothing of its own: it reads
//! billing's payment and refund items and the business's profile, in as few requests as
//! the keys allow.

use platform::app::AppState;
use platform::auth::KeyClaim;
use platform::dynamo::keys::{ItemKey, PK, SK};
use platform::dynamo::{Item, key_map};
use platform::error::ApiError;

/// `wanted`, each item or None, read in one BatchGetItem that also carries the key's
/// proof while the claim is unverified: nothing is answered unless the key is good.
pub async fn read_with_key<const N: usize>(
    state: &AppState,
    claim: &mut KeyClaim,
    wanted: [ItemKey; N],
) -> Result<[Option<Item>; N], ApiError> {
    let mut request: Vec<ItemKey> = wanted.to_vec();
    request.extend(claim.key_item());
    let mut items = state.store.batch_get(&request).await?;
    let key_item = claim.take_key_item(&mut items);
    state.prove_key(claim, key_item)?;
    Ok(wanted.map(|key| {
        let key = key_map(&key);
        let position = items
            .iter()
            .position(|item| item.get(PK) == key.get(PK) && item.get(SK) == key.get(SK))?;
        Some(items.swap_remove(position))
    }))
}
