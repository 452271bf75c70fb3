import assert from 'node:assert/strict';
import { test } from 'node:test';
import DodoPayments from 'dodopayments';
import { businessA, businessB, seed, walkPages } from './support.mjs';

test('subscriptions: listed by customer to the empty page, retrieved, cancellation scheduled, withdrawn and made, tenancy', async () => {
  const { customer_id, subscription_ids: [oldest, middle, newest] } = seed;
  const subscriptions = businessA.subscriptions;
  const ids = async (filters) => (await subscriptions.list({ customer_id, ...filters })).items.map((s) => s.subscription_id);

  const walked = await walkPages((q) => subscriptions.list(q), { customer_id }, 2);
  assert.deepEqual(walked.map((s) => s.subscription_id), [newest, middle, oldest]);
  assert.ok(walked.every((s) => s.customer.customer_id === customer_id && s.status === 'active'));

  const retrieved = await subscriptions.retrieve(oldest);
  assert.equal(retrieved.subscription_id, oldest);
  assert.equal(retrieved.status, 'active');
  assert.equal(retrieved.cancel_at_next_billing_date, false);
  assert.equal(retrieved.recurring_pre_tax_amount, 1_000);

  const scheduled = await subscriptions.update(oldest, { cancel_at_next_billing_date: true, cancellation_feedback: 'unused' });
  assert.equal(scheduled.cancel_at_next_billing_date, true);
  assert.equal(scheduled.status, 'active');
  assert.deepEqual(await ids({ cancel_at_next_billing_date: true }), [oldest]);
  const withdrawn = await subscriptions.update(oldest, { cancel_at_next_billing_date: false });
  assert.equal(withdrawn.cancel_at_next_billing_date, false);
  assert.deepEqual(await subscriptions.retrieve(oldest), withdrawn);

  const cancelled = await subscriptions.update(middle, {
    status: 'cancelled',
    cancel_reason: 'cancelled_by_merchant',
    cancellation_feedback: 'too_expensive',
    cancellation_comment: 'Asked by phone',
  });
  assert.equal(cancelled.status, 'cancelled');
  assert.ok(cancelled.cancelled_at);
  assert.equal(cancelled.cancellation_comment, 'Asked by phone');
  assert.deepEqual(await ids({ status: 'cancelled' }), [middle]);
  assert.deepEqual(await ids({ status: 'active' }), [newest, oldest]);
  await assert.rejects(
    subscriptions.update(middle, { status: 'active' }),
    (err) => err instanceof DodoPayments.ConflictError && err.error.code === 'SUBSCRIPTION_CANCELLED',
  );

  await assert.rejects(businessB.subscriptions.retrieve(newest), DodoPayments.NotFoundError);
  await assert.rejects(businessB.subscriptions.update(newest, { status: 'cancelled' }), DodoPayments.NotFoundError);
  assert.deepEqual((await businessB.subscriptions.list({ customer_id })).items, []);
  assert.equal((await subscriptions.retrieve(newest)).status, 'active');
});
