### Customer portal: the page (sent to the page's script as well) and the failure pages.

## Page-wide text: the header, messages the page script shows, and the failure pages.

portal-title = Portail client
portal-return = Retour à { $business }
portal-loading = Chargement…
error-generic = Une erreur s'est produite. Veuillez réessayer.
session-ended = Votre session sur le portail est terminée. Pour continuer, demandez un nouveau lien à { $business }.
failure-invalid = Ce lien n'est pas valide
failure-expired = Ce lien a expiré
failure-used = Ce lien a déjà été utilisé
failure-no-session = Votre session est terminée
failure-unavailable = Le portail est temporairement indisponible
failure-links = Les liens du portail sont valables 24 heures et ne peuvent être ouverts qu'une seule fois.
failure-new-link = Pour obtenir un nouveau lien, retournez sur le site ou l'application où vous avez ouvert le portail client et ouvrez-le à nouveau, ou demandez à l'entreprise de vous envoyer un nouveau lien par e-mail.
failure-try-later = Veuillez réessayer dans quelques minutes.
open-title = Ouvrir votre portail client
open-explanation = Ce lien vous connecte à votre portail client. Il ne peut servir qu’une fois : il s’ouvre seulement quand vous continuez.
open-continue = Continuer

## Section: profile (the customer's name, e-mail and phone).

profile-title = Vos coordonnées
profile-name = Nom
profile-email = E-mail
profile-phone = Téléphone
profile-none = Non renseigné
profile-edit = Modifier
profile-save = Enregistrer
profile-cancel = Annuler
profile-saving = Enregistrement…
profile-saved = Vos coordonnées ont été enregistrées.
profile-invalid-name = Saisissez votre nom.
profile-invalid-email = Saisissez une adresse e-mail valide.
profile-invalid-phone_number = Saisissez un numéro de téléphone valide, par exemple +33 1 23 45 67 89.

## Section: wallets (balances).

wallets-title = Soldes du portefeuille
wallets-empty = Vous n'avez pas encore de portefeuille.

## Section: ledger (wallet activity).

ledger-title = Activité du portefeuille
ledger-date = Date
ledger-description = Description
ledger-amount = Montant
ledger-balance-after = Solde après
ledger-empty = Aucune activité pour le moment.
ledger-pages = Pages d'activité
ledger-previous = Précédent
ledger-next = Suivant
ledger-page = Page { $n }
ledger-event-payment = Paiement
ledger-event-payment_reversal = Annulation de paiement
ledger-event-refund = Remboursement
ledger-event-refund_reversal = Annulation de remboursement
ledger-event-dispute = Litige
ledger-event-dispute_reversal = Annulation de litige
ledger-event-merchant_adjustment = Ajustement

## Section: billing (payments and refunds, with their invoices and credit notes).

billing-title = Historique de facturation
billing-date = Date
billing-description = Description
billing-amount = Montant
billing-status = Statut
billing-method = Moyen de paiement
billing-document = Document
billing-empty = Aucun paiement pour l’instant.
billing-pages = Pages de l’historique de facturation
billing-payment = Paiement
billing-refund = Remboursement
billing-method-card = Carte
billing-card = { $network } se terminant par { $last_four }
billing-download-invoice = Télécharger la facture
billing-download-credit-note = Télécharger l’avoir
billing-state-paid = Payé
billing-state-partially_refunded = Partiellement remboursé
billing-state-refunded = Remboursé
billing-state-failed = Échoué
billing-state-cancelled = Annulé
billing-state-pending = En attente
billing-refund-succeeded = Remboursé
billing-refund-failed = Remboursement échoué
billing-refund-pending = Remboursement en attente
billing-refund-review = Remboursement en cours d’examen

## Profile: a change of e-mail address, confirmed by the new address.

profile-email-pending = Nous avons envoyé un lien à { $email }. Votre adresse e-mail change dès que vous ouvrez ce lien et confirmez.
email-change-title = Confirmez votre nouvelle adresse e-mail
email-change-explanation = L’adresse e-mail de votre compte client deviendra { $email }.
email-change-confirm = Confirmer
email-change-done = Votre adresse e-mail a été modifiée
email-change-done-explanation = L’adresse e-mail de votre compte client est désormais { $email }.
email-change-ask-again = Pour changer votre adresse e-mail, ouvrez de nouveau votre portail client et saisissez-y la nouvelle adresse.

## Section: subscriptions.

subscriptions-title = Abonnements
subscriptions-empty = Vous n’avez aucun abonnement.
subscriptions-status = Statut
subscriptions-price = Prix
subscriptions-next-billing = Prochaine facturation
subscriptions-ends-on = Se termine le
subscriptions-cancelled-on = Résilié le
subscriptions-per-day = { $amount } par jour
subscriptions-per-week = { $amount } par semaine
subscriptions-per-month = { $amount } par mois
subscriptions-per-year = { $amount } par an
subscriptions-every-day = { $amount } tous les { $count } jours
subscriptions-every-week = { $amount } toutes les { $count } semaines
subscriptions-every-month = { $amount } tous les { $count } mois
subscriptions-every-year = { $amount } tous les { $count } ans
subscriptions-status-pending = En attente
subscriptions-status-active = Actif
subscriptions-status-on_hold = Suspendu
subscriptions-status-paused = En pause
subscriptions-status-cancelled = Résilié
subscriptions-status-failed = Échoué
subscriptions-status-expired = Expiré
subscriptions-status-past_due = Paiement en retard
subscriptions-cancel = Résilier l’abonnement
subscriptions-cancel-heading = Résilier { $product }
subscriptions-cancel-when = Quand doit-il prendre fin ?
subscriptions-cancel-at-period-end = À la fin de la période de facturation
subscriptions-cancel-now = Maintenant
subscriptions-period-end-summary = Votre abonnement reste actif jusqu’au { $date }, puis prend fin. Vous pouvez changer d’avis d’ici là.
subscriptions-now-summary = Votre abonnement prend fin immédiatement. Cette action est définitive.
subscriptions-feedback = Motif (facultatif)
subscriptions-feedback-none = Je préfère ne pas le dire
subscriptions-feedback-too_expensive = C’est trop cher
subscriptions-feedback-missing_features = Il manque des fonctionnalités dont j’ai besoin
subscriptions-feedback-switched_service = Je suis passé à un autre service
subscriptions-feedback-unused = Je ne l’utilise pas assez
subscriptions-feedback-customer_service = Je suis mécontent du service client
subscriptions-feedback-low_quality = La qualité est insuffisante
subscriptions-feedback-too_complex = C’est trop compliqué
subscriptions-feedback-other = Une autre raison
subscriptions-comment = Commentaire (facultatif)
subscriptions-confirm-cancel = Confirmer la résiliation
subscriptions-keep = Garder l’abonnement
subscriptions-withdraw = Conserver mon abonnement
subscriptions-saving = Enregistrement…
subscriptions-scheduled = Votre abonnement prendra fin à la fin de la période de facturation.
subscriptions-cancelled = Votre abonnement a été résilié.
subscriptions-withdrawn = Votre abonnement continue.

## Section: licenses (license keys and the devices they are activated on).

licenses-title = Clés de licence
licenses-empty = Vous n’avez aucune clé de licence.
licenses-key = Clé
licenses-show = Afficher
licenses-hide = Masquer
licenses-copy = Copier
licenses-copied = La clé de licence a été copiée.
licenses-copy-failed = La clé n’a pas pu être copiée. Choisissez Afficher et copiez-la vous-même.
licenses-status = Statut
licenses-status-active = Active
licenses-status-expired = Expirée
licenses-status-disabled = Désactivée
licenses-expires = Expiration
licenses-never = Jamais
licenses-activations = Activations
licenses-activations-of = { $used } sur { $limit } utilisées
licenses-activations-unlimited = { $used } utilisées, sans limite
licenses-devices = Appareils
licenses-no-devices = Cette clé n’est activée sur aucun appareil.
licenses-activated-on = Activée le { $date }
licenses-deactivate = Désactiver
licenses-deactivate-named = Désactiver { $name }
licenses-deactivated = { $name } a été désactivé.
