### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Votre lien vers le portail client de { $business }
email-greeting = Bonjour { $name },
email-intro = Ouvrez votre portail client { $business } avec ce lien pour consulter les soldes et l'activité de votre portefeuille et mettre à jour vos coordonnées :
email-validity = Ce lien est valable 24 heures et ne peut être ouvert qu'une seule fois. S'il a expiré, demandez-en un nouveau à { $business }.
email-ignore = Si vous n'avez pas demandé ce lien, vous pouvez ignorer cet e-mail.
