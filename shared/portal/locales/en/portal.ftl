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
