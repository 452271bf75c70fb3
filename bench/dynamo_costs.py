#!/usr/bin/env python3
"""DynamoDB cost of each API operation, search cost against business size, and ledger
throughput against raw conditional UpdateItem, all in one run on local moto.

Requests and items read are counted by tests/support/dynamo_proxy.py on the wire, not
guessed. Throughput compares ledger entries through the local server with raw
conditional UpdateItem calls on the same moto in the same run (both from Python clients,
so client overhead is alike). Prints markdown for docs/benchmarks.md.

    cargo build --release -p local-server -p customers-admin
    .venv/bin/python bench/dynamo_costs.py [--sizes 1000,20000] [--seconds 4] [--threads 8]

The service runs as a release build (BENCH_PROFILE=debug for target/debug): a debug
build of the AWS SDK spends milliseconds per request on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import dodopayments
import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from support.processes import ManagedProcess, run_tool  # noqa: E402

BIN = REPO / "target" / os.environ.get("BENCH_PROFILE", "release")
PYTHON = str(REPO / ".venv" / "bin" / "python")
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Ken", "Dennis", "Frances", "John",
         "Margaret", "Niklaus", "Radia", "Shafi", "Tim", "Vint", "Whitfield", "Yukihiro", "Guido", "Linus"]
LAST = ["Smith", "Johnson", "Garcia", "Kumar", "Nakamura", "Okafor", "Rossi", "Dubois", "Silva", "Novak",
        "Schmidt", "Kowalski", "Jensen", "Haddad", "Cohen", "Sato", "Moreau", "Ivanova", "Banerjee", "Lopez"]
RARE_NAME = "Zephyrine Quillfeather"
RARE_COUNT = 3
ROUNDS = 3


class Stack:
    def __init__(self, workdir: Path) -> None:
        self.env = dict(os.environ, AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                        TABLE_NAME="bench", RUST_LOG="warn")
        self.processes: list[ManagedProcess] = []
        moto = self._start("moto", [PYTHON, str(REPO / "infra" / "moto_server.py"), "--port", "0",
                                    "--ready-file", str(workdir / "moto.port")], workdir)
        self.moto_url = f"http://127.0.0.1:{self._read_port(moto, workdir / 'moto.port')}"
        proxy = self._start("proxy", [PYTHON, str(REPO / "tests" / "support" / "dynamo_proxy.py"), "--upstream",
                                      self.moto_url, "--port", "0", "--ready-file", str(workdir / "proxy.port")], workdir)
        self.proxy_url = f"http://127.0.0.1:{self._read_port(proxy, workdir / 'proxy.port')}"
        self.env["DYNAMODB_ENDPOINT"] = self.moto_url
        run_tool([str(BIN / "customers-admin"), "create-table"], env=self.env)
        self.key = run_tool([str(BIN / "customers-admin"), "create-api-key", "--business-name", "Bench"], env=self.env).stdout.strip()
        self.counted_url = self._server("server-counted", self.proxy_url, workdir)
        self.direct_url = self._server("server-direct", self.moto_url, workdir)
        self.proxy = httpx.Client(base_url=self.proxy_url)

    def _start(self, name: str, argv: list[str], workdir: Path) -> ManagedProcess:
        process = ManagedProcess(name, argv, env=self.env, log_dir=workdir)
        self.processes.append(process)
        return process

    @staticmethod
    def _read_port(process: ManagedProcess, path: Path) -> str:
        return process.wait_for(lambda: path.read_text().strip() if path.exists() and path.read_text().strip() else None,
                                timeout=60, what="port file")

    def _server(self, name: str, endpoint: str, workdir: Path) -> str:
        process = ManagedProcess(name, [str(BIN / "local-server")], env=dict(self.env, PORT="0", DYNAMODB_ENDPOINT=endpoint),
                                 log_dir=workdir)
        self.processes.append(process)
        return process.wait_for_stdout_line(r"^LISTENING (http://\S+)", timeout=60).group(1)

    def counted(self, action) -> tuple[object, dict]:
        self.proxy.post("/__proxy__/reset")
        result = action()
        return result, self.proxy.get("/__proxy__/stats").json()

    def stop(self) -> None:
        for p in reversed(self.processes):
            p.stop()


def client(url: str, key: str) -> dodopayments.DodoPayments:
    return dodopayments.DodoPayments(bearer_token=key, base_url=url, max_retries=5, timeout=60)


def operation_costs(stack: Stack) -> list[str]:
    api = client(stack.counted_url, stack.key)
    api.customers.list(page_size=1)  # warms the API key cache, as in a warm function
    rows = []

    def row(name: str, action, expectation: str):
        result, stats = stack.counted(action)
        ops = ", ".join(f"{op} {n}" for op, n in sorted(stats["requests"].items()))
        rows.append(f"| {name} | {stats['total_requests']} ({ops}) | {stats['items_read']} | {expectation} |")
        return result

    customer = row("create customer", lambda: api.customers.create(name="Cost Probe", email="cost@example.com"), "1 write request")
    cid = customer.customer_id
    row("get customer", lambda: api.customers.retrieve(cid), "1")
    row("update customer (name)", lambda: api.customers.update(cid, name="Cost Probe Renamed"), "read + 1 transaction")
    row("list customers page", lambda: api.customers.list(page_size=10), "1 Query")
    row("list by email", lambda: api.customers.list(email="cost@example.com"), "1 Query")
    row("search name", lambda: api.customers.list(name="probe ren"), "Query + BatchGet")
    row("list wallets", lambda: api.customers.wallets.list(cid), "1 Query")
    row("ledger entry, cold (first for this wallet in the process)",
        lambda: api.customers.wallets.ledger_entries.create(cid, amount=500, currency="USD", entry_type="credit", idempotency_key="c1"), "≤ 2")
    row("ledger entry, warm", lambda: api.customers.wallets.ledger_entries.create(cid, amount=100, currency="USD", entry_type="debit", idempotency_key="c2"), "≤ 2")
    row("ledger entry, idempotent replay", lambda: api.customers.wallets.ledger_entries.create(cid, amount=100, currency="USD", entry_type="debit", idempotency_key="c2"), "≤ 2, nothing written")
    row("list ledger entries", lambda: api.customers.wallets.ledger_entries.list(cid, currency="USD"), "GetItem + Query")
    return ["| operation | DynamoDB requests | items read | target |", "| --- | --- | --- | --- |", *rows]


def seed(stack: Stack, key: str, count: int) -> None:
    rng = random.Random(count)
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count - RARE_COUNT)] + [RARE_NAME] * RARE_COUNT
    rng.shuffle(names)
    local = threading.local()

    def create(i: int) -> None:
        if not hasattr(local, "api"):
            local.api = client(stack.direct_url, key)
        local.api.customers.create(name=names[i], email=f"c{i}-{uuid.uuid4().hex[:6]}@example.com")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(create, range(count)))


def search_costs(stack: Stack, sizes: list[int]) -> list[str]:
    rows = ["| customers in business | query | matches | returned (page 10) | DynamoDB requests | items read | a scan would read |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for size in sizes:
        key = run_tool([str(BIN / "customers-admin"), "create-api-key", "--business-name", f"Search {size}"], env=stack.env).stdout.strip()
        started = time.monotonic()
        seed(stack, key, size)
        print(f"seeded {size} customers in {time.monotonic() - started:.0f}s", file=sys.stderr)
        api = client(stack.counted_url, key)
        api.customers.list(page_size=1)
        for label, params in [("name=quillfeather (rare)", {"name": "quillfeather"}),
                              ("name=kowalski (1 in 20)", {"name": "kowalski"}),
                              ("name=ada kow (first+last)", {"name": "ada kow"}),
                              ("search=c7-… (email via one box)", None)]:
            if params is None:
                target = api.customers.list(page_size=1, page_number=7).items[0].email
                params = {"search": target}
                label = "search=<an email> (one box)"
            everything, _ = stack.counted(lambda: _all_matches(api, params))
            page, stats = stack.counted(lambda: api.customers.list(page_size=10, extra_query=params) if "search" in params
                                        else api.customers.list(page_size=10, **params))
            rows.append(f"| {size:,} | {label} | {len(everything)} | {len(page.items)} | {stats['total_requests']} | {stats['items_read']} | {size} |")
    return rows


def _all_matches(api: dodopayments.DodoPayments, params: dict) -> list:
    found, page = [], 0
    while True:
        kw = {"extra_query": params} if "search" in params else params
        items = api.customers.list(page_size=100, page_number=page, **kw).items
        if not items:
            return found
        found.extend(items)
        page += 1


def throughput(stack: Stack, seconds: float, threads: int) -> list[str]:
    api = client(stack.direct_url, stack.key)
    customers = [api.customers.create(name=f"Load {i}", email=f"load{i}@example.com").customer_id for i in range(threads)]
    dynamodb = boto3.client("dynamodb", endpoint_url=stack.moto_url, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test")
    for i in range(threads):
        dynamodb.put_item(TableName="bench", Item={"PK": {"S": f"RAW#{i}"}, "SK": {"S": "RAW"}, "balance": {"N": "0"}})

    def run(worker) -> float:
        stop = time.monotonic() + seconds
        counts = [0] * threads

        def loop(t: int) -> None:
            state = worker(t)
            while time.monotonic() < stop:
                state()
                counts[t] += 1

        pool = [threading.Thread(target=loop, args=(t,)) for t in range(threads)]
        started = time.monotonic()
        for th in pool:
            th.start()
        for th in pool:
            th.join()
        return sum(counts) / (time.monotonic() - started)

    def raw_update(hot: bool):
        def make(t: int):
            c = boto3.client("dynamodb", endpoint_url=stack.moto_url, region_name="us-east-1",
                             aws_access_key_id="test", aws_secret_access_key="test")
            key = {"PK": {"S": f"RAW#{0 if hot else t}"}, "SK": {"S": "RAW"}}
            return lambda: c.update_item(TableName="bench", Key=key, UpdateExpression="SET balance = balance + :a",
                                         ConditionExpression="attribute_exists(PK)", ExpressionAttributeValues={":a": {"N": "1"}})
        return make

    def ledger(hot: bool):
        # A plain HTTP client, like boto3 on the raw side: the official SDK's response
        # models cost the client milliseconds that are not the service's.
        def make(t: int):
            http = httpx.Client(base_url=stack.direct_url, headers={"authorization": f"Bearer {stack.key}"})
            path = f"/customers/{customers[0 if hot else t]}/wallets/ledger-entries"

            def entry() -> None:
                body = {"amount": 1, "currency": "USD", "entry_type": "credit", "idempotency_key": uuid.uuid4().hex}
                http.post(path, json=body).raise_for_status()
            return entry
        return make

    rows = ["| workload | raw conditional UpdateItem /s | ledger entries /s (HTTP, idempotency key) | ratio (median of rounds) |",
            "| --- | ---: | ---: | ---: |"]
    for label, hot in [("one hot wallet", True), (f"{threads} wallets", False)]:
        # Alternating short rounds, so load from anything else on the machine hits both alike.
        rounds = [(run(raw_update(hot)), run(ledger(hot))) for _ in range(ROUNDS)]
        ratios = sorted(ours / raw for raw, ours in rounds)
        raw = sorted(r for r, _ in rounds)[ROUNDS // 2]
        ours = sorted(o for _, o in rounds)[ROUNDS // 2]
        rows.append(f"| {label}, {threads} client threads | {raw:.0f} | {ours:.0f} | {ratios[ROUNDS // 2]:.2f} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    stack = Stack(workdir)
    try:
        print("## DynamoDB requests per operation (warm API-key cache)\n")
        print("\n".join(operation_costs(stack)))
        print("\n## Ledger throughput against raw conditional UpdateItem (same moto, same run)\n")
        print("\n".join(throughput(stack, args.seconds, args.threads)))
        if not args.skip_search:
            print("\n## Name search cost against business size\n")
            print("\n".join(search_costs(stack, [int(s) for s in args.sizes.split(",")])))
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
