### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Ihr Link zum Kundenportal von { $business }
email-greeting = Hallo { $name },
email-intro = Öffnen Sie Ihr Kundenportal von { $business } über diesen Link, um Ihr Wallet-Guthaben und Ihre Umsätze zu sehen und Ihre Daten zu ändern:
email-validity = Der Link ist 24 Stunden gültig und kann nur einmal geöffnet werden. Falls er abgelaufen ist, fordern Sie bei { $business } einen neuen an.
email-ignore = Wenn Sie diesen Link nicht angefordert haben, können Sie diese E-Mail ignorieren.

## The e-mails of a change of address: the link to the new address, the notice to the old.

email-change-subject = Bestätigen Sie Ihre neue E-Mail-Adresse für { $business }
email-change-intro = Sie möchten diese Adresse für Ihr Kundenkonto bei { $business } verwenden. Öffnen Sie zur Bestätigung diesen Link und wählen Sie Bestätigen:
email-change-validity = Der Link ist 24 Stunden gültig und kann einmal verwendet werden. Bis Sie bestätigen, bleibt Ihre E-Mail-Adresse unverändert.
email-change-ignore = Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Es ändert sich nichts.
email-change-notice-subject = Ihre E-Mail-Adresse für { $business } wird geändert
email-change-notice = Jemand hat in Ihrem Kundenportal beantragt, die E-Mail-Adresse Ihres Kontos bei { $business } in { $new_email } zu ändern. Sie ändert sich erst, wenn diese Adresse bestätigt.
email-change-notice-action = Wenn Sie das nicht waren, wenden Sie sich jetzt an { $business }.
