### Customer portal: the page (sent to the page's script as well) and the failure pages.

## Page-wide text: the header, messages the page script shows, and the failure pages.

portal-title = Portale clienti
portal-return = Torna a { $business }
portal-loading = Caricamento…
error-generic = Si è verificato un errore. Riprova.
session-ended = La tua sessione sul portale è terminata. Per continuare, chiedi un nuovo link a { $business }.
failure-invalid = Questo link non è valido
failure-expired = Questo link è scaduto
failure-used = Questo link è già stato utilizzato
failure-no-session = La tua sessione è terminata
failure-unavailable = Il portale non è temporaneamente disponibile
failure-links = I link del portale sono validi per 24 ore e possono essere aperti una sola volta.
failure-new-link = Per ottenere un nuovo link, torna al sito o all'app da cui hai aperto il portale clienti e aprilo di nuovo, oppure chiedi all'azienda di inviarti un nuovo link via e-mail.
failure-try-later = Riprova tra qualche minuto.
open-title = Apri il tuo portale clienti
open-explanation = Questo link ti fa accedere al tuo portale clienti. Si può usare una sola volta, quindi si apre solo quando prosegui.
open-continue = Continua

## Section: profile (the customer's name, e-mail and phone).

profile-title = I tuoi dati
profile-name = Nome
profile-email = E-mail
profile-phone = Telefono
profile-none = Non impostato
profile-edit = Modifica
profile-save = Salva
profile-cancel = Annulla
profile-saving = Salvataggio…
profile-saved = I tuoi dati sono stati salvati.
profile-invalid-name = Inserisci il tuo nome.
profile-invalid-email = Inserisci un indirizzo e-mail valido.
profile-invalid-phone_number = Inserisci un numero di telefono valido, ad esempio +39 06 1234 5678.

## Section: wallets (balances).

wallets-title = Saldi del portafoglio
wallets-empty = Non hai ancora alcun portafoglio.

## Section: ledger (wallet activity).

ledger-title = Movimenti del portafoglio
ledger-date = Data
ledger-description = Descrizione
ledger-amount = Importo
ledger-balance-after = Saldo dopo
ledger-empty = Nessun movimento per ora.
ledger-pages = Pagine dei movimenti
ledger-previous = Precedente
ledger-next = Successivo
ledger-page = Pagina { $n }
ledger-event-payment = Pagamento
ledger-event-payment_reversal = Storno del pagamento
ledger-event-refund = Rimborso
ledger-event-refund_reversal = Storno del rimborso
ledger-event-dispute = Contestazione
ledger-event-dispute_reversal = Storno della contestazione
ledger-event-merchant_adjustment = Rettifica

## Section: billing (payments and refunds, with their invoices and credit notes).

billing-title = Cronologia di fatturazione
billing-date = Data
billing-description = Descrizione
billing-amount = Importo
billing-status = Stato
billing-method = Metodo di pagamento
billing-document = Documento
billing-empty = Ancora nessun pagamento.
billing-pages = Pagine della cronologia di fatturazione
billing-payment = Pagamento
billing-refund = Rimborso
billing-method-card = Carta
billing-card = { $network } che termina con { $last_four }
billing-download-invoice = Scarica la fattura
billing-download-credit-note = Scarica la nota di credito
billing-state-paid = Pagato
billing-state-partially_refunded = Parzialmente rimborsato
billing-state-refunded = Rimborsato
billing-state-failed = Non riuscito
billing-state-cancelled = Annullato
billing-state-pending = In attesa
billing-refund-succeeded = Rimborsato
billing-refund-failed = Rimborso non riuscito
billing-refund-pending = Rimborso in attesa
billing-refund-review = Rimborso in verifica

## Profile: a change of e-mail address, confirmed by the new address.

profile-email-pending = Abbiamo inviato un link a { $email }. Il tuo indirizzo email cambia quando apri quel link e confermi.
email-change-title = Conferma il tuo nuovo indirizzo email
email-change-explanation = L’indirizzo email del tuo account cliente diventerà { $email }.
email-change-confirm = Conferma
email-change-done = Il tuo indirizzo email è stato cambiato
email-change-done-explanation = L’indirizzo email del tuo account cliente ora è { $email }.
email-change-ask-again = Per cambiare il tuo indirizzo email, apri di nuovo il portale clienti e inserisci lì il nuovo indirizzo.

## Section: subscriptions.

subscriptions-title = Abbonamenti
subscriptions-empty = Non hai abbonamenti.
subscriptions-status = Stato
subscriptions-price = Prezzo
subscriptions-next-billing = Prossimo addebito
subscriptions-ends-on = Termina il
subscriptions-cancelled-on = Annullato il
subscriptions-per-day = { $amount } al giorno
subscriptions-per-week = { $amount } a settimana
subscriptions-per-month = { $amount } al mese
subscriptions-per-year = { $amount } all’anno
subscriptions-every-day = { $amount } ogni { $count } giorni
subscriptions-every-week = { $amount } ogni { $count } settimane
subscriptions-every-month = { $amount } ogni { $count } mesi
subscriptions-every-year = { $amount } ogni { $count } anni
subscriptions-status-pending = In attesa
subscriptions-status-active = Attivo
subscriptions-status-on_hold = Sospeso
subscriptions-status-paused = In pausa
subscriptions-status-cancelled = Annullato
subscriptions-status-failed = Non riuscito
subscriptions-status-expired = Scaduto
subscriptions-status-past_due = Pagamento in ritardo
subscriptions-cancel = Annulla abbonamento
subscriptions-cancel-heading = Annulla { $product }
subscriptions-cancel-when = Quando deve terminare?
subscriptions-cancel-at-period-end = Alla fine del periodo di fatturazione
subscriptions-cancel-now = Subito
subscriptions-period-end-summary = Il tuo abbonamento resta attivo fino al { $date } e poi termina. Puoi cambiare idea fino ad allora.
subscriptions-now-summary = Il tuo abbonamento termina subito. L’operazione non si può annullare.
subscriptions-feedback = Motivo (facoltativo)
subscriptions-feedback-none = Preferisco non dirlo
subscriptions-feedback-too_expensive = È troppo caro
subscriptions-feedback-missing_features = Mancano funzioni di cui ho bisogno
subscriptions-feedback-switched_service = Sono passato a un altro servizio
subscriptions-feedback-unused = Non lo uso abbastanza
subscriptions-feedback-customer_service = Non sono soddisfatto dell’assistenza clienti
subscriptions-feedback-low_quality = La qualità non è sufficiente
subscriptions-feedback-too_complex = È troppo complicato
subscriptions-feedback-other = Un altro motivo
subscriptions-comment = Commento (facoltativo)
subscriptions-confirm-cancel = Conferma l’annullamento
subscriptions-keep = Mantieni l’abbonamento
subscriptions-withdraw = Mantieni il mio abbonamento
subscriptions-saving = Salvataggio…
subscriptions-scheduled = Il tuo abbonamento terminerà alla fine del periodo di fatturazione.
subscriptions-cancelled = Il tuo abbonamento è stato annullato.
subscriptions-withdrawn = Il tuo abbonamento continua.

## Section: licenses (license keys and the devices they are activated on).

licenses-title = Chiavi di licenza
licenses-empty = Non hai chiavi di licenza.
licenses-key = Chiave
licenses-show = Mostra
licenses-hide = Nascondi
licenses-copy = Copia
licenses-copied = La chiave di licenza è stata copiata.
licenses-copy-failed = Impossibile copiare la chiave. Scegli Mostra e copiala tu.
licenses-status = Stato
licenses-status-active = Attiva
licenses-status-expired = Scaduta
licenses-status-disabled = Disattivata
licenses-expires = Scadenza
licenses-never = Mai
licenses-activations = Attivazioni
licenses-activations-of = { $used } di { $limit } usate
licenses-activations-unlimited = { $used } usate, senza limite
licenses-devices = Dispositivi
licenses-no-devices = Questa chiave non è attivata su alcun dispositivo.
licenses-activated-on = Attivata il { $date }
licenses-deactivate = Disattiva
licenses-deactivate-named = Disattiva { $name }
licenses-deactivated = { $name } è stato disattivato.
