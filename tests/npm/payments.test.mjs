import assert from 'node:assert/strict';
import { test } from 'node:test';
import DodoPayments from 'dodopayments';
import { businessA, businessB, seed, walkPages } from './support.mjs';

test('payments: listed by customer to the empty page and filtered, retrieved with line items, tenancy', async () => {
  const { customer_id, subscription_id, payments: [first, failed, renewal] } = seed;
  const payments = businessA.payments;
  const ids = async (filters) => (await payments.list({ customer_id, ...filters })).items.map((p) => p.payment_id);

  const walked = await walkPages((q) => payments.list(q), { customer_id }, 2);
  assert.deepEqual(walked.map((p) => p.payment_id), [renewal, failed, first].map((p) => p.payment_id));
  assert.ok(walked.every((p) => p.customer.customer_id === customer_id));
  assert.deepEqual(await ids({ status: 'failed' }), [failed.payment_id]);
  assert.deepEqual(await ids({ subscription_id }), [renewal.payment_id]);
  assert.deepEqual(await ids({ created_at_gte: failed.created_at }), [renewal.payment_id, failed.payment_id]);
  assert.deepEqual(await ids({ created_at_lte: failed.created_at }), [failed.payment_id, first.payment_id]);

  const payment = await payments.retrieve(first.payment_id);
  assert.equal(payment.payment_id, first.payment_id);
  assert.equal(payment.status, 'succeeded');
  assert.equal(payment.total_amount, 1_080);
  assert.equal(payment.tax, 80);
  assert.equal(payment.currency, 'USD');
  assert.equal(payment.customer.customer_id, customer_id);
  assert.deepEqual(payment.refunds, []);
  assert.equal(payment.refund_status ?? null, null);

  const lines = await payments.retrieveLineItems(first.payment_id);
  assert.equal(lines.currency, 'USD');
  assert.deepEqual(
    lines.items.map((i) => [i.items_id, i.amount, i.refundable_amount, i.tax, i.name]),
    first.line_items.map((i) => [i.items_id, i.amount, i.amount, i.tax, i.name]),
  );

  await assert.rejects(businessB.payments.retrieve(first.payment_id), DodoPayments.NotFoundError);
  await assert.rejects(businessB.payments.retrieveLineItems(first.payment_id), DodoPayments.NotFoundError);
  assert.deepEqual((await businessB.payments.list({ customer_id })).items, []);
});
