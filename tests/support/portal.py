"""Helpers for the customer portal tests: minting and opening links, the session cookie,
the page's embedded data, and the portal's items in the table (read and aged with boto3)."""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from support.api import describe
from support.stack import dynamodb_table

SESSION_COOKIE = "portal_session"
CSRF_HEADER = "x-csrf-token"
LINK_PATH_RE = re.compile(r"^/portal/session/(cpl_[0-9a-f]{64})$")
PAGE_DATA_RE = re.compile(r'<script type="application/json" id="portal-data">(.*?)</script>', re.S)


def token_of(link: str) -> str:
    match = LINK_PATH_RE.match(urlsplit(link).path)
    assert match, f"not a portal link: {link}"
    return match.group(1)


def sha256_hex(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def local_url(base_url: str, link: str) -> str:
    """The link's path on the local server (a link may name a configured public host)."""
    parts = urlsplit(link)
    return base_url + parts.path


def parse_set_cookie(header: str) -> tuple[str, str, dict[str, str | bool]]:
    """`name=value; Attr=x; Flag` -> (name, value, {lower-case attr: value or True})."""
    first, *rest = [part.strip() for part in header.split(";")]
    name, _, value = first.partition("=")
    attributes: dict[str, str | bool] = {}
    for attribute in rest:
        key, sep, val = attribute.partition("=")
        attributes[key.lower()] = val if sep else True
    return name, value, attributes


@dataclass
class PortalSession:
    """A browser's portal session, driven with httpx: the cookie, and the CSRF token and
    origin the page would use."""

    base_url: str
    cookie: str  # the session secret
    http: httpx.Client

    @property
    def origin(self) -> str:
        return self.base_url

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"cookie": f"{SESSION_COOKIE}={self.cookie}", **(extra or {})}

    def page(self, **headers: str) -> httpx.Response:
        return self.http.get(f"{self.base_url}/portal", headers=self.headers(headers))

    def page_data(self) -> dict[str, Any]:
        resp = self.page()
        assert resp.status_code == 200, describe(resp)
        return page_data(resp.text)

    def api(self, method: str, path: str, **kw: Any) -> httpx.Response:
        headers = self.headers(kw.pop("headers", None))
        return self.http.request(method, f"{self.base_url}/portal/api{path}", headers=headers, **kw)

    def patch_profile(self, body: dict[str, Any], *, csrf: str | None, origin: str | None = None) -> httpx.Response:
        headers = {"content-type": "application/json"}
        if csrf is not None:
            headers[CSRF_HEADER] = csrf
        if origin is not None:
            headers["origin"] = origin
        return self.api("PATCH", "/profile", content=json.dumps(body), headers=headers)


def page_data(html: str) -> dict[str, Any]:
    match = PAGE_DATA_RE.search(html)
    assert match, "the portal page embeds no data"
    return json.loads(match.group(1))


def open_link(http: httpx.Client, base_url: str, link: str, **headers: str) -> httpx.Response:
    """Opens a link as a browser would: its page (a GET, which a mail scanner also makes),
    then, when that page offers it, its Continue button (a POST to the same URL, from the
    link's origin). Answers the last response, without following the redirect."""
    url = local_url(base_url, link)
    page = http.get(url, headers=headers, follow_redirects=False)
    if page.status_code != 200:
        return page
    assert 'form method="post"' in page.text and "set-cookie" not in page.headers, describe(page)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(link))
    return continue_link(http, base_url, link, **{"origin": origin, **headers})


def continue_link(http: httpx.Client, base_url: str, link: str, **headers: str) -> httpx.Response:
    """The link page's Continue: the POST that uses the link up and starts the session."""
    return http.post(local_url(base_url, link), headers=headers, follow_redirects=False)


def open_in_browser(page: Any, link: str) -> Any:
    """Opens a link in a Playwright page as the customer does: the link's page, then its
    Continue button (in any language). Answers the portal page's response."""
    landing = page.goto(link)
    assert landing is not None and landing.status == 200, landing and landing.status
    with page.expect_navigation() as navigation:
        page.locator('form[method="post"] button[type="submit"]').click()
    return navigation.value


def open_session(http: httpx.Client, base_url: str, link: str) -> PortalSession:
    resp = open_link(http, base_url, link)
    assert resp.status_code == 303, describe(resp)
    name, value, _ = parse_set_cookie(resp.headers["set-cookie"])
    assert name == SESSION_COOKIE, resp.headers["set-cookie"]
    return PortalSession(base_url=base_url, cookie=value, http=http)


class PortalTable:
    """The test run's table, for what only storage can show: hashes instead of secrets,
    and expiry (moved into the past to make an expired link or session)."""

    def __init__(self, endpoint: str, table_name: str) -> None:
        self.table = dynamodb_table(endpoint, table_name)

    @staticmethod
    def link_key(token: str) -> dict[str, str]:
        return {"PK": f"PORTALTOKEN#{sha256_hex(token)}", "SK": "PORTALTOKEN"}

    @staticmethod
    def session_key(session_secret: str) -> dict[str, str]:
        return {"PK": f"PORTALSESSION#{sha256_hex(session_secret)}", "SK": "PORTALSESSION"}

    def item(self, key: dict[str, str]) -> dict[str, Any] | None:
        return self.table.get_item(Key=key, ConsistentRead=True).get("Item")

    def expire(self, key: dict[str, str]) -> None:
        self.table.update_item(
            Key=key,
            UpdateExpression="SET expires_at = :past",
            ConditionExpression="attribute_exists(PK)",
            ExpressionAttributeValues={":past": int(time.time()) - 60},
        )

    def every_string(self) -> list[str]:
        """Every string stored anywhere in the table (keys and attributes, nested too)."""
        found: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict):
                for k, v in value.items():
                    found.append(k)
                    walk(v)
            elif isinstance(value, (list, set, tuple)):
                for v in value:
                    walk(v)

        kwargs: dict[str, Any] = {}
        while True:
            page = self.table.scan(**kwargs)
            for item in page["Items"]:
                walk(item)
            if "LastEvaluatedKey" not in page:
                return found
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
