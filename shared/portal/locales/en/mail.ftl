### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Your customer portal link for { $business }
email-greeting = Hello { $name },
email-intro = Open your customer portal for { $business } with this link to see your wallet balances and activity and to update your details:
email-validity = The link is valid for 24 hours and can be opened once. If it has expired, ask { $business } for a new one.
email-ignore = If you did not ask for this link, you can ignore this email.

## The e-mails of a change of address: the link to the new address, the notice to the old.

email-change-subject = Confirm your new email address for { $business }
email-change-intro = You asked to use this address for your customer account with { $business }. To confirm, open this link and select Confirm:
email-change-validity = The link is valid for 24 hours and can be used once. Until you confirm, your email address stays as it is.
email-change-ignore = If you did not ask for this, ignore this email: nothing changes.
email-change-notice-subject = Your email address for { $business } is about to change
email-change-notice = Someone asked, from your customer portal, to change the email address of your account with { $business } to { $new_email }. It changes only once that address confirms.
email-change-notice-action = If this was not you, contact { $business } now.
