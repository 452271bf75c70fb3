### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Ihr Link zum Kundenportal von { $business }
email-greeting = Hallo { $name },
email-intro = Öffnen Sie Ihr Kundenportal von { $business } über diesen Link, um Ihr Wallet-Guthaben und Ihre Umsätze zu sehen und Ihre Daten zu ändern:
email-validity = Der Link ist 24 Stunden gültig und kann nur einmal geöffnet werden. Falls er abgelaufen ist, fordern Sie bei { $business } einen neuen an.
email-ignore = Wenn Sie diesen Link nicht angefordert haben, können Sie diese E-Mail ignorieren.
