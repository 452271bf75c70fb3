"""The portal's billing history and its documents, and links that survive mail scanners.

Payments arrive as signed `payment.*` events (support.billing_events), refunds through the
official SDK or as `refund.succeeded` events; the customer sees them through a portal
session only. Invoices and credit notes are read back with `pdftotext` (poppler-utils,
infra/ensure-poppler.sh). The browser tests use Debian's Chromium as
tests/test_portal_browser.py does; screenshots go to tests/artifacts/portal/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import timedelta
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any, Callable, Iterator

import dodopayments
import httpx
import pytest
from playwright.sync_api import Browser, expect

from support.api import assert_error, describe, new_customer, sdk_client, unique
from support.billing_events import EventSender, now, payment_data, refund_data, rfc3339
from support.portal import (
    PortalSession,
    PortalTable,
    continue_link,
    open_in_browser,
    open_session,
    token_of,
)
from support.stack import counted_local_server
from test_portal_browser import browser, screenshot  # noqa: F401 (the browser fixture)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (infra/ensure-poppler.sh)")

# Intl separates thousands with a narrow no-break space in French, a no-break space elsewhere.
SPACE = "[\u202f\u00a0 ]"


class Merchant:
    """A business of its own: its SDK client and an ingest endpoint for its payment events."""

    def __init__(self, key: str, client: dodopayments.DodoPayments, sender: EventSender) -> None:
        self.key = key
        self.client = client
        self.sender = sender

    def pay(self, customer: Any, *, minutes_ago: int, **overrides: Any) -> dict[str, Any]:
        """A payment `minutes_ago`, as a signed event (`payment.succeeded` unless its
        status says otherwise)."""
        created = rfc3339(now() - timedelta(minutes=minutes_ago))
        data = payment_data(customer, created_at=created, updated_at=created, **overrides)
        event = "payment.succeeded" if data["status"] == "succeeded" else "payment.failed"
        resp = self.sender.send(event, data)
        assert resp.status_code in (200, 202, 204), describe(resp)
        return data


def lines(*named: tuple[str, int, int]) -> dict[str, Any]:
    """`payment_data` overrides for line items (name, amount with tax, tax), in USD."""
    items = [{"items_id": f"pdt_{unique()}", "name": name, "amount": amount, "tax": tax, "description": None}
             for name, amount, tax in named]
    total = sum(item["amount"] for item in items)
    return {
        "line_items": items,
        "product_cart": [{"product_id": item["items_id"], "quantity": 1} for item in items],
        "total_amount": total,
        "settlement_amount": total,
        "tax": sum(item["tax"] for item in items),
    }


@pytest.fixture(scope="module")
def merchant(mint_api_key: Callable[..., Any], make_client: Callable[..., Any], base_url: str) -> Iterator[Merchant]:
    key = mint_api_key(f"Billing Portal {unique()}").key
    sender = EventSender(base_url, key)
    yield Merchant(key, make_client(key), sender)
    sender.http.close()


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """Keeps no cookies: every request names the session it uses."""
    with httpx.Client(timeout=30.0, cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))) as client:
        yield client


@pytest.fixture(scope="module")
def history(merchant: Merchant) -> dict[str, Any]:
    """One customer's billing: a paid plan refunded in part through the SDK, a failed
    payment, and a payment refunded in full by the engine (`refund.succeeded`); and a
    second customer of the same business with a payment and a refund of their own."""
    customer = new_customer(merchant.client, name="Ada Billing")
    paid = merchant.pay(customer, minutes_ago=30, **lines(("Pro plan", 1_080, 80), ("Extra storage", 500, 0)))
    partial = merchant.client.refunds.create(
        payment_id=paid["payment_id"],
        items=[{"item_id": paid["line_items"][0]["items_id"], "amount": 540}],
        reason="Downgraded",
        extra_body={"destination": "wallet"},
    )
    assert partial.status == "succeeded"
    failed = merchant.pay(customer, minutes_ago=20, status="failed", **lines(("Team plan", 5_000, 0)))
    refunded = merchant.pay(customer, minutes_ago=10, **lines(("Course", 123_456, 0)))
    full = refund_data(refunded, created_at=rfc3339(now() - timedelta(minutes=5)))
    resp = merchant.sender.send("refund.succeeded", full)
    assert resp.status_code in (200, 202, 204), describe(resp)

    other = new_customer(merchant.client, name="Other Billing")
    others_payment = merchant.pay(other, minutes_ago=15, **lines(("Other plan", 2_000, 0)))
    others_refund = merchant.client.refunds.create(payment_id=others_payment["payment_id"], extra_body={"destination": "wallet"})
    return {
        "customer": customer,
        "paid": paid,
        "partial": partial.refund_id,
        "failed": failed,
        "refunded": refunded,
        "full": full["refund_id"],
        "other": other,
        "others_payment": others_payment["payment_id"],
        "others_refund": others_refund.refund_id,
    }


def session_of(merchant: Merchant, http: httpx.Client, base_url: str, customer: Any) -> PortalSession:
    return open_session(http, base_url, merchant.client.customers.customer_portal.create(customer.customer_id).link)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(source), "-"], check=True, capture_output=True, timeout=60)
    return " ".join(out.stdout.decode("utf-8").split())


# --- links that survive mail scanners ----------------------------------------------------


def test_fetching_a_link_does_not_use_it_and_continue_does(merchant: Merchant, base_url: str, http: httpx.Client, table: PortalTable) -> None:
    customer = new_customer(merchant.client)
    link = merchant.client.customers.customer_portal.create(customer.customer_id).link
    for _ in range(3):  # a scanner, a preview, the customer's first look
        page = http.get(link, follow_redirects=False)
        assert page.status_code == 200, describe(page)
        assert "set-cookie" not in page.headers
        assert 'form method="post"' in page.text and "Continue" in page.text
        assert customer.name not in page.text and customer.email not in page.text
        assert page.headers["cache-control"] == "no-store"
    assert table.item(PortalTable.link_key(token_of(link)))["used"] is False

    # Another site cannot post the form for the visitor.
    for headers in ({"origin": "https://evil.example"}, {"origin": "null", "sec-fetch-site": "cross-site"}):
        refused = continue_link(http, base_url, link, **headers)
        assert refused.status_code == 403, describe(refused)
        assert "set-cookie" not in refused.headers
    assert table.item(PortalTable.link_key(token_of(link)))["used"] is False

    started = continue_link(http, base_url, link, origin="null", **{"sec-fetch-site": "same-origin"})
    assert started.status_code == 303, describe(started)
    assert started.headers["location"] == f"{base_url}/portal"
    assert started.headers["set-cookie"].startswith("portal_session=cps_")
    assert table.item(PortalTable.link_key(token_of(link)))["used"] is True
    for method in ("GET", "POST"):
        again = http.request(method, link, follow_redirects=False)
        assert again.status_code == 410 and "set-cookie" not in again.headers, describe(again)


def test_the_continue_page_speaks_the_browsers_language(merchant: Merchant, http: httpx.Client) -> None:
    link = merchant.client.customers.customer_portal.create(new_customer(merchant.client).customer_id).link
    page = http.get(link, headers={"accept-language": "de-DE,de;q=0.9"})
    assert page.status_code == 200 and '<html lang="de">' in page.text and "Weiter" in page.text


# --- the history -------------------------------------------------------------------------


def test_the_history_lists_payments_newest_first_with_their_refunds(merchant: Merchant, history: dict[str, Any], base_url: str, http: httpx.Client) -> None:
    session = session_of(merchant, http, base_url, history["customer"])
    resp = session.api("GET", "/billing")
    assert resp.status_code == 200, describe(resp)
    assert resp.headers["cache-control"] == "no-store"
    items = resp.json()["items"]
    assert [p["payment_id"] for p in items] == [history["refunded"]["payment_id"], history["failed"]["payment_id"], history["paid"]["payment_id"]]
    refunded, failed, paid = items
    assert refunded["state"] == "refunded" and refunded["total_amount"] == 123_456 and refunded["products"] == ["Course"]
    assert [r["refund_id"] for r in refunded["refunds"]] == [history["full"]]
    assert refunded["refunds"][0] | {"created_at": None} == {
        "refund_id": history["full"], "created_at": None, "amount": 123_456, "status": "succeeded", "reason": None, "has_credit_note": True,
    }
    assert failed["state"] == "failed" and failed["has_invoice"] is False and failed["refunds"] == []
    assert paid["state"] == "partially_refunded" and paid["has_invoice"] is True
    assert paid["products"] == ["Pro plan", "Extra storage"]
    assert (paid["currency"], paid["exponent"], paid["total_amount"]) == ("USD", 2, 1_580)
    assert (paid["payment_method"], paid["card_network"], paid["card_last_four"]) == ("card", "visa", "4242")
    assert [(r["refund_id"], r["amount"], r["reason"]) for r in paid["refunds"]] == [(history["partial"], 540, "Downgraded")]
    assert resp.json()["has_more"] is False

    first = session.api("GET", "/billing", params={"page_number": 0, "page_size": 2}).json()
    second = session.api("GET", "/billing", params={"page_number": 1, "page_size": 2}).json()
    assert first["has_more"] is True and second["has_more"] is False
    assert [p["payment_id"] for p in first["items"] + second["items"]] == [p["payment_id"] for p in items]
    assert session.api("GET", "/billing", params={"page_size": 0}).status_code == 400


def test_invoices_and_credit_notes_download_through_the_session(merchant: Merchant, history: dict[str, Any], base_url: str, http: httpx.Client, tmp_path: Path) -> None:
    session = session_of(merchant, http, base_url, history["customer"])
    paid = history["paid"]["payment_id"]
    invoice = session.api("GET", f"/invoices/payments/{paid}")
    assert invoice.status_code == 200, describe(invoice)
    assert invoice.headers["content-type"] == "application/pdf" and invoice.content.startswith(b"%PDF-")
    assert invoice.headers["cache-control"] == "no-store"
    text = pdf_text(invoice.content, tmp_path)
    assert f"Payment ID {paid}" in text and "Pro plan" in text and "Ada Billing" in text
    assert invoice.content == merchant.client.invoices.payments.retrieve(paid).read(), "the merchant's invoice, byte for byte"

    note = session.api("GET", f"/invoices/refunds/{history['partial']}")
    assert note.status_code == 200 and note.content.startswith(b"%PDF-"), describe(note)
    text = pdf_text(note.content, tmp_path)
    assert "Credit note" in text and f"CN-{history['partial']}" in text and f"Payment ID {paid}" in text
    engine_note = session.api("GET", f"/invoices/refunds/{history['full']}")
    assert engine_note.status_code == 200 and f"CN-{history['full']}" in pdf_text(engine_note.content, tmp_path)

    failed = session.api("GET", f"/invoices/payments/{history['failed']['payment_id']}")
    assert_error(failed, 409, "INVOICE_NOT_AVAILABLE")


def test_another_customers_payments_and_refunds_are_404(
    merchant: Merchant, history: dict[str, Any], base_url: str, http: httpx.Client,
    client: dodopayments.DodoPayments, api_key_a: str,
) -> None:
    session = session_of(merchant, http, base_url, history["customer"])
    other_business_customer = new_customer(client)
    elsewhere = EventSender(base_url, api_key_a)
    foreign = payment_data(other_business_customer)
    assert elsewhere.send("payment.succeeded", foreign).status_code in (200, 202, 204)
    for path in (
        f"/invoices/payments/{history['others_payment']}",
        f"/invoices/refunds/{history['others_refund']}",
        f"/invoices/payments/{foreign['payment_id']}",
        "/invoices/payments/pay_unknown000000000000",
        "/invoices/refunds/ref_unknown000000000000",
        "/invoices/payments/not-an-id",
        "/invoices/refunds/%2e%2e",
    ):
        assert_error(session.api("GET", path), 404, "NOT_FOUND")
    listed = {p["payment_id"] for p in session.api("GET", "/billing").json()["items"]}
    assert history["others_payment"] not in listed and foreign["payment_id"] not in listed

    theirs = session_of(merchant, http, base_url, history["other"])
    their_items = theirs.api("GET", "/billing").json()["items"]
    assert [p["payment_id"] for p in their_items] == [history["others_payment"]]
    for path in (f"/invoices/payments/{history['paid']['payment_id']}", f"/invoices/refunds/{history['partial']}"):
        assert_error(theirs.api("GET", path), 404, "NOT_FOUND")

    # No session, or a merchant key instead of one: nothing.
    for path in ("/billing", f"/invoices/payments/{history['paid']['payment_id']}", f"/invoices/refunds/{history['partial']}"):
        assert http.get(f"{base_url}/portal/api{path}").status_code == 401
        keyed = http.get(f"{base_url}/portal/api{path}", headers={"authorization": f"Bearer {merchant.key}"})
        assert keyed.status_code == 401


# --- DynamoDB requests on the wire -------------------------------------------------------


@pytest.fixture(scope="module")
def proxied(stack: Any) -> Iterator[tuple[str, httpx.Client]]:
    with counted_local_server(stack, "local-server-portal-billing") as server:
        yield server


def test_dynamodb_requests_per_section_load_counted_on_the_wire(merchant: Merchant, history: dict[str, Any], proxied: Any, http: httpx.Client) -> None:
    """docs/benchmarks.md, "Portal billing": the history is the session's GetItem and one
    Query (the payment items carry their refunds); an invoice is the session, the payment
    and the business's name; a credit note adds the refund."""
    url, proxy = proxied
    proxied_client = sdk_client(url, merchant.key)
    link = proxied_client.customers.customer_portal.create(history["customer"].customer_id).link
    session = open_session(http, url, link)

    def count(path: str) -> dict[str, int]:
        proxy.post("/__proxy__/reset").raise_for_status()
        resp = session.api("GET", path)
        assert resp.status_code == 200, describe(resp)
        return proxy.get("/__proxy__/stats").json()["requests"]

    costs = {
        "billing history": count("/billing"),
        "invoice": count(f"/invoices/payments/{history['paid']['payment_id']}"),
        "credit note": count(f"/invoices/refunds/{history['partial']}"),
    }
    print(f"requests per portal billing load: {costs}")
    assert costs["billing history"] == {"GetItem": 1, "Query": 1}, costs
    assert costs["invoice"] == {"GetItem": 3}, costs
    assert costs["credit note"] == {"GetItem": 4}, costs
    proxied_client.close()


# --- in the browser ----------------------------------------------------------------------


def test_the_billing_section_in_the_browser(merchant: Merchant, history: dict[str, Any], browser: Browser, http: httpx.Client, tmp_path: Path) -> None:  # noqa: F811
    link = merchant.client.customers.customer_portal.create(history["customer"].customer_id).link
    assert http.get(link).status_code == 200, "a mail scanner fetches the link first"
    context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        open_in_browser(page, link)
        section = page.locator("#section-billing")
        expect(section.get_by_role("heading", name="Billing history")).to_be_visible()
        payments = section.locator("tbody tr[data-payment]")
        expect(payments).to_have_count(3)
        expect(payments.nth(0)).to_contain_text("$1,234.56")
        expect(payments.nth(0)).to_contain_text("Refunded")
        expect(payments.nth(1)).to_contain_text("Failed")
        expect(payments.nth(1).get_by_role("link")).to_have_count(0)
        expect(payments.nth(2)).to_contain_text("Pro plan, Extra storage")
        expect(payments.nth(2)).to_contain_text("$15.80")
        expect(payments.nth(2)).to_contain_text("Partially refunded")
        expect(payments.nth(2)).to_contain_text("Visa ending 4242")
        expect(section.locator(f'tr[data-refund="{history["partial"]}"]')).to_contain_text("$5.40")

        invoice_link = payments.nth(2).get_by_role("link", name="Download invoice")
        invoice_link.focus()
        expect(invoice_link).to_be_focused()
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF-")
        assert history["paid"]["payment_id"] in pdf_text(pdf, tmp_path)
        with page.expect_download() as download:
            section.locator(f'tr[data-refund="{history["partial"]}"]').get_by_role("link", name="Download credit note").click()
        assert f"CN-{history['partial']}" in pdf_text(Path(download.value.path()).read_bytes(), tmp_path)
        screenshot(page, "billing-en")

        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(100)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "billing-en-390")
    finally:
        context.close()


def test_the_billing_section_speaks_the_customers_language(merchant: Merchant, browser: Browser) -> None:  # noqa: F811
    customer = new_customer(merchant.client, name="Camille Facture", preferred_locale="fr")
    merchant.pay(customer, minutes_ago=3, **lines(("Abonnement annuel", 123_456, 0)))
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        open_in_browser(page, merchant.client.customers.customer_portal.create(customer.customer_id).link)
        section = page.locator("#section-billing")
        expect(section.get_by_role("heading", name="Historique de facturation")).to_be_visible()
        row = section.locator("tbody tr[data-payment]").first
        expect(row).to_contain_text("Abonnement annuel")
        expect(row).to_contain_text("Payé")
        french_date = re.compile(r"^\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}$")
        expect(row.locator("td.date")).to_have_text(french_date)
        expect(row.locator("td.number")).to_have_text(re.compile(rf"^1{SPACE}234,56{SPACE}\$US$"))
        expect(row.get_by_role("link", name="Télécharger la facture")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "billing-fr-390")
    finally:
        context.close()
