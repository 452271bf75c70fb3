### Customer portal: the page (sent to the page's script as well) and the failure pages.

## Page-wide text: the header, messages the page script shows, and the failure pages.

portal-title = Kundenportal
portal-return = Zurück zu { $business }
portal-loading = Wird geladen…
error-generic = Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.
session-ended = Ihre Sitzung im Portal ist beendet. Um fortzufahren, fordern Sie bei { $business } einen neuen Link an.
failure-invalid = Dieser Link ist ungültig
failure-expired = Dieser Link ist abgelaufen
failure-used = Dieser Link wurde bereits verwendet
failure-no-session = Ihre Sitzung ist beendet
failure-unavailable = Das Portal ist vorübergehend nicht verfügbar
failure-links = Portal-Links sind 24 Stunden gültig und können nur einmal geöffnet werden.
failure-new-link = Um einen neuen Link zu erhalten, kehren Sie zur Website oder App zurück, über die Sie das Kundenportal geöffnet haben, und öffnen Sie es erneut, oder bitten Sie das Unternehmen, Ihnen einen neuen Link per E-Mail zu senden.
failure-try-later = Bitte versuchen Sie es in einigen Minuten erneut.
open-title = Kundenportal öffnen
open-explanation = Dieser Link meldet Sie in Ihrem Kundenportal an. Er ist nur einmal verwendbar und öffnet sich deshalb erst, wenn Sie fortfahren.
open-continue = Weiter

## Section: profile (the customer's name, e-mail and phone).

profile-title = Ihre Daten
profile-name = Name
profile-email = E-Mail
profile-phone = Telefon
profile-none = Nicht angegeben
profile-edit = Bearbeiten
profile-save = Speichern
profile-cancel = Abbrechen
profile-saving = Wird gespeichert…
profile-saved = Ihre Daten wurden gespeichert.
profile-invalid-name = Geben Sie Ihren Namen ein.
profile-invalid-email = Geben Sie eine gültige E-Mail-Adresse ein.
profile-invalid-phone_number = Geben Sie eine gültige Telefonnummer ein, zum Beispiel +49 30 1234567.

## Section: wallets (balances).

wallets-title = Wallet-Guthaben
wallets-empty = Sie haben noch keine Wallets.

## Section: ledger (wallet activity).

ledger-title = Wallet-Umsätze
ledger-date = Datum
ledger-description = Beschreibung
ledger-amount = Betrag
ledger-balance-after = Saldo danach
ledger-empty = Noch keine Umsätze.
ledger-pages = Umsatzseiten
ledger-previous = Zurück
ledger-next = Weiter
ledger-page = Seite { $n }
ledger-event-payment = Zahlung
ledger-event-payment_reversal = Zahlungsstornierung
ledger-event-refund = Erstattung
ledger-event-refund_reversal = Erstattungsstornierung
ledger-event-dispute = Streitfall
ledger-event-dispute_reversal = Stornierung des Streitfalls
ledger-event-merchant_adjustment = Anpassung

## Section: billing (payments and refunds, with their invoices and credit notes).

billing-title = Rechnungsverlauf
billing-date = Datum
billing-description = Beschreibung
billing-amount = Betrag
billing-status = Status
billing-method = Zahlungsmethode
billing-document = Dokument
billing-empty = Noch keine Zahlungen.
billing-pages = Seiten des Rechnungsverlaufs
billing-payment = Zahlung
billing-refund = Rückerstattung
billing-method-card = Karte
billing-card = { $network } mit Endziffern { $last_four }
billing-download-invoice = Rechnung herunterladen
billing-download-credit-note = Gutschrift herunterladen
billing-state-paid = Bezahlt
billing-state-partially_refunded = Teilweise erstattet
billing-state-refunded = Erstattet
billing-state-failed = Fehlgeschlagen
billing-state-cancelled = Storniert
billing-state-pending = Ausstehend
billing-refund-succeeded = Erstattet
billing-refund-failed = Rückerstattung fehlgeschlagen
billing-refund-pending = Rückerstattung ausstehend
billing-refund-review = Rückerstattung wird geprüft
