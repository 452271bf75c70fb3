"""Access to the API (official SDK clients, and raw HTTP for what the SDK cannot send) and
shared assertions."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import Any

import dodopayments
import httpx

REQUEST_ID_HEADER = "x-request-id"

_DEFAULT = object()


class RawApi:
    """httpx against the local server. `key` defaults to the fixture's key;
    `key=None` sends no Authorization header; `authorization=` sends that header verbatim."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self.base_url = base_url
        self.api_key = api_key
        self.http = httpx.Client(base_url=base_url, timeout=30.0)

    def close(self) -> None:
        self.http.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        key: Any = _DEFAULT,
        authorization: str | None = None,
        json_body: Any = _DEFAULT,
        content: Any = None,  # bytes, str, or an iterator of bytes (sent chunked)
        params: Any = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        h: dict[str, str] = {"accept": "application/json"}
        if authorization is not None:
            h["authorization"] = authorization
        else:
            k = self.api_key if key is _DEFAULT else key
            if k is not None:
                h["authorization"] = f"Bearer {k}"
        if json_body is not _DEFAULT:
            content = json.dumps(json_body)
            h["content-type"] = "application/json"
        elif content is not None:
            h.setdefault("content-type", "application/json")
        h.update(headers or {})
        return self.http.request(method, path, content=content, params=params, headers=h)

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("POST", path, **kw)

    def patch(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("PATCH", path, **kw)

    def delete(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("DELETE", path, **kw)


def sdk_client(base_url: str, api_key: str, **kw: Any) -> dodopayments.DodoPayments:
    """An official-SDK client against a local server. No retries (a retry would hide a 5xx
    or a 409), and strict response validation (a response that does not fit the SDK's
    models fails the test), unless `kw` says otherwise."""
    kw.setdefault("max_retries", 0)
    kw.setdefault("timeout", 30.0)
    kw.setdefault("_strict_response_validation", True)
    return dodopayments.DodoPayments(bearer_token=api_key, base_url=base_url, **kw)


def new_customer(client: dodopayments.DodoPayments, name_prefix: str = "Customer", **kw: Any) -> Any:
    """A customer of `client`'s business with a unique name and email (overridable)."""
    kw.setdefault("name", f"{name_prefix} {unique()}")
    kw.setdefault("email", unique_email())
    return client.customers.create(**kw)


def describe(resp: httpx.Response) -> str:
    """One line naming the request and the response, for assertion messages."""
    req = resp.request
    body = resp.text
    if len(body) > 600:
        body = body[:600] + "..."
    return f"{req.method} {req.url} -> {resp.status_code} {dict(resp.headers)} {body}"


def assert_request_id(resp: httpx.Response) -> str:
    rid = resp.headers.get(REQUEST_ID_HEADER)
    assert rid, f"no {REQUEST_ID_HEADER} header: {describe(resp)}"
    return rid


def assert_error(resp: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is the documented error: this status, body exactly {code, message}."""
    assert resp.status_code == status, f"expected {status} {code}: {describe(resp)}"
    assert resp.headers.get("content-type", "").startswith("application/json"), describe(resp)
    try:
        body = resp.json()
    except ValueError:
        raise AssertionError(f"error body is not JSON: {describe(resp)}") from None
    assert isinstance(body, dict), describe(resp)
    assert set(body) == {"code", "message"}, f"error body must be exactly {{code, message}}: {describe(resp)}"
    assert body["code"] == code, f"expected code {code}: {describe(resp)}"
    assert isinstance(body["message"], str) and body["message"].strip(), describe(resp)
    assert_request_id(resp)
    return body


def assert_sdk_error(exc: Any, status: int, code: str) -> None:
    """An SDK APIStatusError carries the documented error."""
    assert_error(exc.response, status, code)


def unique(prefix: str = "t") -> str:
    """A short token unique to this call, safe in names and email local parts."""
    return f"{prefix}{uuid.uuid4().hex[:12]}"


def unique_email(tag: str | None = None) -> str:
    return f"{tag or unique('e')}@example.com"


def parse_rfc3339(value: str) -> datetime:
    """Parses an RFC 3339 timestamp (Python 3.11 fromisoformat accepts 'Z' and fractions)."""
    dt = datetime.fromisoformat(value)
    assert dt.tzinfo is not None, f"timestamp without a zone: {value!r}"
    return dt


def assert_utc_rfc3339(value: str) -> datetime:
    dt = parse_rfc3339(value)
    assert dt.utcoffset() == timezone.utc.utcoffset(None), f"timestamp not in UTC: {value!r}"
    assert "T" in value, f"not RFC 3339: {value!r}"
    return dt
