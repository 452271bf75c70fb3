### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Tu enlace al portal del cliente de { $business }
email-greeting = Hola, { $name }:
email-intro = Abre tu portal del cliente de { $business } con este enlace para ver los saldos y los movimientos de tu billetera y actualizar tus datos:
email-validity = El enlace es válido durante 24 horas y solo se puede abrir una vez. Si ha caducado, pide uno nuevo a { $business }.
email-ignore = Si no has solicitado este enlace, puedes ignorar este correo.

## The e-mails of a change of address: the link to the new address, the notice to the old.

email-change-subject = Confirma tu nueva dirección de correo para { $business }
email-change-intro = Has pedido usar esta dirección para tu cuenta de cliente en { $business }. Para confirmarlo, abre este enlace y elige Confirmar:
email-change-validity = El enlace es válido durante 24 horas y solo se puede usar una vez. Hasta que confirmes, tu dirección de correo no cambia.
email-change-ignore = Si no lo has pedido tú, ignora este correo: no cambia nada.
email-change-notice-subject = Tu dirección de correo para { $business } va a cambiar
email-change-notice = Alguien ha pedido, desde tu portal de cliente, cambiar la dirección de correo de tu cuenta en { $business } a { $new_email }. Solo cambia cuando esa dirección lo confirme.
email-change-notice-action = Si no has sido tú, ponte en contacto con { $business } ahora.
