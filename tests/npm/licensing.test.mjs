import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import DodoPayments from 'dodopayments';
import { baseURL, businessA, businessB, seed, walkPages } from './support.mjs';

// The merchant's shipped software: the licence calls take the key itself, no API key.
const software = new DodoPayments({ bearerToken: 'not-an-api-key', baseURL, maxRetries: 0 });

test('license keys: a key a payment made and an imported one, listed, retrieved, updated, tenancy', async () => {
  const { customer_id, license_key_id } = seed;
  const keys = businessA.licenseKeys;

  const made = await keys.retrieve(license_key_id);
  assert.equal(made.customer_id, customer_id);
  assert.equal(made.source, 'auto');
  assert.equal(made.status, 'active');
  assert.equal(made.activations_limit, 2);
  assert.equal(made.instances_count, 0);

  const imported = await keys.create({ customer_id, product_id: 'pdt_npm', key: `LK-${randomUUID()}`, activations_limit: 5 });
  assert.equal(imported.source, 'import');
  assert.equal(imported.customer_id, customer_id);
  assert.deepEqual(await keys.retrieve(imported.id), imported);

  const walked = await walkPages((q) => keys.list(q), { customer_id }, 1);
  assert.deepEqual(walked.map((k) => k.id), [imported.id, made.id]);

  const expires_at = new Date(Date.now() + 86_400_000).toISOString();
  const updated = await keys.update(imported.id, { activations_limit: 1, expires_at });
  assert.equal(updated.activations_limit, 1);
  assert.equal(Date.parse(updated.expires_at), Date.parse(expires_at));
  const disabled = await keys.update(imported.id, { disabled: true });
  assert.equal(disabled.status, 'disabled');
  assert.deepEqual((await keys.list({ customer_id, status: 'disabled' })).items.map((k) => k.id), [imported.id]);

  await assert.rejects(businessB.licenseKeys.retrieve(made.id), DodoPayments.NotFoundError);
  await assert.rejects(businessB.licenseKeys.update(made.id, { disabled: true }), DodoPayments.NotFoundError);
  assert.deepEqual((await businessB.licenseKeys.list({ customer_id })).items, []);
});

test('licenses and license key instances: activate to the limit, list, rename, validate, deactivate', async () => {
  const { customer_id } = seed;
  const key = await businessA.licenseKeys.create({ customer_id, product_id: 'pdt_npm', key: `LK-${randomUUID()}`, activations_limit: 2 });
  const instances = businessA.licenseKeyInstances;

  const laptop = await software.licenses.activate({ license_key: key.key, name: 'laptop' });
  assert.equal(laptop.license_key_id, key.id);
  assert.equal(laptop.customer.customer_id, customer_id);
  assert.equal(laptop.product.product_id, 'pdt_npm');
  const desktop = await software.licenses.activate({ license_key: key.key, name: 'desktop' });
  await assert.rejects(software.licenses.activate({ license_key: key.key, name: 'third' }), DodoPayments.UnprocessableEntityError);

  const walked = await walkPages((q) => instances.list(q), { license_key_id: key.id }, 1);
  assert.deepEqual(walked.map((i) => i.id), [desktop.id, laptop.id]);
  const renamed = await instances.update(laptop.id, { name: 'work laptop' });
  assert.equal(renamed.name, 'work laptop');
  assert.deepEqual(await instances.retrieve(laptop.id), renamed);
  assert.equal((await businessA.licenseKeys.retrieve(key.id)).instances_count, 2);

  assert.deepEqual(await software.licenses.validate({ license_key: key.key, license_key_instance_id: laptop.id }), { valid: true });
  await software.licenses.deactivate({ license_key: key.key, license_key_instance_id: laptop.id });
  assert.deepEqual(await software.licenses.validate({ license_key: key.key, license_key_instance_id: laptop.id }), { valid: false });
  assert.deepEqual(await software.licenses.validate({ license_key: key.key }), { valid: true });
  await assert.rejects(
    software.licenses.deactivate({ license_key: key.key, license_key_instance_id: laptop.id }),
    DodoPayments.NotFoundError,
  );

  await assert.rejects(businessB.licenseKeyInstances.retrieve(desktop.id), DodoPayments.NotFoundError);
  await assert.rejects(businessB.licenseKeyInstances.update(desktop.id, { name: 'taken' }), DodoPayments.NotFoundError);
  assert.deepEqual((await businessB.licenseKeyInstances.list({ license_key_id: key.id })).items, []);
});
