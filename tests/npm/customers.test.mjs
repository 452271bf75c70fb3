import assert from 'node:assert/strict';
import { test } from 'node:test';
import DodoPayments from 'dodopayments';
import { businessA, businessB, newCustomer, unique, walkPages } from './support.mjs';

test('customers: create, retrieve, update, filtered pages walked to the empty one, tenancy', async () => {
  const tag = unique('npm');
  const created = await newCustomer(businessA, {
    name: `Ada ${tag}`,
    phone_number: '+14155550123',
    metadata: { plan: 'gold', seats: 3 },
  });
  assert.match(created.customer_id, /^cus_/);
  assert.equal(created.name, `Ada ${tag}`);
  assert.equal(created.phone_number, '+14155550123');
  assert.deepEqual(created.metadata, { plan: 'gold', seats: 3 });
  assert.ok(!Number.isNaN(Date.parse(created.created_at)), created.created_at);

  assert.deepEqual(await businessA.customers.retrieve(created.customer_id), created);

  const updated = await businessA.customers.update(created.customer_id, {
    name: `Ada Lovelace ${tag}`,
    phone_number: null,
    metadata: { plan: 'platinum' },
  });
  assert.equal(updated.name, `Ada Lovelace ${tag}`);
  assert.equal(updated.phone_number, null);
  assert.deepEqual(updated.metadata, { plan: 'platinum' });
  assert.equal(updated.email, created.email);
  assert.deepEqual(await businessA.customers.retrieve(created.customer_id), updated);

  const others = [];
  for (let i = 0; i < 4; i++) others.push(await newCustomer(businessA, { name: `Other ${tag} ${i}` }));
  const byEmail = await businessA.customers.list({ email: created.email.toUpperCase() });
  assert.deepEqual(byEmail.items.map((c) => c.customer_id), [created.customer_id]);

  // Newest first, two to a page, until the first empty page.
  const walked = await walkPages((q) => businessA.customers.list(q), { name: tag }, 2);
  const newestFirst = [...others.reverse(), created].map((c) => c.customer_id);
  assert.deepEqual(walked.map((c) => c.customer_id), newestFirst);

  await assert.rejects(businessB.customers.retrieve(created.customer_id), DodoPayments.NotFoundError);
  await assert.rejects(businessB.customers.update(created.customer_id, { name: 'Taken' }), (err) => {
    assert.ok(err instanceof DodoPayments.NotFoundError);
    assert.equal(err.error.code, 'NOT_FOUND');
    return true;
  });
  const seenByB = await businessB.customers.list({ name: tag });
  assert.deepEqual(seenByB.items, []);
  assert.equal((await businessA.customers.retrieve(created.customer_id)).name, `Ada Lovelace ${tag}`);
});
