import assert from 'node:assert/strict';
import { test } from 'node:test';
import DodoPayments from 'dodopayments';
import { businessA, businessB, seed } from './support.mjs';

async function pdfBytes(response) {
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  return Buffer.from(await response.arrayBuffer());
}

test('invoices: a payment\'s invoice downloads as a PDF, the same bytes every time, tenancy', async () => {
  const { payment_id } = seed;
  const invoices = businessA.invoices.payments;

  const pdf = await pdfBytes(await invoices.retrieve(payment_id));
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  assert.ok(pdf.length > 1_000, `${pdf.length} bytes`);
  assert.ok(pdf.equals(await pdfBytes(await invoices.retrieve(payment_id))), 'rendering is deterministic');

  await assert.rejects(businessB.invoices.payments.retrieve(payment_id), DodoPayments.NotFoundError);
  await assert.rejects(invoices.retrieve('pay_doesnotexist0000'), DodoPayments.NotFoundError);
});
