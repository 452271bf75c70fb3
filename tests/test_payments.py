"""Payments through the official Python SDK (strict response validation): they arrive as
signed `payment.*` events (tests/support/billing_events.py) and read back through
`client.payments.retrieve / list / retrieve_line_items`, with every filter, paging to the
empty page, tenant isolation, and out-of-order events."""

from __future__ import annotations

from datetime import datetime, timedelta

import dodopayments
import pytest

from support.api import assert_error, assert_sdk_error, describe, new_customer
from support.billing_events import EventSender, dodo_id, now, payment_data, rfc3339

STATUS_EVENT = {
    "succeeded": "payment.succeeded",
    "failed": "payment.failed",
    "processing": "payment.processing",
    "cancelled": "payment.cancelled",
}


@pytest.fixture(scope="module")
def sender(base_url, api_key_a):
    return EventSender(base_url, api_key_a)


@pytest.fixture(scope="module")
def sender_b(base_url, api_key_b):
    return EventSender(base_url, api_key_b)


@pytest.fixture
def customer(client):
    return new_customer(client, "Payer")


def pay(sender: EventSender, customer, at: datetime | None = None, **overrides) -> dict:
    """A payment the engine announces (the event named by its status); returns its data."""
    data = payment_data(customer, **overrides)
    resp = sender.send(STATUS_EVENT[data["status"]], data, timestamp=at)
    assert resp.status_code in (200, 204), describe(resp)
    return data


def test_retrieve_answers_the_engine_payment_for_the_endpoint_owner(client, sender, customer):
    data = pay(sender, customer)
    payment = client.payments.retrieve(data["payment_id"])
    assert isinstance(payment, dodopayments.types.Payment)
    assert payment.payment_id == data["payment_id"]
    assert (payment.total_amount, payment.currency, payment.tax, payment.status) == (1080, "USD", 80, "succeeded")
    assert payment.customer.customer_id == customer.customer_id
    assert payment.customer.email == customer.email
    assert payment.business_id == customer.business_id, "the ingest endpoint's owner, never the envelope's claim"
    assert payment.business_id != data["business_id"]
    assert (payment.refunds, payment.refund_status) == ([], None)
    assert payment.created_at == datetime.fromisoformat(data["created_at"])
    assert (payment.card_last_four, payment.payment_method, payment.billing.country) == ("4242", "card", "US")


def test_line_items_default_to_the_one_product_or_follow_the_engine(client, sender, customer):
    one = pay(sender, customer)
    items = client.payments.retrieve_line_items(one["payment_id"])
    assert items.currency == "USD" and items.partial_refund_allowed
    assert [(i.items_id, i.amount, i.refundable_amount, i.tax) for i in items.items] == [("pdt_default", 1080, 1080, 80)]
    lines = [
        {"items_id": "pdt_a", "amount": 700, "tax": 50, "name": "Plan A", "description": "A year of A"},
        {"items_id": "pdt_b", "amount": 380, "tax": 30, "name": "Add-on B"},
    ]
    two = pay(sender, customer, line_items=lines, partial_refund_allowed=False)
    items = client.payments.retrieve_line_items(two["payment_id"])
    assert not items.partial_refund_allowed
    assert [(i.items_id, i.amount, i.refundable_amount, i.tax, i.name) for i in items.items] == [
        ("pdt_a", 700, 700, 50, "Plan A"),
        ("pdt_b", 380, 380, 30, "Add-on B"),
    ]


def test_an_event_with_line_items_that_do_not_add_up_is_refused(sender, customer, client):
    data = payment_data(customer, line_items=[{"items_id": "pdt_a", "amount": 1}])
    resp = sender.send("payment.succeeded", data)
    assert resp.status_code == 400, describe(resp)
    with pytest.raises(dodopayments.NotFoundError):
        client.payments.retrieve(data["payment_id"])


def test_unknown_and_malformed_ids_are_404(client, raw):
    for payment_id in (dodo_id("pay_"), "pay_", "nope", "pay_a-b"):
        with pytest.raises(dodopayments.NotFoundError) as e:
            client.payments.retrieve(payment_id)
        assert_sdk_error(e.value, 404, "NOT_FOUND")
    assert_error(raw.get(f"/payments/{dodo_id('pay_')}/line-items"), 404, "NOT_FOUND")


def test_list_by_customer_with_each_filter(client, sender, customer):
    base = (now() - timedelta(hours=1)).replace(microsecond=0)
    subscription_id = dodo_id("sub_")
    made = [
        pay(sender, customer, created_at=rfc3339(base + timedelta(minutes=i)), status=status, **extra)
        for i, (status, extra) in enumerate([
            ("succeeded", {}),
            ("failed", {}),
            ("succeeded", {"subscription_id": subscription_id}),
            ("processing", {"currency": "INR", "total_amount": 5000, "settlement_amount": 5000}),
            ("cancelled", {"product_cart": [{"product_id": "pdt_other", "quantity": 2}]}),
        ])
    ]
    ids = [p["payment_id"] for p in made]
    newest_first = list(reversed(ids))

    def listed(**filters) -> list[str]:
        return [p.payment_id for p in client.payments.list(customer_id=customer.customer_id, page_size=100, **filters).items]

    assert listed() == newest_first
    assert listed(status="succeeded") == [ids[2], ids[0]]
    assert listed(status="failed") == [ids[1]]
    assert listed(subscription_id=subscription_id) == [ids[2]]
    assert listed(currency="INR") == [ids[3]]
    assert listed(product_id="pdt_other") == [ids[4]]
    assert listed(brand_id="bzd_default") == newest_first
    assert listed(created_at_gte=base + timedelta(minutes=1), created_at_lte=base + timedelta(minutes=3)) == [ids[3], ids[2], ids[1]]
    assert listed(created_at_gte=base + timedelta(minutes=4)) == [ids[4]]
    assert listed(created_at_lte=base) == [ids[0]]
    row = client.payments.list(customer_id=customer.customer_id, status="processing").items[0]
    assert isinstance(row, dodopayments.types.PaymentListResponse)
    assert (row.total_amount, row.currency, row.has_license_key, row.customer.customer_id) == (5000, "INR", False, customer.customer_id)


def test_paging_walks_to_the_empty_page(client, sender, customer):
    base = now() - timedelta(minutes=30)
    ids = [pay(sender, customer, created_at=rfc3339(base + timedelta(seconds=i)))["payment_id"] for i in range(5)]
    seen, page_number = [], 0
    while True:
        items = client.payments.list(customer_id=customer.customer_id, page_size=2, page_number=page_number).items
        if not items:
            break
        assert len(items) <= 2
        seen.extend(p.payment_id for p in items)
        page_number += 1
    assert page_number == 3 and seen == list(reversed(ids))


def test_business_wide_list_and_bad_filters(client, raw, sender, customer):
    data = pay(sender, customer)
    assert data["payment_id"] in [p.payment_id for p in client.payments.list(page_size=100).items]
    for params in ({"customer_id": "nope"}, {"status": "done"}, {"created_at_gte": "yesterday"}, {"page_size": 0}):
        assert_error(raw.get("/payments", params=params), 400, "INVALID_QUERY_PARAMS")


def test_another_business_sees_nothing(client, client_b, raw_b, sender, sender_b, customer):
    data = pay(sender, customer)
    with pytest.raises(dodopayments.NotFoundError):
        client_b.payments.retrieve(data["payment_id"])
    assert_error(raw_b.get(f"/payments/{data['payment_id']}/line-items"), 404, "NOT_FOUND")
    assert client_b.payments.list(customer_id=customer.customer_id).items == []
    assert data["payment_id"] not in [p.payment_id for p in client_b.payments.list(page_size=100).items]
    # The same payment id sent to business B's endpoint is B's own payment, apart from A's.
    theirs = pay(sender_b, {"customer_id": customer.customer_id, "email": customer.email, "name": "Same Id"},
                 payment_id=data["payment_id"], total_amount=99, settlement_amount=99)
    assert client_b.payments.retrieve(theirs["payment_id"]).total_amount == 99
    assert client.payments.retrieve(data["payment_id"]).total_amount == 1080


def test_an_older_event_never_overwrites_a_newer_payment(client, sender, customer):
    newer = now() - timedelta(minutes=1)
    data = pay(sender, customer, updated_at=rfc3339(newer))
    older = {**data, "status": "processing", "updated_at": rfc3339(newer - timedelta(minutes=5))}
    resp = sender.send("payment.processing", older)
    assert resp.status_code in (200, 204), describe(resp)
    assert client.payments.retrieve(data["payment_id"]).status == "succeeded"
    # Without updated_at, the event's own timestamp orders it.
    bare = {k: v for k, v in data.items() if k != "updated_at"}
    stale = sender.send("payment.failed", {**bare, "status": "failed"}, timestamp=newer - timedelta(minutes=2))
    assert stale.status_code in (200, 204), describe(stale)
    assert client.payments.retrieve(data["payment_id"]).status == "succeeded"
    fresh = sender.send("payment.failed", {**bare, "status": "failed"}, timestamp=now())
    assert fresh.status_code in (200, 204), describe(fresh)
    assert client.payments.retrieve(data["payment_id"]).status == "failed"


def test_an_unknown_customer_arrives_with_the_payment(client, sender):
    snapshot = {"customer_id": dodo_id("cus_"), "email": f"{dodo_id('new')}@example.com", "name": "First Seen"}
    data = pay(sender, snapshot)
    assert client.customers.retrieve(snapshot["customer_id"]).email == snapshot["email"]
    assert client.payments.list(customer_id=snapshot["customer_id"]).items[0].payment_id == data["payment_id"]
