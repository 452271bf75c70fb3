"""Outbound webhook endpoints (Dodo's endpoint API) through the official SDK's
`client.webhooks.*`: create, list with iterator paging, get, update, delete, secret,
custom headers, the URL rules (https, SSRF) and tenancy.

The test server runs with WEBHOOKS_ALLOW_HTTP_LOOPBACK=true (conftest), as `make dev`
does: plain http to loopback is accepted, nothing else private.
"""

from __future__ import annotations

import base64

import dodopayments
import pytest

from support.api import assert_error, assert_sdk_error, assert_utc_rfc3339, unique

RECEIVER = "http://127.0.0.1:9/hooks"


@pytest.fixture
def merchant(mint_api_key, make_client):
    """A business of its own: endpoint counts and listings start from nothing."""
    return make_client(mint_api_key(unique("Webhooks")).key)


def test_an_endpoint_is_created_read_updated_and_deleted(merchant):
    created = merchant.webhooks.create(
        url=RECEIVER,
        description="orders",
        filter_types=["payment.succeeded", "refund.succeeded", "payment.succeeded"],
        metadata={"team": "billing"},
        rate_limit=50,
    )
    assert created.id.startswith("wh_")
    assert (created.url, created.description, created.metadata) == (RECEIVER, "orders", {"team": "billing"})
    assert created.filter_types == ["payment.succeeded", "refund.succeeded"]
    assert (created.disabled, created.rate_limit) == (False, 50)
    assert assert_utc_rfc3339(created.created_at) == assert_utc_rfc3339(created.updated_at)
    assert merchant.webhooks.retrieve(created.id) == created

    updated = merchant.webhooks.update(created.id, disabled=True, filter_types=["customer.created"], description="all")
    assert (updated.disabled, updated.filter_types, updated.description) == (True, ["customer.created"], "all")
    assert (updated.url, updated.metadata, updated.rate_limit) == (RECEIVER, {"team": "billing"}, 50)
    assert updated.updated_at > created.updated_at and updated.created_at == created.created_at
    assert merchant.webhooks.retrieve(created.id) == updated

    merchant.webhooks.delete(created.id)
    with pytest.raises(dodopayments.NotFoundError) as gone:
        merchant.webhooks.retrieve(created.id)
    assert_sdk_error(gone.value, 404, "NOT_FOUND")
    with pytest.raises(dodopayments.NotFoundError):
        merchant.webhooks.delete(created.id)


def test_each_endpoint_has_its_own_standard_webhooks_secret(merchant):
    secrets = [merchant.webhooks.retrieve_secret(merchant.webhooks.create(url=RECEIVER).id).secret for _ in range(2)]
    assert secrets[0] != secrets[1]
    for secret in secrets:
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32


def test_the_list_pages_with_iterator_and_limit_until_done(merchant):
    ids = {merchant.webhooks.create(url=RECEIVER, description=f"n{i}").id for i in range(5)}
    first = merchant.webhooks.list(limit=2)
    assert len(first.data) == 2 and first.done is False and first.iterator
    seen = [w.id for w in merchant.webhooks.list(limit=2)]  # the SDK follows the iterator
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen))
    whole = merchant.webhooks.list(limit=5)
    assert (len(whole.data), whole.done, whole.iterator) == (5, True, None)
    assert [w.id for w in whole.data] == seen, "pages follow one order"


def test_list_parameters_are_checked(merchant):
    for params in ({"limit": 0}, {"limit": 101}, {"iterator": "not-one"}):
        with pytest.raises(dodopayments.BadRequestError) as refused:
            merchant.webhooks.list(**params)
        assert_sdk_error(refused.value, 400, "INVALID_QUERY_PARAMS")


def test_custom_headers_merge_and_never_reveal_sensitive_values(merchant):
    endpoint = merchant.webhooks.create(url=RECEIVER, headers={"X-Tenant": "acme", "Authorization": "Bearer t0ken"})
    shown = merchant.webhooks.headers.retrieve(endpoint.id)
    assert (shown.headers, shown.sensitive) == ({"x-tenant": "acme"}, ["authorization"])
    merchant.webhooks.headers.update(endpoint.id, headers={"x-tenant": "globex", "X-Region": "eu"})
    shown = merchant.webhooks.headers.retrieve(endpoint.id)
    assert (shown.headers, shown.sensitive) == ({"x-region": "eu", "x-tenant": "globex"}, ["authorization"])


@pytest.mark.parametrize("name", ["webhook-signature", "Webhook-Id", "webhook-timestamp", "Connection", "Transfer-Encoding", "Host"])
def test_custom_headers_cannot_override_the_signature_or_the_connection(merchant, name):
    with pytest.raises(dodopayments.UnprocessableEntityError) as refused:
        merchant.webhooks.create(url=RECEIVER, headers={name: "x"})
    assert_sdk_error(refused.value, 422, "INVALID_REQUEST_PARAMETERS")
    endpoint = merchant.webhooks.create(url=RECEIVER)
    with pytest.raises(dodopayments.UnprocessableEntityError):
        merchant.webhooks.headers.update(endpoint.id, headers={name: "x"})
    assert merchant.webhooks.headers.retrieve(endpoint.id).headers == {}


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://10.0.0.8/hooks", "private"),
        ("https://192.168.1.20/hooks", "private"),
        ("https://169.254.169.254/latest/meta-data/", "link-local"),
        ("https://[fd00:ec2::254]/hooks", "unique local"),
        ("https://[::ffff:172.16.0.1]/hooks", "private"),
        ("http://93.184.216.34/hooks", "https"),
        ("ftp://127.0.0.1/hooks", "https"),
        ("https://user:pw@127.0.0.1/hooks", "credentials"),
        ("https://nothing.invalid/hooks", "does not resolve"),
        ("https://127.0.0.1/" + "a" * 2048, "2048"),
        ("hooks", "absolute"),
    ],
)
def test_urls_into_private_networks_are_refused_and_the_error_says_why(merchant, url, says):
    with pytest.raises(dodopayments.UnprocessableEntityError) as refused:
        merchant.webhooks.create(url=url)
    assert_sdk_error(refused.value, 422, "INVALID_REQUEST_PARAMETERS")
    assert says in refused.value.response.json()["message"]
    endpoint = merchant.webhooks.create(url=RECEIVER)
    with pytest.raises(dodopayments.UnprocessableEntityError):
        merchant.webhooks.update(endpoint.id, url=url)
    assert merchant.webhooks.retrieve(endpoint.id).url == RECEIVER


def test_loopback_is_allowed_under_the_local_flag(merchant):
    """Production refuses these (unit tests in webhooks::url_rules)."""
    for url in ("http://localhost:8080/hooks", "https://[::1]/hooks", "http://127.0.0.1:1/x?y=1"):
        assert merchant.webhooks.create(url=url).url == url


def test_fields_are_checked(merchant):
    for fields in ({"filter_types": ["Payment"]}, {"rate_limit": 0}, {"description": "d" * 501}, {"metadata": {"k": "v" * 501}}):
        with pytest.raises(dodopayments.UnprocessableEntityError) as refused:
            merchant.webhooks.create(url=RECEIVER, **fields)
        assert_sdk_error(refused.value, 422, "INVALID_REQUEST_PARAMETERS")
    with pytest.raises(dodopayments.BadRequestError) as refused:
        merchant.webhooks.create(url=RECEIVER, extra_body={"secret": "whsec_mine"})
    assert_sdk_error(refused.value, 400, "INVALID_REQUEST_BODY")


def test_a_business_has_at_most_twenty_endpoints(merchant):
    ids = [merchant.webhooks.create(url=RECEIVER).id for _ in range(20)]
    with pytest.raises(dodopayments.ConflictError) as refused:
        merchant.webhooks.create(url=RECEIVER)
    assert_sdk_error(refused.value, 409, "WEBHOOK_LIMIT_REACHED")
    merchant.webhooks.delete(ids[0])
    merchant.webhooks.create(url=RECEIVER)


def test_another_business_cannot_see_or_touch_an_endpoint(merchant, client_b, raw_b):
    endpoint = merchant.webhooks.create(url=RECEIVER, headers={"x-a": "1"})
    assert endpoint.id not in [w.id for w in client_b.webhooks.list()]
    for call in (
        lambda: client_b.webhooks.retrieve(endpoint.id),
        lambda: client_b.webhooks.update(endpoint.id, disabled=True),
        lambda: client_b.webhooks.retrieve_secret(endpoint.id),
        lambda: client_b.webhooks.headers.retrieve(endpoint.id),
        lambda: client_b.webhooks.headers.update(endpoint.id, headers={"x-b": "2"}),
        lambda: client_b.webhooks.delete(endpoint.id),
    ):
        with pytest.raises(dodopayments.NotFoundError) as hidden:
            call()
        assert_sdk_error(hidden.value, 404, "NOT_FOUND")
    assert merchant.webhooks.retrieve(endpoint.id) == endpoint
    assert merchant.webhooks.headers.retrieve(endpoint.id).headers == {"x-a": "1"}
    assert_error(raw_b.get("/webhooks/wh_../secret"), 404, "NOT_FOUND")
