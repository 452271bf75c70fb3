"""The bank test: many concurrent clients moving money, then an audit of the ledger.

Each operation is a credit or debit with its own idempotency key, also written as the
entry's `reason` so the audit can find it. A client retries an operation (same key) until
it gets a definitive answer: acknowledged (200) or refused (INSUFFICIENT_WALLET_FUNDS).
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import dodopayments

MAX_ATTEMPTS_PER_OPERATION = 40


@dataclass
class Operation:
    key: str
    customer_id: str
    currency: str
    entry_type: str
    amount: int
    outcome: str = "unknown"  # "acked", "refused" or "unknown"
    acked_balance: int | None = None
    attempts: int = 0


@dataclass
class BankResult:
    operations: list[Operation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def by_outcome(self) -> Counter:
        return Counter(op.outcome for op in self.operations)


def _perform(client: dodopayments.DodoPayments, op: Operation, errors: list[str]) -> None:
    for attempt in range(MAX_ATTEMPTS_PER_OPERATION):
        op.attempts = attempt + 1
        try:
            wallet = client.customers.wallets.ledger_entries.create(
                op.customer_id, amount=op.amount, currency=op.currency, entry_type=op.entry_type,
                idempotency_key=op.key, reason=op.key,
            )
            op.outcome, op.acked_balance = "acked", wallet.balance
            return
        except dodopayments.BadRequestError as e:
            body = e.body if isinstance(e.body, dict) else {}
            if body.get("code") == "INSUFFICIENT_WALLET_FUNDS":
                op.outcome = "refused"
                return
            errors.append(f"{op.key}: unexpected 400 {e.body}")
            return
        except dodopayments.ConflictError as e:
            if e.response.headers.get("x-should-retry") == "false":
                errors.append(f"{op.key}: non-retryable 409 {e.body}")
                return
        except (dodopayments.RateLimitError, dodopayments.InternalServerError, dodopayments.APIConnectionError):
            pass
        time.sleep(min(0.2, 0.005 * 2 ** min(attempt, 6)) * random.random())
    errors.append(f"{op.key}: no definitive answer after {MAX_ATTEMPTS_PER_OPERATION} attempts")


def run_bank(
    base_url: str | list[str], api_key: str, customer_ids: list[str], currencies: list[str], *,
    clients: int = 16, operations_per_client: int = 30, seed: int = 1, run_tag: str = "bank",
) -> BankResult:
    """Runs the clients' plans concurrently. Given several base URLs (local servers, as
    separate Lambda instances would be), client i talks to base_url[i % len(base_url)]."""
    urls = [base_url] if isinstance(base_url, str) else base_url
    result = BankResult()
    lock = threading.Lock()
    rng = random.Random(seed)
    plans: list[list[Operation]] = []
    for c in range(clients):
        plan = []
        for i in range(operations_per_client):
            plan.append(Operation(
                key=f"{run_tag}-{c}-{i}",
                customer_id=rng.choice(customer_ids),
                currency=rng.choice(currencies),
                entry_type="credit" if rng.random() < 0.55 else "debit",
                amount=rng.randint(1, 1000),
            ))
        plans.append(plan)

    def worker(plan: list[Operation], url: str) -> None:
        errors: list[str] = []
        # The SDK's own retries stay on (as a real client would run it); the loop above
        # adds the patience a payments client has for a busy wallet.
        with dodopayments.DodoPayments(bearer_token=api_key, base_url=url, max_retries=2, timeout=30) as client:
            for op in plan:
                _perform(client, op, errors)
        with lock:
            result.operations.extend(plan)
            result.errors.extend(errors)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(plan, urls[i % len(urls)])) for i, plan in enumerate(plans)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - started
    return result


def ledger_oldest_first(client: dodopayments.DodoPayments, customer_id: str, currency: str) -> list:
    entries, page = [], 0
    while True:
        items = client.customers.wallets.ledger_entries.list(
            customer_id, currency=currency, page_number=page, page_size=100
        ).items
        if not items:
            return list(reversed(entries))
        entries.extend(items)
        page += 1


def audit(client: dodopayments.DodoPayments, result: BankResult, customer_ids: list[str], currencies: list[str]) -> list[str]:
    """Every invariant of the ledger, checked against what the clients were told.
    Returns the violations (empty when all hold)."""
    problems = list(result.errors)
    ops_by_key = {op.key: op for op in result.operations}
    problems += [f"{op.key}: outcome unknown" for op in result.operations if op.outcome == "unknown"]
    balances = {(w.customer_id, w.currency): w.balance
                for cid in customer_ids for w in client.customers.wallets.list(cid).items}
    seen: Counter = Counter()
    for cid in customer_ids:
        for currency in currencies:
            entries = ledger_oldest_first(client, cid, currency)
            expected_before = 0
            for e in entries:
                seen[e.reason] += 1
                signed = e.amount if e.is_credit else -e.amount
                if e.before_balance != expected_before:
                    problems.append(f"{cid}/{currency}: entry {e.id} before {e.before_balance} != previous after {expected_before}")
                if e.after_balance != e.before_balance + signed:
                    problems.append(f"{cid}/{currency}: entry {e.id} does not add up")
                if e.after_balance < 0:
                    problems.append(f"{cid}/{currency}: entry {e.id} negative balance")
                op = ops_by_key.get(e.reason)
                if op is None or (op.customer_id, op.currency) != (cid, currency):
                    problems.append(f"{cid}/{currency}: entry {e.id} matches no operation for this wallet")
                expected_before = e.after_balance
            acked = [op for op in result.operations
                     if op.outcome == "acked" and (op.customer_id, op.currency) == (cid, currency)]
            expected_balance = sum(op.amount if op.entry_type == "credit" else -op.amount for op in acked)
            if balances[(cid, currency)] != expected_balance:
                problems.append(f"{cid}/{currency}: balance {balances[(cid, currency)]} != acknowledged sum {expected_balance}")
            if expected_before != balances[(cid, currency)]:
                problems.append(f"{cid}/{currency}: ledger ends at {expected_before}, balance is {balances[(cid, currency)]}")
    for op in result.operations:
        if op.outcome == "acked" and seen[op.key] != 1:
            problems.append(f"{op.key}: acknowledged but in the ledger {seen[op.key]} times")
        if op.outcome == "refused" and seen[op.key] != 0:
            problems.append(f"{op.key}: refused but in the ledger {seen[op.key]} times")
    return problems
