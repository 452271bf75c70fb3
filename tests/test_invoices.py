"""Invoice and credit-note PDFs (`GET /invoices/payments/{id}`, `GET /invoices/refunds/{id}`),
downloaded through the official SDK and raw HTTP, read back with poppler-utils
(infra/ensure-poppler.sh): `pdftotext` for the text, `pdftoppm` for a page image, which
is kept under tests/artifacts/invoices/ for review.

Payments reach the service as the payment engine's signed events (support.billing_events).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import timezone
from pathlib import Path
from typing import Any

import dodopayments
import httpx
import pytest

from support.api import RawApi, assert_error, describe, new_customer, sdk_client, unique
from support.billing_events import EventSender, payment_data, refund_data
from support.paths import ARTIFACTS
from support.stack import counted_local_server

PAGES = ARTIFACTS / "invoices"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils is missing: run infra/ensure-poppler.sh",
)


# --- fixtures ---------------------------------------------------------------------------


class Merchant:
    """A business of its own (its name is on every document), its SDK client, raw HTTP
    and an ingest endpoint to post its payments to."""

    def __init__(self, name: str, key: str, client: dodopayments.DodoPayments, raw: RawApi, sender: EventSender):
        self.name = name
        self.key = key
        self.client = client
        self.raw = raw
        self.sender = sender

    def pay(self, customer: Any, currency: str, lines: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
        """A succeeded payment of `lines` (`name`, `amount` with tax, `tax`, optional
        `description`, `quantity`), sent as a signed `payment.succeeded` event."""
        line_items = [
            {
                "items_id": line.get("items_id") or f"pdt_{unique()}",
                "amount": line["amount"],
                "tax": line["tax"],
                "name": line["name"],
                "description": line.get("description"),
            }
            for line in lines
        ]
        total = sum(line["amount"] for line in lines)
        data = payment_data(
            customer,
            currency=currency,
            total_amount=total,
            tax=sum(line["tax"] for line in lines),
            settlement_amount=total,
            settlement_currency=currency,
            product_cart=[
                {"product_id": item["items_id"], "quantity": line.get("quantity", 1)}
                for item, line in zip(line_items, lines)
            ],
            line_items=line_items,
            **overrides,
        )
        event = "payment.succeeded" if data["status"] == "succeeded" else "payment.failed"
        resp = self.sender.send(event, data)
        assert resp.status_code in (200, 202, 204), describe(resp)
        return data


@pytest.fixture(scope="module")
def merchant(mint_api_key: Callable[..., Any], make_client: Callable[..., Any], base_url: str) -> Iterator[Merchant]:
    name = f"Atelier Lumière {unique()}"
    key = mint_api_key(name).key
    raw = RawApi(base_url, key)
    sender = EventSender(base_url, key)
    yield Merchant(name, key, make_client(key), raw, sender)
    raw.close()
    sender.http.close()


@pytest.fixture(scope="module")
def other_merchant(mint_api_key: Callable[..., Any], make_client: Callable[..., Any], base_url: str) -> Iterator[Merchant]:
    name = f"Other Business {unique()}"
    key = mint_api_key(name).key
    raw = RawApi(base_url, key)
    yield Merchant(name, key, make_client(key), raw, EventSender(base_url, key))
    raw.close()


# --- reading PDFs -----------------------------------------------------------------------


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as pdftotext extracts it (layout kept, so a row reads as a line)."""
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(source), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return out.stdout.decode("utf-8")


def words(text: str) -> str:
    """Runs of spaces as one, so a check does not depend on column widths."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def page_image(pdf: bytes, name: str, tmp_path: Path) -> tuple[int, int, bytes]:
    """Page 1 rendered: a PNG kept under tests/artifacts/invoices/, and the grey pixels
    (width, height, one byte each) of the same page for checks."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    PAGES.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(source), str(PAGES / name)],
        check=True,
        timeout=60,
    )
    grey = subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(source)],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    # PGM (P5): "P5\nW H\n255\n" then one byte per pixel.
    magic, size, depth, pixels = grey.split(b"\n", 3)
    assert magic == b"P5" and depth == b"255", grey[:20]
    width, height = (int(v) for v in size.split())
    assert len(pixels) == width * height
    return width, height, pixels


def assert_page_drawn(pdf: bytes, name: str, tmp_path: Path) -> None:
    """Page 1 has ink in its header (business, title) and in its body (table, totals)."""
    width, height, pixels = page_image(pdf, name, tmp_path)
    assert (PAGES / f"{name}.png").stat().st_size > 0

    def ink(top: float, bottom: float) -> float:
        rows = pixels[int(top * height) * width : int(bottom * height) * width]
        return sum(1 for p in rows if p < 160) / max(len(rows), 1)

    assert ink(0.0, 0.15) > 0.005, "the header is blank"
    assert ink(0.2, 0.5) > 0.005, "the table is blank"
    assert ink(0.0, 1.0) < 0.3, "the page is mostly dark"


def download_invoice(merchant: Merchant, payment_id: str) -> bytes:
    """The invoice through the SDK, checked against the same download over raw HTTP."""
    pdf = merchant.client.invoices.payments.retrieve(payment_id).read()
    resp = merchant.raw.get(f"/invoices/payments/{payment_id}", headers={"accept": "application/pdf"})
    assert resp.status_code == 200, describe(resp)
    assert resp.headers["content-type"] == "application/pdf"
    assert resp.headers["etag"].startswith('"')
    assert resp.content == pdf, "the same payment must give the same bytes"
    assert pdf.startswith(b"%PDF-"), pdf[:40]
    return pdf


# --- invoices ---------------------------------------------------------------------------


def test_a_usd_invoice_reads_back_with_a_cyrillic_name(merchant: Merchant, tmp_path: Path) -> None:
    name = "Анна Иванова"
    customer = new_customer(merchant.client, name=name)
    payment = merchant.pay(
        customer,
        "USD",
        [
            {"name": "Pro plan", "description": "Monthly seat, analytics workspace", "amount": 133_326, "tax": 9_876, "quantity": 3},
            {"name": "Onboarding call", "amount": 5_000, "tax": 0},
        ],
        created_at="2026-03-15T10:20:30.000Z",
    )
    pdf = download_invoice(merchant, payment["payment_id"])
    text = words(pdf_text(pdf, tmp_path))

    assert merchant.name in text
    assert "Invoice" in text
    assert f"INV-{payment['payment_id']}" in text
    assert name in text and customer.email in text
    assert "Date issued 2026-03-15" in text
    assert f"Payment ID {payment['payment_id']}" in text
    assert "Payment method Card · Visa ending 4242" in text
    assert "Pro plan 3 $98.76 $1,234.50" in text
    assert "Monthly seat, analytics workspace" in text
    assert "Onboarding call 1 $0.00 $50.00" in text
    assert "Subtotal $1,284.50" in text
    assert "Tax $98.76" in text
    assert "Total paid $1,383.26" in text
    assert "1 Market St" in text and "US" in text
    assert_page_drawn(pdf, "invoice-usd", tmp_path)


def test_an_inr_invoice_groups_lakhs_with_two_decimals(merchant: Merchant, tmp_path: Path) -> None:
    name = "Łukasz Dvořák-Ñúñez"
    customer = new_customer(merchant.client, name=name)
    payment = merchant.pay(
        customer, "INR", [{"name": "Annual licence", "amount": 145_678_901, "tax": 22_222_206}]
    )
    text = words(pdf_text(download_invoice(merchant, payment["payment_id"]), tmp_path))
    assert name in text
    assert "Annual licence 1 ₹2,22,222.06 ₹12,34,566.95" in text
    assert "Tax ₹2,22,222.06" in text
    assert "Total paid ₹14,56,789.01" in text
    assert "Currency INR" in text


def test_a_jpy_invoice_has_no_minor_digits(merchant: Merchant, tmp_path: Path) -> None:
    name = "Αλέξης Παπαδόπουλος"
    customer = new_customer(merchant.client, name=name)
    payment = merchant.pay(customer, "JPY", [{"name": "Starter pack", "amount": 1_358, "tax": 123}])
    pdf = download_invoice(merchant, payment["payment_id"])
    text = words(pdf_text(pdf, tmp_path))
    assert name in text
    assert "Starter pack 1 ¥123 ¥1,235" in text
    assert "Total paid ¥1,358" in text
    assert "¥1,358.00" not in text and "¥13.58" not in text
    assert_page_drawn(pdf, "invoice-jpy", tmp_path)


def test_fifty_lines_flow_onto_more_pages(merchant: Merchant, tmp_path: Path) -> None:
    """Billing's most line items: every line is on some page, each page says which it is."""
    customer = new_customer(merchant.client)
    lines = [
        {"name": f"Usage block {i:02d}", "description": "Metered seats, overage included", "amount": 1_080, "tax": 80}
        for i in range(1, 51)
    ]
    payment = merchant.pay(customer, "USD", lines)
    pdf = download_invoice(merchant, payment["payment_id"])
    text = words(pdf_text(pdf, tmp_path))
    pages = text.count("Page ")
    assert pages >= 2, text
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
    for i in range(1, 51):
        assert f"Usage block {i:02d} 1 $0.80 $10.00" in text
    assert "Total paid $540.00" in text


def test_a_name_outside_the_font_still_extracts(merchant: Merchant, tmp_path: Path) -> None:
    """The font subset has no CJK: such a name is drawn as U+FFFD but its text is kept
    (`/ActualText`), so it still reads back and searches."""
    name = "山田 太郎"
    customer = new_customer(merchant.client, name=name)
    payment = merchant.pay(customer, "USD", [{"name": "Plan", "amount": 1_080, "tax": 80}])
    text = words(pdf_text(download_invoice(merchant, payment["payment_id"]), tmp_path))
    assert name in text


def test_the_same_payment_gives_the_same_bytes(merchant: Merchant) -> None:
    customer = new_customer(merchant.client, name="Zoë Œuvre")
    payment = merchant.pay(customer, "USD", [{"name": "Plan", "amount": 1_080, "tax": 80}])
    first = merchant.raw.get(f"/invoices/payments/{payment['payment_id']}")
    second = merchant.raw.get(f"/invoices/payments/{payment['payment_id']}")
    assert first.status_code == second.status_code == 200, describe(first)
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    assert payment["payment_id"] in first.headers["content-disposition"]


def test_a_payment_that_did_not_succeed_has_no_invoice(merchant: Merchant) -> None:
    customer = new_customer(merchant.client)
    payment = merchant.pay(customer, "USD", [{"name": "Plan", "amount": 1_080, "tax": 80}], status="failed")
    resp = merchant.raw.get(f"/invoices/payments/{payment['payment_id']}")
    body = assert_error(resp, 409, "INVOICE_NOT_AVAILABLE")
    assert "succeeded" in body["message"]
    assert resp.headers.get("x-should-retry") == "false"


# --- credit notes -----------------------------------------------------------------------


def test_a_refund_to_the_wallet_has_a_credit_note(merchant: Merchant, tmp_path: Path) -> None:
    name = "Мария Петрова"
    customer = new_customer(merchant.client, name=name)
    payment = merchant.pay(
        customer,
        "USD",
        [
            {"items_id": "pdt_plan", "name": "Pro plan", "amount": 1_080, "tax": 80},
            {"items_id": "pdt_extra", "name": "Extra storage", "amount": 500, "tax": 0},
        ],
    )
    refund = merchant.client.refunds.create(
        payment_id=payment["payment_id"],
        items=[{"item_id": "pdt_plan", "amount": 540}],
        reason="Customer downgraded",
        extra_body={"destination": "wallet"},
    )
    assert refund.status == "succeeded"

    pdf = merchant.client.invoices.payments.retrieve_refund(refund.refund_id).read()
    assert pdf.startswith(b"%PDF-")
    resp = merchant.raw.get(f"/invoices/refunds/{refund.refund_id}")
    assert resp.status_code == 200 and resp.content == pdf, describe(resp)
    text = words(pdf_text(pdf, tmp_path))

    assert merchant.name in text
    assert "Credit note" in text
    assert f"CN-{refund.refund_id}" in text
    assert name in text and customer.email in text
    assert f"Refund ID {refund.refund_id}" in text
    assert f"Payment ID {payment['payment_id']}" in text
    assert f"Original invoice INV-{payment['payment_id']}" in text
    assert "Refunded to Customer wallet (store credit)" in text
    assert "Reason Customer downgraded" in text
    assert f"Date issued {refund.created_at.astimezone(timezone.utc).date().isoformat()}" in text
    # 5.40 of a 10.80 line whose tax is 0.80: half the tax, 0.40.
    assert "Pro plan $0.40 $5.00" in text
    assert "Extra storage" not in text
    assert "Total refunded $5.40" in text
    assert (
        f"This credit note refunds $5.40 of invoice INV-{payment['payment_id']} "
        f"of {payment['created_at'][:10]} ($15.80 paid)."
    ) in text
    assert_page_drawn(pdf, "credit-note-usd", tmp_path)


def test_a_refund_reported_by_the_engine_has_a_credit_note(merchant: Merchant, tmp_path: Path) -> None:
    """A refund made at the payment engine arrives as a `refund.succeeded` event, without
    its lines: the credit note refunds the payment as one line, with its share of the tax."""
    customer = new_customer(merchant.client, name="Ирина Соколова")
    payment = merchant.pay(customer, "INR", [{"name": "Course", "amount": 118_000, "tax": 18_000}])
    refund = refund_data(payment, amount=59_000, is_partial=True)
    resp = merchant.sender.send("refund.succeeded", refund)
    assert resp.status_code in (200, 202, 204), describe(resp)
    pdf = merchant.client.invoices.payments.retrieve_refund(refund["refund_id"]).read()
    text = words(pdf_text(pdf, tmp_path))
    assert "Ирина Соколова" in text
    assert f"CN-{refund['refund_id']}" in text
    assert f"Refund of payment {payment['payment_id']} ₹90.00 ₹500.00" in text
    assert "Total refunded ₹590.00" in text
    assert "(₹1,180.00 paid)" in text


def test_a_pending_refund_has_no_credit_note_yet(merchant: Merchant) -> None:
    customer = new_customer(merchant.client)
    payment = merchant.pay(customer, "USD", [{"name": "Plan", "amount": 1_080, "tax": 80}])
    refund = merchant.client.refunds.create(payment_id=payment["payment_id"])
    assert refund.status == "pending"
    assert_error(merchant.raw.get(f"/invoices/refunds/{refund.refund_id}"), 409, "CREDIT_NOTE_NOT_AVAILABLE")


# --- tenancy and errors -----------------------------------------------------------------


def test_another_business_gets_404(merchant: Merchant, other_merchant: Merchant) -> None:
    customer = new_customer(merchant.client)
    payment = merchant.pay(customer, "USD", [{"name": "Plan", "amount": 1_080, "tax": 80}])
    refund = merchant.client.refunds.create(
        payment_id=payment["payment_id"], extra_body={"destination": "wallet"}
    )
    assert_error(other_merchant.raw.get(f"/invoices/payments/{payment['payment_id']}"), 404, "NOT_FOUND")
    assert_error(other_merchant.raw.get(f"/invoices/refunds/{refund.refund_id}"), 404, "NOT_FOUND")
    with pytest.raises(dodopayments.NotFoundError):
        other_merchant.client.invoices.payments.retrieve(payment["payment_id"])
    # The owner still gets both.
    assert merchant.raw.get(f"/invoices/payments/{payment['payment_id']}").status_code == 200
    assert merchant.raw.get(f"/invoices/refunds/{refund.refund_id}").status_code == 200


def test_unknown_or_malformed_ids_are_404_and_no_key_is_401(merchant: Merchant) -> None:
    assert_error(merchant.raw.get("/invoices/payments/pay_doesnotexist0000"), 404, "NOT_FOUND")
    assert_error(merchant.raw.get("/invoices/payments/not-a-payment"), 404, "NOT_FOUND")
    assert_error(merchant.raw.get("/invoices/refunds/ref_doesnotexist0000"), 404, "NOT_FOUND")
    assert_error(merchant.raw.get("/invoices/payments/pay_doesnotexist0000", key=None), 401, "UNAUTHORIZED")


# --- DynamoDB requests on the wire ------------------------------------------------------


@pytest.fixture(scope="module")
def proxied(stack: Any) -> Iterator[tuple[str, httpx.Client]]:
    """A local server of its own behind the counting proxy; it starts knowing no key, as
    a cold function does."""
    with counted_local_server(stack, "local-server-invoices") as server:
        yield server


def test_dynamodb_requests_per_document_counted_on_the_wire(merchant: Merchant, proxied: Any) -> None:
    """docs/benchmarks.md, "Invoices": an invoice is one BatchGetItem, the key's proof
    riding in it on a process's first request; a credit note adds its payment's GetItem."""
    url, proxy = proxied
    customer = new_customer(merchant.client)
    payment = merchant.pay(customer, "USD", [{"name": "Plan", "amount": 1_080, "tax": 80}])
    refund = merchant.client.refunds.create(payment_id=payment["payment_id"], extra_body={"destination": "wallet"})
    sdk = sdk_client(url, merchant.key)

    def count(operation: Callable[[], Any]) -> dict[str, int]:
        proxy.post("/__proxy__/reset").raise_for_status()
        operation()
        return proxy.get("/__proxy__/stats").json()["requests"]

    costs = {
        "invoice, the key unknown": count(lambda: sdk.invoices.payments.retrieve(payment["payment_id"]).read()),
        "invoice": count(lambda: sdk.invoices.payments.retrieve(payment["payment_id"]).read()),
        "credit note": count(lambda: sdk.invoices.payments.retrieve_refund(refund.refund_id).read()),
    }
    print(f"requests per document: {costs}")
    assert costs["invoice, the key unknown"] == costs["invoice"] == {"BatchGetItem": 1}, costs
    assert costs["credit note"] == {"BatchGetItem": 1, "GetItem": 1}, costs
    sdk.close()
