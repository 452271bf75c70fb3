"""The Customers API (docs/api.md), through the official dodopayments SDK where it
can say the request, and through raw HTTP (httpx) where it cannot.

Every test makes its own customers with unique names and emails, so tests depend on
neither order nor each other.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

import dodopayments
import httpx
import pytest
from dodopayments.types import Customer

from conftest import API_KEY_CACHE_TTL_S, REPO
from support.api import (
    RawApi,
    assert_error,
    assert_request_id,
    assert_sdk_error,
    assert_utc_rfc3339,
    describe,
    new_customer,
    unique,
    unique_email,
)
from support.paths import python
from support.processes import ManagedProcess
from support.stack import start_local_server

CUSTOMER_ID_RE = re.compile(r"^cus_[A-Za-z0-9_-]+$")
LOCALES = "ar ca zh nl en fr de he id it ja ka ko ms pl pt ro ru es sv th tr".split()
CUSTOMER_KEYS = {
    "customer_id", "business_id", "name", "email", "phone_number",
    "metadata", "created_at", "preferred_locale",
}


def raw_customer(raw: RawApi, customer_id: str) -> dict[str, Any]:
    resp = raw.get(f"/customers/{customer_id}")
    assert resp.status_code == 200, describe(resp)
    return resp.json()


def list_ids(client: dodopayments.DodoPayments, **kw: Any) -> list[str]:
    return [c.customer_id for c in client.customers.list(**kw).items]


def walk_pages(client: dodopayments.DodoPayments, page_size: int, **filters: Any) -> list[list[Customer]]:
    """Every page from page 0 up to and including the first empty one."""
    pages: list[list[Customer]] = []
    for page_number in range(1000):
        items = client.customers.list(page_number=page_number, page_size=page_size, **filters).items
        pages.append(items)
        if not items:
            return pages
        assert len(items) <= page_size
    raise AssertionError("paging never reached an empty page")


def search(raw: RawApi, term: str, **params: Any) -> list[dict[str, Any]]:
    resp = raw.get("/customers", params={"search": term, **params})
    assert resp.status_code == 200, describe(resp)
    return resp.json()["items"]


# --- create -------------------------------------------------------------------------------

def test_create_minimal_customer(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    name, email = f"Ada {unique()}", unique_email()
    before = datetime.now(timezone.utc)
    c = client.customers.create(name=name, email=email)
    after = datetime.now(timezone.utc)

    assert CUSTOMER_ID_RE.match(c.customer_id), c.customer_id
    assert c.business_id
    assert c.name == name
    assert c.email == email
    assert c.phone_number is None
    assert c.metadata == {}
    assert c.preferred_locale is None
    assert before - timedelta(seconds=5) <= c.created_at <= after + timedelta(seconds=5)

    body = raw_customer(raw, c.customer_id)
    assert set(body) >= CUSTOMER_KEYS, f"missing fields: {CUSTOMER_KEYS - set(body)}"
    # Nullable fields are present as null, not left out.
    assert "phone_number" in body and body["phone_number"] is None
    assert "preferred_locale" in body and body["preferred_locale"] is None
    assert body["metadata"] == {}
    assert_utc_rfc3339(body["created_at"])


def test_create_full_customer_and_get_it_back(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    metadata = {"plan": "gold", "seats": 12, "ratio": 1.5, "vip": True}
    c = new_customer(client, phone_number="+14155550123", metadata=metadata, preferred_locale="fr")
    assert c.phone_number == "+14155550123"
    assert c.preferred_locale == "fr"
    assert c.metadata == metadata

    got = client.customers.retrieve(c.customer_id)
    assert got.model_dump() == c.model_dump()

    # Metadata values keep their JSON types on the wire.
    body = raw_customer(raw, c.customer_id)
    assert body["metadata"] == metadata
    assert isinstance(body["metadata"]["plan"], str)
    assert isinstance(body["metadata"]["seats"], int) and not isinstance(body["metadata"]["seats"], bool)
    assert body["metadata"]["vip"] is True


@pytest.mark.parametrize("locale", LOCALES)
def test_every_documented_locale_is_accepted(client: dodopayments.DodoPayments, locale: str) -> None:
    c = new_customer(client, preferred_locale=locale)
    assert c.preferred_locale == locale


def test_customers_of_one_business_share_its_business_id(
    client: dodopayments.DodoPayments, client_b: dodopayments.DodoPayments
) -> None:
    a1, a2 = new_customer(client), new_customer(client)
    b1 = new_customer(client_b)
    assert a1.business_id == a2.business_id
    assert b1.business_id != a1.business_id
    assert a1.customer_id != a2.customer_id


def test_name_of_80_characters_is_counted_in_characters(client: dodopayments.DodoPayments) -> None:
    name = "é" * 80  # 160 bytes of UTF-8, 80 characters
    c = new_customer(client, name=name)
    assert c.name == name
    assert client.customers.retrieve(c.customer_id).name == name


def test_fifty_metadata_keys_are_accepted(client: dodopayments.DodoPayments) -> None:
    metadata = {f"k{i}": i for i in range(50)}
    c = new_customer(client, metadata=metadata)
    assert c.metadata == metadata


# --- get ----------------------------------------------------------------------------------

def test_get_unknown_customer_is_not_found(client: dodopayments.DodoPayments) -> None:
    with pytest.raises(dodopayments.NotFoundError) as e:
        client.customers.retrieve("cus_" + secrets.token_hex(16))
    assert_sdk_error(e.value, 404, "NOT_FOUND")


@pytest.mark.parametrize("bad_id", ["nope", "cus_", "cus_a.b", "cus_%2F..%2Fx", "x" * 300])
def test_get_malformed_customer_id_is_not_found(raw: RawApi, bad_id: str) -> None:
    assert_error(raw.get(f"/customers/{bad_id}"), 404, "NOT_FOUND")


# --- update -------------------------------------------------------------------------------

def test_update_changes_only_the_fields_sent(client: dodopayments.DodoPayments) -> None:
    c = new_customer(client, phone_number="+14155550100", metadata={"a": "1"}, preferred_locale="de")
    new_name = f"Renamed {unique()}"
    updated = client.customers.update(c.customer_id, name=new_name)
    assert updated.name == new_name
    for field in ("customer_id", "business_id", "email", "phone_number", "metadata", "preferred_locale", "created_at"):
        assert getattr(updated, field) == getattr(c, field), field
    assert client.customers.retrieve(c.customer_id).model_dump() == updated.model_dump()


def test_update_every_field(client: dodopayments.DodoPayments) -> None:
    c = new_customer(client)
    email = unique_email()
    updated = client.customers.update(
        c.customer_id,
        name="New Name",
        email=email,
        phone_number="+919876543210",
        metadata={"tier": "gold", "n": 3, "ok": False},
        preferred_locale="ja",
    )
    assert updated.name == "New Name"
    assert updated.email == email
    assert updated.phone_number == "+919876543210"
    assert updated.metadata == {"tier": "gold", "n": 3, "ok": False}
    assert updated.preferred_locale == "ja"
    assert updated.created_at == c.created_at
    assert client.customers.retrieve(c.customer_id).model_dump() == updated.model_dump()


def test_update_with_null_clears_phone_number_and_locale(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    c = new_customer(client, phone_number="+14155550111", preferred_locale="es")

    updated = client.customers.update(c.customer_id, phone_number=None)
    assert updated.phone_number is None
    assert updated.preferred_locale == "es"  # absent: unchanged

    updated = client.customers.update(c.customer_id, preferred_locale=None)
    assert updated.preferred_locale is None
    assert updated.phone_number is None

    body = raw_customer(raw, c.customer_id)
    assert body["phone_number"] is None and body["preferred_locale"] is None
    assert body["name"] == c.name and body["email"] == c.email


def test_update_with_null_name_or_email_changes_nothing(client: dodopayments.DodoPayments) -> None:
    # The SDK types name and email as Optional in an update, so a compatible server takes
    # null for them; they cannot be cleared, so null leaves them as they are.
    c = new_customer(client, phone_number="+14155550177")
    updated = client.customers.update(c.customer_id, name=None, email=None)
    assert updated.model_dump() == c.model_dump()
    assert client.customers.retrieve(c.customer_id).model_dump() == c.model_dump()


def test_update_with_null_metadata_empties_it(client: dodopayments.DodoPayments) -> None:
    c = new_customer(client, metadata={"a": "1", "b": 2})
    updated = client.customers.update(c.customer_id, metadata=None)
    assert updated.metadata == {}
    assert client.customers.retrieve(c.customer_id).metadata == {}


def test_update_with_empty_body_changes_nothing(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    c = new_customer(client, phone_number="+14155550122", preferred_locale="it")
    resp = raw.patch(f"/customers/{c.customer_id}", json_body={})
    assert resp.status_code == 200, describe(resp)
    assert client.customers.retrieve(c.customer_id).model_dump() == c.model_dump()


def test_update_unknown_customer_is_not_found(client: dodopayments.DodoPayments) -> None:
    with pytest.raises(dodopayments.NotFoundError) as e:
        client.customers.update("cus_" + secrets.token_hex(16), name="x")
    assert_sdk_error(e.value, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"email": "not-an-email"}, 422, "INVALID_REQUEST_PARAMETERS"),
        ({"name": ""}, 422, "INVALID_REQUEST_PARAMETERS"),
        ({"name": "x" * 81}, 422, "INVALID_REQUEST_PARAMETERS"),
        ({"preferred_locale": "xx"}, 422, "INVALID_REQUEST_PARAMETERS"),
        ({"name": 42}, 400, "INVALID_REQUEST_BODY"),
        ({"metadata": "not an object"}, 400, "INVALID_REQUEST_BODY"),
        ({"metadata": {f"k{i}": i for i in range(51)}}, 400, "MAXIMUM_KEYS_REACHED"),
    ],
    ids=["bad-email", "empty-name", "long-name", "bad-locale",
         "name-not-string", "metadata-not-object", "51-metadata-keys"],
)
def test_update_validation(
    client: dodopayments.DodoPayments, raw: RawApi, body: dict[str, Any], status: int, code: str
) -> None:
    c = new_customer(client, phone_number="+14155550133")
    assert_error(raw.patch(f"/customers/{c.customer_id}", json_body=body), status, code)
    # A refused update writes nothing.
    assert client.customers.retrieve(c.customer_id).model_dump() == c.model_dump()


def test_update_with_non_json_body_is_invalid(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    c = new_customer(client)
    assert_error(raw.patch(f"/customers/{c.customer_id}", content=b"name=x"), 400, "INVALID_REQUEST_BODY")


def test_update_through_sdk_raises_typed_errors(client: dodopayments.DodoPayments) -> None:
    c = new_customer(client)
    with pytest.raises(dodopayments.UnprocessableEntityError) as e:
        client.customers.update(c.customer_id, email="nope")
    assert_sdk_error(e.value, 422, "INVALID_REQUEST_PARAMETERS")
    with pytest.raises(dodopayments.BadRequestError) as e2:
        client.customers.update(c.customer_id, metadata={f"k{i}": "v" for i in range(51)})
    assert_sdk_error(e2.value, 400, "MAXIMUM_KEYS_REACHED")


# --- list ---------------------------------------------------------------------------------

def test_list_is_newest_first(client: dodopayments.DodoPayments) -> None:
    tag = unique("order")
    made = [new_customer(client, name=f"{tag} {i}") for i in range(4)]
    items = client.customers.list(name=tag).items
    assert [c.customer_id for c in items] == [c.customer_id for c in reversed(made)]
    stamps = [c.created_at for c in items]
    assert stamps == sorted(stamps, reverse=True)


def test_list_default_page_size_is_10(client: dodopayments.DodoPayments) -> None:
    tag = unique("dflt")
    made = [new_customer(client, name=f"{tag} {i}") for i in range(12)]
    page0 = client.customers.list(name=tag).items
    assert len(page0) == 10
    assert [c.customer_id for c in page0] == [c.customer_id for c in reversed(made)][:10]
    page1 = client.customers.list(name=tag, page_number=1).items
    assert [c.customer_id for c in page1] == [made[1].customer_id, made[0].customer_id]


def test_list_pages_until_an_empty_page(client: dodopayments.DodoPayments) -> None:
    tag = unique("page")
    made = [new_customer(client, name=f"{tag} {i}") for i in range(7)]
    pages = walk_pages(client, page_size=3, name=tag)
    assert [len(p) for p in pages] == [3, 3, 1, 0]
    walked = [c.customer_id for page in pages for c in page]
    assert walked == [c.customer_id for c in reversed(made)]  # no gap, no repeat, newest first
    # A page exactly filled is followed by an empty one, not an error.
    pages = walk_pages(client, page_size=7, name=tag)
    assert [len(p) for p in pages] == [7, 0]
    # Far past the end: empty, not an error.
    assert client.customers.list(name=tag, page_number=50, page_size=3).items == []


def test_list_page_size_100_is_allowed(client: dodopayments.DodoPayments) -> None:
    tag = unique("p100")
    c = new_customer(client, name=tag)
    assert list_ids(client, name=tag, page_size=100) == [c.customer_id]


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": "101"},
        {"page_size": "0"},
        {"page_size": "-1"},
        {"page_size": "ten"},
        {"page_number": "-1"},
        {"page_number": "x"},
        {"created_at_gte": "yesterday"},
        {"created_at_lte": "2024-13-45T00:00:00Z"},
    ],
    ids=lambda p: "-".join(f"{k}={v}" for k, v in p.items()),
)
def test_list_rejects_bad_query_params(raw: RawApi, params: dict[str, str]) -> None:
    assert_error(raw.get("/customers", params=params), 400, "INVALID_QUERY_PARAMS")


def test_list_page_size_over_100_through_sdk(client: dodopayments.DodoPayments) -> None:
    with pytest.raises(dodopayments.BadRequestError) as e:
        client.customers.list(page_size=101)
    assert_sdk_error(e.value, 400, "INVALID_QUERY_PARAMS")


def test_list_filter_email_is_exact_and_case_insensitive(client: dodopayments.DodoPayments) -> None:
    local = "Mixed.Case+" + unique("t")  # '+' must survive query-string encoding
    email = f"{local}@Example.COM"
    c = new_customer(client, email=email)
    other = new_customer(client, email=f"{local}x@example.com")  # shares a prefix

    assert list_ids(client, email=email) == [c.customer_id]
    assert list_ids(client, email=email.lower()) == [c.customer_id]
    assert list_ids(client, email=email.upper()) == [c.customer_id]
    assert list_ids(client, email=f"{local}x@example.com") == [other.customer_id]
    # Exact, not partial.
    assert list_ids(client, email=local) == []
    assert list_ids(client, email=f"{local}@example.co") == []
    assert list_ids(client, email=unique_email()) == []


def test_list_filter_name_is_partial_and_case_insensitive(client: dodopayments.DodoPayments) -> None:
    tag = unique("Nm")
    c1 = new_customer(client, name=f"Alice {tag} Smith")
    c2 = new_customer(client, name=f"{tag.upper()}-bob")
    new_customer(client, name=f"Carol {unique('Nm')}")

    assert list_ids(client, name=tag) == [c2.customer_id, c1.customer_id]
    assert list_ids(client, name=tag.lower()) == [c2.customer_id, c1.customer_id]
    assert list_ids(client, name=f"{tag.lower()} smi") == [c1.customer_id]
    assert list_ids(client, name=f"alice {tag}") == [c1.customer_id]
    assert list_ids(client, name=f"{tag}zzz") == []


def test_list_filter_created_at_range(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    tag = unique("time")
    made = []
    for i in range(3):
        if i:
            time.sleep(1.1)  # distinct timestamps even at one-second precision
        made.append(new_customer(client, name=f"{tag} {i}"))
    c0, c1, c2 = made
    # The wire strings, not datetimes parsed from them (no precision is lost this way).
    t1 = raw_customer(raw, c1.customer_id)["created_at"]

    assert list_ids(client, name=tag, created_at_gte=t1) == [c2.customer_id, c1.customer_id]
    assert list_ids(client, name=tag, created_at_lte=t1) == [c1.customer_id, c0.customer_id]
    assert list_ids(client, name=tag, created_at_gte=t1, created_at_lte=t1) == [c1.customer_id]

    # Datetimes through the SDK (it sends ISO 8601 with an offset).
    start = c0.created_at - timedelta(seconds=1)
    end = c2.created_at + timedelta(seconds=1)
    assert list_ids(client, name=tag, created_at_gte=start, created_at_lte=end) == [
        c2.customer_id, c1.customer_id, c0.customer_id,
    ]
    assert list_ids(client, name=tag, created_at_gte=end) == []
    assert list_ids(client, name=tag, created_at_lte=start) == []
    # An instant given in another UTC offset means the same instant.
    just_before_c1 = (c1.created_at - timedelta(milliseconds=500)).astimezone(timezone(timedelta(hours=2)))
    assert list_ids(client, name=tag, created_at_gte=just_before_c1) == [c2.customer_id, c1.customer_id]


def test_list_filters_combine(client: dodopayments.DodoPayments) -> None:
    tag = unique("combo")
    email = unique_email()
    c = new_customer(client, name=f"{tag} one", email=email)
    new_customer(client, name=f"{tag} two")
    assert list_ids(client, name=tag, email=email) == [c.customer_id]
    assert list_ids(client, name=f"{tag} two", email=email) == []


def test_list_items_have_the_customer_shape(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    tag = unique("shape")
    c = new_customer(client, name=tag, phone_number="+14155550144", metadata={"x": "y"}, preferred_locale="pt")
    resp = raw.get("/customers", params={"name": tag})
    assert resp.status_code == 200, describe(resp)
    body = resp.json()
    assert isinstance(body, dict) and isinstance(body.get("items"), list), describe(resp)
    assert len(body["items"]) == 1
    item = body["items"][0]
    assert set(item) >= CUSTOMER_KEYS
    assert item == raw_customer(raw, c.customer_id)


# --- search (extension) -------------------------------------------------------------------

def test_search_by_customer_id_email_or_name_fragment(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    tag = unique("Srch")
    email = f"{unique('s')}@Search.Example.com"
    c = new_customer(client, name=f"Dana {tag} Jones", email=email)
    new_customer(client, name=f"Dana {unique('Srch')} Jones")  # a neighbour that must not match by tag

    assert [x["customer_id"] for x in search(raw, c.customer_id)] == [c.customer_id]
    assert [x["customer_id"] for x in search(raw, email)] == [c.customer_id]
    assert [x["customer_id"] for x in search(raw, email.lower())] == [c.customer_id]
    assert [x["customer_id"] for x in search(raw, tag)] == [c.customer_id]
    assert [x["customer_id"] for x in search(raw, tag.lower())] == [c.customer_id]
    assert [x["customer_id"] for x in search(raw, f"{tag} jon")] == [c.customer_id]
    assert search(raw, unique("nomatch")) == []

    # Through the SDK, as an extra query parameter.
    found = client.customers.list(extra_query={"search": tag}).items
    assert [x.customer_id for x in found] == [c.customer_id]


def test_search_never_crosses_businesses(client: dodopayments.DodoPayments, raw_b: RawApi) -> None:
    tag = unique("SrchIso")
    c = new_customer(client, name=tag)
    assert search(raw_b, c.customer_id) == []
    assert search(raw_b, c.email) == []
    assert search(raw_b, tag) == []


# --- delete (extension) -------------------------------------------------------------------

def test_delete_erases_the_customer(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    tag = unique("del")
    c = new_customer(client, name=tag, phone_number="+14155550155", metadata={"k": "v"})
    resp = raw.delete(f"/customers/{c.customer_id}")
    assert resp.status_code in (200, 204), describe(resp)
    assert_request_id(resp)

    with pytest.raises(dodopayments.NotFoundError) as e:
        client.customers.retrieve(c.customer_id)
    assert_sdk_error(e.value, 404, "NOT_FOUND")
    assert list_ids(client, name=tag) == []
    assert list_ids(client, email=c.email) == []
    assert search(raw, c.customer_id) == []
    assert c.customer_id not in [x.customer_id for page in walk_pages(client, 100) for x in page]

    assert_error(raw.patch(f"/customers/{c.customer_id}", json_body={"name": "back"}), 404, "NOT_FOUND")
    assert_error(raw.delete(f"/customers/{c.customer_id}"), 404, "NOT_FOUND")


def test_delete_unknown_customer_is_not_found(raw: RawApi) -> None:
    assert_error(raw.delete(f"/customers/cus_{secrets.token_hex(16)}"), 404, "NOT_FOUND")


def test_delete_is_refused_while_a_wallet_holds_money(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    c = new_customer(client)
    credit = raw.post(
        f"/customers/{c.customer_id}/wallets/ledger-entries",
        json_body={"amount": 500, "currency": "USD", "entry_type": "credit"},
    )
    assert credit.status_code == 200, describe(credit)

    resp = raw.delete(f"/customers/{c.customer_id}")
    assert resp.status_code == 409, describe(resp)
    body = resp.json()
    assert set(body) == {"code", "message"} and isinstance(body["code"], str), describe(resp)
    assert resp.headers.get("x-should-retry") == "false", describe(resp)
    assert client.customers.retrieve(c.customer_id).model_dump() == c.model_dump()


# --- tenant isolation ---------------------------------------------------------------------

def test_other_business_cannot_see_or_touch_a_customer(
    client: dodopayments.DodoPayments, client_b: dodopayments.DodoPayments, raw: RawApi, raw_b: RawApi
) -> None:
    tag = unique("iso")
    c = new_customer(client, name=tag, phone_number="+14155550166")
    missing = f"cus_{secrets.token_hex(16)}"

    with pytest.raises(dodopayments.NotFoundError) as e:
        client_b.customers.retrieve(c.customer_id)
    assert_sdk_error(e.value, 404, "NOT_FOUND")
    with pytest.raises(dodopayments.NotFoundError) as e:
        client_b.customers.update(c.customer_id, name="hijacked", phone_number=None)
    assert_sdk_error(e.value, 404, "NOT_FOUND")
    assert_error(raw_b.delete(f"/customers/{c.customer_id}"), 404, "NOT_FOUND")

    # Answered exactly like a customer that does not exist at all.
    for method, body in (("GET", None), ("PATCH", {"name": "x"}), ("DELETE", None)):
        kw = {} if body is None else {"json_body": body}
        theirs = raw_b.request(method, f"/customers/{c.customer_id}", **kw)
        absent = raw_b.request(method, f"/customers/{missing}", **kw)
        assert (theirs.status_code, theirs.json()) == (absent.status_code, absent.json()), (
            describe(theirs), describe(absent))

    # B never sees it in a list.
    assert list_ids(client_b, name=tag) == []
    assert list_ids(client_b, email=c.email) == []
    assert c.customer_id not in [x.customer_id for page in walk_pages(client_b, 100) for x in page]

    # And A's customer is untouched.
    assert client.customers.retrieve(c.customer_id).model_dump() == c.model_dump()
    assert list_ids(client, name=tag) == [c.customer_id]


def test_same_email_in_two_businesses_stays_apart(
    client: dodopayments.DodoPayments, client_b: dodopayments.DodoPayments
) -> None:
    email = unique_email()
    a = new_customer(client, email=email)
    b = new_customer(client_b, email=email)
    assert list_ids(client, email=email) == [a.customer_id]
    assert list_ids(client_b, email=email) == [b.customer_id]


# --- authentication -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "sk_not_a_bearer_header",
        "Bearer not-a-key",
        "Bearer sk_" + "0" * 64,
    ],
    ids=["missing", "empty", "bearer-no-token", "basic", "no-scheme", "malformed", "unknown"],
)
@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "/customers", None),
        ("POST", "/customers", {"name": "x", "email": "x@example.com"}),
        ("GET", "/customers/cus_0123456789abcdef", None),
        ("PATCH", "/customers/cus_0123456789abcdef", {"name": "x"}),
        ("DELETE", "/customers/cus_0123456789abcdef", None),
    ],
    ids=["list", "create", "get", "update", "delete"],
)
def test_requests_without_a_valid_key_are_unauthorized(
    raw: RawApi, authorization: str | None, method: str, path: str, body: Any
) -> None:
    kw: dict[str, Any] = {} if body is None else {"json_body": body}
    if authorization is None:
        resp = raw.request(method, path, key=None, **kw)
    else:
        resp = raw.request(method, path, authorization=authorization, **kw)
    assert_error(resp, 401, "UNAUTHORIZED")


def test_unknown_key_of_the_right_shape_is_unauthorized(raw: RawApi, api_key_a: str) -> None:
    # Same prefix and length as a real key, different secret.
    forged = api_key_a[:-8] + ("0" * 8 if not api_key_a.endswith("0" * 8) else "1" * 8)
    assert_error(raw.get("/customers", key=forged), 401, "UNAUTHORIZED")


def test_sdk_raises_authentication_error(make_client: Any) -> None:
    bad = make_client("sk_" + secrets.token_hex(32))
    with pytest.raises(dodopayments.AuthenticationError) as e:
        bad.customers.list()
    assert_sdk_error(e.value, 401, "UNAUTHORIZED")


def test_key_revoked_before_first_use_is_unauthorized(mint_api_key: Any, admin: Any, make_client: Any) -> None:
    key = mint_api_key(f"Revoked {unique()}").key
    admin("revoke-api-key", "--key", key)
    with pytest.raises(dodopayments.AuthenticationError) as e:
        make_client(key).customers.list()
    assert_sdk_error(e.value, 401, "UNAUTHORIZED")


# A warm server caches a known key for API_KEY_CACHE_TTL_SECONDS (the test stack sets
# it short), so a key revoked after use is refused within that time, not at once.


@pytest.mark.slow
def test_key_revoked_after_use_stops_working(mint_api_key: Any, admin: Any, make_client: Any) -> None:
    key = mint_api_key(f"Revocable {unique()}").key
    c = make_client(key)
    new_customer(c)  # the key works (and is now cached)
    admin("revoke-api-key", "--key", key)
    deadline = time.monotonic() + API_KEY_CACHE_TTL_S + 5
    while True:
        try:
            c.customers.list(page_size=1)
        except dodopayments.AuthenticationError as e:
            assert_sdk_error(e, 401, "UNAUTHORIZED")
            return
        assert time.monotonic() < deadline, (
            f"a revoked key still works {API_KEY_CACHE_TTL_S + 5:.0f} s after revocation"
        )
        time.sleep(1)


def test_keys_name_their_business(client: dodopayments.DodoPayments, api_key_a: str) -> None:
    business_hex = new_customer(client).business_id.removeprefix("bus_")
    assert re.fullmatch(rf"sk_{business_hex}_[0-9a-f]{{64}}", api_key_a), api_key_a


def test_a_key_with_another_business_swapped_in_is_unauthorized(
    client: dodopayments.DodoPayments, client_b: dodopayments.DodoPayments, raw: RawApi, api_key_a: str
) -> None:
    # Business A's key with B's id in place of A's (the same secret) names B, but it is no
    # key of B's: every route refuses it before showing or writing anything of B's.
    a, b = new_customer(client), new_customer(client_b)
    a_hex, b_hex = (c.business_id.removeprefix("bus_") for c in (a, b))
    forged = api_key_a.replace(f"sk_{a_hex}_", f"sk_{b_hex}_", 1)
    assert forged != api_key_a and forged.endswith(api_key_a[-64:])
    tag = unique("forged")
    cid = b.customer_id
    for method, path, body in [
        ("GET", f"/customers/{cid}", None),
        ("PATCH", f"/customers/{cid}", {"name": tag}),
        ("DELETE", f"/customers/{cid}", None),
        ("GET", "/customers", None),
        ("POST", "/customers", {"name": tag, "email": unique_email(tag)}),
        ("GET", f"/customers/{cid}/wallets", None),
        ("GET", f"/customers/{cid}/wallets/ledger-entries", None),
        ("POST", f"/customers/{cid}/wallets/ledger-entries", {"amount": 1, "currency": "USD", "entry_type": "credit"}),
        ("POST", f"/customers/{cid}/customer-portal/session", None),
        # Errors found before any read still wait for the key: 401, not 404 or 400.
        ("GET", "/customers/not-an-id", None),
        ("POST", "/customers", {"name": ""}),
    ]:
        kw: dict[str, Any] = {} if body is None else {"json_body": body}
        assert_error(raw.request(method, path, key=forged, **kw), 401, "UNAUTHORIZED")
    assert client_b.customers.retrieve(cid).model_dump() == b.model_dump()
    assert list_ids(client_b, name=tag) == []
    assert all(w.balance == 0 for w in client_b.customers.wallets.list(cid).items)


@pytest.fixture(scope="module")
def counted(stack: Any) -> Iterator[tuple[str, httpx.Client]]:
    """A local server of its own whose DynamoDB requests tests/support/dynamo_proxy.py
    counts (only its requests: no background stream consumers; a known key stays known for
    the test): its base URL and the proxy's control client."""
    ready = stack.artifacts / "counting-proxy.port"
    proxy = ManagedProcess(
        "counting-proxy",
        [python(), str(REPO / "tests" / "support" / "dynamo_proxy.py"), "--upstream", stack.dynamodb_endpoint,
         "--port", "0", "--ready-file", str(ready)],
        env=stack.env, log_dir=stack.artifacts,
    )
    try:
        port = proxy.wait_for(lambda: ready.read_text().strip() if ready.exists() else None,
                              timeout=30, what="proxy port")
        proxy_url = f"http://127.0.0.1:{port}"
        server, base_url = start_local_server(
            "local-server-counted",
            dict(stack.env, DYNAMODB_ENDPOINT=proxy_url, STREAM_CONSUMERS="off", API_KEY_CACHE_TTL_SECONDS="600"),
            stack.artifacts,
        )
        try:
            with httpx.Client(base_url=proxy_url, timeout=10) as control:
                yield base_url, control
        finally:
            server.stop()
    finally:
        proxy.stop()


def test_a_key_new_to_the_server_rides_along_the_first_request(counted: Any, mint_api_key: Any) -> None:
    # Each request below carries a key the server has never seen (as a cold function):
    # its proof costs no round trip of its own (platform::auth).
    base_url, proxy = counted
    business = f"Cold {unique()}"

    def requests(method: str, path: str, body: Any = None, key: str | None = None) -> tuple[Any, dict[str, int]]:
        api = RawApi(base_url, key or mint_api_key(business).key)
        try:
            proxy.post("/__proxy__/reset").raise_for_status()
            kw: dict[str, Any] = {} if body is None else {"json_body": body}
            resp = api.request(method, path, **kw)
            assert resp.status_code == 200, describe(resp)
            return resp.json(), proxy.get("/__proxy__/stats").json()["requests"]
        finally:
            api.close()

    created, counts = requests("POST", "/customers", {"name": "Ada Cold", "email": unique_email()})
    assert counts == {"TransactWriteItems": 1}, "the key is checked inside the creation"
    cid = created["customer_id"]
    key = mint_api_key(business).key
    assert requests("GET", f"/customers/{cid}", key=key)[1] == {"BatchGetItem": 1}
    assert requests("GET", f"/customers/{cid}", key=key)[1] == {"GetItem": 1}, "a known key costs nothing"
    assert requests("PATCH", f"/customers/{cid}", {"name": "Ada Warm"})[1] == {
        "BatchGetItem": 1, "TransactWriteItems": 1}
    assert requests("POST", f"/customers/{cid}/customer-portal/session")[1] == {"BatchGetItem": 1, "PutItem": 1}
    # Routes whose first request is a query read the key's item at the same time.
    for path in ("/customers", f"/customers/{cid}/wallets", f"/customers/{cid}/wallets/ledger-entries"):
        key = mint_api_key(business).key
        cold, warm = requests("GET", path, key=key)[1], requests("GET", path, key=key)[1]
        assert cold == {**warm, "GetItem": warm.get("GetItem", 0) + 1}, (path, cold, warm)
    assert requests("DELETE", f"/customers/{cid}")[1] == {"BatchGetItem": 1, "Query": 1, "TransactWriteItems": 1}


# --- create validation --------------------------------------------------------------------

@pytest.mark.parametrize(
    "content",
    [b"not json", b"{", b'{"name": "x", "email": "x@example.com"', b"", b"[]", b'"a string"', b"null", b"42",
     b'[{"name": "x", "email": "x@example.com"}]'],
    ids=["text", "open-brace", "truncated", "empty", "array", "string", "null", "number", "array-of-object"],
)
def test_create_with_a_body_that_is_not_a_json_object(raw: RawApi, content: bytes) -> None:
    assert_error(raw.post("/customers", content=content), 400, "INVALID_REQUEST_BODY")


@pytest.mark.parametrize(
    "body",
    [
        {"email": "x@example.com"},
        {"name": "No Email"},
        {},
        {"name": 42, "email": "x@example.com"},
        {"name": "X", "email": ["x@example.com"]},
        {"name": None, "email": "x@example.com"},
        {"name": "X", "email": None},
        {"name": "X", "email": "x@example.com", "metadata": ["a"]},
        {"name": "X", "email": "x@example.com", "metadata": {"nested": {"a": 1}}},
        {"name": "X", "email": "x@example.com", "metadata": {"list": [1, 2]}},
        {"name": "X", "email": "x@example.com", "phone_number": 4155550123},
        {"name": "X", "email": "x@example.com", "preferred_locale": 7},
    ],
    ids=["missing-name", "missing-email", "empty-object", "name-number", "email-array", "name-null",
         "email-null", "metadata-array", "metadata-nested-object", "metadata-list-value",
         "phone-number-number", "locale-number"],
)
def test_create_with_the_wrong_shape_is_an_invalid_body(raw: RawApi, body: dict[str, Any]) -> None:
    assert_error(raw.post("/customers", json_body=body), 400, "INVALID_REQUEST_BODY")


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "not-an-email"},
        {"email": "missing-at.example.com"},
        {"email": "a@"},
        {"email": "@example.com"},
        {"email": ""},
        {"name": ""},
        {"name": "x" * 81},
        {"name": "é" * 81},
        {"preferred_locale": "xx"},
        {"preferred_locale": "EN-us"},
        {"preferred_locale": ""},
    ],
    ids=["email-no-at", "email-no-at-2", "email-no-domain", "email-no-local", "email-empty", "name-empty",
         "name-81", "name-81-multibyte", "locale-unknown", "locale-region", "locale-empty"],
)
def test_create_with_semantically_wrong_values(
    client: dodopayments.DodoPayments, raw: RawApi, overrides: dict[str, Any]
) -> None:
    tag = unique("sem")
    body = {"name": tag, "email": unique_email(), **overrides}
    assert_error(raw.post("/customers", json_body=body), 422, "INVALID_REQUEST_PARAMETERS")
    # Nothing was written.
    if "name" not in overrides:
        assert list_ids(client, name=tag) == []


def test_create_through_sdk_raises_typed_errors(client: dodopayments.DodoPayments) -> None:
    with pytest.raises(dodopayments.UnprocessableEntityError) as e:
        client.customers.create(name="X", email="not-an-email")
    assert_sdk_error(e.value, 422, "INVALID_REQUEST_PARAMETERS")
    with pytest.raises(dodopayments.UnprocessableEntityError) as e:
        client.customers.create(name="", email=unique_email())
    assert_sdk_error(e.value, 422, "INVALID_REQUEST_PARAMETERS")


def test_create_with_51_metadata_keys(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    tag = unique("keys")
    with pytest.raises(dodopayments.BadRequestError) as e:
        client.customers.create(name=tag, email=unique_email(), metadata={f"k{i}": i for i in range(51)})
    assert_sdk_error(e.value, 400, "MAXIMUM_KEYS_REACHED")
    assert list_ids(client, name=tag) == []


def test_body_over_64_kib_is_too_large(raw: RawApi) -> None:
    tag = unique("big")
    body = json.dumps({"name": tag, "email": unique_email(), "metadata": {"pad": "x" * (64 * 1024)}})
    assert len(body.encode()) > 64 * 1024
    assert_error(raw.post("/customers", content=body), 413, "PAYLOAD_TOO_LARGE")

    c = raw.post("/customers", json_body={"name": tag, "email": unique_email()})
    assert c.status_code == 200, describe(c)
    assert_error(raw.patch(f"/customers/{c.json()['customer_id']}", content=body), 413, "PAYLOAD_TOO_LARGE")


def test_body_of_exactly_64_kib_is_accepted(raw: RawApi) -> None:
    base = json.dumps({"name": f"Pad {unique()}", "email": unique_email()})
    for size, status in ((64 * 1024, 200), (64 * 1024 + 1, 413)):
        body = base[:-1] + " " * (size - len(base)) + "}"  # JSON whitespace up to the size
        assert len(body.encode()) == size
        resp = raw.post("/customers", content=body)
        if status == 200:
            assert resp.status_code == 200, describe(resp)
        else:
            assert_error(resp, 413, "PAYLOAD_TOO_LARGE")


def test_chunked_body_over_64_kib_is_too_large(raw: RawApi) -> None:
    # No Content-Length: the limit must hold for a streamed body too.
    def chunks() -> Any:
        yield f'{{"name": "{unique("chunk")}", "email": "{unique_email()}", "metadata": {{"p": "'.encode()
        for _ in range(70):
            yield b"x" * 1024
        yield b'"}}'

    assert_error(raw.post("/customers", content=chunks()), 413, "PAYLOAD_TOO_LARGE")


def test_body_over_64_kib_of_junk_is_too_large_not_invalid(raw: RawApi) -> None:
    # The size limit is checked before any parsing.
    assert_error(raw.post("/customers", content=b"x" * (64 * 1024 + 1)), 413, "PAYLOAD_TOO_LARGE")


# --- routes, headers and the error shape --------------------------------------------------

@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/"),
        ("GET", "/nope"),
        ("GET", "/customer"),
        ("GET", "/customers/cus_0123456789abcdef/nope"),
        ("POST", "/customers/cus_0123456789abcdef/unknown/deeper"),
        ("PUT", "/customers/cus_0123456789abcdef"),
        ("DELETE", "/customers"),
    ],
)
def test_unknown_route_is_not_found(raw: RawApi, method: str, path: str) -> None:
    assert_error(raw.request(method, path), 404, "NOT_FOUND")


def test_every_response_carries_a_request_id(client: dodopayments.DodoPayments, raw: RawApi) -> None:
    c = new_customer(client)
    responses = [
        raw.post("/customers", json_body={"name": f"R {unique()}", "email": unique_email()}),
        raw.get(f"/customers/{c.customer_id}"),
        raw.patch(f"/customers/{c.customer_id}", json_body={"name": "R2"}),
        raw.get("/customers", params={"page_size": 1}),
        raw.get("/customers", params={"page_size": 101}),
        raw.get("/customers", key=None),
        raw.get("/customers/cus_0123456789abcdef"),
        raw.post("/customers", content=b"nope"),
        raw.get("/no/such/route"),
    ]
    ids = [assert_request_id(r) for r in responses]
    assert len(set(ids)) == len(ids), f"request ids repeat: {ids}"
    for r in responses:
        assert r.headers.get("content-type", "").startswith("application/json"), describe(r)


def test_sdk_exposes_the_request_id(client: dodopayments.DodoPayments) -> None:
    resp = client.customers.with_raw_response.create(name=f"Raw {unique()}", email=unique_email())
    assert resp.status_code == 200
    assert resp.headers.get("x-request-id")
    assert CUSTOMER_ID_RE.match(resp.parse().customer_id)
