"""Signed inbound events, as the payment engine sends them, and realistic Dodo objects to
put in them.

`EventSender` creates an ingest endpoint for a business through the API (its Bearer key;
one endpoint per business and server for the whole session, since a business may have
only 10: pass `fresh=True` for one of your own), keeps the endpoint's secret, and posts
Dodo's envelope `{business_id, type, timestamp, data}` signed with the `standardwebhooks`
library (what Dodo itself signs with):

    sender = EventSender(base_url, api_key)
    resp = sender.send("payment.succeeded", payment_data(customer))
    assert resp.status_code == 200

The builders (`payment_data`, `refund_data`, `subscription_data`, `license_key_data`)
answer dicts shaped exactly like the SDK's `Payment`, `Refund`, `Subscription` and
`LicenseKey` (every required field present, optional ones where Dodo sends them), so every
test builds its events the same way. `customer` is an SDK customer object (what
`client.customers.create` answers) or a dict with `customer_id`, `email`, `name` (and
optionally `phone_number`); `**overrides` replace top-level fields.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping

import httpx
from standardwebhooks import Webhook


def rfc3339(moment: datetime) -> str:
    """UTC, millisecond precision, `Z`: how Dodo writes timestamps."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now() -> datetime:
    return datetime.now(timezone.utc)


def dodo_id(prefix: str) -> str:
    """An id shaped like Dodo's: a type prefix and letters and digits."""
    return f"{prefix}{uuid.uuid4().hex[:22]}"


def new_webhook_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


@dataclass
class _Endpoint:
    endpoint_id: str
    url: str
    secret: str
    business_id: str


# One endpoint per (server, business key) for the whole test session: a business may
# have only a few endpoints, and every test module sends events.
_shared: dict[tuple[str, str], _Endpoint] = {}


class EventSender:
    """An ingest endpoint of one business, and signed posts to it.

    Senders of the same business share one endpoint (created on first use) unless
    `fresh=True`. `secret` is the endpoint's current secret; `rotate()` asks the API for a
    new one and returns the previous secret (still accepted for the overlap).
    `send(..., secret=...)` signs with another secret, `signatures=[...]` sends those
    instead, `headers=` overrides or drops (value None) any header, `body=` posts raw
    bytes instead of the envelope, `endpoint_id=` posts to another endpoint.
    """

    def __init__(self, base_url: str, api_key: str, *, fresh: bool = False, http: httpx.Client | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.http = http or httpx.Client(timeout=30.0)
        key = (self.base_url, api_key)
        if fresh or key not in _shared:
            resp = self.http.post(
                f"{self.base_url}/ingest-endpoints",
                headers={"authorization": f"Bearer {api_key}"},
            )
            assert resp.status_code == 200, f"creating an ingest endpoint: {resp.status_code} {resp.text}"
            created = resp.json()
            endpoint = _Endpoint(created["ingest_endpoint_id"], created["url"], created["secret"], created["business_id"])
            if fresh:
                self._endpoint = endpoint
                return
            _shared[key] = endpoint
        self._endpoint = _shared[key]

    @property
    def endpoint_id(self) -> str:
        return self._endpoint.endpoint_id

    @property
    def url(self) -> str:
        return self._endpoint.url

    @property
    def secret(self) -> str:
        return self._endpoint.secret

    @property
    def business_id(self) -> str:
        return self._endpoint.business_id

    @property
    def path(self) -> str:
        return f"/ingest/{self.endpoint_id}"

    def rotate(self) -> str:
        """Rotates the endpoint's secret; returns the previous one."""
        resp = self.http.post(
            f"{self.base_url}/ingest-endpoints/{self.endpoint_id}/rotate-secret",
            headers={"authorization": f"Bearer {self.api_key}"},
        )
        assert resp.status_code == 200, f"rotating the secret: {resp.status_code} {resp.text}"
        previous, self._endpoint.secret = self.secret, resp.json()["secret"]
        return previous

    def envelope(self, event_type: str, data: Any, timestamp: datetime | None = None) -> bytes:
        return json.dumps(
            {
                "business_id": self.business_id,
                "type": event_type,
                "timestamp": rfc3339(timestamp or now()),
                "data": data,
            }
        ).encode()

    def send(
        self,
        event_type: str,
        data: Any,
        timestamp: datetime | None = None,
        webhook_id: str | None = None,
        *,
        secret: str | None = None,
        signatures: list[str] | None = None,
        signed_at: datetime | None = None,
        headers: Mapping[str, str | None] | None = None,
        body: bytes | None = None,
        endpoint_id: str | None = None,
    ) -> httpx.Response:
        """Posts one signed event. `timestamp` is the envelope's (when the event happened);
        `signed_at` is the `webhook-timestamp` header's (default now)."""
        raw = body if body is not None else self.envelope(event_type, data, timestamp)
        msg_id = webhook_id or new_webhook_id()
        sent_at = signed_at or now()
        signature = " ".join(signatures) if signatures else sign(secret or self.secret, msg_id, sent_at, raw)
        h: dict[str, str] = {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(sent_at.timestamp())),
            "webhook-signature": signature,
        }
        for name, value in (headers or {}).items():
            if value is None:
                h.pop(name, None)
            else:
                h[name] = value
        return self.http.post(f"{self.base_url}/ingest/{endpoint_id or self.endpoint_id}", content=raw, headers=h)


def sign(secret: str, webhook_id: str, signed_at: datetime, body: bytes) -> str:
    """`v1,<base64>`: the Standard Webhooks signature of `body` with `secret`."""
    return Webhook(secret).sign(webhook_id, signed_at, body.decode())


# --- Dodo objects ------------------------------------------------------------------------


def customer_details(customer: Any) -> dict[str, Any]:
    """The SDK's `CustomerLimitedDetails` of an SDK customer object or a dict."""

    def field(name: str) -> Any:
        if isinstance(customer, Mapping):
            return customer.get(name)
        return getattr(customer, name, None)

    details = {"customer_id": field("customer_id"), "email": field("email"), "name": field("name")}
    if field("phone_number") is not None:
        details["phone_number"] = field("phone_number")
    details["metadata"] = field("metadata") or {}
    return details


def new_customer_snapshot(name: str = "Event Customer") -> dict[str, Any]:
    """A customer this service has never seen (as an engine would send them)."""
    token = uuid.uuid4().hex[:12]
    return {
        "customer_id": dodo_id("cus_"),
        "email": f"ev{token}@example.com",
        "name": f"{name} {token}",
        "metadata": {},
    }


def _billing() -> dict[str, Any]:
    return {"country": "US", "city": "San Francisco", "state": "CA", "street": "1 Market St", "zipcode": "94105"}


def payment_data(customer: Any, **overrides: Any) -> dict[str, Any]:
    """A `Payment`: one product, 10.00 USD + 0.80 tax, succeeded, by card."""
    created = overrides.pop("created_at", None) or rfc3339(now())
    payment_id = overrides.get("payment_id") or dodo_id("pay_")
    total = overrides.get("total_amount", 1080)
    currency = overrides.get("currency", "USD")
    data: dict[str, Any] = {
        "billing": _billing(),
        "brand_id": "bzd_default",
        "business_id": overrides.get("business_id", dodo_id("bus_")),
        "created_at": created,
        "currency": currency,
        "customer": customer_details(customer),
        "digital_products_delivered": True,
        "disputes": [],
        "includes_usage": False,
        "is_multi_subscription": False,
        "is_update_payment_method": False,
        "metadata": {},
        "payment_id": payment_id,
        "payment_provider": "dodo",
        "refunds": [],
        "retry_attempt": 0,
        "service_periods": [],
        "settlement_amount": total,
        "settlement_currency": currency,
        "subscription_ids": [],
        "total_amount": total,
        "card_last_four": "4242",
        "card_network": "visa",
        "card_type": "credit",
        "card_issuing_country": "US",
        "card_holder_name": None,
        "charge_type": None,
        "checkout_session_id": None,
        "discount_id": None,
        "error_code": None,
        "error_message": None,
        "invoice_id": None,
        "invoice_url": None,
        "payment_link": None,
        "payment_method": "card",
        "payment_method_id": None,
        "payment_method_type": "visa",
        "product_cart": [{"product_id": "pdt_default", "quantity": 1}],
        "refund_status": None,
        "settlement_tax": 80,
        "status": "succeeded",
        "subscription_id": None,
        "tax": 80,
        "updated_at": created,
    }
    data.update(overrides)
    if data["subscription_id"] and not data["subscription_ids"]:
        data["subscription_ids"] = [data["subscription_id"]]
    return data


def refund_data(payment: Mapping[str, Any], **overrides: Any) -> dict[str, Any]:
    """A `Refund` of the whole of `payment` (a `payment_data` dict), succeeded."""
    data: dict[str, Any] = {
        "brand_id": payment.get("brand_id", "bzd_default"),
        "business_id": payment["business_id"],
        "created_at": rfc3339(now()),
        "customer": dict(payment["customer"]),
        "is_partial": False,
        "metadata": {},
        "payment_id": payment["payment_id"],
        "refund_id": dodo_id("ref_"),
        "status": "succeeded",
        "amount": payment["total_amount"],
        "currency": payment["currency"],
        "network_reference": None,
        "network_reference_type": None,
        "network_reference_updated_at": None,
        "reason": None,
    }
    data.update(overrides)
    return data


def subscription_data(customer: Any, **overrides: Any) -> dict[str, Any]:
    """A `Subscription`: 10.00 USD a month, active, started now."""
    started = now()
    created = overrides.pop("created_at", None) or rfc3339(started)
    data: dict[str, Any] = {
        "addons": [],
        "billing": _billing(),
        "brand_id": "bzd_default",
        "cancel_at_next_billing_date": False,
        "created_at": created,
        "credit_entitlement_cart": [],
        "currency": "USD",
        "customer": customer_details(customer),
        "has_payment_method": True,
        "metadata": {},
        "meter_credit_entitlement_cart": [],
        "meters": [],
        "next_billing_date": rfc3339(started + timedelta(days=30)),
        "on_demand": False,
        "payment_frequency_count": 1,
        "payment_frequency_interval": "Month",
        "previous_billing_date": rfc3339(started),
        "product_id": "pdt_default",
        "quantity": 1,
        "recurring_pre_tax_amount": 1000,
        "status": "active",
        "subscription_id": dodo_id("sub_"),
        "subscription_period_count": 12,
        "subscription_period_interval": "Month",
        "tax_inclusive": False,
        "trial_period_days": 0,
        "cancellation_comment": None,
        "cancellation_feedback": None,
        "cancelled_at": None,
        "cancelled_by": None,
        "discount_cycles_remaining": None,
        "discount_id": None,
        "expires_at": None,
        "paused_at": None,
        "payment_method_id": None,
        "tax_id": None,
    }
    data.update(overrides)
    return data


def license_key_data(customer: Any, **overrides: Any) -> dict[str, Any]:
    """A `LicenseKey`: active, 3 activations, none used, no expiry, made by a payment."""
    data: dict[str, Any] = {
        "id": dodo_id("lic_"),
        "brand_id": "bzd_default",
        "business_id": dodo_id("bus_"),
        "created_at": rfc3339(now()),
        "customer_id": customer_details(customer)["customer_id"],
        "instances_count": 0,
        "key": str(uuid.uuid4()).upper(),
        "product_id": "pdt_default",
        "source": "auto",
        "status": "active",
        "activations_limit": 3,
        "expires_at": None,
        "payment_id": dodo_id("pay_"),
        "subscription_id": None,
    }
    data.update(overrides)
    return data
