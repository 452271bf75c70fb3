"""Refunds through the official Python SDK (strict response validation): whole, partial and
per line item, never beyond what was paid (also with 16 concurrent clients, and through
the fault-injecting DynamoDB proxy), idempotent per key, to the customer's wallet (the
ledger entry links the refund), pending until the engine's `refund.*` event settles it;
the refund list with every filter, paging, and tenant isolation."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import dodopayments
import httpx
import pytest

from support.api import assert_error, assert_sdk_error, describe, new_customer, sdk_client
from support.billing_events import EventSender, dodo_id, now, payment_data, refund_data, rfc3339
from support.stack import start_local_server
from test_bank import _start_proxy

TWO_LINES = [
    {"items_id": "pdt_a", "amount": 700, "tax": 100, "name": "Plan A"},
    {"items_id": "pdt_b", "amount": 380, "tax": 0, "name": "Add-on B"},
]


@pytest.fixture(scope="module")
def sender(base_url, api_key_a):
    return EventSender(base_url, api_key_a)


@pytest.fixture
def customer(client):
    return new_customer(client, "Refundee")


def pay(sender: EventSender, customer, **overrides) -> dict:
    data = payment_data(customer, **overrides)
    event = {"succeeded": "payment.succeeded", "processing": "payment.processing"}[data["status"]]
    resp = sender.send(event, data)
    assert resp.status_code in (200, 204), describe(resp)
    return data


def settle(sender: EventSender, refund: Any, event_type: str, at=None) -> None:
    data = refund.model_dump(mode="json")
    data["status"] = event_type.split(".")[1]
    resp = sender.send(event_type, data, timestamp=at)
    assert resp.status_code in (200, 204), describe(resp)


def refundable(client, payment_id: str) -> dict[str, int]:
    return {i.items_id: i.refundable_amount for i in client.payments.retrieve_line_items(payment_id).items}


def usd_balance(client, customer_id: str) -> int:
    return next(w.balance for w in client.customers.wallets.list(customer_id).items if w.currency == "USD")


def test_a_whole_refund_is_pending_and_leaves_nothing_refundable(client, raw, sender, customer):
    data = pay(sender, customer)
    refund = client.refunds.create(payment_id=data["payment_id"], reason="Changed my mind")
    assert isinstance(refund, dodopayments.types.Refund)
    assert (refund.status, refund.amount, refund.currency, refund.is_partial) == ("pending", 1080, "USD", False)
    assert refund.customer.customer_id == customer.customer_id and refund.reason == "Changed my mind"
    assert refund.refund_id.startswith("ref_") and refund.business_id == customer.business_id
    assert client.refunds.retrieve(refund.refund_id) == refund
    payment = client.payments.retrieve(data["payment_id"])
    assert [(r.refund_id, r.status, r.amount) for r in payment.refunds] == [(refund.refund_id, "pending", 1080)]
    assert payment.refund_status is None, "no refund has succeeded yet"
    assert refundable(client, data["payment_id"]) == {"pdt_default": 0}
    again = raw.post("/refunds", json_body={"payment_id": data["payment_id"]})
    assert_error(again, 409, "REFUND_EXCEEDS_REFUNDABLE")
    assert again.headers.get("x-should-retry") == "false"


def test_per_item_refunds_take_from_their_lines_only(client, raw, sender, customer):
    data = pay(sender, customer, line_items=TWO_LINES)
    pid = data["payment_id"]
    first = client.refunds.create(payment_id=pid, items=[{"item_id": "pdt_a", "amount": 200}])
    assert (first.amount, first.is_partial) == (200, True)
    assert refundable(client, pid) == {"pdt_a": 500, "pdt_b": 380}
    # 100 without tax on a line taxed 100 of 700 (600 net): 117 with it.
    taxed = client.refunds.create(payment_id=pid, items=[{"item_id": "pdt_a", "amount": 100, "tax_inclusive": False}])
    assert taxed.amount == 117
    whole_b = client.refunds.create(payment_id=pid, items=[{"item_id": "pdt_b"}])
    assert whole_b.amount == 380
    assert refundable(client, pid) == {"pdt_a": 383, "pdt_b": 0}
    assert_error(raw.post("/refunds", json_body={"payment_id": pid, "items": [{"item_id": "pdt_a", "amount": 384}]}),
                 409, "REFUND_EXCEEDS_REFUNDABLE")
    assert_error(raw.post("/refunds", json_body={"payment_id": pid, "items": [{"item_id": "pdt_b", "amount": 1}]}),
                 409, "REFUND_EXCEEDS_REFUNDABLE")
    assert_error(raw.post("/refunds", json_body={"payment_id": pid, "items": [{"item_id": "pdt_zz"}]}),
                 422, "INVALID_REQUEST_PARAMETERS")
    rest = client.refunds.create(payment_id=pid)
    assert (rest.amount, rest.is_partial) == (383, True)
    assert refundable(client, pid) == {"pdt_a": 0, "pdt_b": 0}


def test_partial_refunds_need_a_payment_that_allows_them(client, raw, sender, customer):
    data = pay(sender, customer, line_items=TWO_LINES, partial_refund_allowed=False)
    resp = raw.post("/refunds", json_body={"payment_id": data["payment_id"], "items": [{"item_id": "pdt_b"}]})
    assert_error(resp, 422, "INVALID_REQUEST_PARAMETERS")
    assert client.refunds.create(payment_id=data["payment_id"]).amount == 1080


def test_only_a_succeeded_payment_of_this_business_refunds(client, client_b, raw, sender, customer):
    processing = pay(sender, customer, status="processing")
    assert_error(raw.post("/refunds", json_body={"payment_id": processing["payment_id"]}), 409, "PAYMENT_NOT_REFUNDABLE")
    data = pay(sender, customer)
    with pytest.raises(dodopayments.NotFoundError) as e:
        client_b.refunds.create(payment_id=data["payment_id"])
    assert_sdk_error(e.value, 404, "NOT_FOUND")
    for body in ({"payment_id": dodo_id("pay_")}, {"payment_id": "nope"}):
        assert_error(raw.post("/refunds", json_body=body), 404, "NOT_FOUND")
    assert_error(raw.post("/refunds", json_body={"payment_id": data["payment_id"], "currency": "INR"}),
                 422, "INVALID_REQUEST_PARAMETERS")
    assert_error(raw.post("/refunds", json_body={"payment_id": data["payment_id"], "reason": "x" * 3001}),
                 422, "INVALID_REQUEST_PARAMETERS")
    assert_error(raw.post("/refunds", json_body=["not", "an", "object"]), 400, "INVALID_REQUEST_BODY")
    assert client.payments.retrieve(data["payment_id"]).refunds == []


def test_the_same_idempotency_key_refunds_once(client, raw, sender, customer):
    data = pay(sender, customer)
    key = f"refund-{uuid.uuid4().hex}"
    headers = {"Idempotency-Key": key}
    first = client.refunds.create(payment_id=data["payment_id"], items=[{"item_id": "pdt_default", "amount": 300}],
                                  extra_headers=headers)
    again = client.refunds.create(payment_id=data["payment_id"], items=[{"item_id": "pdt_default", "amount": 300}],
                                  extra_headers=headers)
    assert again == first
    other = raw.post("/refunds", json_body={"payment_id": data["payment_id"], "items": [{"item_id": "pdt_default", "amount": 301}]},
                     headers=headers)
    assert_error(other, 409, "IDEMPOTENCY_KEY_REUSED")
    assert other.headers.get("x-should-retry") == "false"
    # The body's idempotency_key is the same key.
    body_key = client.refunds.create(payment_id=data["payment_id"], items=[{"item_id": "pdt_default", "amount": 300}],
                                     extra_body={"idempotency_key": key})
    assert body_key == first
    assert [r.refund_id for r in client.payments.retrieve(data["payment_id"]).refunds] == [first.refund_id]
    assert refundable(client, data["payment_id"]) == {"pdt_default": 780}


def test_a_wallet_refund_succeeds_at_once_and_the_ledger_links_it(client, sender, customer):
    data = pay(sender, customer)
    before = usd_balance(client, customer.customer_id)
    refund = client.refunds.create(payment_id=data["payment_id"], items=[{"item_id": "pdt_default", "amount": 250}],
                                   reason="Store credit", extra_body={"destination": "wallet"})
    assert (refund.status, refund.amount) == ("succeeded", 250)
    assert usd_balance(client, customer.customer_id) == before + 250
    entries = client.customers.wallets.ledger_entries.list(customer.customer_id, currency="USD").items
    entry = entries[0]
    assert (entry.event_type, entry.reference_object_id, entry.amount, entry.is_credit) == ("refund", refund.refund_id, 250, True)
    assert (entry.before_balance, entry.after_balance, entry.reason) == (before, before + 250, "Store credit")
    assert client.payments.retrieve(data["payment_id"]).refund_status == "partial"
    rest = client.refunds.create(payment_id=data["payment_id"], extra_body={"destination": "wallet"})
    assert rest.amount == 830
    assert client.payments.retrieve(data["payment_id"]).refund_status == "full"
    # An engine event about a wallet refund changes nothing.
    settle(sender, rest, "refund.failed")
    assert client.refunds.retrieve(rest.refund_id).status == "succeeded"


def test_a_wallet_refund_needs_a_currency_with_wallets(client, raw, sender, customer):
    data = pay(sender, customer, currency="EUR", settlement_currency="EUR")
    resp = raw.post("/refunds", json_body={"payment_id": data["payment_id"], "destination": "wallet"})
    assert_error(resp, 400, "UNSUPPORTED_CURRENCY")


def test_pending_refunds_settle_by_event_and_a_failure_frees_the_amount(client, sender, customer):
    data = pay(sender, customer)
    pid = data["payment_id"]
    ok = client.refunds.create(payment_id=pid, items=[{"item_id": "pdt_default", "amount": 400}])
    lost = client.refunds.create(payment_id=pid, items=[{"item_id": "pdt_default", "amount": 600}])
    assert refundable(client, pid) == {"pdt_default": 80}
    settle(sender, ok, "refund.succeeded")
    assert client.refunds.retrieve(ok.refund_id).status == "succeeded"
    settle(sender, lost, "refund.failed")
    assert client.refunds.retrieve(lost.refund_id).status == "failed"
    assert refundable(client, pid) == {"pdt_default": 680}
    payment = client.payments.retrieve(pid)
    assert payment.refund_status == "partial"
    assert {r.refund_id: r.status for r in payment.refunds} == {ok.refund_id: "succeeded", lost.refund_id: "failed"}
    # An older event than the one applied is stale.
    settle(sender, ok, "refund.failed", at=now() - timedelta(hours=1))
    assert client.refunds.retrieve(ok.refund_id).status == "succeeded"
    rest = client.refunds.create(payment_id=pid)
    assert rest.amount == 680
    settle(sender, rest, "refund.succeeded")
    assert client.payments.retrieve(pid).refund_status == "full"


def test_a_refund_made_at_the_engine_is_recorded_and_counted(client, raw, sender, customer):
    data = pay(sender, customer)
    engine = refund_data(data, amount=1000, is_partial=True)
    resp = sender.send("refund.succeeded", engine)
    assert resp.status_code in (200, 204), describe(resp)
    refund = client.refunds.retrieve(engine["refund_id"])
    assert (refund.status, refund.amount, refund.business_id) == ("succeeded", 1000, customer.business_id)
    assert client.payments.retrieve(data["payment_id"]).refund_status == "partial"
    assert_error(raw.post("/refunds", json_body={"payment_id": data["payment_id"], "items": [{"item_id": "pdt_default", "amount": 81}]}),
                 409, "REFUND_EXCEEDS_REFUNDABLE")
    assert client.refunds.create(payment_id=data["payment_id"]).amount == 80


def test_list_refunds_with_each_filter_paging_and_tenancy(client, client_b, raw, sender, customer):
    data = pay(sender, customer, total_amount=5000, settlement_amount=5000, subscription_id=dodo_id("sub_"))
    made = []
    for amount in (100, 200, 300, 400, 500):
        made.append(client.refunds.create(payment_id=data["payment_id"], items=[{"item_id": "pdt_default", "amount": amount}]))
        time.sleep(0.002)
    settle(sender, made[1], "refund.succeeded")
    settle(sender, made[3], "refund.failed")
    ids = [r.refund_id for r in made]

    def listed(**filters) -> list[str]:
        return [r.refund_id for r in client.refunds.list(customer_id=customer.customer_id, page_size=100, **filters).items]

    assert listed() == list(reversed(ids))
    assert listed(status="succeeded") == [ids[1]]
    assert listed(status="failed") == [ids[3]]
    assert listed(status="pending") == [ids[4], ids[2], ids[0]]
    assert listed(subscription_id=data["subscription_id"]) == list(reversed(ids))
    assert listed(subscription_id=dodo_id("sub_")) == []
    middle = made[2].created_at
    assert listed(created_at_gte=middle) == [ids[4], ids[3], ids[2]]
    assert listed(created_at_lte=middle) == [ids[2], ids[1], ids[0]]
    assert listed(created_at_gte=middle, created_at_lte=middle) == [ids[2]]
    row = client.refunds.list(customer_id=customer.customer_id).items[0]
    assert isinstance(row, dodopayments.types.RefundListItem) and row.amount == 500
    seen, page_number = [], 0
    while True:
        items = client.refunds.list(customer_id=customer.customer_id, page_size=2, page_number=page_number).items
        if not items:
            break
        seen.extend(r.refund_id for r in items)
        page_number += 1
    assert page_number == 3 and seen == list(reversed(ids))
    assert ids[0] in [r.refund_id for r in client.refunds.list(page_size=100).items]
    with pytest.raises(dodopayments.NotFoundError):
        client_b.refunds.retrieve(ids[0])
    assert client_b.refunds.list(customer_id=customer.customer_id).items == []
    for params in ({"customer_id": "x"}, {"status": "done"}, {"created_at_lte": "soon"}):
        assert_error(raw.get("/refunds", params=params), 400, "INVALID_QUERY_PARAMS")
    for refund_id in (dodo_id("ref_"), "ref_", "x"):
        assert_error(raw.get(f"/refunds/{refund_id}"), 404, "NOT_FOUND")


# --- Concurrency, faults, and requests on the wire -----------------------------------------

TOTAL = 10_000


def refund_storm(url: str, api_key: str, payment_id: str, clients: int, per_client: int, seed: int,
                 retry_until_answered: bool) -> list[tuple[str, Any]]:
    """`clients` threads, each refunding random partial amounts (half of them to the
    wallet), each request with its own idempotency key. Returns (key, refund or error
    code) per request; with `retry_until_answered`, a request that got no definite answer
    (a 5xx, a busy 409, a lost connection) is sent again with the same key."""
    outcomes: list[tuple[str, Any]] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        rng = random.Random(seed * 100 + n)
        sdk = sdk_client(url, api_key, timeout=60.0)
        try:
            for i in range(per_client):
                key = f"storm-{seed}-{n}-{i}-{uuid.uuid4().hex[:8]}"
                extra: dict[str, Any] = {"idempotency_key": key}
                if rng.random() < 0.5:
                    extra["destination"] = "wallet"
                amount = rng.randint(100, 1500)
                attempt = 0
                while True:
                    if attempt:
                        # As the SDKs do: back off, so that retries do not pile onto a
                        # database that is already slow to answer.
                        time.sleep(rng.uniform(0.1, 0.3) * min(attempt, 5))
                    attempt += 1
                    try:
                        refund = sdk.refunds.create(payment_id=payment_id, items=[{"item_id": "pdt_default", "amount": amount}],
                                                    extra_body=extra)
                        outcome: Any = refund
                    except dodopayments.APIStatusError as e:
                        code = e.response.json().get("code") if e.response.headers.get("content-type", "").startswith("application/json") else None
                        definite = e.status_code < 500 and code not in ("PAYMENT_BUSY", "TOO_MANY_REQUESTS")
                        if retry_until_answered and not definite:
                            continue
                        outcome = code or e.status_code
                    except dodopayments.APIConnectionError:
                        if retry_until_answered:
                            continue
                        outcome = "connection"
                    with lock:
                        outcomes.append((key, outcome))
                    break
        finally:
            sdk.close()

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    return outcomes


def audit(client, customer_id: str, payment_id: str, outcomes: list[tuple[str, Any]], balance_before: int,
          total: int = TOTAL) -> Counter:
    acked = [o for _, o in outcomes if isinstance(o, dodopayments.types.Refund)]
    acked_ids = [r.refund_id for r in acked]
    assert len(acked_ids) == len(set(acked_ids)), "two requests acknowledged the same refund"
    listed = []
    page_number = 0
    while True:
        items = client.refunds.list(customer_id=customer_id, page_size=100, page_number=page_number).items
        if not items:
            break
        listed.extend(items)
        page_number += 1
    listed_ids = Counter(r.refund_id for r in listed)
    assert all(n == 1 for n in listed_ids.values()), "a refund listed twice"
    assert set(acked_ids) == set(listed_ids), "acknowledged refunds and recorded refunds differ"
    assert sum(r.amount for r in listed if r.status != "failed") <= total
    payment = client.payments.retrieve(payment_id)
    assert sorted(r.refund_id for r in payment.refunds) == sorted(acked_ids)
    assert sum(r.amount for r in payment.refunds if r.status != "failed") == sum(r.amount for r in acked)
    left = client.payments.retrieve_line_items(payment_id).items[0].refundable_amount
    assert left == total - sum(r.amount for r in acked)
    wallet_refunds = {r.refund_id: r.amount for r in acked if r.status == "succeeded"}
    assert usd_balance(client, customer_id) - balance_before == sum(wallet_refunds.values())
    ledger = client.customers.wallets.ledger_entries.list(customer_id, currency="USD", page_size=100).items
    credits = {e.reference_object_id: e.amount for e in ledger if e.event_type == "refund"}
    assert credits == wallet_refunds, "wallet credits and wallet refunds differ"
    return Counter("acked" if isinstance(o, dodopayments.types.Refund) else o for _, o in outcomes)


def test_sixteen_clients_never_refund_more_than_was_paid(client, base_url, api_key_a, sender, customer):
    data = pay(sender, customer, total_amount=TOTAL, settlement_amount=TOTAL, tax=0)
    before = usd_balance(client, customer.customer_id)
    outcomes = refund_storm(base_url, api_key_a, data["payment_id"], clients=16, per_client=3, seed=1,
                            retry_until_answered=False)
    counts = audit(client, customer.customer_id, data["payment_id"], outcomes, before)
    print(f"16 clients, plain: {dict(counts)}")
    assert counts["acked"] >= 8 and counts["REFUND_EXCEEDS_REFUNDABLE"] >= 1, counts
    assert set(counts) <= {"acked", "REFUND_EXCEEDS_REFUNDABLE"}, counts


@pytest.fixture(scope="module")
def proxied(stack):
    """A local server of its own behind tests/support/dynamo_proxy.py (counting, faults);
    it trusts a read key for the whole module, as a warm function does."""
    proxy, proxy_url = _start_proxy(stack, "dynamo-proxy-refunds")
    try:
        server, url = start_local_server(
            "local-server-refunds",
            dict(stack.env, DYNAMODB_ENDPOINT=proxy_url, STREAM_CONSUMERS="off", API_KEY_CACHE_TTL_SECONDS="600"),
            stack.artifacts,
        )
        try:
            with httpx.Client(base_url=proxy_url, timeout=10) as control:
                yield url, control
        finally:
            server.stop()
    finally:
        proxy.stop()


def test_sixteen_clients_through_injected_faults_refund_exactly_once(client, proxied, api_key_a, sender, customer):
    url, proxy = proxied
    # Room for most requests, so that most of them write (the faults hit writes) and the
    # last ones still meet the limit.
    total = 3 * TOTAL
    data = pay(sender, customer, total_amount=total, settlement_amount=total, tax=0)
    before = usd_balance(client, customer.customer_id)
    proxy.post("/__proxy__/reset").raise_for_status()
    proxy.post("/__proxy__/faults", json={
        "drop_after_commit": 0.15, "transaction_conflict": 0.15, "throttle": 0.05, "latency_ms": [0, 10], "seed": 17,
    }).raise_for_status()
    try:
        outcomes = refund_storm(url, api_key_a, data["payment_id"], clients=16, per_client=3, seed=2,
                                retry_until_answered=True)
    finally:
        proxy.post("/__proxy__/faults", json={}).raise_for_status()
    faults = proxy.get("/__proxy__/stats").json()["faults"]
    counts = audit(client, customer.customer_id, data["payment_id"], outcomes, before, total)
    print(f"16 clients through faults: {dict(counts)}; injected {faults}")
    for kind in ("drop_after_commit", "transaction_conflict", "throttle"):
        assert faults.get(kind, 0) >= 3, f"too few {kind} faults to prove anything: {faults}"
    assert counts["acked"] >= 25 and counts["REFUND_EXCEEDS_REFUNDABLE"] >= 1, counts
    assert set(counts) <= {"acked", "REFUND_EXCEEDS_REFUNDABLE"}, counts


def test_dynamodb_requests_per_operation_counted_on_the_wire(proxied, api_key_a, client, sender, customer):
    """docs/benchmarks.md, "Payments and refunds": what each operation costs with a warm key."""
    url, proxy = proxied
    sdk = sdk_client(url, api_key_a)
    data = pay(sender, customer)
    pid = data["payment_id"]
    sdk.payments.retrieve(pid)  # the key is now known to this server

    def count(operation) -> dict[str, int]:
        proxy.post("/__proxy__/reset").raise_for_status()
        operation()
        return proxy.get("/__proxy__/stats").json()["requests"]

    refund_id = sdk.refunds.create(payment_id=pid, items=[{"item_id": "pdt_default", "amount": 100}]).refund_id
    events = EventSender(url, api_key_a)

    def deliver(event_type: str, data: dict) -> None:
        resp = events.send(event_type, data)
        assert resp.status_code in (200, 204), describe(resp)

    deliver("payment.succeeded", payment_data(customer))  # the endpoint is now known to this server
    engine_refund = refund_data(data, amount=50, is_partial=True)
    pending = sdk.refunds.create(payment_id=pid, items=[{"item_id": "pdt_default", "amount": 100}])
    costs = {
        "payment event": count(lambda: deliver("payment.succeeded", payment_data(customer))),
        "refund event, made at the engine": count(lambda: deliver("refund.succeeded", engine_refund)),
        "refund event settling a refund made here": count(
            lambda: deliver("refund.succeeded", {**pending.model_dump(mode="json"), "status": "succeeded"})),
        "refund": count(lambda: sdk.refunds.create(payment_id=pid, items=[{"item_id": "pdt_default", "amount": 100}])),
        "refund with a key": count(lambda: sdk.refunds.create(payment_id=pid, items=[{"item_id": "pdt_default", "amount": 100}],
                                                              extra_headers={"Idempotency-Key": "wire-1"})),
        "replay": count(lambda: sdk.refunds.create(payment_id=pid, items=[{"item_id": "pdt_default", "amount": 100}],
                                                   extra_headers={"Idempotency-Key": "wire-1"})),
        "wallet refund": count(lambda: sdk.refunds.create(payment_id=pid, items=[{"item_id": "pdt_default", "amount": 100}],
                                                          extra_body={"destination": "wallet"})),
        "list payments by customer": count(lambda: sdk.payments.list(customer_id=customer.customer_id)),
        "list payments by customer and status": count(lambda: sdk.payments.list(customer_id=customer.customer_id, status="succeeded")),
        "list refunds by customer": count(lambda: sdk.refunds.list(customer_id=customer.customer_id)),
        "get payment": count(lambda: sdk.payments.retrieve(pid)),
        "line items": count(lambda: sdk.payments.retrieve_line_items(pid)),
        "get refund": count(lambda: sdk.refunds.retrieve(refund_id)),
    }
    print(f"requests per operation: {costs}")
    for name in ("refund", "refund with a key", "wallet refund"):
        assert costs[name] == {"BatchGetItem": 1, "TransactWriteItems": 1}, (name, costs[name])
    assert costs["replay"] == {"BatchGetItem": 1}
    for name in ("list payments by customer", "list payments by customer and status", "list refunds by customer"):
        assert costs[name] == {"Query": 1}, (name, costs[name])
    assert costs["get payment"] == costs["line items"] == costs["get refund"] == {"GetItem": 1}
    assert costs["payment event"] == costs["refund event, made at the engine"] == {"TransactWriteItems": 1}
    assert costs["refund event settling a refund made here"] == {"TransactWriteItems": 2, "BatchGetItem": 1}
    sdk.close()


def test_a_refund_with_a_cold_key_is_still_two_requests(proxied, base_url, mint_api_key):
    """The key's proof rides the refund's own BatchGetItem: a function that has never
    seen the key makes no extra round trip for it."""
    url, proxy = proxied
    key = mint_api_key("Cold Refunds").key
    warm = sdk_client(base_url, key)
    customer = new_customer(warm)
    data = pay(EventSender(base_url, key), customer)
    cold = sdk_client(url, key)
    proxy.post("/__proxy__/reset").raise_for_status()
    refund = cold.refunds.create(payment_id=data["payment_id"], items=[{"item_id": "pdt_default", "amount": 10}])
    requests = proxy.get("/__proxy__/stats").json()["requests"]
    assert refund.amount == 10
    assert requests == {"BatchGetItem": 1, "TransactWriteItems": 1}, requests
    # A bad key proves nothing and reads nothing it could answer.
    bad = sdk_client(url, key[:-4] + ("0000" if not key.endswith("0000") else "1111"))
    with pytest.raises(dodopayments.AuthenticationError):
        bad.refunds.create(payment_id=data["payment_id"])
    assert [r.refund_id for r in warm.payments.retrieve(data["payment_id"]).refunds] == [refund.refund_id]
    for c in (warm, cold, bad):
        c.close()


@pytest.fixture(scope="module")
def modelled(stack):
    """Three local servers (as three Lambda instances) behind the proxy's latency model,
    where concurrent transactions on one item really do conflict, as in DynamoDB."""
    proxy, proxy_url = _start_proxy(stack, "dynamo-proxy-refunds-modelled")
    servers = []
    try:
        with httpx.Client(base_url=proxy_url, timeout=10) as control:
            control.post("/__proxy__/model", json={"seed": 7}).raise_for_status()
            urls = []
            for i in range(3):
                server, url = start_local_server(
                    f"local-server-refunds-modelled-{i}",
                    dict(stack.env, DYNAMODB_ENDPOINT=proxy_url, STREAM_CONSUMERS="off"),
                    stack.artifacts,
                )
                servers.append(server)
                urls.append(url)
            yield urls, control
    finally:
        for server in servers:
            server.stop()
        proxy.stop()


def test_sixteen_clients_across_servers_under_the_latency_model(client, modelled, api_key_a, sender, customer):
    """Refunds of one payment from 16 clients spread over 3 servers, their transactions
    overlapping in flight: those that meet another on the payment are cancelled
    (TransactionConflict) and tried again; the payment is never over-refunded."""
    urls, proxy = modelled
    total = 3 * TOTAL
    data = pay(sender, customer, total_amount=total, settlement_amount=total, tax=0)
    before = usd_balance(client, customer.customer_id)
    proxy.post("/__proxy__/reset").raise_for_status()
    outcomes: list[tuple[str, Any]] = []
    with ThreadPoolExecutor(len(urls)) as pool:
        for part in pool.map(lambda i: refund_storm(urls[i], api_key_a, data["payment_id"], clients=16 // len(urls) + (i < 16 % len(urls)),
                                                   per_client=3, seed=10 + i, retry_until_answered=True), range(len(urls))):
            outcomes.extend(part)
    stats = proxy.get("/__proxy__/stats").json()
    counts = audit(client, customer.customer_id, data["payment_id"], outcomes, before, total)
    print(f"16 clients over 3 servers, latency model: {dict(counts)}; conflicts {stats['conflicts']}, requests {stats['requests']}")
    assert stats["model"] is not None
    assert counts["acked"] >= 25, counts
    assert set(counts) <= {"acked", "REFUND_EXCEEDS_REFUNDABLE"}, counts
