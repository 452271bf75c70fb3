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
