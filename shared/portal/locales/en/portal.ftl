### Customer portal: the page (sent to the page's script as well) and the failure pages.

## Page-wide text: the header, messages the page script shows, and the failure pages.

portal-title = Customer portal
portal-return = Return to { $business }
portal-loading = Loading…
error-generic = Something went wrong. Please try again.
session-ended = Your portal session has ended. To continue, ask { $business } for a new link.
failure-invalid = This link is not valid
failure-expired = This link has expired
failure-used = This link has already been used
failure-no-session = Your session has ended
failure-unavailable = The portal is temporarily unavailable
failure-links = Portal links are valid for 24 hours and can be opened once.
failure-new-link = To get a new link, go back to the website or app where you opened the customer portal and open it again, or ask the business to email you a new link.
failure-try-later = Please try again in a few minutes.
open-title = Open your customer portal
open-explanation = This link signs you in to your customer portal. It can be used once, so it opens only when you continue.
open-continue = Continue

## Section: profile (the customer's name, e-mail and phone).

profile-title = Your details
profile-name = Name
profile-email = Email
profile-phone = Phone
profile-none = Not set
profile-edit = Edit
profile-save = Save
profile-cancel = Cancel
profile-saving = Saving…
profile-saved = Your details have been saved.
profile-invalid-name = Enter your name.
profile-invalid-email = Enter a valid email address.
profile-invalid-phone_number = Enter a valid phone number, for example +1 555 123 4567.

## Section: wallets (balances).

wallets-title = Wallet balances
wallets-empty = You have no wallets yet.

## Section: ledger (wallet activity).

ledger-title = Wallet activity
ledger-date = Date
ledger-description = Description
ledger-amount = Amount
ledger-balance-after = Balance after
ledger-empty = No activity yet.
ledger-pages = Activity pages
ledger-previous = Previous
ledger-next = Next
ledger-page = Page { $n }
ledger-event-payment = Payment
ledger-event-payment_reversal = Payment reversal
ledger-event-refund = Refund
ledger-event-refund_reversal = Refund reversal
ledger-event-dispute = Dispute
ledger-event-dispute_reversal = Dispute reversal
ledger-event-merchant_adjustment = Adjustment

## Section: billing (payments and refunds, with their invoices and credit notes).

billing-title = Billing history
billing-date = Date
billing-description = Description
billing-amount = Amount
billing-status = Status
billing-method = Payment method
billing-document = Document
billing-empty = No payments yet.
billing-pages = Billing history pages
billing-payment = Payment
billing-refund = Refund
billing-method-card = Card
billing-card = { $network } ending { $last_four }
billing-download-invoice = Download invoice
billing-download-credit-note = Download credit note
billing-state-paid = Paid
billing-state-partially_refunded = Partially refunded
billing-state-refunded = Refunded
billing-state-failed = Failed
billing-state-cancelled = Cancelled
billing-state-pending = Pending
billing-refund-succeeded = Refunded
billing-refund-failed = Refund failed
billing-refund-pending = Refund pending
billing-refund-review = Refund under review

## Profile: a change of e-mail address, confirmed by the new address.

profile-email-pending = We sent a link to { $email }. Your email address changes once you open that link and confirm.
email-change-title = Confirm your new email address
email-change-explanation = Your customer account's email address will become { $email }.
email-change-confirm = Confirm
email-change-done = Your email address has been changed
email-change-done-explanation = Your customer account's email address is now { $email }.
email-change-ask-again = To change your email address, open your customer portal again and enter the new address there.

## Section: subscriptions.

subscriptions-title = Subscriptions
subscriptions-empty = You have no subscriptions.
subscriptions-status = Status
subscriptions-price = Price
subscriptions-next-billing = Next billing date
subscriptions-ends-on = Ends on
subscriptions-cancelled-on = Cancelled on
subscriptions-per-day = { $amount } per day
subscriptions-per-week = { $amount } per week
subscriptions-per-month = { $amount } per month
subscriptions-per-year = { $amount } per year
subscriptions-every-day = { $amount } every { $count } days
subscriptions-every-week = { $amount } every { $count } weeks
subscriptions-every-month = { $amount } every { $count } months
subscriptions-every-year = { $amount } every { $count } years
subscriptions-status-pending = Pending
subscriptions-status-active = Active
subscriptions-status-on_hold = On hold
subscriptions-status-paused = Paused
subscriptions-status-cancelled = Cancelled
subscriptions-status-failed = Failed
subscriptions-status-expired = Expired
subscriptions-status-past_due = Past due
subscriptions-cancel = Cancel subscription
subscriptions-cancel-heading = Cancel { $product }
subscriptions-cancel-when = When should it end?
subscriptions-cancel-at-period-end = At the end of the billing period
subscriptions-cancel-now = Now
subscriptions-period-end-summary = Your subscription stays active until { $date } and then ends. You can change your mind until then.
subscriptions-now-summary = Your subscription ends now. This cannot be undone.
subscriptions-feedback = Reason (optional)
subscriptions-feedback-none = Prefer not to say
subscriptions-feedback-too_expensive = It is too expensive
subscriptions-feedback-missing_features = It is missing features I need
subscriptions-feedback-switched_service = I switched to another service
subscriptions-feedback-unused = I do not use it enough
subscriptions-feedback-customer_service = I was unhappy with customer service
subscriptions-feedback-low_quality = The quality was not good enough
subscriptions-feedback-too_complex = It is too complicated
subscriptions-feedback-other = Another reason
subscriptions-comment = Comment (optional)
subscriptions-confirm-cancel = Confirm cancellation
subscriptions-keep = Keep subscription
subscriptions-withdraw = Keep my subscription
subscriptions-saving = Saving…
subscriptions-scheduled = Your subscription will end at the end of the billing period.
subscriptions-cancelled = Your subscription has been cancelled.
subscriptions-withdrawn = Your subscription will continue.

## Section: licenses (license keys and the devices they are activated on).

licenses-title = License keys
licenses-empty = You have no license keys.
licenses-key = Key
licenses-show = Show
licenses-hide = Hide
licenses-copy = Copy
licenses-copied = The license key has been copied.
licenses-copy-failed = The key could not be copied. Select Show and copy it yourself.
licenses-status = Status
licenses-status-active = Active
licenses-status-expired = Expired
licenses-status-disabled = Disabled
licenses-expires = Expires
licenses-never = Never
licenses-activations = Activations
licenses-activations-of = { $used } of { $limit } used
licenses-activations-unlimited = { $used } used, no limit
licenses-devices = Devices
licenses-no-devices = This key is not activated on any device.
licenses-activated-on = Activated { $date }
licenses-deactivate = Deactivate
licenses-deactivate-named = Deactivate { $name }
licenses-deactivated = { $name } has been deactivated.
