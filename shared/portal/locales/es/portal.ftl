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
