"""The official npm `dodopayments` SDK, unchanged, against the same local server and moto as
the rest of the suite: one scenario per resource in tests/npm/*.test.mjs, run by node's own
test runner (`node --test`).

The SDK is pinned with tests/npm/package-lock.json and installed by `npm ci` into
tests/npm/node_modules (gitignored) when that is missing or was installed from another
lockfile. Install scripts are off: everything comes from the npm registry's tarballs.

What a merchant cannot make through the SDK (payments, subscriptions, keys made by a
payment) comes as the payment engine sends it: signed inbound events, sent here before
node starts (support.billing_events). A scenario's seed reaches node as JSON in
`CUSTOMERS_SEED`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable

import dodopayments
import pytest

from support.api import describe, new_customer
from support.billing_events import (
    EventSender,
    dodo_id,
    license_key_data,
    now,
    payment_data,
    rfc3339,
    subscription_data,
)
from support.paths import REPO

NPM_DIR = REPO / "tests" / "npm"
NODE_MODULES = NPM_DIR / "node_modules"
# Written after a successful `npm ci`: the hash of the lockfile it installed.
INSTALL_STAMP = NODE_MODULES / ".installed-from-lockfile"
SCENARIOS = sorted(NPM_DIR.glob("*.test.mjs"))
NPM_CI_TIMEOUT_S = 300
NODE_TIMEOUT_S = 60
PER_TEST_TIMEOUT_MS = 30_000


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"`{name}` is not on PATH: the npm SDK tests need Node.js 20+ and npm", pytrace=False)
    return path


def _lockfile_hash() -> str:
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((NPM_DIR / name).read_bytes())
    return digest.hexdigest()


def _run(argv: list[str], *, env: dict[str, str] | None = None, timeout_s: int) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            argv, cwd=NPM_DIR, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout_s
        )
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"`{' '.join(argv)}` ran over {timeout_s} s:\n{e.stdout or ''}\n{e.stderr or ''}", pytrace=False)


@pytest.fixture(scope="session")
def npm_installed() -> None:
    wanted = _lockfile_hash()
    if INSTALL_STAMP.is_file() and INSTALL_STAMP.read_text() == wanted:
        return
    result = _run([_tool("npm"), "ci", "--ignore-scripts", "--no-audit", "--no-fund"], timeout_s=NPM_CI_TIMEOUT_S)
    if result.returncode != 0:
        pytest.fail(f"npm ci failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    INSTALL_STAMP.write_text(wanted)


# --- seeds: what each scenario needs made by the payment engine --------------------------


def _send(sender: EventSender, event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    resp = sender.send(event_type, data)
    assert resp.status_code == 200, describe(resp)
    return data


def _seed_subscriptions(client: dodopayments.DodoPayments, sender: EventSender) -> dict[str, Any]:
    """Three active subscriptions of one customer, a minute apart, oldest first."""
    customer = new_customer(client, "Npm Subscriber")
    start = now() - timedelta(hours=1)
    made = [
        _send(sender, "subscription.active", subscription_data(customer, created_at=rfc3339(start + timedelta(minutes=i))))
        for i in range(3)
    ]
    return {"customer_id": customer.customer_id, "subscription_ids": [s["subscription_id"] for s in made]}


def _seed_licensing(client: dodopayments.DodoPayments, sender: EventSender) -> dict[str, Any]:
    """A customer with a key a payment made (`license_key.created`, limit 2)."""
    customer = new_customer(client, "Npm Licensee")
    key = _send(sender, "license_key.created", license_key_data(customer, activations_limit=2, product_id="pdt_npm"))
    return {"customer_id": customer.customer_id, "license_key_id": key["id"], "license_key": key["key"]}


def _seed_invoices(client: dodopayments.DodoPayments, sender: EventSender) -> dict[str, Any]:
    """A succeeded payment (`payment.succeeded`)."""
    payment = _send(sender, "payment.succeeded", payment_data(new_customer(client, "Npm Payer")))
    return {"payment_id": payment["payment_id"]}


TWO_LINES = [
    {"items_id": "pdt_npm_book", "amount": 700, "tax": 50, "name": "Book", "description": None},
    {"items_id": "pdt_npm_pen", "amount": 380, "tax": 30, "name": "Pen", "description": None},
]


def _seed_payments(client: dodopayments.DodoPayments, sender: EventSender) -> dict[str, Any]:
    """One customer's payments a minute apart, oldest first: a succeeded one of two lines,
    a failed one, and a subscription's renewal."""
    customer = new_customer(client, "Npm Payer")
    start = now() - timedelta(hours=1)
    at = [rfc3339(start + timedelta(minutes=i)) for i in range(3)]
    subscription_id = dodo_id("sub_")
    payments = [
        _send(sender, "payment.succeeded", payment_data(customer, created_at=at[0], line_items=TWO_LINES)),
        _send(sender, "payment.failed", payment_data(customer, created_at=at[1], status="failed")),
        _send(sender, "payment.succeeded", payment_data(customer, created_at=at[2], subscription_id=subscription_id)),
    ]
    return {"customer_id": customer.customer_id, "subscription_id": subscription_id, "payments": payments}


def _seed_refunds(client: dodopayments.DodoPayments, sender: EventSender) -> dict[str, Any]:
    """A succeeded payment of two lines (10.80 USD)."""
    customer = new_customer(client, "Npm Refundee")
    payment = _send(sender, "payment.succeeded", payment_data(customer, line_items=TWO_LINES))
    return {"customer_id": customer.customer_id, "payment_id": payment["payment_id"]}


SEEDS: dict[str, Callable[[dodopayments.DodoPayments, EventSender], dict[str, Any]]] = {
    "subscriptions": _seed_subscriptions,
    "licensing": _seed_licensing,
    "invoices": _seed_invoices,
    "payments": _seed_payments,
    "refunds": _seed_refunds,
}


def _scenario_name(path: Path) -> str:
    return path.name.removesuffix(".test.mjs")


def test_the_scenarios_are_found() -> None:
    assert SCENARIOS, f"no *.test.mjs in {NPM_DIR}"
    assert set(SEEDS) <= {_scenario_name(p) for p in SCENARIOS}, "a seed without its scenario"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=_scenario_name)
def test_npm_sdk_scenario(
    scenario: Path, npm_installed: None, base_url: str, api_key_a: str, api_key_b: str, client: dodopayments.DodoPayments
) -> None:
    seed = SEEDS.get(_scenario_name(scenario))
    env = dict(os.environ)
    env.update(
        CUSTOMERS_BASE_URL=base_url,
        CUSTOMERS_API_KEY_A=api_key_a,
        CUSTOMERS_API_KEY_B=api_key_b,
        CUSTOMERS_SEED=json.dumps(seed(client, EventSender(base_url, api_key_a)) if seed else {}),
    )
    result = _run(
        [_tool("node"), "--test", f"--test-timeout={PER_TEST_TIMEOUT_MS}", "--test-reporter=spec", scenario.name],
        env=env,
        timeout_s=NODE_TIMEOUT_S,
    )
    if result.returncode != 0:
        pytest.fail(f"node --test {scenario.name} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    ran, passed = (re.search(rf"^ℹ {word} (\d+)$", result.stdout, re.M) for word in ("tests", "pass"))
    assert ran and passed and int(ran[1]) > 0 and passed[1] == ran[1], f"not every test ran and passed:\n{result.stdout}"
