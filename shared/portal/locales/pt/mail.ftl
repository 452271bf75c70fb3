### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Seu link para o portal do cliente de { $business }
email-greeting = Olá, { $name },
email-intro = Abra seu portal do cliente de { $business } com este link para ver os saldos e as movimentações da sua carteira e atualizar seus dados:
email-validity = O link é válido por 24 horas e pode ser aberto uma única vez. Se tiver expirado, peça um novo a { $business }.
email-ignore = Se você não pediu este link, pode ignorar este e-mail.
