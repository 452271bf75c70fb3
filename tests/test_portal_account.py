"""The portal's account sections in a real browser (Debian's Chromium, driven by
Playwright, as tests/test_portal_browser.py): subscriptions cancelled either way and a
scheduled cancellation withdrawn, a licence key shown, copied and one of its activations
freed, and an e-mail change that takes effect only through the link sent to the new
address. Data comes from the official SDK and signed inbound events; every effect is
read back through the SDK. Also: another customer's ids are 404 on every route these
sections add, and DynamoDB requests per section load are counted on the wire
(docs/benchmarks.md, "Customer portal: account sections").

Screenshots go to tests/artifacts/portal/ (gitignored).
"""

from __future__ import annotations

import email
import email.policy
import re
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any, Callable, Iterator

import dodopayments
import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from support.api import describe, new_customer, sdk_client, unique_email
from support.billing_events import EventSender, license_key_data, subscription_data
from support.portal import open_in_browser, open_session
from support.stack import counted_local_server, start_local_server
from test_portal_browser import SCREENSHOTS, browser, screenshot  # noqa: F401  (the browser fixture)

__all__ = ["browser"]

EMAIL_CHANGE_LINK_RE = re.compile(r"http://\S+/portal/email-change/cec_[0-9a-f]{64}\b")


@pytest.fixture(scope="module")
def server(stack) -> Iterator[tuple[str, Path]]:
    """A local server on the stack's table that writes its e-mails to an outbox, as
    `make dev` does: its URL and the outbox."""
    outbox = stack.artifacts / "outbox-account"
    env = dict(stack.env, PORTAL_OUTBOX_DIR=str(outbox), STREAM_CONSUMERS="off")
    process, url = start_local_server("local-server-portal-account", env, stack.artifacts)
    try:
        yield url, outbox
    finally:
        process.stop()


@pytest.fixture(scope="module")
def url(server) -> str:
    return server[0]


@pytest.fixture(scope="module")
def merchant(url, api_key_a) -> Iterator[dodopayments.DodoPayments]:
    with sdk_client(url, api_key_a) as client:
        yield client


@pytest.fixture(scope="module")
def public(url) -> Iterator[dodopayments.DodoPayments]:
    """The licence calls the merchant's software makes: the key is the credential."""
    with sdk_client(url, "not-an-api-key") as client:
        yield client


@pytest.fixture(scope="module")
def sender(url, api_key_a) -> EventSender:
    return EventSender(url, api_key_a)


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """Keeps no cookies: every request names the session it uses (PortalSession)."""
    no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    with httpx.Client(timeout=30.0, cookies=no_cookies) as client:
        yield client


@pytest.fixture
def page(browser: Browser, url: str) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def subscribe(sender: EventSender, customer: Any, **overrides: Any) -> str:
    data = subscription_data(customer, **overrides)
    resp = sender.send("subscription.active", data)
    assert resp.status_code in (200, 204), describe(resp)
    return data["subscription_id"]


def licence(sender: EventSender, public: dodopayments.DodoPayments, customer: Any, devices: list[str], **overrides: Any) -> dict[str, Any]:
    """A key announced by the engine, activated on `devices`: its data and the instance ids."""
    data = license_key_data(customer, **overrides)
    resp = sender.send("license_key.created", data)
    assert resp.status_code in (200, 204), describe(resp)
    data["instances"] = [public.licenses.activate(license_key=data["key"], name=name).id for name in devices]
    return data


def mails_to(outbox: Path, address: str) -> list[email.message.EmailMessage]:
    messages = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ] if outbox.is_dir() else []
    return [m for m in messages if m["To"] == address]


def link_for(merchant: dodopayments.DodoPayments, customer: Any) -> str:
    return merchant.customers.customer_portal.create(customer.customer_id).link


# --- subscriptions ---------------------------------------------------------------------------


def test_cancel_at_period_end_and_now_then_withdraw_the_scheduled_one(merchant, sender, url, page):
    customer = new_customer(merchant, name="Ada Lovelace")
    later = subscribe(sender, customer, product_id="pdt_basic", recurring_pre_tax_amount=1_250)
    now = subscribe(sender, customer, product_id="pdt_pro", recurring_pre_tax_amount=99_900, payment_frequency_interval="Year")
    open_in_browser(page, link_for(merchant, customer))
    section = page.locator("#section-subscriptions")
    later_item = section.locator(f'[data-subscription="{later}"]')
    now_item = section.locator(f'[data-subscription="{now}"]')
    expect(later_item).to_contain_text("$12.50 per month")
    expect(now_item).to_contain_text("$999.00 per year")
    expect(later_item).to_contain_text("Next billing date")
    message = section.locator("[data-message]")

    # At the end of the period, with a reason and a comment; nothing happens until confirmed.
    opener = later_item.get_by_role("button", name="Cancel subscription")
    expect(opener).to_have_attribute("aria-expanded", "false")
    opener.click()
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(later_item.locator("#" + opener.get_attribute("aria-controls"))).to_be_visible()
    form = later_item.locator("form")
    expect(form.get_by_role("heading", name="Cancel pdt_basic")).to_be_focused()
    expect(form.get_by_label("At the end of the billing period")).to_be_checked()
    expect(form).to_contain_text("stays active until")
    form.get_by_label("Reason (optional)").select_option("too_expensive")
    form.get_by_label("Comment (optional)").fill("Cheaper elsewhere")
    assert merchant.subscriptions.retrieve(later).cancel_at_next_billing_date is False
    screenshot(page, "account-subscriptions-confirm-en")
    form.get_by_role("button", name="Confirm cancellation").click()
    expect(message).to_have_text("Your subscription will end at the end of the billing period.")
    scheduled = merchant.subscriptions.retrieve(later)
    assert (scheduled.status, scheduled.cancel_at_next_billing_date) == ("active", True)
    assert scheduled.cancelled_by is not None and scheduled.cancelled_by.actor_type == "customer"
    assert scheduled.cancelled_by.email == customer.email
    assert (scheduled.cancellation_feedback, scheduled.cancellation_comment) == ("too_expensive", "Cheaper elsewhere")
    expect(later_item).to_contain_text("Ends on")

    # Now, by keyboard only: the button, the choice (arrow keys), then confirm.
    now_item.get_by_role("button", name="Cancel subscription").focus()
    page.keyboard.press("Enter")
    form = now_item.locator("form")
    expect(form.get_by_role("heading", name="Cancel pdt_pro")).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.get_by_label("At the end of the billing period")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(form.get_by_label("Now", exact=True)).to_be_checked()
    expect(form).to_contain_text("This cannot be undone")
    form.get_by_role("button", name="Confirm cancellation").focus()
    page.keyboard.press("Enter")
    expect(message).to_have_text("Your subscription has been cancelled.")
    cancelled = merchant.subscriptions.retrieve(now)
    assert cancelled.status == "cancelled" and cancelled.cancelled_at is not None
    assert cancelled.cancelled_by is not None and cancelled.cancelled_by.actor_type == "customer"
    expect(now_item).to_contain_text("Cancelled on")
    expect(now_item.get_by_role("button")).to_have_count(0)

    # "Keep subscription" closes the form and changes nothing.
    later_item.get_by_role("button", name="Keep my subscription").click()
    expect(message).to_have_text("Your subscription will continue.")
    withdrawn = merchant.subscriptions.retrieve(later)
    assert (withdrawn.status, withdrawn.cancel_at_next_billing_date, withdrawn.cancelled_by) == ("active", False, None)
    expect(later_item.get_by_role("button", name="Cancel subscription")).to_be_visible()
    later_item.get_by_role("button", name="Cancel subscription").click()
    later_item.get_by_role("button", name="Keep subscription").click()
    expect(later_item.locator("form")).to_be_hidden()
    expect(later_item.get_by_role("button", name="Cancel subscription")).to_be_focused()
    assert merchant.subscriptions.retrieve(later).cancel_at_next_billing_date is False


# --- license keys ----------------------------------------------------------------------------


def test_show_and_copy_a_key_and_deactivate_a_device(merchant, public, sender, page):
    customer = new_customer(merchant)
    key = licence(sender, public, customer, ["Ada's laptop", "Studio desktop"], product_id="pdt_editor")
    open_in_browser(page, link_for(merchant, customer))
    item = page.locator(f'#section-licenses [data-license="{key["id"]}"]')
    shown = item.locator("[data-key]")
    expect(shown).to_have_text(re.compile(r"^•+" + re.escape(key["key"][-4:]) + "$"))
    expect(item).to_contain_text("2 of 3 used")

    item.get_by_role("button", name="Show").click()
    expect(shown).to_have_text(key["key"])
    expect(item.get_by_role("button", name="Hide")).to_have_attribute("aria-pressed", "true")
    item.get_by_role("button", name="Hide").click()
    expect(shown).not_to_contain_text(key["key"])
    item.get_by_role("button", name="Copy").click()
    expect(page.locator("#section-licenses [data-message]")).to_have_text("The license key has been copied.")
    assert page.evaluate("navigator.clipboard.readText()") == key["key"]

    devices = item.get_by_role("button", name="Devices")
    expect(devices).to_have_attribute("aria-expanded", "false")
    devices.click()
    expect(devices).to_have_attribute("aria-expanded", "true")
    instances = item.locator(".instance")
    expect(instances).to_have_count(2)
    screenshot(page, "account-licenses-devices-en")
    item.get_by_role("button", name="Deactivate Ada's laptop").click()
    expect(page.locator("#section-licenses [data-message]")).to_have_text("Ada's laptop has been deactivated.")
    expect(instances).to_have_count(1)
    expect(item).to_contain_text("1 of 3 used")
    assert merchant.license_keys.retrieve(key["id"]).instances_count == 1
    left = merchant.license_key_instances.list(license_key_id=key["id"]).items
    assert [i.id for i in left] == [key["instances"][1]]


# --- e-mail change ---------------------------------------------------------------------------


def test_an_email_change_takes_effect_only_through_the_link_sent_to_the_new_address(merchant, server, page):
    url, outbox = server
    customer = new_customer(merchant, name="Ada Lovelace", preferred_locale="en")
    old, new = customer.email, unique_email()
    open_in_browser(page, link_for(merchant, customer))
    profile = page.locator("#section-profile")
    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Name", exact=True).fill("Ada King")
    page.get_by_label("Email", exact=True).fill(new)
    page.get_by_role("button", name="Save").click()
    expect(profile.locator("[data-message]")).to_have_text(
        f"We sent a link to {new}. Your email address changes once you open that link and confirm."
    )
    expect(profile.locator('[data-field="email"]')).to_have_text(old)
    expect(profile.locator('[data-field="name"]')).to_have_text("Ada King")
    stored = merchant.customers.retrieve(customer.customer_id)
    assert (stored.name, stored.email) == ("Ada King", old), "the name changes at once, the e-mail does not"

    [confirmation] = mails_to(outbox, new)
    [notice] = mails_to(outbox, old)
    text = confirmation.get_content()
    [link] = EMAIL_CHANGE_LINK_RE.findall(text)
    assert confirmation["Subject"] == "Confirm your new email address for Business A"
    assert link.startswith(f"{url}/portal/email-change/cec_")
    assert new in notice.get_content() and "cec_" not in notice.get_content()
    assert notice["Subject"] == "Your email address for Business A is about to change"

    # A mail scanner fetches the link: a page with a button, nothing changed.
    with httpx.Client(timeout=10) as scanner:
        fetched = scanner.get(link)
    assert fetched.status_code == 200 and '<form method="post">' in fetched.text, describe(fetched)
    assert merchant.customers.retrieve(customer.customer_id).email == old

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your new email address")
    screenshot(page, "account-email-change-en")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your email address has been changed")
    assert merchant.customers.retrieve(customer.customer_id).email == new
    again = page.goto(link)
    assert again is not None and again.status == 410
    with httpx.Client(timeout=10) as replay:
        assert replay.post(link).status_code == 410
    assert merchant.customers.retrieve(customer.customer_id).email == new


def test_an_old_confirmation_link_cannot_undo_a_later_change(merchant, server, http):
    url, outbox = server
    customer = new_customer(merchant, preferred_locale="it")
    session = open_session(http, url, link_for(merchant, customer))
    csrf = session.page_data()["csrf"]
    first, second = unique_email(), unique_email()
    for address in (first, second):
        resp = session.patch_profile({"email": address}, csrf=csrf)
        assert resp.status_code == 200 and resp.json()["pending_email"] == address, describe(resp)
    [first_link] = EMAIL_CHANGE_LINK_RE.findall(mails_to(outbox, first)[0].get_content())
    [second_link] = EMAIL_CHANGE_LINK_RE.findall(mails_to(outbox, second)[0].get_content())
    page = http.get(second_link, headers={"accept-language": "de"})
    assert page.status_code == 200 and '<html lang="it">' in page.text, "the e-mail's language, not the browser's"
    assert "Conferma il tuo nuovo indirizzo email" in page.text
    assert mails_to(outbox, second)[0]["Content-Language"] == "it"
    assert http.post(second_link).status_code == 200
    assert http.post(first_link).status_code == 410, "asked from an address no longer in use"
    assert merchant.customers.retrieve(customer.customer_id).email == second
    unknown = second_link[:-4] + ("0000" if not second_link.endswith("0000") else "1111")
    assert http.get(unknown).status_code == 404
    assert http.get(f"{url}/portal/email-change/not-a-token").status_code == 404


# --- tenancy ---------------------------------------------------------------------------------


def test_another_customers_ids_are_not_found_on_every_route(merchant, public, sender, url, http, api_key_b):
    owner, other = new_customer(merchant), new_customer(merchant)
    owned_sub = subscribe(sender, owner)
    owned_key = licence(sender, public, owner, ["owner's device"])
    own_key = licence(sender, public, other, ["own device"])
    session = open_session(http, url, link_for(merchant, other))
    csrf = {"x-csrf-token": session.page_data()["csrf"]}
    with sdk_client(url, api_key_b) as merchant_b:
        stranger = new_customer(merchant_b)
        foreign_session = open_session(http, url, link_for(merchant_b, stranger))
        foreign_csrf = {"x-csrf-token": foreign_session.page_data()["csrf"]}
    cancel = {"action": "cancel_now"}
    for who, s, headers in (("same business", session, csrf), ("other business", foreign_session, foreign_csrf)):
        attempts = {
            "subscription": s.api("PATCH", f"/subscriptions/{owned_sub}", json=cancel, headers=headers),
            "instances": s.api("GET", f"/license-keys/{owned_key['id']}/instances"),
            "deactivate": s.api("DELETE", f"/license-keys/{owned_key['id']}/instances/{owned_key['instances'][0]}", headers=headers),
        }
        for route, resp in attempts.items():
            assert resp.status_code == 404 and resp.json()["code"] == "NOT_FOUND", f"{who} {route}: {describe(resp)}"
        assert owned_sub not in {s_["subscription_id"] for s_ in s.api("GET", "/subscriptions").json()["items"]}
        assert owned_key["id"] not in {k["id"] for k in s.api("GET", "/license-keys").json()["items"]}
    # The other's instance through one's own key: not found either.
    resp = session.api("DELETE", f"/license-keys/{own_key['id']}/instances/{owned_key['instances'][0]}", headers=csrf)
    assert resp.status_code == 404, describe(resp)
    assert merchant.subscriptions.retrieve(owned_sub).status == "active"
    assert merchant.license_keys.retrieve(owned_key["id"]).instances_count == 1

    # State changes need the page's CSRF token.
    for method, path, body in (
        ("PATCH", f"/subscriptions/{owned_sub}", cancel),
        ("DELETE", f"/license-keys/{own_key['id']}/instances/{own_key['instances'][0]}", None),
    ):
        resp = session.api(method, path, json=body)
        assert resp.status_code == 403 and resp.json()["code"] == "FORBIDDEN", describe(resp)
    assert merchant.license_keys.retrieve(own_key["id"]).instances_count == 1
    resp = session.api("DELETE", f"/license-keys/{own_key['id']}/instances/{own_key['instances'][0]}", headers=csrf)
    assert resp.status_code == 200 and resp.json() == {}, describe(resp)
    assert merchant.license_keys.retrieve(own_key["id"]).instances_count == 0


def test_customers_cannot_reach_metadata_or_revive_an_ended_subscription(merchant, sender, url, http):
    customer = new_customer(merchant)
    sub = subscribe(sender, customer)
    session = open_session(http, url, link_for(merchant, customer))
    headers = {"x-csrf-token": session.page_data()["csrf"]}
    for body in ({"action": "cancel_now", "metadata": {"a": "b"}}, {"status": "active"}, {"action": "cancel_now", "feedback": "meh"}):
        resp = session.api("PATCH", f"/subscriptions/{sub}", json=body, headers=headers)
        assert resp.status_code in (400, 422), describe(resp)
    assert session.api("PATCH", f"/subscriptions/{sub}", json={"action": "cancel_now"}, headers=headers).status_code == 200
    resp = session.api("PATCH", f"/subscriptions/{sub}", json={"action": "cancel_at_period_end"}, headers=headers)
    assert resp.status_code == 409 and resp.json()["code"] == "SUBSCRIPTION_CANCELLED", describe(resp)


# --- screenshots in two languages, at 390 px ---------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "de"])
def test_the_sections_in_two_languages_at_phone_width(merchant, public, sender, browser, locale):  # noqa: F811
    customer = new_customer(merchant, name="Grace Hopper", preferred_locale=locale)
    subscribe(sender, customer, product_id="pdt_team_plan_with_a_long_name", recurring_pre_tax_amount=4_990)
    ended = subscribe(sender, customer, product_id="pdt_basic", payment_frequency_count=3)
    merchant.subscriptions.update(ended, status="cancelled")
    licence(sender, public, customer, ["MacBook Pro (office)"], product_id="pdt_editor", expires_at="2030-01-31T00:00:00Z")
    licence(sender, public, customer, [], product_id="pdt_unlimited", activations_limit=None)
    for width, height in ((1100, 900), (390, 844)):
        context = browser.new_context(locale="en-US", viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            open_in_browser(page, link_for(merchant, customer))
            expect(page.locator("html")).to_have_attribute("lang", locale)
            expect(page.locator("#section-subscriptions .item")).to_have_count(2)
            expect(page.locator("#section-licenses .item")).to_have_count(2)
            page.locator("#section-licenses .item", has_text="pdt_editor").locator("[aria-controls]").click()
            expect(page.locator("#section-licenses .instance")).to_have_count(1)
            page.locator('#section-subscriptions .item[data-status="active"]').get_by_role("button").click()
            expect(page.locator("#section-subscriptions form")).to_be_visible()
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{locale} at {width} px: {overflow} px wider than the screen"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for section in ("profile", "subscriptions", "licenses"):
                page.locator(f"#section-{section}").screenshot(path=str(SCREENSHOTS / f"account-{section}-{locale}-{width}.png"))
            screenshot(page, f"account-{locale}-{width}")
            if locale == "de":
                expect(page.locator("#section-subscriptions")).to_contain_text("49,90 $ pro Monat")
                expect(page.locator("#section-subscriptions")).to_contain_text("alle 3 Monate")
                expect(page.locator("#section-licenses")).to_contain_text("31.01.2030")
        finally:
            context.close()


# --- DynamoDB requests per section load --------------------------------------------------------


@pytest.fixture(scope="module")
def counted(stack) -> Iterator[tuple[str, httpx.Client]]:
    with counted_local_server(stack, "local-server-portal-account-counted") as server:
        yield server


def test_dynamodb_requests_per_section_load_counted_on_the_wire(merchant, public, sender, counted, http, api_key_a):
    """docs/benchmarks.md, "Customer portal: account sections": each list is one Query
    plus the session read; a key's devices add the key's own read, made alongside."""
    url, proxy = counted
    customer = new_customer(merchant)
    for _ in range(3):
        subscribe(sender, customer)
    keys = [licence(sender, public, customer, ["a", "b"]) for _ in range(2)]
    with sdk_client(url, api_key_a) as counted_merchant:
        session = open_session(http, url, link_for(counted_merchant, customer))

    def count(operation: Callable[[], httpx.Response]) -> dict[str, int]:
        proxy.post("/__proxy__/reset").raise_for_status()
        resp = operation()
        assert resp.status_code == 200, describe(resp)
        return proxy.get("/__proxy__/stats").json()["requests"]

    costs = {
        "subscriptions": count(lambda: session.api("GET", "/subscriptions")),
        "license keys": count(lambda: session.api("GET", "/license-keys")),
        "a key's devices": count(lambda: session.api("GET", f"/license-keys/{keys[0]['id']}/instances")),
        "profile": count(lambda: session.api("GET", "/profile")),
    }
    csrf = {"x-csrf-token": session.page_data()["csrf"]}
    subscription = session.api("GET", "/subscriptions").json()["items"][0]["subscription_id"]
    changes = {
        "cancel at period end": count(lambda: session.api("PATCH", f"/subscriptions/{subscription}", json={"action": "cancel_at_period_end"}, headers=csrf)),
        "deactivate a device": count(lambda: session.api("DELETE", f"/license-keys/{keys[0]['id']}/instances/{keys[0]['instances'][0]}", headers=csrf)),
    }
    print(f"requests per portal change: {changes}")
    print(f"requests per portal section load: {costs}")
    assert costs["subscriptions"] == {"GetItem": 1, "Query": 1}, costs
    assert costs["license keys"] == {"GetItem": 1, "Query": 1}, costs
    assert costs["a key's devices"] == {"GetItem": 2, "Query": 1}, costs
