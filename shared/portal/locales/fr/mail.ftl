### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Votre lien vers le portail client de { $business }
email-greeting = Bonjour { $name },
email-intro = Ouvrez votre portail client { $business } avec ce lien pour consulter les soldes et l'activité de votre portefeuille et mettre à jour vos coordonnées :
email-validity = Ce lien est valable 24 heures et ne peut être ouvert qu'une seule fois. S'il a expiré, demandez-en un nouveau à { $business }.
email-ignore = Si vous n'avez pas demandé ce lien, vous pouvez ignorer cet e-mail.

## The e-mails of a change of address: the link to the new address, the notice to the old.

email-change-subject = Confirmez votre nouvelle adresse e-mail pour { $business }
email-change-intro = Vous avez demandé à utiliser cette adresse pour votre compte client chez { $business }. Pour confirmer, ouvrez ce lien et choisissez Confirmer :
email-change-validity = Le lien est valable 24 heures et ne peut servir qu’une fois. Tant que vous n’avez pas confirmé, votre adresse e-mail reste inchangée.
email-change-ignore = Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : rien ne change.
email-change-notice-subject = Votre adresse e-mail pour { $business } va changer
email-change-notice = Quelqu’un a demandé, depuis votre portail client, de remplacer l’adresse e-mail de votre compte chez { $business } par { $new_email }. Elle ne change qu’une fois cette adresse confirmée.
email-change-notice-action = Si ce n’était pas vous, contactez { $business } dès maintenant.
