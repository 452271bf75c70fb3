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

## Profile: a change of e-mail address, confirmed by the new address.

profile-email-pending = Enviámos um link para { $email }. O seu endereço de email muda quando abrir esse link e confirmar.
email-change-title = Confirme o seu novo endereço de email
email-change-explanation = O endereço de email da sua conta de cliente passará a ser { $email }.
email-change-confirm = Confirmar
email-change-done = O seu endereço de email foi alterado
email-change-done-explanation = O endereço de email da sua conta de cliente é agora { $email }.
email-change-ask-again = Para alterar o seu endereço de email, abra novamente o portal do cliente e introduza lá o novo endereço.

## Section: subscriptions.

subscriptions-title = Subscrições
subscriptions-empty = Não tem subscrições.
subscriptions-status = Estado
subscriptions-price = Preço
subscriptions-next-billing = Próxima faturação
subscriptions-ends-on = Termina a
subscriptions-cancelled-on = Cancelada a
subscriptions-per-day = { $amount } por dia
subscriptions-per-week = { $amount } por semana
subscriptions-per-month = { $amount } por mês
subscriptions-per-year = { $amount } por ano
subscriptions-every-day = { $amount } a cada { $count } dias
subscriptions-every-week = { $amount } a cada { $count } semanas
subscriptions-every-month = { $amount } a cada { $count } meses
subscriptions-every-year = { $amount } a cada { $count } anos
subscriptions-status-pending = Pendente
subscriptions-status-active = Ativa
subscriptions-status-on_hold = Suspensa
subscriptions-status-paused = Em pausa
subscriptions-status-cancelled = Cancelada
subscriptions-status-failed = Falhada
subscriptions-status-expired = Expirada
subscriptions-status-past_due = Pagamento em atraso
subscriptions-cancel = Cancelar subscrição
subscriptions-cancel-heading = Cancelar { $product }
subscriptions-cancel-when = Quando deve terminar?
subscriptions-cancel-at-period-end = No fim do período de faturação
subscriptions-cancel-now = Agora
subscriptions-period-end-summary = A sua subscrição continua ativa até { $date } e depois termina. Pode mudar de ideias até lá.
subscriptions-now-summary = A sua subscrição termina agora. Esta ação não pode ser anulada.
subscriptions-feedback = Motivo (opcional)
subscriptions-feedback-none = Prefiro não dizer
subscriptions-feedback-too_expensive = É demasiado caro
subscriptions-feedback-missing_features = Faltam funcionalidades de que preciso
subscriptions-feedback-switched_service = Mudei para outro serviço
subscriptions-feedback-unused = Não o uso o suficiente
subscriptions-feedback-customer_service = Fiquei insatisfeito com o apoio ao cliente
subscriptions-feedback-low_quality = A qualidade não é suficiente
subscriptions-feedback-too_complex = É demasiado complicado
subscriptions-feedback-other = Outro motivo
subscriptions-comment = Comentário (opcional)
subscriptions-confirm-cancel = Confirmar cancelamento
subscriptions-keep = Manter subscrição
subscriptions-withdraw = Manter a minha subscrição
subscriptions-saving = A guardar…
subscriptions-scheduled = A sua subscrição termina no fim do período de faturação.
subscriptions-cancelled = A sua subscrição foi cancelada.
subscriptions-withdrawn = A sua subscrição continua.

## Section: licenses (license keys and the devices they are activated on).

licenses-title = Chaves de licença
licenses-empty = Não tem chaves de licença.
licenses-key = Chave
licenses-show = Mostrar
licenses-hide = Ocultar
licenses-copy = Copiar
licenses-copied = A chave de licença foi copiada.
licenses-copy-failed = Não foi possível copiar a chave. Escolha Mostrar e copie-a manualmente.
licenses-status = Estado
licenses-status-active = Ativa
licenses-status-expired = Expirada
licenses-status-disabled = Desativada
licenses-expires = Expira
licenses-never = Nunca
licenses-activations = Ativações
licenses-activations-of = { $used } de { $limit } usadas
licenses-activations-unlimited = { $used } usadas, sem limite
licenses-devices = Dispositivos
licenses-no-devices = Esta chave não está ativada em nenhum dispositivo.
licenses-activated-on = Ativada a { $date }
licenses-deactivate = Desativar
licenses-deactivate-named = Desativar { $name }
licenses-deactivated = { $name } foi desativado.
