### Customer portal: the page (sent to the page's script as well) and the failure pages.

## Page-wide text: the header, messages the page script shows, and the failure pages.

portal-title = Portal del cliente
portal-return = Volver a { $business }
portal-loading = Cargando…
error-generic = Algo salió mal. Inténtalo de nuevo.
session-ended = Tu sesión en el portal ha finalizado. Para continuar, pide un enlace nuevo a { $business }.
failure-invalid = Este enlace no es válido
failure-expired = Este enlace ha caducado
failure-used = Este enlace ya se ha utilizado
failure-no-session = Tu sesión ha finalizado
failure-unavailable = El portal no está disponible temporalmente
failure-links = Los enlaces del portal son válidos durante 24 horas y solo se pueden abrir una vez.
failure-new-link = Para obtener un enlace nuevo, vuelve al sitio web o a la aplicación desde donde abriste el portal del cliente y ábrelo de nuevo, o pide a la empresa que te envíe un enlace nuevo por correo electrónico.
failure-try-later = Inténtalo de nuevo dentro de unos minutos.
open-title = Abre tu portal de cliente
open-explanation = Este enlace te da acceso a tu portal de cliente. Solo se puede usar una vez, así que se abre únicamente cuando continúas.
open-continue = Continuar

## Section: profile (the customer's name, e-mail and phone).

profile-title = Tus datos
profile-name = Nombre
profile-email = Correo electrónico
profile-phone = Teléfono
profile-none = Sin indicar
profile-edit = Editar
profile-save = Guardar
profile-cancel = Cancelar
profile-saving = Guardando…
profile-saved = Tus datos se han guardado.
profile-invalid-name = Introduce tu nombre.
profile-invalid-email = Introduce una dirección de correo electrónico válida.
profile-invalid-phone_number = Introduce un número de teléfono válido, por ejemplo +34 912 345 678.

## Section: wallets (balances).

wallets-title = Saldos de la billetera
wallets-empty = Todavía no tienes billeteras.

## Section: ledger (wallet activity).

ledger-title = Movimientos de la billetera
ledger-date = Fecha
ledger-description = Descripción
ledger-amount = Importe
ledger-balance-after = Saldo posterior
ledger-empty = Todavía no hay movimientos.
ledger-pages = Páginas de movimientos
ledger-previous = Anterior
ledger-next = Siguiente
ledger-page = Página { $n }
ledger-event-payment = Pago
ledger-event-payment_reversal = Reversión de pago
ledger-event-refund = Reembolso
ledger-event-refund_reversal = Reversión de reembolso
ledger-event-dispute = Disputa
ledger-event-dispute_reversal = Reversión de disputa
ledger-event-merchant_adjustment = Ajuste

## Section: billing (payments and refunds, with their invoices and credit notes).

billing-title = Historial de facturación
billing-date = Fecha
billing-description = Descripción
billing-amount = Importe
billing-status = Estado
billing-method = Método de pago
billing-document = Documento
billing-empty = Aún no hay pagos.
billing-pages = Páginas del historial de facturación
billing-payment = Pago
billing-refund = Reembolso
billing-method-card = Tarjeta
billing-card = { $network } terminada en { $last_four }
billing-download-invoice = Descargar factura
billing-download-credit-note = Descargar nota de crédito
billing-state-paid = Pagado
billing-state-partially_refunded = Reembolsado parcialmente
billing-state-refunded = Reembolsado
billing-state-failed = Fallido
billing-state-cancelled = Cancelado
billing-state-pending = Pendiente
billing-refund-succeeded = Reembolsado
billing-refund-failed = Reembolso fallido
billing-refund-pending = Reembolso pendiente
billing-refund-review = Reembolso en revisión

## Profile: a change of e-mail address, confirmed by the new address.

profile-email-pending = Hemos enviado un enlace a { $email }. Tu dirección de correo cambia cuando abras ese enlace y confirmes.
email-change-title = Confirma tu nueva dirección de correo
email-change-explanation = La dirección de correo de tu cuenta de cliente pasará a ser { $email }.
email-change-confirm = Confirmar
email-change-done = Tu dirección de correo ha cambiado
email-change-done-explanation = La dirección de correo de tu cuenta de cliente ahora es { $email }.
email-change-ask-again = Para cambiar tu dirección de correo, vuelve a abrir tu portal de cliente e introduce allí la nueva dirección.

## Section: subscriptions.

subscriptions-title = Suscripciones
subscriptions-empty = No tienes suscripciones.
subscriptions-status = Estado
subscriptions-price = Precio
subscriptions-next-billing = Próximo cobro
subscriptions-ends-on = Termina el
subscriptions-cancelled-on = Cancelada el
subscriptions-per-day = { $amount } al día
subscriptions-per-week = { $amount } a la semana
subscriptions-per-month = { $amount } al mes
subscriptions-per-year = { $amount } al año
subscriptions-every-day = { $amount } cada { $count } días
subscriptions-every-week = { $amount } cada { $count } semanas
subscriptions-every-month = { $amount } cada { $count } meses
subscriptions-every-year = { $amount } cada { $count } años
subscriptions-status-pending = Pendiente
subscriptions-status-active = Activa
subscriptions-status-on_hold = Retenida
subscriptions-status-paused = En pausa
subscriptions-status-cancelled = Cancelada
subscriptions-status-failed = Fallida
subscriptions-status-expired = Caducada
subscriptions-status-past_due = Pago atrasado
subscriptions-cancel = Cancelar suscripción
subscriptions-cancel-heading = Cancelar { $product }
subscriptions-cancel-when = ¿Cuándo debe terminar?
subscriptions-cancel-at-period-end = Al final del periodo de facturación
subscriptions-cancel-now = Ahora
subscriptions-period-end-summary = Tu suscripción sigue activa hasta el { $date } y después termina. Puedes cambiar de opinión hasta entonces.
subscriptions-now-summary = Tu suscripción termina ahora. No se puede deshacer.
subscriptions-feedback = Motivo (opcional)
subscriptions-feedback-none = Prefiero no decirlo
subscriptions-feedback-too_expensive = Es demasiado caro
subscriptions-feedback-missing_features = Le faltan funciones que necesito
subscriptions-feedback-switched_service = Me he pasado a otro servicio
subscriptions-feedback-unused = No lo uso lo suficiente
subscriptions-feedback-customer_service = No estoy contento con la atención al cliente
subscriptions-feedback-low_quality = La calidad no es suficiente
subscriptions-feedback-too_complex = Es demasiado complicado
subscriptions-feedback-other = Otro motivo
subscriptions-comment = Comentario (opcional)
subscriptions-confirm-cancel = Confirmar cancelación
subscriptions-keep = Mantener suscripción
subscriptions-withdraw = Mantener mi suscripción
subscriptions-saving = Guardando…
subscriptions-scheduled = Tu suscripción terminará al final del periodo de facturación.
subscriptions-cancelled = Tu suscripción se ha cancelado.
subscriptions-withdrawn = Tu suscripción continúa.

## Section: licenses (license keys and the devices they are activated on).

licenses-title = Claves de licencia
licenses-empty = No tienes claves de licencia.
licenses-key = Clave
licenses-show = Mostrar
licenses-hide = Ocultar
licenses-copy = Copiar
licenses-copied = Se ha copiado la clave de licencia.
licenses-copy-failed = No se ha podido copiar la clave. Elige Mostrar y cópiala tú.
licenses-status = Estado
licenses-status-active = Activa
licenses-status-expired = Caducada
licenses-status-disabled = Desactivada
licenses-expires = Caduca
licenses-never = Nunca
licenses-activations = Activaciones
licenses-activations-of = { $used } de { $limit } usadas
licenses-activations-unlimited = { $used } usadas, sin límite
licenses-devices = Dispositivos
licenses-no-devices = Esta clave no está activada en ningún dispositivo.
licenses-activated-on = Activada el { $date }
licenses-deactivate = Desactivar
licenses-deactivate-named = Desactivar { $name }
licenses-deactivated = Se ha desactivado { $name }.
