import assert from 'node:assert/strict';
import { test } from 'node:test';
import DodoPayments from 'dodopayments';
import { businessA, businessB, seed, unique, walkPages } from './support.mjs';

test('refunds: a partial refund to the wallet replayed by its key, the rest to the card, listed, retrieved, credit note, tenancy', async () => {
  const { customer_id, payment_id } = seed;
  const refunds = businessA.refunds;
  const [line] = (await businessA.payments.retrieveLineItems(payment_id)).items;

  // `destination` is this service's extension; the SDK passes the body through.
  const toWallet = { payment_id, items: [{ item_id: line.items_id, amount: 300 }], reason: 'store credit', destination: 'wallet' };
  const once = { headers: { 'Idempotency-Key': unique('refund-') } };
  const credited = await refunds.create(toWallet, once);
  assert.match(credited.refund_id, /^ref_/);
  assert.equal(credited.status, 'succeeded');
  assert.equal(credited.is_partial, true);
  assert.equal(credited.amount, 300);
  assert.equal(credited.customer.customer_id, customer_id);
  assert.deepEqual(await refunds.create(toWallet, once), credited, 'the same key refunds once');

  const ledger = await businessA.customers.wallets.ledgerEntries.list(customer_id, { currency: 'USD' });
  assert.deepEqual(
    ledger.items.map((e) => [e.event_type, e.reference_object_id, e.amount, e.is_credit]),
    [['refund', credited.refund_id, 300, true]],
  );
  assert.equal((await businessA.payments.retrieve(payment_id)).refund_status, 'partial');

  const rest = await refunds.create({ payment_id });
  assert.equal(rest.status, 'pending', 'a refund to the card waits for the engine');
  assert.equal(rest.amount, 1_080 - 300);
  await assert.rejects(
    refunds.create({ payment_id, items: [{ item_id: line.items_id, amount: 1 }] }),
    (err) => err instanceof DodoPayments.ConflictError && err.error.code === 'REFUND_EXCEEDS_REFUNDABLE',
  );

  const walked = await walkPages((q) => refunds.list(q), { customer_id }, 1);
  assert.deepEqual(walked.map((r) => r.refund_id), [rest.refund_id, credited.refund_id]);
  assert.deepEqual((await refunds.list({ customer_id, status: 'pending' })).items.map((r) => r.refund_id), [rest.refund_id]);
  assert.deepEqual(await refunds.retrieve(credited.refund_id), credited);

  const creditNote = await businessA.invoices.payments.retrieveRefund(credited.refund_id);
  assert.equal(creditNote.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await creditNote.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');

  await assert.rejects(businessB.refunds.retrieve(credited.refund_id), DodoPayments.NotFoundError);
  await assert.rejects(businessB.refunds.create({ payment_id }), DodoPayments.NotFoundError);
  await assert.rejects(businessB.invoices.payments.retrieveRefund(credited.refund_id), DodoPayments.NotFoundError);
  assert.deepEqual((await businessB.refunds.list({ customer_id })).items, []);
});
