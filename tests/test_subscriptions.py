"""Subscriptions through the official SDK: created by signed inbound events (as the payment
engine sends them), then listed, read and changed here (schedule, withdraw, cancel now,
who cancelled), with the merge rule between changes made here and later events."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import dodopayments
import httpx
import pytest

from support.api import assert_error, assert_sdk_error, describe, new_customer, sdk_client
from support.billing_events import EventSender, now, rfc3339, subscription_data
from support.stack import start_local_server
from test_bank import _start_proxy

STATUS_EVENT = {
    "active": "subscription.active",
    "paused": "subscription.paused",
    "on_hold": "subscription.on_hold",
    "cancelled": "subscription.cancelled",
    "expired": "subscription.expired",
}


@pytest.fixture(scope="module")
def sender(base_url, api_key_a):
    return EventSender(base_url, api_key_a)


@pytest.fixture(scope="module")
def sender_b(base_url, api_key_b):
    return EventSender(base_url, api_key_b)


@pytest.fixture
def customer(client):
    return new_customer(client, "Subscriber")


def send(sender: EventSender, data: dict, event_type: str | None = None, at: datetime | None = None) -> dict:
    event_type = event_type or STATUS_EVENT[data["status"]]
    resp = sender.send(event_type, data, timestamp=at)
    assert resp.status_code in (200, 204), describe(resp)
    return data


def subscribe(sender: EventSender, customer, at: datetime | None = None, **overrides) -> dict:
    """A subscription the engine announces (`subscription.active` unless the status says
    otherwise); returns the event's data."""
    return send(sender, subscription_data(customer, **overrides), at=at)


def path(subscription_id: str) -> str:
    return f"/subscriptions/{subscription_id}"


def test_retrieve_answers_the_engine_subscription(client, sender, customer):
    data = subscribe(sender, customer, quantity=3, recurring_pre_tax_amount=2_500, metadata={"plan": "pro"})
    sub = client.subscriptions.retrieve(data["subscription_id"])
    assert (sub.subscription_id, sub.status, sub.quantity, sub.recurring_pre_tax_amount) == (data["subscription_id"], "active", 3, 2_500)
    assert sub.customer.customer_id == customer.customer_id and sub.customer.email == customer.email
    assert sub.metadata == {"plan": "pro"} and sub.currency == "USD" and sub.payment_frequency_interval == "Month"
    assert sub.next_billing_date == datetime.fromisoformat(data["next_billing_date"])
    assert sub.cancel_at_next_billing_date is False and sub.cancelled_at is None and sub.cancelled_by is None


def test_unknown_and_malformed_ids_are_404(client, raw):
    with pytest.raises(dodopayments.NotFoundError) as e:
        client.subscriptions.retrieve("sub_doesnotexist0000")
    assert_sdk_error(e.value, 404, "NOT_FOUND")
    assert_error(raw.get(path("not-a-sub")), 404, "NOT_FOUND")
    assert_error(raw.patch(path("sub_doesnotexist0000"), json_body={"status": "cancelled"}), 404, "NOT_FOUND")


def test_list_by_customer_with_each_filter(client, sender, customer):
    base = (now() - timedelta(hours=1)).replace(microsecond=0)  # events carry milliseconds
    oldest = subscribe(sender, customer, created_at=rfc3339(base), product_id="pdt_basic")
    paused = subscribe(sender, customer, created_at=rfc3339(base + timedelta(minutes=1)), status="paused")
    scheduled = subscribe(sender, customer, created_at=rfc3339(base + timedelta(minutes=2)), cancel_at_next_billing_date=True)
    cancelled = subscribe(sender, customer, created_at=rfc3339(base + timedelta(minutes=3)), status="cancelled", cancelled_at=rfc3339(now()))
    ids = lambda **kw: [s.subscription_id for s in client.subscriptions.list(customer_id=customer.customer_id, **kw).items]  # noqa: E731

    assert ids() == [cancelled["subscription_id"], scheduled["subscription_id"], paused["subscription_id"], oldest["subscription_id"]]
    assert ids(status="paused") == [paused["subscription_id"]]
    assert ids(status="cancelled") == [cancelled["subscription_id"]]
    assert ids(status="expired") == []
    assert ids(cancel_at_next_billing_date=True) == [scheduled["subscription_id"]]
    assert set(ids(cancel_at_next_billing_date=False)) == {cancelled["subscription_id"], paused["subscription_id"], oldest["subscription_id"]}
    window = ids(created_at_gte=base + timedelta(seconds=30), created_at_lte=base + timedelta(minutes=2, seconds=30))
    assert window == [scheduled["subscription_id"], paused["subscription_id"]]
    assert ids(created_at_gte=base + timedelta(minutes=3)) == [cancelled["subscription_id"]]
    assert ids(created_at_lte=base) == [oldest["subscription_id"]]
    assert ids(product_id="pdt_basic") == [oldest["subscription_id"]]

    item = client.subscriptions.list(customer_id=customer.customer_id, status="cancelled").items[0]
    assert item.discounts == [] and item.customer.customer_id == customer.customer_id and item.cancelled_at is not None


def test_paging_walks_to_the_empty_page(client, sender, customer):
    base = now() - timedelta(hours=2)
    made = [subscribe(sender, customer, created_at=rfc3339(base + timedelta(minutes=i)))["subscription_id"] for i in range(5)]
    seen, sizes, page = [], [], 0
    while True:
        items = client.subscriptions.list(customer_id=customer.customer_id, page_size=2, page_number=page).items
        sizes.append(len(items))
        if not items:
            break
        seen.extend(s.subscription_id for s in items)
        page += 1
    assert sizes == [2, 2, 1, 0]
    assert seen == list(reversed(made))


def test_business_wide_list_and_bad_filters(client, raw, sender, customer):
    data = subscribe(sender, customer)
    newest = client.subscriptions.list(page_size=100).items
    assert data["subscription_id"] in [s.subscription_id for s in newest]
    created = [s.created_at for s in newest]
    assert created == sorted(created, reverse=True)
    assert_error(raw.get("/subscriptions", params={"status": "gone"}), 400, "INVALID_QUERY_PARAMS")
    assert_error(raw.get("/subscriptions", params={"customer_id": "nobody"}), 400, "INVALID_QUERY_PARAMS")
    assert_error(raw.get("/subscriptions", params={"cancel_at_next_billing_date": "maybe"}), 400, "INVALID_QUERY_PARAMS")


def test_schedule_and_withdraw_the_cancellation(client, sender, customer):
    data = subscribe(sender, customer)
    sid = data["subscription_id"]
    scheduled = client.subscriptions.update(sid, cancel_at_next_billing_date=True, cancellation_feedback="unused")
    assert scheduled.cancel_at_next_billing_date is True and scheduled.status == "active"
    assert scheduled.cancelled_by.actor_type == "api_key" and scheduled.cancelled_by.email is None
    assert scheduled.cancelled_by.model_extra["actor_id"].startswith("key_")
    assert scheduled.cancellation_feedback == "unused"
    assert [s.subscription_id for s in client.subscriptions.list(customer_id=customer.customer_id, cancel_at_next_billing_date=True).items] == [sid]

    withdrawn = client.subscriptions.update(sid, cancel_at_next_billing_date=False)
    assert withdrawn.cancel_at_next_billing_date is False and withdrawn.cancelled_by is None
    assert withdrawn.cancellation_feedback is None
    assert client.subscriptions.retrieve(sid) == withdrawn


def test_cancel_now_with_reason_feedback_and_comment(client, raw, sender, customer):
    sid = subscribe(sender, customer)["subscription_id"]
    before = now()
    cancelled = client.subscriptions.update(
        sid,
        status="cancelled",
        cancel_reason="cancelled_by_merchant",
        cancellation_feedback="too_expensive",
        cancellation_comment="Asked by phone",
    )
    assert cancelled.status == "cancelled" and cancelled.cancelled_at >= before - timedelta(seconds=1)
    assert (cancelled.cancellation_feedback, cancelled.cancellation_comment) == ("too_expensive", "Asked by phone")
    assert cancelled.cancelled_by.actor_type == "api_key"
    stored = raw.get(path(sid)).json()
    assert stored["cancel_reason"] == "cancelled_by_merchant" and stored["status"] == "cancelled"
    # Cancelling again changes nothing (who cancelled and when stay).
    again = client.subscriptions.update(sid, status="cancelled", cancellation_comment="twice")
    assert again.cancelled_at == cancelled.cancelled_at and again.cancellation_comment == "Asked by phone"


def test_a_cancelled_subscription_is_never_reactivated(client, raw, sender, customer):
    sid = subscribe(sender, customer)["subscription_id"]
    client.subscriptions.update(sid, status="cancelled")
    for body in ({"status": "active"}, {"cancel_at_next_billing_date": True}):
        resp = raw.patch(path(sid), json_body=body)
        assert_error(resp, 409, "SUBSCRIPTION_CANCELLED")
        assert resp.headers.get("x-should-retry") == "false", describe(resp)
    retrying = client.with_options(max_retries=2)
    with pytest.raises(dodopayments.ConflictError) as e:
        retrying.subscriptions.update(sid, status="active")
    assert_sdk_error(e.value, 409, "SUBSCRIPTION_CANCELLED")
    assert client.subscriptions.retrieve(sid).status == "cancelled"
    # Metadata on an ended subscription is still the merchant's to note.
    assert client.subscriptions.update(sid, metadata={"churn": "price"}).metadata == {"churn": "price"}


def test_what_the_engine_owns_is_refused_with_400(client, raw, sender, customer):
    sid = subscribe(sender, customer)["subscription_id"]
    for body in (
        {"billing": {"country": "DE"}},
        {"tax_id": "DE123"},
        {"next_billing_date": rfc3339(now())},
        {"customer_name": "Other"},
        {"status": "paused"},
    ):
        assert_error(raw.patch(path(sid), json_body=body), 400, "INVALID_REQUEST_BODY")
    with pytest.raises(dodopayments.BadRequestError) as e:
        client.subscriptions.update(sid, next_billing_date=now() + timedelta(days=3))
    assert "next_billing_date" in e.value.response.json()["message"]
    assert_error(raw.patch(path(sid), json_body={"cancellation_comment": "no cancel"}), 422, "INVALID_REQUEST_PARAMETERS")
    assert client.subscriptions.retrieve(sid).status == "active"


def test_another_business_sees_nothing(client, client_b, raw_b, sender, customer):
    sid = subscribe(sender, customer)["subscription_id"]
    with pytest.raises(dodopayments.NotFoundError):
        client_b.subscriptions.retrieve(sid)
    assert_error(raw_b.patch(path(sid), json_body={"status": "cancelled"}), 404, "NOT_FOUND")
    assert client_b.subscriptions.list(customer_id=customer.customer_id).items == []
    assert sid not in [s.subscription_id for s in client_b.subscriptions.list(page_size=100).items]
    assert client.subscriptions.retrieve(sid).status == "active"


def test_an_older_active_after_a_cancelled_changes_nothing(client, sender, customer):
    data = subscription_data(customer)
    t = now()
    send(sender, {**data, "status": "cancelled", "cancelled_at": rfc3339(t)}, "subscription.cancelled", at=t)
    send(sender, {**data, "status": "active", "quantity": 9}, "subscription.active", at=t - timedelta(minutes=1))
    sub = client.subscriptions.retrieve(data["subscription_id"])
    assert (sub.status, sub.quantity) == ("cancelled", 1)


def test_a_newer_renewal_after_a_cancel_here_stays_cancelled_and_updates_dates(client, sender, customer):
    data = subscribe(sender, customer, at=now() - timedelta(minutes=5))
    sid = data["subscription_id"]
    cancelled = client.subscriptions.update(sid, status="cancelled", cancellation_feedback="switched_service")
    renewed_to = now() + timedelta(days=60)
    send(
        sender,
        {**data, "status": "active", "next_billing_date": rfc3339(renewed_to), "previous_billing_date": rfc3339(now()), "quantity": 2},
        "subscription.renewed",
    )
    sub = client.subscriptions.retrieve(sid)
    assert sub.status == "cancelled" and sub.cancelled_at == cancelled.cancelled_at
    assert sub.cancelled_by.actor_type == "api_key" and sub.cancellation_feedback == "switched_service"
    assert sub.next_billing_date == datetime.fromisoformat(rfc3339(renewed_to)) and sub.quantity == 2


def test_a_schedule_set_here_survives_an_event_that_does_not_know_it(client, sender, customer):
    data = subscribe(sender, customer, at=now() - timedelta(minutes=5))
    sid = data["subscription_id"]
    client.subscriptions.update(sid, cancel_at_next_billing_date=True)
    renewed_to = now() + timedelta(days=30)
    send(sender, {**data, "next_billing_date": rfc3339(renewed_to)}, "subscription.renewed")
    sub = client.subscriptions.retrieve(sid)
    assert sub.cancel_at_next_billing_date is True and sub.cancelled_by.actor_type == "api_key"
    assert sub.next_billing_date == datetime.fromisoformat(rfc3339(renewed_to))


# --- On the wire: requests per operation, and concurrency under faults ---------------


@pytest.fixture(scope="module")
def proxied(stack):
    """A local server of its own behind tests/support/dynamo_proxy.py (counting, faults);
    it trusts a read key for the whole module, as a warm function does."""
    proxy, proxy_url = _start_proxy(stack, "dynamo-proxy-subscriptions")
    try:
        server, url = start_local_server(
            "local-server-subscriptions",
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


def test_dynamodb_requests_per_operation_counted_on_the_wire(proxied, api_key_a, client):
    """docs/benchmarks.md, "Subscriptions": what each operation costs with a warm key."""
    url, proxy = proxied
    sdk = sdk_client(url, api_key_a)
    sender = EventSender(url, api_key_a)
    customer = new_customer(client)
    data = subscribe(sender, customer, at=now() - timedelta(minutes=5))
    sid = data["subscription_id"]
    sdk.subscriptions.retrieve(sid)  # the key is now known to this server

    def count(operation) -> dict[str, int]:
        proxy.post("/__proxy__/reset").raise_for_status()
        operation()
        return proxy.get("/__proxy__/stats").json()["requests"]

    renewed = {**data, "next_billing_date": rfc3339(now() + timedelta(days=31))}
    blind = count(lambda: send(sender, renewed, "subscription.renewed", at=now() - timedelta(minutes=4)))
    assert blind == {"TransactWriteItems": 1}, "an event with nothing to merge: one write, no read"
    assert count(lambda: sdk.subscriptions.list(customer_id=customer.customer_id)) == {"Query": 1}
    assert count(lambda: sdk.subscriptions.list(customer_id=customer.customer_id, status="active")) == {"Query": 1}
    assert count(lambda: sdk.subscriptions.retrieve(sid)) == {"GetItem": 1}
    patch = count(lambda: sdk.subscriptions.update(sid, cancel_at_next_billing_date=True))
    assert patch == {"GetItem": 1, "PutItem": 1}
    merged = count(lambda: send(sender, renewed, "subscription.renewed", at=now() - timedelta(minutes=3)))
    assert merged == {"TransactWriteItems": 2, "BatchGetItem": 1}, "refused blind, read, merged"
    print(f"requests: event {blind}, list {{'Query': 1}}, get {{'GetItem': 1}}, patch {patch}, merged event {merged}")
    sdk.close()


def test_a_cancellation_racing_events_through_faults_is_never_lost(proxied, api_key_a, client):
    """A cancellation here while the engine sends renewals, through lost answers,
    transaction conflicts and throttling: the subscription ends cancelled, by the key,
    with the newest renewal's dates."""
    url, proxy = proxied
    sender = EventSender(url, api_key_a)
    customer = new_customer(client)
    start = now() - timedelta(minutes=30)
    data = subscribe(sender, customer, at=start)
    sid = data["subscription_id"]
    renewals = [
        ({**data, "quantity": i, "next_billing_date": rfc3339(start + timedelta(days=30 * i))}, start + timedelta(minutes=i))
        for i in range(1, 13)
    ]

    def deliver(i: int) -> None:
        if i == len(renewals):
            with httpx.Client(base_url=url, timeout=30) as http:
                for _ in range(30):
                    resp = http.patch(path(sid), json={"status": "cancelled", "cancellation_comment": "racing"},
                                      headers={"authorization": f"Bearer {api_key_a}"})
                    if resp.status_code == 200:
                        return
                raise AssertionError(f"the cancellation never succeeded: {describe(resp)}")
        renewal, at = renewals[i]
        webhook_id = f"msg_race_{sid}_{i}"
        for _ in range(30):  # the engine's retries
            if sender.send("subscription.renewed", renewal, timestamp=at, webhook_id=webhook_id).status_code == 200:
                return
        raise AssertionError(f"renewal {i} never acknowledged")

    proxy.post("/__proxy__/faults", json={
        "drop_after_commit": 0.2, "transaction_conflict": 0.2, "throttle": 0.05, "latency_ms": [0, 5], "seed": 5,
    }).raise_for_status()
    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(deliver, range(len(renewals) + 1)))
    finally:
        proxy.post("/__proxy__/faults", json={}).raise_for_status()
    faults = proxy.get("/__proxy__/stats").json()["faults"]
    sub = client.subscriptions.retrieve(sid)
    assert sub.status == "cancelled" and sub.cancelled_by.actor_type == "api_key"
    assert sub.cancellation_comment == "racing"
    newest, _ = renewals[-1]
    assert sub.quantity == newest["quantity"]
    assert sub.next_billing_date == datetime.fromisoformat(newest["next_billing_date"])
    assert sum(faults.values()) > 0, f"no fault was injected: {faults}"
