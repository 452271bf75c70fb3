"""What the service writes to its logs: one line per request carrying its request id,
and never a key, a token or a customer's personal data."""

from __future__ import annotations

import re
import time

from support.api import unique, unique_email


def test_logs_carry_request_ids_and_no_secrets_or_personal_data(stack, client, raw, api_key_a):
    email = unique_email(unique("logcheck"))
    name = f"Log Check {unique()}"
    customer = client.customers.create(name=name, email=email, phone_number="+15550109999")
    client.customers.update(customer.customer_id, name=f"{name} Renamed")
    client.customers.list(email=email)
    link = client.customers.customer_portal.create(customer.customer_id).link
    token = link.rsplit("/", 1)[-1]
    request_ids = [raw.get(f"/customers/{customer.customer_id}").headers["x-request-id"] for _ in range(3)]
    raw.get("/customers", key="sk_" + "0" * 64)  # an unknown key is refused, and not logged

    log_path = stack.artifacts / "local-server.stderr.log"
    deadline = time.monotonic() + 5
    while not all(rid in log_path.read_text() for rid in request_ids) and time.monotonic() < deadline:
        time.sleep(0.1)
    log = log_path.read_text()
    for rid in request_ids:
        assert rid in log, f"request id {rid} is not in the log"
    request_lines = [line for line in log.splitlines() if re.search(r"\brequest\b.*\bstatus=", line)]
    assert request_lines and all("request_id=" in line for line in request_lines)
    for secret in (api_key_a, "sk_" + "0" * 64, token, email, name, "+15550109999"):
        assert secret not in log, f"{secret!r} appears in the server log"
