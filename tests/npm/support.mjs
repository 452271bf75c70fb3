// What every scenario shares: clients of the official SDK for the two businesses the
// pytest wrapper (tests/test_npm_sdk.py) minted, and unique names.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import DodoPayments from 'dodopayments';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these through tests/test_npm_sdk.py, which starts the stack`);
  }
  return value;
}

export const baseURL = required('CUSTOMERS_BASE_URL');

// The SDK exactly as a merchant builds it, less retries: a retry would hide a 5xx or a 409.
function client(bearerToken) {
  return new DodoPayments({ bearerToken, baseURL, maxRetries: 0, timeout: 20_000 });
}

export const businessA = client(required('CUSTOMERS_API_KEY_A'));
export const businessB = client(required('CUSTOMERS_API_KEY_B'));

export function unique(prefix = 't') {
  return `${prefix}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export function newCustomer(client, fields = {}) {
  return client.customers.create({ name: `Npm ${unique()}`, email: `${unique('e')}@example.com`, ...fields });
}

// What tests/test_npm_sdk.py made for this scenario through signed inbound events.
export const seed = JSON.parse(process.env.CUSTOMERS_SEED || '{}');

// Every page of a list, from page 0 to the first empty one, checking each page's size.
export async function walkPages(list, params, pageSize) {
  const items = [];
  for (let page_number = 0; ; page_number++) {
    const page = await list({ ...params, page_size: pageSize, page_number });
    assert.ok(page.items.length <= pageSize, `page ${page_number}: ${page.items.length} items for page_size ${pageSize}`);
    if (page.items.length === 0) return items;
    items.push(...page.items);
  }
}
