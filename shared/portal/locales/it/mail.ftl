### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Il tuo link al portale clienti di { $business }
email-greeting = Ciao { $name },
email-intro = Apri il tuo portale clienti di { $business } con questo link per vedere i saldi e i movimenti del tuo portafoglio e aggiornare i tuoi dati:
email-validity = Il link è valido per 24 ore e può essere aperto una sola volta. Se è scaduto, chiedine uno nuovo a { $business }.
email-ignore = Se non hai richiesto questo link, puoi ignorare questa e-mail.
