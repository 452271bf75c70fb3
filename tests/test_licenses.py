"""License keys, their instances and the public licence calls, through the official SDK.

Keys are imported (`POST /license_keys`) or arrive by a signed `license_key.created`
event. The merchant's routes (`client.license_keys.*`, `client.license_key_instances.*`)
are checked with every filter, paging walked to the empty page and tenant isolation;
the public calls (`client.licenses.*`, no API key needed) with activation limits,
disabled and expired keys, a wrong key answered exactly as a missing one, and the
per-key rate limits. The activation limit is proven under concurrency: 16 clients
activating one key with a limit of 3 make exactly 3 instances, straight to moto and
through the fault-injecting DynamoDB proxy (tests/support/dynamo_proxy.py), which also
counts the DynamoDB requests each licence call costs (docs/benchmarks.md).
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import dodopayments
import httpx
import pytest

from support.api import assert_error, assert_sdk_error, new_customer, sdk_client
from support.stack import counted_local_server, start_local_server

# The SDK marks the merchant's license key methods deprecated (Dodo moved them under
# entitlements); they are what this API serves.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LIMIT_WINDOW_S = 60  # licensing::rate_limit::WINDOW_SECONDS
CALLS_PER_WINDOW = 60  # licensing::rate_limit::CALLS_PER_WINDOW
CHANGES_PER_WINDOW = 30  # licensing::rate_limit::CHANGES_PER_WINDOW


def key_string() -> str:
    return f"LK-{uuid.uuid4().hex.upper()}"


def import_key(client: dodopayments.DodoPayments, customer_id: str | None = None, **kw: Any) -> Any:
    if customer_id is None:
        customer_id = new_customer(client, "Licensee").customer_id
    kw.setdefault("product_id", "pdt_desktop")
    kw.setdefault("key", key_string())
    return client.license_keys.create(customer_id=customer_id, **kw)


@pytest.fixture(scope="module")
def public(base_url: str) -> dodopayments.DodoPayments:
    """An SDK client for the public licence calls; its bearer token is no API key."""
    c = sdk_client(base_url, "not-an-api-key")
    yield c
    c.close()


@pytest.fixture(scope="module")
def http(base_url: str) -> httpx.Client:
    with httpx.Client(base_url=base_url, timeout=30) as h:
        yield h


def wait_for_window_start(margin_s: float) -> None:
    """Sleeps into the next rate window when fewer than `margin_s` seconds are left in
    this one, so a test's calls all fall in one window."""
    left = LIMIT_WINDOW_S - time.time() % LIMIT_WINDOW_S
    if left < margin_s:
        time.sleep(left + 0.05)


def walk(list_page: Callable[[int], list[Any]], page_size: int) -> list[Any]:
    """Every item, page by page until the empty page (the SDK's auto-pager skips page 1)."""
    items: list[Any] = []
    page_number = 0
    while True:
        page = list_page(page_number)
        assert len(page) <= page_size
        if not page:
            return items
        items.extend(page)
        page_number += 1


# --- import, read, update -----------------------------------------------------------------


def test_import_answers_dodos_license_key_and_retrieve_reads_it(client):
    customer = new_customer(client, "Importer")
    expires = datetime.now(timezone.utc) + timedelta(days=30)
    key = import_key(client, customer.customer_id, activations_limit=3, expires_at=expires, product_id="pdt_pro")
    assert key.id.startswith("lic_")
    assert key.customer_id == customer.customer_id
    assert key.product_id == "pdt_pro"
    assert (key.source, key.status, key.instances_count, key.activations_limit) == ("import", "active", 0, 3)
    assert abs((key.expires_at - expires).total_seconds()) < 0.001
    assert key.business_id == key.brand_id, "an imported key's brand is its business"
    assert key.payment_id is None and key.subscription_id is None
    assert client.license_keys.retrieve(key.id) == key
    unlimited = import_key(client, customer.customer_id)
    assert unlimited.activations_limit is None and unlimited.expires_at is None


def test_import_needs_a_customer_of_this_business_and_an_unused_key_string(client, client_b):
    own = new_customer(client, "Owner")
    other = new_customer(client_b, "Other")
    for customer_id in (other.customer_id, "cus_doesnotexist", "not-an-id"):
        with pytest.raises(dodopayments.NotFoundError) as e:
            client.license_keys.create(customer_id=customer_id, product_id="pdt_1", key=key_string())
        assert_sdk_error(e.value, 404, "NOT_FOUND")
    taken = import_key(client, own.customer_id).key
    for c, customer_id in ((client, own.customer_id), (client_b, other.customer_id)):
        with pytest.raises(dodopayments.ConflictError) as e:
            c.license_keys.create(customer_id=customer_id, product_id="pdt_1", key=taken)
        assert_sdk_error(e.value, 409, "LICENSE_KEY_EXISTS")
        assert e.value.response.headers.get("x-should-retry") == "false"
    for bad in ({"key": "short"}, {"key": " padded-key-0001"}, {"activations_limit": 0},
                {"product_id": "has space"}, {"expires_at": "next week"}):
        body = {"customer_id": own.customer_id, "product_id": "pdt_1", "key": key_string(), **bad}
        with pytest.raises(dodopayments.UnprocessableEntityError) as e:
            client.post("/license_keys", body=body, cast_to=dodopayments.types.LicenseKey)
        assert_sdk_error(e.value, 422, "INVALID_REQUEST_PARAMETERS")


def test_update_changes_the_limit_the_disabled_flag_and_the_expiry(client):
    key = import_key(client, activations_limit=2)
    assert client.license_keys.update(key.id, activations_limit=5).activations_limit == 5
    assert client.license_keys.update(key.id, activations_limit=None).activations_limit is None
    disabled = client.license_keys.update(key.id, disabled=True)
    assert disabled.status == "disabled"
    assert client.license_keys.retrieve(key.id).status == "disabled"
    assert client.license_keys.update(key.id, disabled=False).status == "active"
    past = datetime.now(timezone.utc) - timedelta(minutes=1)
    assert client.license_keys.update(key.id, expires_at=past).status == "expired"
    cleared = client.license_keys.update(key.id, expires_at=None)
    assert (cleared.status, cleared.expires_at) == ("active", None)
    unchanged = client.license_keys.update(key.id)
    assert unchanged == client.license_keys.retrieve(key.id)
    with pytest.raises(dodopayments.UnprocessableEntityError):
        client.license_keys.update(key.id, activations_limit=0)


def test_another_business_sees_none_of_a_key_or_its_instances(client, client_b, public):
    key = import_key(client)
    instance = public.licenses.activate(license_key=key.key, name="laptop")
    calls = [
        lambda: client_b.license_keys.retrieve(key.id),
        lambda: client_b.license_keys.update(key.id, disabled=True),
        lambda: client_b.license_key_instances.retrieve(instance.id),
        lambda: client_b.license_key_instances.update(instance.id, name="stolen"),
    ]
    for call in calls:
        with pytest.raises(dodopayments.NotFoundError) as e:
            call()
        assert_sdk_error(e.value, 404, "NOT_FOUND")
    assert client_b.license_key_instances.list(license_key_id=key.id).items == []
    assert key.id not in {k.id for k in client_b.license_keys.list(customer_id=key.customer_id).items}
    assert instance.id not in {i.id for i in client_b.license_key_instances.list(page_size=100).items}
    assert client.license_keys.retrieve(key.id).status == "active", "B's update changed nothing"
    assert client.license_key_instances.retrieve(instance.id).name == "laptop"


def test_lists_filter_by_every_parameter_and_page_to_the_empty_page(client):
    customer = new_customer(client, "Lister")
    other = new_customer(client, "Other lister")
    past = datetime.now(timezone.utc) - timedelta(minutes=1)
    made = [
        import_key(client, customer.customer_id, product_id="pdt_a"),
        import_key(client, customer.customer_id, product_id="pdt_b"),
        import_key(client, customer.customer_id, product_id="pdt_a", expires_at=past),
        import_key(client, customer.customer_id, product_id="pdt_b"),
        import_key(client, customer.customer_id, product_id="pdt_a"),
    ]
    client.license_keys.update(made[3].id, disabled=True)
    import_key(client, other.customer_id, product_id="pdt_a")
    newest_first = [k.id for k in reversed(made)]

    def ids(**kw: Any) -> list[str]:
        return [k.id for k in client.license_keys.list(customer_id=customer.customer_id, page_size=100, **kw).items]

    assert ids() == newest_first
    assert ids(product_id="pdt_a") == [made[4].id, made[2].id, made[0].id]
    assert ids(status="active") == [made[4].id, made[1].id, made[0].id]
    assert ids(status="expired") == [made[2].id]
    assert ids(status="disabled") == [made[3].id]
    assert ids(source="import") == newest_first
    assert ids(source="auto") == []
    assert ids(product_id="pdt_b", status="active") == [made[1].id]
    t1, t3 = made[1].created_at, made[3].created_at
    assert ids(created_at_gte=t1, created_at_lte=t3) == [made[3].id, made[2].id, made[1].id]
    assert ids(created_at_gte=made[4].created_at) == [made[4].id]
    assert ids(created_at_lte=made[0].created_at) == [made[0].id]
    walked = walk(lambda n: client.license_keys.list(customer_id=customer.customer_id, page_size=2,
                                                     page_number=n).items, 2)
    assert [k.id for k in walked] == newest_first
    # Without customer_id: the whole business, newest first, paged the same way.
    everything = walk(lambda n: client.license_keys.list(page_size=50, page_number=n).items, 50)
    assert [k.id for k in everything if k.customer_id == customer.customer_id] == newest_first
    stamps = [k.created_at for k in everything]
    assert stamps == sorted(stamps, reverse=True)
    with pytest.raises(dodopayments.BadRequestError) as e:
        client.get("/license_keys", options={"params": {"status": "revoked"}}, cast_to=object)
    assert_sdk_error(e.value, 400, "INVALID_QUERY_PARAMS")


# --- the public licence calls ------------------------------------------------------------


def test_activate_list_rename_validate_and_deactivate(client, public, http):
    customer = new_customer(client, "Activator")
    key = import_key(client, customer.customer_id, activations_limit=3, product_id="pdt_cli")
    first = public.licenses.activate(license_key=key.key, name="laptop")
    assert first.id.startswith("lki_") and first.license_key_id == key.id
    assert (first.customer.customer_id, first.customer.email, first.customer.name) == (
        customer.customer_id, customer.email, customer.name)
    assert (first.product.product_id, first.product.name) == ("pdt_cli", None)
    assert first.business_id == key.business_id
    # No API key at all: the key string is the credential.
    raw = http.post("/licenses/activate", json={"license_key": key.key, "name": "desktop"})
    assert raw.status_code == 200, raw.text
    second_id = raw.json()["id"]
    assert client.license_keys.retrieve(key.id).instances_count == 2
    listed = client.license_key_instances.list(license_key_id=key.id).items
    assert [i.id for i in listed] == [second_id, first.id], "newest first"
    assert client.license_key_instances.retrieve(first.id).name == "laptop"
    renamed = client.license_key_instances.update(first.id, name="work laptop")
    assert (renamed.id, renamed.name) == (first.id, "work laptop")
    assert client.license_key_instances.retrieve(first.id) == renamed
    for bad in ("", "   "):
        with pytest.raises(dodopayments.UnprocessableEntityError):
            client.license_key_instances.update(first.id, name=bad)
    assert public.licenses.validate(license_key=key.key).valid is True
    assert public.licenses.validate(license_key=key.key, license_key_instance_id=first.id).valid is True
    assert public.licenses.validate(license_key=key.key, license_key_instance_id="lki_unknown").valid is False
    for call in (lambda: public.licenses.validate(license_key=key.key, license_key_instance_id="junk#id"),
                 lambda: public.licenses.deactivate(license_key=key.key, license_key_instance_id="junk#id"),
                 lambda: http.post("/licenses/deactivate", json={"license_key": key.key}).raise_for_status()):
        with pytest.raises((dodopayments.UnprocessableEntityError, httpx.HTTPStatusError)) as e:
            call()
        assert_error(e.value.response, 422, "INVALID_REQUEST_PARAMETERS")
    assert public.licenses.deactivate(license_key=key.key, license_key_instance_id=first.id) is None
    assert public.licenses.validate(license_key=key.key, license_key_instance_id=first.id).valid is False
    assert client.license_keys.retrieve(key.id).instances_count == 1
    assert [i.id for i in client.license_key_instances.list(license_key_id=key.id).items] == [second_id]
    with pytest.raises(dodopayments.NotFoundError) as e:
        public.licenses.deactivate(license_key=key.key, license_key_instance_id=first.id)
    assert_sdk_error(e.value, 404, "NOT_FOUND")
    # An instance of another key is not this key's.
    other = import_key(client, customer.customer_id)
    with pytest.raises(dodopayments.NotFoundError):
        public.licenses.deactivate(license_key=other.key, license_key_instance_id=second_id)
    assert public.licenses.validate(license_key=other.key, license_key_instance_id=second_id).valid is False


def test_instances_list_by_key_and_for_the_business_page_to_the_empty_page(client, public):
    key = import_key(client)
    made = [public.licenses.activate(license_key=key.key, name=f"device {i}").id for i in range(5)]
    walked = walk(lambda n: client.license_key_instances.list(license_key_id=key.id, page_size=2,
                                                             page_number=n).items, 2)
    assert [i.id for i in walked] == list(reversed(made))
    everything = walk(lambda n: client.license_key_instances.list(page_size=100, page_number=n).items, 100)
    assert [i.id for i in everything if i.license_key_id == key.id] == list(reversed(made))


def test_the_activation_limit_is_422_and_a_freed_seat_can_be_used_again(client, public):
    key = import_key(client, activations_limit=2)
    a = public.licenses.activate(license_key=key.key, name="a")
    public.licenses.activate(license_key=key.key, name="b")
    with pytest.raises(dodopayments.UnprocessableEntityError) as e:
        public.licenses.activate(license_key=key.key, name="c")
    assert_sdk_error(e.value, 422, "INVALID_REQUEST_PARAMETERS")
    public.licenses.deactivate(license_key=key.key, license_key_instance_id=a.id)
    public.licenses.activate(license_key=key.key, name="c")
    client.license_keys.update(key.id, activations_limit=3)
    public.licenses.activate(license_key=key.key, name="d")
    assert client.license_keys.retrieve(key.id).instances_count == 3


def test_disabled_and_expired_keys_neither_activate_nor_validate(client, public):
    disabled = import_key(client)
    instance = public.licenses.activate(license_key=disabled.key, name="before")
    client.license_keys.update(disabled.id, disabled=True)
    expired = import_key(client, expires_at=datetime.now(timezone.utc) - timedelta(seconds=1))
    for key in (disabled, expired):
        with pytest.raises(dodopayments.UnprocessableEntityError) as e:
            public.licenses.activate(license_key=key.key, name="device")
        assert_sdk_error(e.value, 422, "INVALID_REQUEST_PARAMETERS")
        assert public.licenses.validate(license_key=key.key).valid is False
    assert public.licenses.validate(license_key=disabled.key, license_key_instance_id=instance.id).valid is False
    # Freeing a seat stays possible; enabling the key again makes it valid again.
    public.licenses.deactivate(license_key=disabled.key, license_key_instance_id=instance.id)
    client.license_keys.update(disabled.id, disabled=False)
    assert public.licenses.validate(license_key=disabled.key).valid is True


def test_a_wrong_key_is_answered_exactly_as_a_missing_one(client, http):
    real = import_key(client)
    wrong = real.key[:-1] + ("0" if real.key[-1] != "0" else "1")
    for path, extra in (("/licenses/validate", {}), ("/licenses/activate", {"name": "x"}),
                        ("/licenses/deactivate", {"license_key_instance_id": "lki_1"})):
        answers = []
        for body in ({"license_key": wrong, **extra}, {"license_key": key_string(), **extra},
                     {"license_key": "", **extra}, {"license_key": None, **extra}, extra):
            resp = http.post(path, json=body)
            assert_error(resp, 404, "NOT_FOUND")
            answers.append((resp.status_code, resp.content, resp.headers.get("x-should-retry")))
        assert len(set(answers)) == 1, f"{path}: {answers}"


def test_validations_are_rate_limited_per_key(client, http):
    key = import_key(client)
    other = import_key(client)
    wait_for_window_start(margin_s=20)
    for i in range(CALLS_PER_WINDOW):
        resp = http.post("/licenses/validate", json={"license_key": key.key})
        assert resp.status_code == 200, f"call {i}: {resp.text}"
    limited = http.post("/licenses/validate", json={"license_key": key.key})
    assert_error(limited, 429, "TOO_MANY_REQUESTS")
    assert http.post("/licenses/validate", json={"license_key": other.key}).json() == {"valid": True}


def test_activations_and_deactivations_are_rate_limited_per_key_in_the_table(client, public):
    key = import_key(client)
    wait_for_window_start(margin_s=30)
    for _ in range(CHANGES_PER_WINDOW // 2):
        instance = public.licenses.activate(license_key=key.key, name="churn")
        public.licenses.deactivate(license_key=key.key, license_key_instance_id=instance.id)
    with pytest.raises(dodopayments.RateLimitError) as e:
        public.licenses.activate(license_key=key.key, name="one too many")
    assert_sdk_error(e.value, 429, "TOO_MANY_REQUESTS")
    assert client.license_keys.retrieve(key.id).instances_count == 0
    assert client.license_key_instances.list(license_key_id=key.id).items == []


# --- the limit under concurrency -------------------------------------------------------


def activate_concurrently(base_url: str | list[str], key: str, clients: int, **client_kw: Any) -> list[Any]:
    """`clients` threads, each with its own SDK client (on the servers in turn), activate
    `key` at once; answers each thread's instance or the exception it got."""
    urls = [base_url] if isinstance(base_url, str) else base_url
    barrier = threading.Barrier(clients)
    results: list[Any] = [None] * clients

    def run(i: int) -> None:
        c = sdk_client(urls[i % len(urls)], "not-an-api-key", **client_kw)
        try:
            barrier.wait()
            results[i] = c.licenses.activate(license_key=key, name=f"racer {i}")
        except Exception as e:  # noqa: BLE001 - the outcome is what is checked
            results[i] = e
        finally:
            c.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def assert_exactly_limit_instances(client, key: Any, results: list[Any], limit: int, busy_allowed: bool = False) -> None:
    won = [r for r in results if isinstance(r, dodopayments.types.LicenseActivateResponse)]
    refused = [r for r in results if isinstance(r, dodopayments.UnprocessableEntityError)]
    busy = [r for r in results if busy_allowed and isinstance(r, dodopayments.ConflictError)
            and r.body.get("code") == "LICENSE_KEY_BUSY"]
    assert len(won) == limit, f"{len(won)} activations acknowledged: {results}"
    assert len(won) + len(refused) + len(busy) == len(results), f"unexpected outcomes: {results}"
    listed = client.license_key_instances.list(license_key_id=key.id, page_size=100).items
    assert sorted(i.id for i in listed) == sorted(w.id for w in won)
    assert client.license_keys.retrieve(key.id).instances_count == limit


def test_16_concurrent_activations_against_a_limit_of_3_make_exactly_3(client, base_url):
    key = import_key(client, activations_limit=3)
    results = activate_concurrently(base_url, key.key, 16)
    assert_exactly_limit_instances(client, key, results, 3)


@pytest.fixture(scope="module")
def proxied(stack):
    """A local server behind the fault-injecting, counting DynamoDB proxy."""
    with counted_local_server(stack, "local-server-licenses") as server:
        yield server


def test_16_concurrent_activations_through_injected_faults_make_exactly_3(client, proxied):
    """Lost answers of committed transactions (the SDK resends them), transaction
    conflicts and throttling: each activation's retry finds its own instance already
    made, so nothing is counted twice and the limit still holds."""
    url, proxy = proxied
    rounds = 4
    proxy.post("/__proxy__/reset").raise_for_status()
    proxy.post("/__proxy__/faults", json={
        "drop_after_commit": 0.2, "transaction_conflict": 0.2, "throttle": 0.05, "latency_ms": [0, 10], "seed": 23,
    }).raise_for_status()
    try:
        for _ in range(rounds):
            key = import_key(client, activations_limit=3)
            results = activate_concurrently(url, key.key, 16)
            assert_exactly_limit_instances(client, key, results, 3)
    finally:
        proxy.post("/__proxy__/faults", json={}).raise_for_status()
    faults = proxy.get("/__proxy__/stats").json()["faults"]
    print(f"16 activations x {rounds} keys through the fault proxy: injected {faults}")
    for kind in ("drop_after_commit", "transaction_conflict"):
        assert faults.get(kind, 0) >= 2, f"too few {kind} faults to prove anything: {faults}"


MODELLED_SERVERS = 3


@pytest.fixture(scope="module")
def modelled(stack):
    """MODELLED_SERVERS local servers (as separate Lambda processes) behind one proxy with
    its latency model on: concurrent transactions on one item really overlap and conflict."""
    with counted_local_server(stack, "local-server-licenses-modelled") as (url, control):
        control.post("/__proxy__/model", json={"seed": 9}).raise_for_status()
        proxy_url = str(control.base_url).rstrip("/")
        servers = []
        try:
            urls = [url]
            for i in range(1, MODELLED_SERVERS):
                server, other = start_local_server(
                    f"local-server-licenses-modelled-{i}",
                    dict(stack.env, DYNAMODB_ENDPOINT=proxy_url, STREAM_CONSUMERS="off"),
                    stack.artifacts,
                )
                servers.append(server)
                urls.append(other)
            yield urls, control
        finally:
            for server in servers:
                server.stop()
            control.delete("/__proxy__/model")


def test_16_concurrent_activations_across_servers_under_the_latency_model_make_exactly_3(client, modelled):
    """Real overlaps: each activation's transaction holds the key while in flight, so the
    others are cancelled (TransactionConflict) and try again. The SDK's own retries
    (default) may meet a retryable 409 LICENSE_KEY_BUSY when one loses every try."""
    urls, proxy = modelled
    proxy.post("/__proxy__/reset").raise_for_status()
    key = import_key(client, activations_limit=3)
    results = activate_concurrently(urls, key.key, 16, max_retries=2)
    stats = proxy.get("/__proxy__/stats").json()
    outcomes = sorted({type(r).__name__: 0 for r in results})
    counts = {name: sum(type(r).__name__ == name for r in results) for name in outcomes}
    print(f"16 activations over {len(urls)} servers, latency model: outcomes {counts}, "
          f"conflicts {stats['conflicts']}, requests {stats['requests']}")
    assert stats["model"] is not None
    assert stats["conflicts"]["transaction"] >= 1, f"no overlap happened: {stats}"
    assert_exactly_limit_instances(client, key, results, 3, busy_allowed=True)


def test_dynamodb_requests_per_licence_call_counted_on_the_wire(client, proxied):
    """docs/benchmarks.md, "Licence calls": what each call costs, counted by the proxy."""
    url, proxy = proxied
    proxy.post("/__proxy__/faults", json={}).raise_for_status()
    key = import_key(client)
    c = sdk_client(url, "not-an-api-key")

    def count(call: Callable[[], Any]) -> dict[str, int]:
        proxy.post("/__proxy__/reset").raise_for_status()
        call()
        return proxy.get("/__proxy__/stats").json()["requests"]

    try:
        instance = c.licenses.activate(license_key=key.key, name="bench")
        costs = {
            "validate": count(lambda: c.licenses.validate(license_key=key.key)),
            "validate with instance": count(lambda: c.licenses.validate(
                license_key=key.key, license_key_instance_id=instance.id)),
            "validate, wrong key": count(lambda: pytest.raises(
                dodopayments.NotFoundError, c.licenses.validate, license_key=key_string())),
            "activate": count(lambda: c.licenses.activate(license_key=key.key, name="bench 2")),
            "deactivate": count(lambda: c.licenses.deactivate(
                license_key=key.key, license_key_instance_id=instance.id)),
        }
    finally:
        c.close()
    print(f"DynamoDB requests per licence call: {costs}")
    assert costs["validate"] == {"GetItem": 1}
    assert costs["validate with instance"] == {"BatchGetItem": 1}
    assert costs["validate, wrong key"] == {"GetItem": 1}
    assert costs["activate"] == {"GetItem": 2, "TransactWriteItems": 1}
    assert costs["deactivate"] == {"BatchGetItem": 1, "TransactWriteItems": 1}


# --- keys announced by the payment engine ----------------------------------------------


def test_a_signed_license_key_created_event_makes_a_key_once(client, public, base_url, api_key_a):
    from support.billing_events import EventSender, license_key_data

    customer = new_customer(client, "Evented")
    sender = EventSender(base_url, api_key_a)
    data = license_key_data(customer, activations_limit=1)
    resp = sender.send("license_key.created", data)
    assert resp.status_code == 200, resp.text
    key = client.license_keys.retrieve(data["id"])
    assert (key.key, key.source, key.customer_id, key.status) == (data["key"], "auto", customer.customer_id, "active")
    assert key.business_id != data["business_id"], "the endpoint's business, not the envelope's claim"
    assert key.payment_id == data["payment_id"] and key.activations_limit == 1
    assert data["id"] in {k.id for k in client.license_keys.list(customer_id=customer.customer_id).items}
    activated = public.licenses.activate(license_key=data["key"], name="from an event")
    assert activated.customer.email == customer.email
    # The same event again, or a later one for the same key, changes nothing.
    client.license_keys.update(key.id, disabled=True)
    assert sender.send("license_key.created", data).status_code == 200
    assert sender.send("license_key.created", data, webhook_id=f"msg_{uuid.uuid4().hex}").status_code == 200
    again = client.license_keys.retrieve(key.id)
    assert (again.status, again.instances_count) == ("disabled", 1)
    # A key for a customer this service does not know yet: activations name its id only.
    stranger = license_key_data({"customer_id": f"cus_{uuid.uuid4().hex[:20]}", "email": "x@example.com", "name": "X"})
    assert sender.send("license_key.created", stranger).status_code == 200
    unknown = public.licenses.activate(license_key=stranger["key"], name="device")
    assert (unknown.customer.customer_id, unknown.customer.email) == (stranger["customer_id"], "")

