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

## Profile: a change of e-mail address, confirmed by the new address.

profile-email-pending = Wir haben einen Link an { $email } gesendet. Ihre E-Mail-Adresse ändert sich, sobald Sie diesen Link öffnen und bestätigen.
email-change-title = Bestätigen Sie Ihre neue E-Mail-Adresse
email-change-explanation = Die E-Mail-Adresse Ihres Kundenkontos wird zu { $email }.
email-change-confirm = Bestätigen
email-change-done = Ihre E-Mail-Adresse wurde geändert
email-change-done-explanation = Die E-Mail-Adresse Ihres Kundenkontos ist jetzt { $email }.
email-change-ask-again = Um Ihre E-Mail-Adresse zu ändern, öffnen Sie Ihr Kundenportal erneut und geben Sie dort die neue Adresse ein.

## Section: subscriptions.

subscriptions-title = Abonnements
subscriptions-empty = Sie haben keine Abonnements.
subscriptions-status = Status
subscriptions-price = Preis
subscriptions-next-billing = Nächste Abrechnung
subscriptions-ends-on = Endet am
subscriptions-cancelled-on = Gekündigt am
subscriptions-per-day = { $amount } pro Tag
subscriptions-per-week = { $amount } pro Woche
subscriptions-per-month = { $amount } pro Monat
subscriptions-per-year = { $amount } pro Jahr
subscriptions-every-day = { $amount } alle { $count } Tage
subscriptions-every-week = { $amount } alle { $count } Wochen
subscriptions-every-month = { $amount } alle { $count } Monate
subscriptions-every-year = { $amount } alle { $count } Jahre
subscriptions-status-pending = Ausstehend
subscriptions-status-active = Aktiv
subscriptions-status-on_hold = Angehalten
subscriptions-status-paused = Pausiert
subscriptions-status-cancelled = Gekündigt
subscriptions-status-failed = Fehlgeschlagen
subscriptions-status-expired = Abgelaufen
subscriptions-status-past_due = Zahlung überfällig
subscriptions-cancel = Abonnement kündigen
subscriptions-cancel-heading = { $product } kündigen
subscriptions-cancel-when = Wann soll es enden?
subscriptions-cancel-at-period-end = Zum Ende des Abrechnungszeitraums
subscriptions-cancel-now = Sofort
subscriptions-period-end-summary = Ihr Abonnement bleibt bis { $date } aktiv und endet dann. Bis dahin können Sie es sich anders überlegen.
subscriptions-now-summary = Ihr Abonnement endet sofort. Das lässt sich nicht rückgängig machen.
subscriptions-feedback = Grund (optional)
subscriptions-feedback-none = Keine Angabe
subscriptions-feedback-too_expensive = Es ist zu teuer
subscriptions-feedback-missing_features = Mir fehlen Funktionen, die ich brauche
subscriptions-feedback-switched_service = Ich bin zu einem anderen Dienst gewechselt
subscriptions-feedback-unused = Ich nutze es zu wenig
subscriptions-feedback-customer_service = Ich war mit dem Kundenservice unzufrieden
subscriptions-feedback-low_quality = Die Qualität reicht nicht aus
subscriptions-feedback-too_complex = Es ist zu kompliziert
subscriptions-feedback-other = Ein anderer Grund
subscriptions-comment = Kommentar (optional)
subscriptions-confirm-cancel = Kündigung bestätigen
subscriptions-keep = Abonnement behalten
subscriptions-withdraw = Mein Abonnement behalten
subscriptions-saving = Wird gespeichert…
subscriptions-scheduled = Ihr Abonnement endet zum Ende des Abrechnungszeitraums.
subscriptions-cancelled = Ihr Abonnement wurde gekündigt.
subscriptions-withdrawn = Ihr Abonnement läuft weiter.

## Section: licenses (license keys and the devices they are activated on).

licenses-title = Lizenzschlüssel
licenses-empty = Sie haben keine Lizenzschlüssel.
licenses-key = Schlüssel
licenses-show = Anzeigen
licenses-hide = Verbergen
licenses-copy = Kopieren
licenses-copied = Der Lizenzschlüssel wurde kopiert.
licenses-copy-failed = Der Schlüssel konnte nicht kopiert werden. Wählen Sie Anzeigen und kopieren Sie ihn selbst.
licenses-status = Status
licenses-status-active = Aktiv
licenses-status-expired = Abgelaufen
licenses-status-disabled = Deaktiviert
licenses-expires = Läuft ab
licenses-never = Nie
licenses-activations = Aktivierungen
licenses-activations-of = { $used } von { $limit } genutzt
licenses-activations-unlimited = { $used } genutzt, ohne Begrenzung
licenses-devices = Geräte
licenses-no-devices = Dieser Schlüssel ist auf keinem Gerät aktiviert.
licenses-activated-on = Aktiviert am { $date }
licenses-deactivate = Deaktivieren
licenses-deactivate-named = { $name } deaktivieren
licenses-deactivated = { $name } wurde deaktiviert.
