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
