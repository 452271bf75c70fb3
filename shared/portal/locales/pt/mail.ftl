### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Seu link para o portal do cliente de { $business }
email-greeting = Olá, { $name },
email-intro = Abra seu portal do cliente de { $business } com este link para ver os saldos e as movimentações da sua carteira e atualizar seus dados:
email-validity = O link é válido por 24 horas e pode ser aberto uma única vez. Se tiver expirado, peça um novo a { $business }.
email-ignore = Se você não pediu este link, pode ignorar este e-mail.

## The e-mails of a change of address: the link to the new address, the notice to the old.

email-change-subject = Confirme o seu novo endereço de email para { $business }
email-change-intro = Pediu para usar este endereço na sua conta de cliente em { $business }. Para confirmar, abra este link e escolha Confirmar:
email-change-validity = O link é válido durante 24 horas e só pode ser usado uma vez. Até confirmar, o seu endereço de email não muda.
email-change-ignore = Se não fez este pedido, ignore este email: nada muda.
email-change-notice-subject = O seu endereço de email para { $business } vai mudar
email-change-notice = Alguém pediu, a partir do seu portal do cliente, para mudar o endereço de email da sua conta em { $business } para { $new_email }. Só muda quando esse endereço confirmar.
email-change-notice-action = Se não foi você, contacte { $business } já.
