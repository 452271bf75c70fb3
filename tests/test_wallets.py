"""Wallets and the credit ledger through the official SDK (and raw HTTP for headers)."""

from __future__ import annotations

import time

import dodopayments
import pytest

from support.api import assert_error, assert_sdk_error, assert_utc_rfc3339, unique, unique_email
from support.stack import dynamodb_table


@pytest.fixture
def customer(client):
    return client.customers.create(name="Wallet Owner", email=unique_email())


def entries_path(customer_id: str) -> str:
    return f"/customers/{customer_id}/wallets/ledger-entries"


def test_new_customer_has_usd_and_inr_wallets_at_zero(client, customer):
    wallets = client.customers.wallets.list(customer.customer_id)
    assert [(w.currency, w.balance) for w in wallets.items] == [("USD", 0), ("INR", 0)]
    assert wallets.total_balance_usd == 0
    for w in wallets.items:
        assert w.customer_id == customer.customer_id
        assert w.created_at == customer.created_at


def test_credit_and_debit_return_the_wallet_and_chain_in_the_ledger(client, customer):
    cid = customer.customer_id
    after_credit = client.customers.wallets.ledger_entries.create(cid, amount=1_000, currency="USD", entry_type="credit", reason="welcome")
    assert (after_credit.currency, after_credit.balance) == ("USD", 1_000)
    after_debit = client.customers.wallets.ledger_entries.create(cid, amount=250, currency="USD", entry_type="debit")
    assert after_debit.balance == 750
    assert after_debit.updated_at >= after_credit.updated_at
    client.customers.wallets.ledger_entries.create(cid, amount=10_000, currency="INR", entry_type="credit")

    usd = client.customers.wallets.ledger_entries.list(cid, currency="USD").items
    assert [(e.amount, e.is_credit, e.before_balance, e.after_balance) for e in usd] == [(250, False, 1_000, 750), (1_000, True, 0, 1_000)]
    newest_first = client.customers.wallets.ledger_entries.list(cid).items
    assert [e.currency for e in newest_first] == ["INR", "USD", "USD"]
    for e in newest_first:
        assert e.event_type == "merchant_adjustment" and e.customer_id == cid and e.business_id == customer.business_id
        assert e.id.startswith("cwt_") and e.reference_object_id is None
    assert usd[1].reason == "welcome" and usd[0].reason is None

    wallets = client.customers.wallets.list(cid)
    # 7.50 USD + 100.00 INR at the default static rate 0.012 USD/INR = 7.50 + 1.20
    assert wallets.total_balance_usd == 750 + 120


def test_ledger_pages_newest_first_until_empty(client, customer):
    cid = customer.customer_id
    for amount in range(1, 8):
        client.customers.wallets.ledger_entries.create(cid, amount=amount, currency="USD", entry_type="credit")
    seen, page = [], 0
    while items := client.customers.wallets.ledger_entries.list(cid, currency="USD", page_number=page, page_size=3).items:
        seen.extend(e.amount for e in items)
        page += 1
    assert seen == [7, 6, 5, 4, 3, 2, 1] and page == 3


def test_insufficient_funds_writes_nothing(client, customer, raw):
    cid = customer.customer_id
    client.customers.wallets.ledger_entries.create(cid, amount=100, currency="USD", entry_type="credit")
    resp = raw.post(entries_path(cid), json_body={"amount": 101, "currency": "USD", "entry_type": "debit", "idempotency_key": unique()})
    assert_error(resp, 400, "INSUFFICIENT_WALLET_FUNDS")
    assert client.customers.wallets.list(cid).items[0].balance == 100
    assert len(client.customers.wallets.ledger_entries.list(cid).items) == 1


def test_same_idempotency_key_replays_and_different_parameters_conflict(client, customer, raw):
    cid = customer.customer_id
    key = unique("idem")
    first = client.customers.wallets.ledger_entries.create(cid, amount=500, currency="USD", entry_type="credit", idempotency_key=key)
    again = client.customers.wallets.ledger_entries.create(cid, amount=500, currency="USD", entry_type="credit", idempotency_key=key)
    assert again == first
    assert len(client.customers.wallets.ledger_entries.list(cid).items) == 1

    resp = raw.post(entries_path(cid), json_body={"amount": 501, "currency": "USD", "entry_type": "credit", "idempotency_key": key})
    assert_error(resp, 409, "IDEMPOTENCY_KEY_REUSED")
    assert resp.headers.get("x-should-retry") == "false"
    assert client.customers.wallets.list(cid).items[0].balance == 500


def test_idempotency_keys_are_per_customer(client, customer):
    other = client.customers.create(name="Other", email=unique_email())
    key = unique("shared")
    for c in (customer, other):
        assert client.customers.wallets.ledger_entries.create(c.customer_id, amount=5, currency="USD", entry_type="credit", idempotency_key=key).balance == 5


@pytest.mark.parametrize("body, status, code", [
    ({"amount": 0, "currency": "USD", "entry_type": "credit"}, 422, "INVALID_REQUEST_PARAMETERS"),
    ({"amount": -3, "currency": "USD", "entry_type": "debit"}, 422, "INVALID_REQUEST_PARAMETERS"),
    ({"amount": 10**13, "currency": "USD", "entry_type": "credit"}, 422, "INVALID_REQUEST_PARAMETERS"),
    ({"amount": 1.5, "currency": "USD", "entry_type": "credit"}, 400, "INVALID_REQUEST_BODY"),
    ({"amount": "5", "currency": "USD", "entry_type": "credit"}, 400, "INVALID_REQUEST_BODY"),
    ({"amount": 5, "currency": "EUR", "entry_type": "credit"}, 400, "UNSUPPORTED_CURRENCY"),
    ({"amount": 5, "currency": "USD", "entry_type": "refund"}, 400, "INVALID_REQUEST_BODY"),
    ({"amount": 5, "currency": "USD"}, 400, "INVALID_REQUEST_BODY"),
    ({"amount": 5, "currency": "USD", "entry_type": "credit", "reason": "r" * 501}, 422, "INVALID_REQUEST_PARAMETERS"),
    ({"amount": 5, "currency": "USD", "entry_type": "credit", "idempotency_key": "k" * 256}, 422, "INVALID_REQUEST_PARAMETERS"),
])
def test_invalid_entries_are_refused_and_write_nothing(client, customer, raw, body, status, code):
    assert_error(raw.post(entries_path(customer.customer_id), json_body=body), status, code)
    assert client.customers.wallets.ledger_entries.list(customer.customer_id).items == []


def test_ledger_query_validates_currency_and_paging(raw, customer):
    path = entries_path(customer.customer_id)
    assert_error(raw.get(path, params={"currency": "EUR"}), 400, "UNSUPPORTED_CURRENCY")
    assert_error(raw.get(path, params={"page_size": 0}), 400, "INVALID_QUERY_PARAMS")
    assert_error(raw.get(path, params={"page_number": "x"}), 400, "INVALID_QUERY_PARAMS")


def test_other_business_gets_404_on_every_wallet_route_and_changes_nothing(client, client_b, customer, raw_b):
    cid = customer.customer_id
    client.customers.wallets.ledger_entries.create(cid, amount=42, currency="USD", entry_type="credit")
    with pytest.raises(dodopayments.NotFoundError) as e:
        client_b.customers.wallets.list(cid)
    assert_sdk_error(e.value, 404, "NOT_FOUND")
    with pytest.raises(dodopayments.NotFoundError):
        client_b.customers.wallets.ledger_entries.list(cid)
    resp = raw_b.post(entries_path(cid), json_body={"amount": 42, "currency": "USD", "entry_type": "debit"})
    assert_error(resp, 404, "NOT_FOUND")
    assert client.customers.wallets.list(cid).items[0].balance == 42


def test_unknown_customer_is_404_on_wallet_routes(client, raw):
    missing = "cus_" + "0" * 32
    with pytest.raises(dodopayments.NotFoundError):
        client.customers.wallets.list(missing)
    assert_error(raw.post(entries_path(missing), json_body={"amount": 1, "currency": "USD", "entry_type": "credit"}), 404, "NOT_FOUND")
    assert_error(raw.get(entries_path("not-an-id")), 404, "NOT_FOUND")


def test_erase_is_refused_while_a_balance_is_not_zero_and_keeps_the_ledger(client, customer, raw, stack):
    cid = customer.customer_id
    client.customers.wallets.ledger_entries.create(cid, amount=300, currency="INR", entry_type="credit")
    resp = raw.delete(f"/customers/{cid}")
    assert_error(resp, 409, "WALLET_BALANCE_NOT_ZERO")
    assert resp.headers.get("x-should-retry") == "false"
    assert client.customers.retrieve(cid).customer_id == cid

    client.customers.wallets.ledger_entries.create(cid, amount=300, currency="INR", entry_type="debit")
    assert raw.delete(f"/customers/{cid}").status_code == 200
    with pytest.raises(dodopayments.NotFoundError):
        client.customers.wallets.list(cid)

    # The ledger stays for audit, without personal data. Its entries are projected from
    # the table's stream, so they may land a moment after the requests were answered.
    table = dynamodb_table(stack.dynamodb_endpoint, stack.table_name)
    deadline = time.monotonic() + 10
    while True:
        items = table.scan()["Items"]
        mine = [i for i in items if cid in str(i.get("PK", ""))]
        # Ledger entries (the projection's watermark, LEDGER#<CUR>#~, is not an entry).
        ledger = [i for i in mine if str(i["SK"]).startswith("LEDGER#") and not str(i["SK"]).endswith("#~")]
        if len(ledger) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert sorted(int(i["amount"]) for i in ledger) == [300, 300]
    assert not any(str(i["SK"]) in ("CUSTOMER",) or str(i["SK"]).startswith("WALLET#") for i in mine)
    assert not any(customer.email in str(i) or customer.name in str(i) for i in items if cid in str(i))


def test_wallet_timestamps_are_utc_rfc3339(raw, customer):
    body = raw.get(f"/customers/{customer.customer_id}/wallets").json()
    for w in body["items"]:
        assert_utc_rfc3339(w["created_at"]) and assert_utc_rfc3339(w["updated_at"])
