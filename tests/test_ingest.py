"""Inbound events: ingest endpoints, Standard Webhooks verification (signed with the
`standardwebhooks` library, as Dodo signs), exactly-once per webhook-id, raw records."""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest

from conftest import API_KEY_CACHE_TTL_S
from support.api import assert_error, describe, new_customer
from support.billing_events import (
    EventSender,
    new_customer_snapshot,
    new_webhook_id,
    now,
    payment_data,
    rfc3339,
    sign,
    subscription_data,
)
from support.stack import counted_local_server, dynamodb_table


@pytest.fixture(scope="module")
def ddb(stack):
    return dynamodb_table(stack.dynamodb_endpoint, stack.table_name)


@pytest.fixture
def sender(base_url, api_key_a):
    return EventSender(base_url, api_key_a)


@pytest.fixture
def sender_b(base_url, api_key_b):
    return EventSender(base_url, api_key_b)


@pytest.fixture
def own_sender(base_url, api_key_a, raw):
    """An endpoint of business A that no other test signs with (to rotate or delete);
    deleted afterwards, since a business has only a few."""
    sender = EventSender(base_url, api_key_a, fresh=True)
    yield sender
    raw.delete(f"/ingest-endpoints/{sender.endpoint_id}")


def event_record(ddb, business_id: str, webhook_id: str):
    digest = hashlib.sha256(webhook_id.encode()).hexdigest()
    return ddb.get_item(
        Key={"PK": f"B#{business_id}#INGEST_EVENT#{digest}", "SK": "EVENT"}, ConsistentRead=True
    ).get("Item")


def endpoint_item_key(endpoint_id: str) -> dict[str, str]:
    return {"PK": f"INGEST#{endpoint_id}", "SK": "INGEST_ENDPOINT"}


def assert_unauthorized(resp) -> None:
    assert_error(resp, 401, "UNAUTHORIZED")


def unknown_event(sender: EventSender, **kw):
    return sender.send("payout.success", {"payout_id": "pou_1", "amount": 100}, **kw)


# --- Endpoints -----------------------------------------------------------------------


def test_create_shows_the_secret_once_and_list_never(raw, base_url, sender):
    assert sender.secret.startswith("whsec_")
    import base64

    assert len(base64.b64decode(sender.secret.removeprefix("whsec_"))) >= 24
    assert sender.url == f"{base_url}/ingest/{sender.endpoint_id}"
    listed = raw.get("/ingest-endpoints")
    assert listed.status_code == 200, describe(listed)
    mine = [e for e in listed.json()["items"] if e["ingest_endpoint_id"] == sender.endpoint_id]
    assert mine == [
        {
            "ingest_endpoint_id": sender.endpoint_id,
            "url": sender.url,
            "created_at": mine[0]["created_at"],
            "secret_rotated_at": None,
        }
    ]
    assert sender.secret not in listed.text


def test_the_url_follows_the_request_host(raw, sender):
    resp = raw.post("/ingest-endpoints", headers={"host": "api.example.com", "x-forwarded-proto": "https"})
    assert resp.status_code == 200, describe(resp)
    body = resp.json()
    assert body["url"] == f"https://api.example.com/ingest/{body['ingest_endpoint_id']}"
    assert raw.delete(f"/ingest-endpoints/{body['ingest_endpoint_id']}").status_code == 200


def test_routes_need_the_merchant_key(raw, sender):
    assert_unauthorized(raw.post("/ingest-endpoints", key=None))
    assert_unauthorized(raw.get("/ingest-endpoints", key=None))
    assert_unauthorized(raw.post(f"/ingest-endpoints/{sender.endpoint_id}/rotate-secret", key=None))
    assert_unauthorized(raw.delete(f"/ingest-endpoints/{sender.endpoint_id}", key=None))
    assert_unauthorized(raw.get(f"/ingest-endpoints/{sender.endpoint_id}/events", key=None))


def test_another_business_cannot_see_rotate_or_delete_an_endpoint(raw_b, sender):
    listed = raw_b.get("/ingest-endpoints").json()["items"]
    assert sender.endpoint_id not in [e["ingest_endpoint_id"] for e in listed]
    assert_error(raw_b.post(f"/ingest-endpoints/{sender.endpoint_id}/rotate-secret"), 404, "NOT_FOUND")
    assert_error(raw_b.delete(f"/ingest-endpoints/{sender.endpoint_id}"), 404, "NOT_FOUND")
    assert unknown_event(sender).status_code == 200


def test_a_business_has_at_most_ten_endpoints(mint_api_key, base_url):
    from support.api import RawApi

    api = RawApi(base_url, mint_api_key("Ingest Limit").key)
    try:
        created = [api.post("/ingest-endpoints") for _ in range(10)]
        assert all(r.status_code == 200 for r in created), [describe(r) for r in created]
        assert_error(api.post("/ingest-endpoints"), 409, "INGEST_ENDPOINT_LIMIT_REACHED")
        first = created[0].json()["ingest_endpoint_id"]
        deleted = api.delete(f"/ingest-endpoints/{first}")
        assert deleted.status_code == 200 and deleted.json() == {"ingest_endpoint_id": first, "deleted": True}
        assert_error(api.delete(f"/ingest-endpoints/{first}"), 404, "NOT_FOUND")
        assert api.post("/ingest-endpoints").status_code == 200
        assert len(api.get("/ingest-endpoints").json()["items"]) == 10
    finally:
        api.close()


def test_a_deleted_endpoint_refuses_events(raw, own_sender):
    sender = own_sender
    assert unknown_event(sender).status_code == 200
    assert raw.delete(f"/ingest-endpoints/{sender.endpoint_id}").status_code == 200
    time.sleep(API_KEY_CACHE_TTL_S + 0.5)  # a warm process trusts its copy that long
    assert_unauthorized(unknown_event(sender))


# --- Verification ----------------------------------------------------------------------


def test_a_valid_unknown_type_is_kept_raw_and_acknowledged(sender, ddb):
    webhook_id = new_webhook_id()
    resp = unknown_event(sender, webhook_id=webhook_id)
    assert resp.status_code == 200, describe(resp)
    assert resp.json() == {"webhook_id": webhook_id, "outcome": "ignored"}
    record = event_record(ddb, sender.business_id, webhook_id)
    assert record is not None
    assert record["outcome"] == "ignored"
    assert record["type"] == "payout.success"
    assert record["ingest_endpoint_id"] == sender.endpoint_id
    assert record["body"] == resp.request.content.decode()
    assert record["headers"]["webhook-id"] == webhook_id
    assert record["headers"]["webhook-signature"].startswith("v1,")
    ttl = int(record["expires_at"])
    assert 89 * 86400 < ttl - time.time() <= 90 * 86400


def test_kept_events_are_listed_raw_newest_first_for_their_business_only(raw, raw_b, own_sender):
    ids = [new_webhook_id() for _ in range(3)]
    sent = [unknown_event(own_sender, webhook_id=i) for i in ids]
    assert_unauthorized(unknown_event(own_sender, secret="whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY"))
    path = f"/ingest-endpoints/{own_sender.endpoint_id}/events"
    listed = raw.get(path, params={"page_size": 2})
    assert listed.status_code == 200, describe(listed)
    page0 = listed.json()["items"]
    page1 = raw.get(path, params={"page_size": 2, "page_number": 1}).json()["items"]
    assert [e["webhook_id"] for e in page0 + page1] == ids[::-1], "newest first, refused deliveries not kept"
    assert raw.get(path, params={"page_size": 2, "page_number": 2}).json()["items"] == []
    newest = page0[0]
    assert newest["body"] == sent[-1].request.content.decode()
    assert newest["headers"]["webhook-signature"] == sent[-1].request.headers["webhook-signature"]
    assert (newest["type"], newest["outcome"], newest["ingest_endpoint_id"]) == ("payout.success", "ignored", own_sender.endpoint_id)
    assert_error(raw_b.get(path), 404, "NOT_FOUND")
    assert_error(raw.get("/ingest-endpoints/ing_0123456789abcdef/events"), 404, "NOT_FOUND")


def test_wrong_secret_missing_signature_and_stale_timestamps_are_401(sender, ddb):
    other = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw"
    assert_unauthorized(unknown_event(sender, secret=other))
    for header in ("webhook-signature", "webhook-id", "webhook-timestamp"):
        assert_unauthorized(unknown_event(sender, headers={header: None}))
    for minutes in (6, -6):
        webhook_id = new_webhook_id()
        resp = unknown_event(sender, webhook_id=webhook_id, signed_at=now() - timedelta(minutes=minutes))
        assert_unauthorized(resp)
        assert event_record(ddb, sender.business_id, webhook_id) is None
    for minutes in (4, -4):
        assert unknown_event(sender, signed_at=now() - timedelta(minutes=minutes)).status_code == 200


def test_a_changed_body_does_not_verify(sender):
    webhook_id = new_webhook_id()
    signed_at = now()
    body = sender.envelope("payout.success", {"amount": 1})
    signature = sign(sender.secret, webhook_id, signed_at, body)
    tampered = body.replace(b'"amount": 1', b'"amount": 9')
    resp = sender.send("", None, webhook_id=webhook_id, signed_at=signed_at, signatures=[signature], body=tampered)
    assert_unauthorized(resp)


def test_one_valid_signature_among_several_is_enough(sender):
    webhook_id = new_webhook_id()
    signed_at = now()
    body = sender.envelope("payout.success", {"amount": 1})
    wrong = sign("whsec_" + "d3Jvbmcgc2VjcmV0IGtleSBieXRlcyEhIQ==", webhook_id, signed_at, body)
    right = sign(sender.secret, webhook_id, signed_at, body)
    several = [wrong, "v2,bm90IGEgdjE=", right]
    resp = sender.send("", None, webhook_id=webhook_id, signed_at=signed_at, signatures=several, body=body)
    assert resp.status_code == 200, describe(resp)
    assert_unauthorized(
        sender.send("", None, webhook_id=new_webhook_id(), signed_at=signed_at, signatures=[wrong], body=body)
    )


def test_unknown_endpoints_answer_like_bad_signatures(sender, sender_b):
    assert_unauthorized(unknown_event(sender, endpoint_id="ing_0123456789abcdef0123456789abcdef"))
    assert_unauthorized(unknown_event(sender, endpoint_id="not-an-id"))
    # Business B's endpoint with business A's secret.
    assert_unauthorized(unknown_event(sender, endpoint_id=sender_b.endpoint_id))


def test_not_an_envelope_is_400_and_not_kept(sender, ddb):
    for body in (b"not json", b"[]", b'{"type": "x"}', b'{"business_id":"b","type":"x","timestamp":"yesterday","data":{}}'):
        webhook_id = new_webhook_id()
        resp = sender.send("", None, webhook_id=webhook_id, body=body)
        assert_error(resp, 400, "INVALID_REQUEST_BODY")
        assert event_record(ddb, sender.business_id, webhook_id) is None


def test_a_body_over_the_limit_is_413(sender):
    resp = sender.send("payout.success", {"padding": "x" * 70_000})
    assert_error(resp, 413, "PAYLOAD_TOO_LARGE")


def test_a_realistic_payment_event_fits_the_limit_many_times_over(sender):
    customer = new_customer_snapshot()
    body = sender.envelope("payment.succeeded", payment_data(customer))
    assert len(body) * 10 < 64 * 1024, len(body)


# --- Exactly once ----------------------------------------------------------------------


def test_a_duplicate_webhook_id_changes_nothing(sender, ddb):
    webhook_id = new_webhook_id()
    first = unknown_event(sender, webhook_id=webhook_id)
    assert first.json()["outcome"] == "ignored"
    before = event_record(ddb, sender.business_id, webhook_id)
    again = sender.send("payout.failed", {"other": True}, webhook_id=webhook_id)
    assert again.status_code == 200, describe(again)
    assert again.json() == {"webhook_id": webhook_id, "outcome": "duplicate"}
    assert event_record(ddb, sender.business_id, webhook_id) == before


def test_the_same_webhook_id_at_two_businesses_is_two_events(sender, sender_b, ddb):
    webhook_id = new_webhook_id()
    assert unknown_event(sender, webhook_id=webhook_id).json()["outcome"] == "ignored"
    assert unknown_event(sender_b, webhook_id=webhook_id).json()["outcome"] == "ignored"
    assert event_record(ddb, sender_b.business_id, webhook_id) is not None


# --- Rotation --------------------------------------------------------------------------


def test_after_rotation_both_secrets_verify_within_the_overlap(own_sender, raw):
    previous = own_sender.rotate()
    assert previous != own_sender.secret
    assert unknown_event(own_sender).status_code == 200
    assert unknown_event(own_sender, secret=previous).status_code == 200
    listed = {e["ingest_endpoint_id"]: e for e in raw.get("/ingest-endpoints").json()["items"]}
    assert listed[own_sender.endpoint_id]["secret_rotated_at"] is not None


def test_the_previous_secret_stops_verifying_when_the_overlap_ends(own_sender, ddb):
    previous = own_sender.rotate()
    assert unknown_event(own_sender, secret=previous).status_code == 200
    # The overlap is 24 h; move its end into the past rather than wait.
    ddb.update_item(
        Key=endpoint_item_key(own_sender.endpoint_id),
        UpdateExpression="SET previous_secret_expires_at = :past",
        ExpressionAttributeValues={":past": "2020-01-01T00:00:00.000000Z"},
    )
    time.sleep(API_KEY_CACHE_TTL_S + 0.5)  # a warm process trusts its copy that long
    assert_unauthorized(unknown_event(own_sender, secret=previous))
    assert unknown_event(own_sender).status_code == 200


def test_a_rotated_secret_verifies_at_once_on_a_warm_process(own_sender):
    assert unknown_event(own_sender).status_code == 200  # caches the endpoint
    own_sender.rotate()
    assert unknown_event(own_sender).status_code == 200


# --- Applied through the owning contexts -----------------------------------------------


def test_a_payment_event_is_applied_once(client, sender, ddb):
    customer = new_customer(client)
    payment = payment_data(customer, business_id=sender.business_id)
    webhook_id = new_webhook_id()
    resp = sender.send("payment.succeeded", payment, webhook_id=webhook_id)
    assert resp.status_code == 200, describe(resp)
    assert resp.json() == {"webhook_id": webhook_id, "outcome": "applied"}
    assert event_record(ddb, sender.business_id, webhook_id)["outcome"] == "applied"
    changed = dict(payment, status="failed", updated_at=rfc3339(now() + timedelta(seconds=1)))
    again = sender.send("payment.succeeded", changed, webhook_id=webhook_id)
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate", describe(again)
    seen = client.payments.retrieve(payment["payment_id"])
    assert (seen.payment_id, seen.total_amount, seen.status, seen.customer.customer_id) == (
        payment["payment_id"], payment["total_amount"], "succeeded", customer.customer_id)


def test_an_event_with_invalid_data_is_400_and_not_kept(sender, ddb):
    webhook_id = new_webhook_id()
    resp = sender.send("subscription.active", {"subscription_id": 42}, webhook_id=webhook_id)
    assert_error(resp, 400, "INVALID_REQUEST_BODY")
    assert event_record(ddb, sender.business_id, webhook_id) is None


def test_an_unknown_customer_who_cannot_be_created_is_422_and_not_kept(sender, ddb):
    snapshot = dict(new_customer_snapshot(), email="not an email")
    webhook_id = new_webhook_id()
    resp = sender.send("subscription.active", subscription_data(snapshot), webhook_id=webhook_id)
    assert_error(resp, 422, "INVALID_REQUEST_PARAMETERS")
    assert event_record(ddb, sender.business_id, webhook_id) is None


def test_a_seen_webhook_id_is_acknowledged_even_with_data_now_refused(sender):
    webhook_id = new_webhook_id()
    assert unknown_event(sender, webhook_id=webhook_id).json()["outcome"] == "ignored"
    resp = sender.send("subscription.active", {"subscription_id": 42}, webhook_id=webhook_id)
    assert resp.status_code == 200 and resp.json()["outcome"] == "duplicate", describe(resp)


def test_an_unknown_customer_is_created_with_the_same_id_and_wallets(client, sender):
    snapshot = new_customer_snapshot()
    resp = sender.send("subscription.active", subscription_data(snapshot))
    assert resp.status_code == 200 and resp.json()["outcome"] == "applied", describe(resp)
    created = client.customers.retrieve(snapshot["customer_id"])
    assert (created.customer_id, created.name, created.email) == (
        snapshot["customer_id"], snapshot["name"], snapshot["email"])
    wallets = client.customers.wallets.list(snapshot["customer_id"]).items
    assert [(w.currency, w.balance) for w in wallets] == [("USD", 0), ("INR", 0)]
    # A second object of the same customer finds them and creates nothing more.
    assert sender.send("subscription.active", subscription_data(snapshot)).json()["outcome"] == "applied"
    assert client.customers.retrieve(snapshot["customer_id"]).created_at == created.created_at


def test_an_older_event_never_overwrites_a_newer_state(client, sender):
    customer = new_customer(client)
    subscription = subscription_data(customer)
    cancelled_at = now()
    cancelled = dict(subscription, status="cancelled", cancelled_at=rfc3339(cancelled_at))
    first = sender.send("subscription.cancelled", cancelled, timestamp=cancelled_at)
    assert first.json()["outcome"] == "applied", describe(first)
    older = sender.send("subscription.active", subscription, timestamp=cancelled_at - timedelta(minutes=10))
    assert older.status_code == 200 and older.json()["outcome"] == "stale", describe(older)
    stored = client.subscriptions.retrieve(subscription["subscription_id"])
    assert stored.status == "cancelled"


# --- On the wire: requests per event, and faults -------------------------------------


@pytest.fixture(scope="module")
def proxied(stack):
    with counted_local_server(stack, "local-server-ingest") as server:
        yield server


def test_dynamodb_requests_per_event_counted_on_the_wire(client, proxied, api_key_a):
    """docs/benchmarks.md, "Inbound events": what each kind of event costs."""
    url, proxy = proxied
    sender = EventSender(url, api_key_a, fresh=True)

    def count(send) -> dict[str, int]:
        proxy.post("/__proxy__/reset").raise_for_status()
        resp = send()
        assert resp.status_code == 200, describe(resp)
        return proxy.get("/__proxy__/stats").json()["requests"]

    assert count(lambda: unknown_event(sender)) == {"GetItem": 1, "TransactWriteItems": 1}, "a cold endpoint is read"
    assert count(lambda: unknown_event(sender)) == {"TransactWriteItems": 1}
    customer = new_customer(client)
    payment = payment_data(customer)
    webhook_id = new_webhook_id()
    common = count(lambda: sender.send("payment.succeeded", payment, webhook_id=webhook_id))
    assert common == {"TransactWriteItems": 1}, "the common case: one write request"
    assert count(lambda: sender.send("payment.succeeded", payment, webhook_id=webhook_id)) == {"TransactWriteItems": 1}
    snapshot = new_customer_snapshot()
    unknown = count(lambda: sender.send("subscription.active", subscription_data(snapshot)))
    assert unknown == {"TransactWriteItems": 2}, "refused for the unknown customer, then with their creation"
    subscription = subscription_data(customer)
    at = now()
    cancelled = dict(subscription, status="cancelled", cancelled_at=rfc3339(at))
    assert count(lambda: sender.send("subscription.cancelled", cancelled, timestamp=at)) == {"TransactWriteItems": 1}
    stale = count(lambda: sender.send("subscription.active", subscription, timestamp=at - timedelta(minutes=5)))
    assert stale == {"TransactWriteItems": 2, "BatchGetItem": 1}, "refused, read, recorded as stale"
    print(f"requests per event: common {common}, unknown customer {unknown}, out of order {stale}")


def test_exactly_once_through_lost_answers_conflicts_and_throttling(client, proxied, api_key_a, ddb):
    """The engine retries whatever got no 2xx (same webhook-id); answers lost after a
    commit, transaction conflicts and throttling never apply an event twice or lose one."""
    url, proxy = proxied
    sender = EventSender(url, api_key_a, fresh=True)
    customers = [new_customer(client) for _ in range(4)]
    payments = [payment_data(customers[i % 4]) for i in range(24)]
    ids = [new_webhook_id() for _ in payments]

    def deliver(i: int) -> list[str]:
        outcomes = []
        for _ in range(20):  # the engine's retries
            resp = sender.send("payment.succeeded", payments[i], webhook_id=ids[i])
            if resp.status_code == 200:
                outcomes.append(resp.json()["outcome"])
                if len(outcomes) == 2:
                    return outcomes
        raise AssertionError(f"event {i} never acknowledged")

    proxy.post("/__proxy__/reset").raise_for_status()
    proxy.post("/__proxy__/faults", json={
        "drop_after_commit": 0.2, "transaction_conflict": 0.2, "throttle": 0.05, "latency_ms": [0, 5], "seed": 11,
    }).raise_for_status()
    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(deliver, range(len(payments))))
    finally:
        proxy.post("/__proxy__/faults", json={}).raise_for_status()
    faults = proxy.get("/__proxy__/stats").json()["faults"]
    for outcomes in results:
        assert outcomes[-1] == "duplicate" and set(outcomes) <= {"applied", "duplicate"}, outcomes
    for payment, webhook_id in zip(payments, ids):
        assert event_record(ddb, sender.business_id, webhook_id)["outcome"] == "applied"
        assert client.payments.retrieve(payment["payment_id"]).total_amount == payment["total_amount"]
    for kind in ("drop_after_commit", "transaction_conflict"):
        assert faults.get(kind, 0) >= 2, f"too few {kind} faults to prove anything: {faults}"
