"""Inbound events: ingest endpoints, Standard Webhooks verification (signed with the
`standardwebhooks` library, as Dodo signs), exactly-once per webhook-id, raw records."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

import pytest

from conftest import API_KEY_CACHE_TTL_S
from support.api import assert_error, describe
from support.billing_events import (
    EventSender,
    new_customer_snapshot,
    new_webhook_id,
    now,
    payment_data,
    sign,
)
from support.stack import dynamodb_table


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
