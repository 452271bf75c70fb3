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
