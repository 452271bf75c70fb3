"""The customer portal (docs/api.md, "Customer portal"; docs/portal.md): minting links
through the official SDK, opening them, the portal's JSON routes, and its security:
cookie flags, CSRF, one customer per session, hashed tokens, page weight.

The browser's view (Chromium) is in test_portal_browser.py.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
import time
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any, Iterator

import dodopayments
import httpx
import pytest

from support.api import assert_error, assert_sdk_error, describe, new_customer, sdk_client
from support.portal import (
    CSRF_HEADER,
    SESSION_COOKIE,
    PortalSession,
    PortalTable,
    local_url,
    open_link,
    open_session,
    page_data,
    parse_set_cookie,
    token_of,
)
from support.stack import start_local_server

LINK_VALIDITY_S = 24 * 3600
PAGE_WEIGHT_LIMIT_BYTES = 100 * 1024


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """Keeps no cookies: every request names the session it uses (PortalSession)."""
    no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    with httpx.Client(timeout=30.0, cookies=no_cookies) as client:
        yield client




def mint(client: dodopayments.DodoPayments, customer_id: str, **kw: Any) -> str:
    return client.customers.customer_portal.create(customer_id, **kw).link


def failure_kind(resp: httpx.Response) -> str | None:
    match = re.search(r'data-failure="([a-z_.]+)"', resp.text)
    return match.group(1) if match else None


def assert_failure_page(resp: httpx.Response, status: int, kind: str, *private: str) -> None:
    """A friendly HTML page: the status, what went wrong, how to get a new link, and
    nothing of the customer's and nothing internal."""
    assert resp.status_code == status, describe(resp)
    assert resp.headers["content-type"].startswith("text/html"), describe(resp)
    assert failure_kind(resp) == kind, describe(resp)
    assert "new link" in resp.text, describe(resp)
    assert "<script" not in resp.text
    for secret in private:
        assert secret not in resp.text, f"{secret!r} on a failure page"
    for internal in ("panicked", "Traceback", "INTERNAL_SERVER_ERROR", "StoreError", ".rs:"):
        assert internal not in resp.text


# --- minting through the SDK ---------------------------------------------------------------


def test_a_link_is_minted_for_the_customer(client, base_url):
    customer = new_customer(client)
    link = mint(client, customer.customer_id)
    assert link.startswith(f"{base_url}/portal/session/cpl_"), link
    token = token_of(link)
    assert len(token.removeprefix("cpl_")) * 4 >= 128, "tokens carry at least 128 bits"
    assert mint(client, customer.customer_id, send_email=False) != link, "every link is new"
    with_return = mint(client, customer.customer_id, return_url="https://shop.example.com/account?tab=1")
    assert token_of(with_return) != token


@pytest.mark.parametrize(
    "return_url",
    [
        "http://shop.example.com/account",
        "javascript:alert(1)",
        "data:text/html,<b>hi</b>",
        "//shop.example.com",
        "shop.example.com",
        "https://",
        "https://user:secret@shop.example.com",
        "https://shop.example.com/" + "a" * 2048,
    ],
)
def test_only_https_return_urls_are_accepted(client, return_url):
    customer = new_customer(client)
    with pytest.raises(dodopayments.BadRequestError) as caught:
        mint(client, customer.customer_id, return_url=return_url)
    assert_sdk_error(caught.value, 400, "INVALID_QUERY_PARAMS")


def test_another_business_customer_is_not_found(client, client_b, raw):
    customer = new_customer(client)
    with pytest.raises(dodopayments.NotFoundError) as caught:
        mint(client_b, customer.customer_id)
    assert_sdk_error(caught.value, 404, "NOT_FOUND")
    with pytest.raises(dodopayments.NotFoundError):
        mint(client, "cus_doesnotexist0000")
    resp = raw.post(f"/customers/{customer.customer_id}/customer-portal/session", key=None)
    assert_error(resp, 401, "UNAUTHORIZED")
    resp = raw.post(f"/customers/{customer.customer_id}/customer-portal/session", params={"send_email": "maybe"})
    assert_error(resp, 400, "INVALID_QUERY_PARAMS")


# --- opening a link ------------------------------------------------------------------------


def test_opening_a_link_sets_a_safe_cookie_and_redirects_to_the_portal(client, base_url, http, table):
    customer = new_customer(client)
    before = int(time.time())
    link = mint(client, customer.customer_id)
    link_expiry = int(table.item(PortalTable.link_key(token_of(link)))["expires_at"])
    assert before + LINK_VALIDITY_S <= link_expiry <= int(time.time()) + LINK_VALIDITY_S

    resp = open_link(http, base_url, link)
    assert resp.status_code == 303, describe(resp)
    assert resp.headers["location"] == f"{base_url}/portal"
    assert resp.headers["cache-control"] == "no-store"
    assert resp.headers["referrer-policy"] == "no-referrer"
    name, value, attributes = parse_set_cookie(resp.headers["set-cookie"])
    assert name == SESSION_COOKIE and value.startswith("cps_")
    assert attributes.get("httponly") is True
    assert str(attributes.get("samesite")).lower() == "lax"
    assert attributes.get("path") == "/portal"
    assert "secure" not in attributes, "plain-http local server: no Secure flag"
    max_age = int(str(attributes["max-age"]))
    assert 0 < max_age <= link_expiry - before, "the cookie never outlives the link"
    expires = email.utils.parsedate_to_datetime(str(attributes["expires"])).timestamp()
    assert expires <= link_expiry


def test_the_cookie_is_secure_when_served_over_https(client, base_url, http, api_key_a):
    customer = new_customer(client)
    minted = http.post(
        f"{base_url}/customers/{customer.customer_id}/customer-portal/session",
        headers={"authorization": f"Bearer {api_key_a}", "x-forwarded-proto": "https"},
    )
    assert minted.status_code == 200, describe(minted)
    link = minted.json()["link"]
    assert link.startswith("https://127.0.0.1:"), link
    resp = open_link(http, base_url, link, **{"x-forwarded-proto": "https"})
    assert resp.status_code == 303, describe(resp)
    assert resp.headers["location"].startswith("https://")
    _, _, attributes = parse_set_cookie(resp.headers["set-cookie"])
    assert attributes.get("secure") is True and attributes.get("httponly") is True


def test_a_link_opens_once(client, base_url, http):
    customer = new_customer(client)
    link = mint(client, customer.customer_id)
    open_session(http, base_url, link)
    again = open_link(http, base_url, link)
    assert "set-cookie" not in again.headers
    assert_failure_page(again, 410, "failure.used", customer.name, customer.email)
    assert "already been used" in again.text


def test_an_expired_link_shows_the_failure_page(client, base_url, http, table):
    customer = new_customer(client)
    link = mint(client, customer.customer_id)
    table.expire(PortalTable.link_key(token_of(link)))
    resp = open_link(http, base_url, link)
    assert "set-cookie" not in resp.headers
    assert_failure_page(resp, 410, "failure.expired", customer.name, customer.email)
    assert "expired" in resp.text


def test_a_tampered_link_shows_the_failure_page(client, base_url, http):
    customer = new_customer(client)
    link = mint(client, customer.customer_id)
    token = token_of(link)
    flipped = token[:-1] + ("0" if token[-1] != "0" else "1")
    for bad in (flipped, token + "0", token[:-1], "cpl_" + "0" * 64, "x", token.upper()):
        resp = http.get(f"{base_url}/portal/session/{bad}", follow_redirects=False)
        assert_failure_page(resp, 404, "failure.invalid", customer.name, customer.email)
    # Tampering with a link does not use it up.
    assert open_link(http, base_url, link).status_code == 303


def test_failure_pages_follow_accept_language(client, base_url, http):
    resp = http.get(f"{base_url}/portal/session/cpl_nope", headers={"accept-language": "es-MX,es;q=0.9,en;q=0.5"})
    assert resp.status_code == 404
    assert '<html lang="es">' in resp.text and "Este enlace no es válido" in resp.text


def test_the_page_without_a_session_is_a_failure_page(base_url, http):
    resp = http.get(f"{base_url}/portal")
    assert_failure_page(resp, 401, "failure.no_session")
    resp = http.get(f"{base_url}/portal", headers={"cookie": f"{SESSION_COOKIE}=cps_{'a' * 64}"})
    assert_failure_page(resp, 401, "failure.no_session")


# --- the portal's data ---------------------------------------------------------------------


def test_a_link_for_customer_a_never_shows_customer_b(client, client_b, base_url, http):
    a = new_customer(client, phone_number="+1 555 000 1111")
    b_same_business = new_customer(client, phone_number="+1 555 000 2222")
    b_other_business = new_customer(client_b)
    session = open_session(http, base_url, mint(client, a.customer_id))

    page = session.page()
    profile = session.api("GET", "/profile")
    wallets = session.api("GET", "/wallets")
    ledger = session.api("GET", "/ledger")
    for resp in (page, profile, wallets, ledger):
        assert resp.status_code == 200, describe(resp)
    assert profile.json() == {"name": a.name, "email": a.email, "phone_number": "+1 555 000 1111"}
    everything = page.text + profile.text + wallets.text + ledger.text
    for other in (b_same_business, b_other_business):
        for private in (other.customer_id, other.name, other.email):
            assert private not in everything
    assert a.customer_id not in everything, "the portal never needs the customer id"
    # Nothing in a request can point the session at someone else.
    for params in ({"customer_id": b_same_business.customer_id}, {"customer_id": b_other_business.customer_id}):
        assert session.api("GET", "/profile", params=params).json()["email"] == a.email


def test_portal_routes_take_the_session_cookie_never_the_merchant_key(client, base_url, http, api_key_a):
    customer = new_customer(client)
    for method, path in (("GET", "/profile"), ("GET", "/wallets"), ("GET", "/ledger"), ("PATCH", "/profile")):
        resp = http.request(
            method, f"{base_url}/portal/api{path}",
            headers={"authorization": f"Bearer {api_key_a}", "x-customer-id": customer.customer_id},
            content=b'{"name":"Mallory"}' if method == "PATCH" else None,
        )
        assert_error(resp, 401, "UNAUTHORIZED")


def test_wallet_balances_and_a_paged_ledger(client, base_url, http):
    customer = new_customer(client)
    cid = customer.customer_id
    for amount in range(1, 13):
        client.customers.wallets.ledger_entries.create(cid, amount=amount * 100, currency="USD", entry_type="credit", reason=f"top-up {amount}")
    client.customers.wallets.ledger_entries.create(cid, amount=250, currency="USD", entry_type="debit")
    client.customers.wallets.ledger_entries.create(cid, amount=5_000, currency="INR", entry_type="credit")
    session = open_session(http, base_url, mint(client, cid))

    wallets = session.api("GET", "/wallets").json()
    assert wallets == {"items": [
        {"currency": "USD", "balance": 7_800 - 250, "exponent": 2},
        {"currency": "INR", "balance": 5_000, "exponent": 2},
    ]}
    first = session.api("GET", "/ledger", params={"page_number": 0, "page_size": 10}).json()
    assert first["has_more"] is True and len(first["items"]) == 10
    newest = first["items"][0]
    assert newest == {
        "created_at": newest["created_at"], "currency": "INR", "exponent": 2, "amount": 5_000,
        "balance_after": 5_000, "event_type": "merchant_adjustment", "reason": None,
    }
    assert first["items"][1]["amount"] == -250, "debits are negative"
    second = session.api("GET", "/ledger", params={"page_number": 1, "page_size": 10}).json()
    assert second["has_more"] is False and len(second["items"]) == 4
    assert [e["reason"] for e in second["items"]][-1] == "top-up 1"
    bad = session.api("GET", "/ledger", params={"page_size": 1000})
    assert_error(bad, 400, "INVALID_QUERY_PARAMS")


def test_profile_changes_are_saved_and_validated(client, base_url, http):
    customer = new_customer(client, metadata={"tier": "gold"}, preferred_locale="fr")
    session = open_session(http, base_url, mint(client, customer.customer_id))
    csrf = session.page_data()["csrf"]

    resp = session.patch_profile({"name": "  Grace Hopper ", "phone_number": "+1 202 555 0100"}, csrf=csrf)
    assert resp.status_code == 200, describe(resp)
    assert resp.json() == {"name": "Grace Hopper", "email": customer.email, "phone_number": "+1 202 555 0100"}
    seen = client.customers.retrieve(customer.customer_id)
    assert (seen.name, seen.phone_number, seen.metadata, seen.preferred_locale) == (
        "Grace Hopper", "+1 202 555 0100", {"tier": "gold"}, "fr",
    )

    assert session.patch_profile({"phone_number": ""}, csrf=csrf).json()["phone_number"] is None
    for body, field in (({"phone_number": "call me"}, "phone_number"), ({"email": "nope"}, "email"), ({"name": " "}, "name")):
        resp = session.patch_profile(body, csrf=csrf)
        assert resp.status_code == 422, describe(resp)
        assert resp.json()["code"] == "INVALID_REQUEST_PARAMETERS" and resp.json()["field"] == field
    for body in ({"metadata": {"tier": "platinum"}}, {"preferred_locale": "en"}, {"customer_id": "cus_x"}):
        assert_error(session.patch_profile(body, csrf=csrf), 400, "INVALID_REQUEST_BODY")
    seen = client.customers.retrieve(customer.customer_id)
    assert (seen.name, seen.metadata, seen.preferred_locale) == ("Grace Hopper", {"tier": "gold"}, "fr")


# --- security ------------------------------------------------------------------------------


def test_state_changes_without_the_csrf_token_or_from_another_origin_are_refused(client, base_url, http):
    customer = new_customer(client)
    session = open_session(http, base_url, mint(client, customer.customer_id))
    csrf = session.page_data()["csrf"]
    assert len(csrf) >= 32
    refused = [
        session.patch_profile({"name": "Mallory"}, csrf=None),
        session.patch_profile({"name": "Mallory"}, csrf=""),
        session.patch_profile({"name": "Mallory"}, csrf=csrf[:-1] + ("0" if csrf[-1] != "0" else "1")),
        session.patch_profile({"name": "Mallory"}, csrf=csrf, origin="https://evil.example"),
        session.patch_profile({"name": "Mallory"}, csrf=csrf, origin="null"),
    ]
    for resp in refused:
        assert_error(resp, 403, "FORBIDDEN")
    assert client.customers.retrieve(customer.customer_id).name == customer.name
    ok = session.patch_profile({"name": "Alice Same-Origin"}, csrf=csrf, origin=session.origin)
    assert ok.status_code == 200, describe(ok)
    assert client.customers.retrieve(customer.customer_id).name == "Alice Same-Origin"


def test_a_session_of_customer_a_cannot_read_or_change_customer_b(client, base_url, http):
    a = new_customer(client)
    b = new_customer(client, phone_number="+44 20 7946 0000")
    session_a = open_session(http, base_url, mint(client, a.customer_id))
    session_b = open_session(http, base_url, mint(client, b.customer_id))
    csrf_a, csrf_b = session_a.page_data()["csrf"], session_b.page_data()["csrf"]
    assert csrf_a != csrf_b

    # A's cookie with B's token: refused. A's cookie with A's token changes A only.
    assert_error(session_a.patch_profile({"name": "Mallory"}, csrf=csrf_b), 403, "FORBIDDEN")
    assert session_a.patch_profile({"phone_number": "+1 555 999 0000"}, csrf=csrf_a).status_code == 200
    assert session_a.api("GET", "/profile").json()["email"] == a.email
    seen_b = client.customers.retrieve(b.customer_id)
    assert (seen_b.name, seen_b.phone_number) == (b.name, "+44 20 7946 0000")
    assert client.customers.retrieve(a.customer_id).phone_number == "+1 555 999 0000"


def test_an_expired_session_is_refused(client, base_url, http, table):
    customer = new_customer(client)
    session = open_session(http, base_url, mint(client, customer.customer_id))
    assert session.api("GET", "/profile").status_code == 200
    table.expire(PortalTable.session_key(session.cookie))
    assert_error(session.api("GET", "/profile"), 401, "UNAUTHORIZED")
    assert_failure_page(session.page(), 401, "failure.no_session", customer.name, customer.email)


def test_tokens_are_stored_only_as_hashes(client, base_url, http, table):
    customer = new_customer(client)
    link = mint(client, customer.customer_id)
    token = token_of(link)
    session = open_session(http, base_url, link)
    csrf = session.page_data()["csrf"]
    assert table.item(PortalTable.link_key(token))["used"] is True
    assert table.item(PortalTable.session_key(session.cookie))["customer_id"] == customer.customer_id
    secrets = {
        "link token": token.removeprefix("cpl_"),
        "session secret": session.cookie.removeprefix("cps_"),
        "CSRF token": csrf,
    }
    stored = table.every_string()
    for what, secret in secrets.items():
        leaks = [value for value in stored if secret in value]
        assert not leaks, f"the {what} is stored in plain text: {leaks[:3]}"


def test_the_page_is_light_and_loads_nothing_from_elsewhere(client, base_url, http):
    customer = new_customer(client)
    session = open_session(http, base_url, mint(client, customer.customer_id, return_url="https://shop.example.com/"))
    resp = session.page()
    assert resp.status_code == 200, describe(resp)
    weight = len(resp.content)  # HTML with its CSS and JS inline: the whole page
    assert weight < PAGE_WEIGHT_LIMIT_BYTES, f"the page weighs {weight} bytes"
    html = resp.text
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", html), "external resources"
    assert not re.search(r"<link\b", html) and "@import" not in html and "url(" not in html
    assert re.findall(r'href="([^"]+)"', html) == ["https://shop.example.com/"], "only the return link"
    policy = resp.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert resp.headers["cache-control"] == "no-store" and resp.headers["x-frame-options"] == "DENY"
    print(f"portal page weight: {weight / 1024:.1f} KB")


# --- language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "preferred_locale, accept_language, expected",
    [
        ("fr", "de", "fr"),
        ("it", None, "it"),
        (None, "pt-BR,pt;q=0.9,en;q=0.8", "pt"),
        (None, "ja,es;q=0.5", "es"),
        ("ja", "de-CH", "de"),
        ("ja", None, "en"),
        (None, None, "en"),
    ],
)
def test_the_language_follows_preferred_locale_then_accept_language(client, base_url, http, preferred_locale, accept_language, expected):
    kw = {"preferred_locale": preferred_locale} if preferred_locale else {}
    customer = new_customer(client, **kw)
    session = open_session(http, base_url, mint(client, customer.customer_id))
    headers = {"accept-language": accept_language} if accept_language else {}
    resp = session.page(**headers)
    assert resp.status_code == 200, describe(resp)
    assert f'<html lang="{expected}">' in resp.text
    data = page_data(resp.text)
    assert data["locale"] == expected
    assert len(data["text"]) > 20 and all(isinstance(v, str) and v for v in data["text"].values())


# --- e-mail --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mailing_server(stack) -> Iterator[tuple[str, Path]]:
    """A second local server on the same table, configured as a deployment would be: a
    public https portal URL and a sender, with e-mails going to an outbox directory."""
    outbox = stack.artifacts / "outbox"
    env = dict(
        stack.env,
        PORTAL_BASE_URL="https://portal.example.test/portal",
        EMAIL_SENDER="Portal <portal@example.test>",
        PORTAL_OUTBOX_DIR=str(outbox),
        STREAM_CONSUMERS="off",  # the stack's own server consumes the table's stream
    )
    server, server_url = start_local_server("local-server-mailing", env, stack.artifacts)
    try:
        yield server_url, outbox
    finally:
        server.stop()


@pytest.fixture(scope="module")
def mailing_client(mailing_server, api_key_a) -> Iterator[dodopayments.DodoPayments]:
    server_url, _ = mailing_server
    with sdk_client(server_url, api_key_a) as mailing:
        yield mailing


def mails_to(outbox: Path, address: str) -> list[email.message.EmailMessage]:
    if not outbox.is_dir():
        return []
    messages = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]
    return [m for m in messages if m["To"] == address]


def test_send_email_puts_the_link_in_the_customers_language(mailing_client, mailing_server, http):
    server_url, outbox = mailing_server
    customer = new_customer(mailing_client, name="Giulia Rossi", preferred_locale="it")

    quiet = mint(mailing_client, customer.customer_id, send_email=False)
    assert quiet.startswith("https://portal.example.test/portal/session/cpl_")
    assert mails_to(outbox, customer.email) == []

    link = mint(mailing_client, customer.customer_id, send_email=True, return_url="https://shop.example.com/")
    [message] = mails_to(outbox, customer.email)
    assert message["From"] == "Portal <portal@example.test>"
    assert message["Content-Language"] == "it"
    assert message["Subject"] == "Il tuo link al portale clienti di Business A"
    text = message.get_content()
    assert text.startswith("Ciao Giulia Rossi,")
    assert link in text and quiet not in text
    assert "24 ore" in text

    # The configured public URL is https, so the session cookie is Secure.
    resp = open_link(http, server_url, link)
    assert resp.status_code == 303, describe(resp)
    assert resp.headers["location"] == "https://portal.example.test/portal"
    _, _, attributes = parse_set_cookie(resp.headers["set-cookie"])
    assert attributes.get("secure") is True and attributes.get("path") == "/portal"
    assert local_url(server_url, link).startswith(server_url + "/portal/session/")


def test_the_email_is_in_english_without_a_portal_language(mailing_client, mailing_server):
    _, outbox = mailing_server
    customer = new_customer(mailing_client, preferred_locale="ja")
    link = mint(mailing_client, customer.customer_id, send_email=True)
    [message] = mails_to(outbox, customer.email)
    assert message["Content-Language"] == "en"
    assert message["Subject"] == "Your customer portal link for Business A"
    assert link in message.get_content()
