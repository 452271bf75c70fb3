import assert from 'node:assert/strict';
import { test } from 'node:test';
import DodoPayments from 'dodopayments';
import { baseURL, businessA, businessB, newCustomer } from './support.mjs';

test('portal: a minted link opens the customer\'s own portal once, tenancy', async () => {
  const customer = await newCustomer(businessA, { name: 'Grace Hopper' });
  const portal = businessA.customers.customerPortal;

  const { link } = await portal.create(customer.customer_id, { return_url: 'https://shop.example.com/account' });
  assert.ok(link.startsWith(`${baseURL}/portal/session/cpl_`), link);

  // Opening the link shows a page with a Continue button; fetching it (as a mail scanner
  // does) does not use the link up. Continue posts to the same URL.
  for (const visit of [1, 2]) {
    const landing = await fetch(link, { redirect: 'manual' });
    assert.equal(landing.status, 200, `visit ${visit}`);
    assert.equal(landing.headers.get('set-cookie'), null);
    assert.match(await landing.text(), /<form method="post">/);
  }
  const opened = await fetch(link, { method: 'POST', redirect: 'manual', headers: { origin: baseURL } });
  assert.equal(opened.status, 303);
  assert.equal(opened.headers.get('location'), `${baseURL}/portal`);
  const session = opened.headers.get('set-cookie').split(';')[0];
  assert.match(session, /^portal_session=cps_/);

  const page = await fetch(`${baseURL}/portal`, { headers: { cookie: session } });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  const html = await page.text();
  assert.ok(html.includes('https://shop.example.com/account'), 'the page links back to the shop');
  const profile = await fetch(`${baseURL}/portal/api/profile`, { headers: { cookie: session } });
  assert.equal(profile.status, 200);
  assert.deepEqual(await profile.json(), { name: 'Grace Hopper', email: customer.email, phone_number: null });

  assert.equal((await fetch(link, { redirect: 'manual' })).status, 410, 'a link opens once');
  assert.equal((await fetch(link, { method: 'POST', redirect: 'manual' })).status, 410, 'and starts one session');
  assert.equal((await fetch(`${baseURL}/portal`)).status, 401, 'no page without the session');

  await assert.rejects(
    portal.create(customer.customer_id, { return_url: 'http://shop.example.com' }),
    (err) => err instanceof DodoPayments.BadRequestError && err.error.code === 'INVALID_QUERY_PARAMS',
  );
  await assert.rejects(businessB.customers.customerPortal.create(customer.customer_id), DodoPayments.NotFoundError);
});
