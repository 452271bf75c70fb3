### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Il tuo link al portale clienti di { $business }
email-greeting = Ciao { $name },
email-intro = Apri il tuo portale clienti di { $business } con questo link per vedere i saldi e i movimenti del tuo portafoglio e aggiornare i tuoi dati:
email-validity = Il link è valido per 24 ore e può essere aperto una sola volta. Se è scaduto, chiedine uno nuovo a { $business }.
email-ignore = Se non hai richiesto questo link, puoi ignorare questa e-mail.

## The e-mails of a change of address: the link to the new address, the notice to the old.

email-change-subject = Conferma il tuo nuovo indirizzo email per { $business }
email-change-intro = Hai chiesto di usare questo indirizzo per il tuo account cliente presso { $business }. Per confermare, apri questo link e scegli Conferma:
email-change-validity = Il link è valido per 24 ore e si può usare una sola volta. Finché non confermi, il tuo indirizzo email resta invariato.
email-change-ignore = Se non l’hai chiesto tu, ignora questa email: non cambia nulla.
email-change-notice-subject = Il tuo indirizzo email per { $business } sta per cambiare
email-change-notice = Qualcuno ha chiesto, dal tuo portale clienti, di cambiare l’indirizzo email del tuo account presso { $business } in { $new_email }. Cambia solo quando quell’indirizzo conferma.
email-change-notice-action = Se non sei stato tu, contatta subito { $business }.
