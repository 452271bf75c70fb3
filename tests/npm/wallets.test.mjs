import assert from 'node:assert/strict';
import { test } from 'node:test';
import DodoPayments from 'dodopayments';
import { businessA, businessB, newCustomer, unique, walkPages } from './support.mjs';

test('wallets: balances, an idempotent credit and its replay, a debit, the ledger paged, tenancy', async () => {
  const { customer_id } = await newCustomer(businessA);
  const wallets = businessA.customers.wallets;

  const fresh = await wallets.list(customer_id);
  assert.deepEqual(fresh.items.map((w) => [w.currency, w.balance]), [['USD', 0], ['INR', 0]]);
  assert.equal(fresh.total_balance_usd, 0);

  const idempotencyKey = unique('credit-');
  const credit = { amount: 1_500, currency: 'USD', entry_type: 'credit', reason: 'welcome', idempotency_key: idempotencyKey };
  const credited = await wallets.ledgerEntries.create(customer_id, credit);
  assert.equal(credited.balance, 1_500);
  assert.equal(credited.customer_id, customer_id);
  const debited = await wallets.ledgerEntries.create(customer_id, { amount: 400, currency: 'USD', entry_type: 'debit' });
  assert.equal(debited.balance, 1_100);
  // The same key and parameters answer what the first request answered and write nothing.
  assert.deepEqual(await wallets.ledgerEntries.create(customer_id, credit), credited);
  await assert.rejects(
    wallets.ledgerEntries.create(customer_id, { ...credit, amount: 1_501 }),
    (err) => err instanceof DodoPayments.ConflictError && err.error.code === 'IDEMPOTENCY_KEY_REUSED',
  );
  await assert.rejects(
    wallets.ledgerEntries.create(customer_id, { amount: 5_000, currency: 'USD', entry_type: 'debit' }),
    (err) => err instanceof DodoPayments.BadRequestError && err.error.code === 'INSUFFICIENT_WALLET_FUNDS',
  );
  await wallets.ledgerEntries.create(customer_id, { amount: 250, currency: 'INR', entry_type: 'credit' });

  const usd = (await wallets.list(customer_id)).items.find((w) => w.currency === 'USD');
  assert.equal(usd.balance, 1_100);

  const walked = await walkPages((q) => wallets.ledgerEntries.list(customer_id, q), { currency: 'USD' }, 1);
  assert.deepEqual(
    walked.map((e) => [e.is_credit, e.amount, e.before_balance, e.after_balance, e.reason ?? null]),
    [[false, 400, 1_500, 1_100, null], [true, 1_500, 0, 1_500, 'welcome']],
  );
  for (const entry of walked) {
    assert.equal(entry.customer_id, customer_id);
    assert.equal(entry.event_type, 'merchant_adjustment');
  }
  const everyCurrency = await wallets.ledgerEntries.list(customer_id, { page_size: 10, page_number: 0 });
  assert.deepEqual(everyCurrency.items.map((e) => e.currency).sort(), ['INR', 'USD', 'USD']);

  await assert.rejects(businessB.customers.wallets.list(customer_id), DodoPayments.NotFoundError);
  await assert.rejects(
    businessB.customers.wallets.ledgerEntries.create(customer_id, { amount: 1, currency: 'USD', entry_type: 'credit' }),
    DodoPayments.NotFoundError,
  );
  await assert.rejects(businessB.customers.wallets.ledgerEntries.list(customer_id), DodoPayments.NotFoundError);
});
