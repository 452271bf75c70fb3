"""The customer portal in a real browser: Debian's Chromium (/usr/bin/chromium, installed
by infra/ensure-chromium.sh), headless, driven by Playwright. Never `playwright install`:
no browser is downloaded.

Screenshots go to tests/artifacts/portal/ (gitignored), kept after the run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from support.api import new_customer
from support.paths import ARTIFACTS
from support.portal import PortalTable, open_in_browser, token_of

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = ARTIFACTS / "portal"
# Intl separates thousands with a narrow no-break space in French, a no-break space elsewhere.
SPACE = "[\u202f\u00a0 ]"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run infra/ensure-chromium.sh (never `playwright install`)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()




def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path


def test_open_the_portal_see_balances_edit_the_phone_and_see_it_through_the_api(client, base_url, page):
    customer = new_customer(client, name="Ada Lovelace", phone_number="+44 20 7946 0958")
    cid = customer.customer_id
    client.customers.wallets.ledger_entries.create(cid, amount=123_456, currency="USD", entry_type="credit", reason="Welcome credit")
    client.customers.wallets.ledger_entries.create(cid, amount=456, currency="USD", entry_type="debit")
    client.customers.wallets.ledger_entries.create(cid, amount=250_000, currency="INR", entry_type="credit")
    link = client.customers.customer_portal.create(cid, return_url="https://shop.example.com/account").link
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    response = open_in_browser(page, link)
    assert response is not None and response.status == 200
    expect(page).to_have_url(f"{base_url}/portal")
    profile = page.locator("#section-profile")
    expect(profile.locator('[data-field="name"]')).to_have_text("Ada Lovelace")
    expect(profile.locator('[data-field="email"]')).to_have_text(customer.email)
    expect(profile.locator('[data-field="phone_number"]')).to_have_text("+44 20 7946 0958")
    expect(page.locator('.wallet[data-currency="USD"] .amount')).to_have_text("$1,230.00")
    expect(page.locator('.wallet[data-currency="INR"] .amount')).to_have_text("₹2,500.00")
    rows = page.locator("#section-ledger tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("-$4.56")
    expect(rows.nth(2)).to_contain_text("Welcome credit")
    expect(rows.nth(2)).to_contain_text("+$1,234.56")
    back = page.get_by_role("link", name="Return to Business A")
    expect(back).to_have_attribute("href", "https://shop.example.com/account")
    screenshot(page, "portal-en")

    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Phone").fill("+1 415 555 0199")
    page.get_by_role("button", name="Save").click()
    expect(profile.locator("[data-message]")).to_have_text("Your details have been saved.")
    expect(profile.locator('[data-field="phone_number"]')).to_have_text("+1 415 555 0199")
    assert client.customers.retrieve(cid).phone_number == "+1 415 555 0199"

    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Phone").fill("not a phone")
    page.get_by_role("button", name="Save").click()
    expect(profile.locator("[data-message]")).to_contain_text("Enter a valid phone number")
    assert client.customers.retrieve(cid).phone_number == "+1 415 555 0199"

    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    elsewhere = [url for url in requested if not url.startswith(origin + "/")]
    assert not elsewhere, f"the portal loaded from elsewhere: {elsewhere}"


def test_the_portal_speaks_the_customers_language_and_formats_for_it(client, page):
    customer = new_customer(client, preferred_locale="fr")
    cid = customer.customer_id
    client.customers.wallets.ledger_entries.create(cid, amount=123_456, currency="USD", entry_type="credit")
    open_in_browser(page, client.customers.customer_portal.create(cid).link)

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Vos coordonnées")).to_be_visible()
    expect(page.locator('.wallet[data-currency="USD"] .amount')).to_have_text(re.compile(rf"^1{SPACE}234,56{SPACE}\$US$"))
    expect(page.locator('.wallet[data-currency="INR"] .amount')).to_have_text(re.compile(rf"^0,00{SPACE}₹$"))
    french_date = re.compile(r"\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}")
    expect(page.locator("#section-ledger tbody tr").first.locator("td").first).to_have_text(french_date)
    expect(page.locator("#section-ledger tbody")).to_contain_text("Ajustement")
    screenshot(page, "portal-fr")


def test_accept_language_chooses_when_the_customer_has_no_portal_language(client, browser):
    customer = new_customer(client, preferred_locale="ja")
    client.customers.wallets.ledger_entries.create(customer.customer_id, amount=123_456, currency="USD", entry_type="credit")
    context = browser.new_context(locale="de-DE")
    try:
        page = context.new_page()
        open_in_browser(page, client.customers.customer_portal.create(customer.customer_id).link)
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(page.get_by_role("heading", name="Ihre Daten")).to_be_visible()
        expect(page.locator('.wallet[data-currency="USD"] .amount')).to_have_text(re.compile(rf"^1\.234,56{SPACE}\$$"))
    finally:
        context.close()


def test_expired_used_and_tampered_links_show_the_failure_page(client, base_url, page, table):
    customer = new_customer(client)
    cid = customer.customer_id

    expired = client.customers.customer_portal.create(cid).link
    table.expire(PortalTable.link_key(token_of(expired)))
    response = page.goto(expired)
    assert response is not None and response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has expired")
    expect(page.locator("body")).to_contain_text("To get a new link")
    expect(page.locator("body")).not_to_contain_text(customer.name)
    screenshot(page, "failure-expired")

    token = token_of(client.customers.customer_portal.create(cid).link)
    tampered = f"{base_url}/portal/session/{token[:-4]}{'0000' if token[-4:] != '0000' else '1111'}"
    response = page.goto(tampered)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This link is not valid")
    expect(page.locator("body")).to_contain_text("To get a new link")

    used = client.customers.customer_portal.create(cid).link
    open_in_browser(page, used)
    expect(page).to_have_url(f"{base_url}/portal")
    response = page.goto(used)
    assert response is not None and response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    assert page.context.cookies(), "the session from the first opening is still there"
