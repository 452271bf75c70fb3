### Customer portal: the page (sent to the page's script as well) and the failure pages.

## Page-wide text: the header, messages the page script shows, and the failure pages.

portal-title = Portal do cliente
portal-return = Voltar para { $business }
portal-loading = Carregando…
error-generic = Algo deu errado. Tente novamente.
session-ended = Sua sessão no portal terminou. Para continuar, peça um novo link a { $business }.
failure-invalid = Este link não é válido
failure-expired = Este link expirou
failure-used = Este link já foi usado
failure-no-session = Sua sessão terminou
failure-unavailable = O portal está temporariamente indisponível
failure-links = Os links do portal são válidos por 24 horas e podem ser abertos uma única vez.
failure-new-link = Para obter um novo link, volte ao site ou aplicativo onde você abriu o portal do cliente e abra-o novamente, ou peça à empresa que envie um novo link por e-mail.
failure-try-later = Tente novamente em alguns minutos.
open-title = Abrir o seu portal do cliente
open-explanation = Este link dá-lhe acesso ao seu portal do cliente. Só pode ser usado uma vez, por isso só abre quando continuar.
open-continue = Continuar

## Section: profile (the customer's name, e-mail and phone).

profile-title = Seus dados
profile-name = Nome
profile-email = E-mail
profile-phone = Telefone
profile-none = Não informado
profile-edit = Editar
profile-save = Salvar
profile-cancel = Cancelar
profile-saving = Salvando…
profile-saved = Seus dados foram salvos.
profile-invalid-name = Informe seu nome.
profile-invalid-email = Informe um endereço de e-mail válido.
profile-invalid-phone_number = Informe um número de telefone válido, por exemplo +55 11 91234-5678.

## Section: wallets (balances).

wallets-title = Saldos da carteira
wallets-empty = Você ainda não tem carteiras.

## Section: ledger (wallet activity).

ledger-title = Movimentações da carteira
ledger-date = Data
ledger-description = Descrição
ledger-amount = Valor
ledger-balance-after = Saldo após
ledger-empty = Nenhuma movimentação ainda.
ledger-pages = Páginas de movimentações
ledger-previous = Anterior
ledger-next = Próxima
ledger-page = Página { $n }
ledger-event-payment = Pagamento
ledger-event-payment_reversal = Estorno de pagamento
ledger-event-refund = Reembolso
ledger-event-refund_reversal = Estorno de reembolso
ledger-event-dispute = Contestação
ledger-event-dispute_reversal = Estorno de contestação
ledger-event-merchant_adjustment = Ajuste

## Section: billing (payments and refunds, with their invoices and credit notes).

billing-title = Histórico de faturação
billing-date = Data
billing-description = Descrição
billing-amount = Valor
billing-status = Estado
billing-method = Método de pagamento
billing-document = Documento
billing-empty = Ainda não há pagamentos.
billing-pages = Páginas do histórico de faturação
billing-payment = Pagamento
billing-refund = Reembolso
billing-method-card = Cartão
billing-card = { $network } terminado em { $last_four }
billing-download-invoice = Transferir fatura
billing-download-credit-note = Transferir nota de crédito
billing-state-paid = Pago
billing-state-partially_refunded = Parcialmente reembolsado
billing-state-refunded = Reembolsado
billing-state-failed = Falhou
billing-state-cancelled = Cancelado
billing-state-pending = Pendente
billing-refund-succeeded = Reembolsado
billing-refund-failed = Reembolso falhou
billing-refund-pending = Reembolso pendente
billing-refund-review = Reembolso em análise
