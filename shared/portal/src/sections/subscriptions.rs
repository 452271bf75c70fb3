//! The customer's subscriptions, and their cancellation by the customer: now, or at the
//! end of the billing period, and the withdrawal of a scheduled one
//! (`GET /portal/api/subscriptions`, `PATCH /portal/api/subscriptions/{subscription_id}`).
//! Changes go through the subscriptions context as [`Actor::Customer`], so they are
//! recorded as the customer's and held to the rules of any change made here.

use super::{Section, currency_exponent};
use crate::i18n::Texts;
use crate::sessions::PortalSession;
use maud::{Markup, html};
use platform::app::AppState;
use platform::error::ApiError;
use platform::money::CurrencyCode;
use platform::paging::{MAX_PAGE_SIZE, Page};
use serde::{Deserialize, Serialize};
use subscriptions::SubscriptionId;
use subscriptions::patch::{Actor, Lifecycle, SubscriptionPatch};
use subscriptions::store::SubscriptionFilter;
use subscriptions::subscription::{
    CancellationFeedback, Subscription, SubscriptionStatus, Text, TimeInterval,
};

pub const SECTION: Section = Section {
    id: "subscriptions",
    title: "subscriptions-title",
    render,
    script: include_str!("subscriptions.js"),
};

/// Dodo's feedback choices, in the order the form offers them.
pub const FEEDBACK: [(CancellationFeedback, &str); 8] = [
    (CancellationFeedback::TooExpensive, "too_expensive"),
    (CancellationFeedback::MissingFeatures, "missing_features"),
    (CancellationFeedback::SwitchedService, "switched_service"),
    (CancellationFeedback::Unused, "unused"),
    (CancellationFeedback::CustomerService, "customer_service"),
    (CancellationFeedback::LowQuality, "low_quality"),
    (CancellationFeedback::TooComplex, "too_complex"),
    (CancellationFeedback::Other, "other"),
];

/// The list, and one cancellation dialog the script opens for the chosen subscription.
fn render(t: &Texts) -> Markup {
    html! {
        ul.items data-items { li.muted { (t.text("portal-loading")) } }
        p.muted data-empty hidden { (t.text("subscriptions-empty")) }
        form.confirm #subscriptions-cancel-form data-cancel-form hidden novalidate {
            h3 data-cancel-heading tabindex="-1" {}
            fieldset {
                legend { (t.text("subscriptions-cancel-when")) }
                label.choice {
                    input type="radio" name="when" value="period_end" checked;
                    span { (t.text("subscriptions-cancel-at-period-end")) }
                }
                label.choice {
                    input type="radio" name="when" value="now";
                    span { (t.text("subscriptions-cancel-now")) }
                }
            }
            label {
                (t.text("subscriptions-feedback"))
                select name="feedback" {
                    option value="" { (t.text("subscriptions-feedback-none")) }
                    @for (_, id) in FEEDBACK {
                        option value=(id) { (t.text(&format!("subscriptions-feedback-{id}"))) }
                    }
                }
            }
            label {
                (t.text("subscriptions-comment"))
                textarea name="comment" rows="3" maxlength=(subscriptions::subscription::TEXT_MAX_CHARS) {}
            }
            p.warning data-cancel-summary {}
            div.actions {
                button type="submit" class="danger" { (t.text("subscriptions-confirm-cancel")) }
                button type="button" data-action="keep" { (t.text("subscriptions-keep")) }
            }
        }
        p.message data-message role="status" aria-live="polite" {}
    }
}

/// One subscription as the page shows it: the price in minor units with its exponent.
#[derive(Debug, Serialize)]
pub struct PortalSubscription {
    pub subscription_id: SubscriptionId,
    pub product_id: String,
    pub status: SubscriptionStatus,
    pub currency: CurrencyCode,
    pub exponent: u32,
    pub amount: i64,
    pub tax_inclusive: bool,
    pub payment_frequency_count: i64,
    pub payment_frequency_interval: TimeInterval,
    pub next_billing_date: String,
    pub cancel_at_next_billing_date: bool,
    pub cancelled_at: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PortalSubscriptions {
    pub items: Vec<PortalSubscription>,
}

fn shown(config: &platform::config::Config, subscription: Subscription) -> PortalSubscription {
    let core = subscription.core;
    PortalSubscription {
        exponent: currency_exponent(config, core.currency),
        subscription_id: core.subscription_id,
        product_id: core.product_id.as_str().to_string(),
        status: core.status,
        currency: core.currency,
        amount: core.recurring_pre_tax_amount,
        tax_inclusive: core.tax_inclusive,
        payment_frequency_count: core.payment_frequency_count,
        payment_frequency_interval: core.payment_frequency_interval,
        next_billing_date: core.next_billing_date.as_str().to_string(),
        cancel_at_next_billing_date: core.cancel_at_next_billing_date,
        cancelled_at: core.cancelled_at.map(|t| t.as_str().to_string()),
    }
}

/// The customer's subscriptions, newest first: one Query of the customer's index.
pub async fn list(
    state: &AppState,
    session: &PortalSession,
) -> Result<PortalSubscriptions, ApiError> {
    let filter = SubscriptionFilter {
        customer_id: Some(session.customer_id.clone()),
        ..SubscriptionFilter::default()
    };
    let page = Page {
        offset: 0,
        size: MAX_PAGE_SIZE,
    };
    let records =
        subscriptions::store::list(&state.store, &session.business, &filter, page).await?;
    Ok(PortalSubscriptions {
        items: records
            .into_iter()
            .map(|record| shown(&state.config, record.subscription))
            .collect(),
    })
}

/// What the page asks of a subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelAction {
    CancelNow,
    CancelAtPeriodEnd,
    WithdrawCancellation,
}

/// A cancellation as the page sends it: the action, and for a cancellation the optional
/// feedback (Dodo's list) and comment. Anything else is refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CancelRequest {
    action: CancelAction,
    #[serde(default)]
    feedback: Option<CancellationFeedback>,
    #[serde(default)]
    comment: Option<Text>,
}

/// The change the page asks for as the subscriptions context's patch. An empty comment
/// is no comment.
pub fn parse_change(body: &[u8]) -> Result<SubscriptionPatch, ApiError> {
    let request: CancelRequest = platform::json::parse_json_object(body)?;
    let lifecycle = match request.action {
        CancelAction::CancelNow => Lifecycle::CancelNow,
        CancelAction::CancelAtPeriodEnd => Lifecycle::CancelAtNextBillingDate,
        CancelAction::WithdrawCancellation => Lifecycle::WithdrawScheduledCancel,
    };
    let comment = request
        .comment
        .filter(|comment| !comment.as_str().trim().is_empty());
    if lifecycle == Lifecycle::WithdrawScheduledCancel
        && (request.feedback.is_some() || comment.is_some())
    {
        return Err(ApiError::InvalidRequestParameters(
            "feedback and comment go only with a cancellation".into(),
        ));
    }
    Ok(SubscriptionPatch {
        lifecycle: Some(lifecycle),
        cancel_reason: None,
        cancellation_feedback: request.feedback,
        cancellation_comment: comment,
        metadata: None,
    })
}

/// Applies the customer's change to one of their own subscriptions (any other id, of
/// another customer or business, is not found). Recorded as made by the customer.
pub async fn change(
    state: &AppState,
    session: &PortalSession,
    id: &SubscriptionId,
    patch: &SubscriptionPatch,
) -> Result<PortalSubscription, ApiError> {
    let customer =
        customers::store::customer(&state.store, &session.business, &session.customer_id)
            .await?
            .ok_or(ApiError::NotFound)?
            .customer;
    let actor = Actor::Customer {
        customer_id: customer.customer_id,
        email: customer.email,
        name: customer.name,
    };
    let changed =
        subscriptions::service::update(state, &session.business, id, patch, &actor).await?;
    Ok(shown(&state.config, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_asks_for_one_of_three_changes() {
        let now = parse_change(
            br#"{"action":"cancel_now","feedback":"too_expensive","comment":"pricey"}"#,
        )
        .unwrap();
        assert_eq!(now.lifecycle, Some(Lifecycle::CancelNow));
        assert_eq!(
            now.cancellation_feedback,
            Some(CancellationFeedback::TooExpensive)
        );
        assert_eq!(now.cancellation_comment.unwrap().as_str(), "pricey");
        let later = parse_change(br#"{"action":"cancel_at_period_end","comment":"  "}"#).unwrap();
        assert_eq!(later.lifecycle, Some(Lifecycle::CancelAtNextBillingDate));
        assert_eq!(later.cancellation_comment, None);
        assert_eq!(
            parse_change(br#"{"action":"withdraw_cancellation"}"#)
                .unwrap()
                .lifecycle,
            Some(Lifecycle::WithdrawScheduledCancel)
        );
        for bad in [
            r#"{"action":"reactivate"}"#,
            r#"{"action":"cancel_now","metadata":{}}"#,
            r#"{"action":"cancel_now","cancel_reason":"dodo_team"}"#,
            r#"{"action":"cancel_now","feedback":"meh"}"#,
            r#"{"action":"withdraw_cancellation","feedback":"unused"}"#,
            "{}",
        ] {
            assert!(parse_change(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    /// The ids the script builds from data (status, interval) exist for every value.
    #[test]
    fn every_status_and_interval_has_its_text() {
        let texts = Texts::get(crate::i18n::Catalog::Portal, crate::i18n::Locale::En).for_script();
        for status in SubscriptionStatus::ALL {
            assert!(texts.contains_key(&format!("subscriptions-status-{}", status.as_str())));
        }
        for interval in ["day", "week", "month", "year"] {
            assert!(texts.contains_key(&format!("subscriptions-per-{interval}")));
            assert!(texts.contains_key(&format!("subscriptions-every-{interval}")));
        }
        for status in ["active", "expired", "disabled"] {
            assert!(texts.contains_key(&format!("licenses-status-{status}")));
        }
    }

    #[test]
    fn the_form_offers_every_feedback_choice() {
        for (feedback, id) in FEEDBACK {
            assert_eq!(
                serde_json::to_value(feedback).unwrap(),
                serde_json::json!(id)
            );
        }
    }
}
