### Customer portal: the link e-mail (plain text).

## The e-mail that carries a portal link.

email-subject = Tu enlace al portal del cliente de { $business }
email-greeting = Hola, { $name }:
email-intro = Abre tu portal del cliente de { $business } con este enlace para ver los saldos y los movimientos de tu billetera y actualizar tus datos:
email-validity = El enlace es válido durante 24 horas y solo se puede abrir una vez. Si ha caducado, pide uno nuevo a { $business }.
email-ignore = Si no has solicitado este enlace, puedes ignorar este correo.
