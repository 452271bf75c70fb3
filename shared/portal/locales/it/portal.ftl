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
