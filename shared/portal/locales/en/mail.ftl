### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Your customer portal link for { $business }
email-greeting = Hello { $name },
email-intro = Open your customer portal for { $business } with this link to see your wallet balances and activity and to update your details:
email-validity = The link is valid for 24 hours and can be opened once. If it has expired, ask { $business } for a new one.
email-ignore = If you did not ask for this link, you can ignore this email.
