#!/usr/bin/env python3
"""Hot wallet under the latency model: ledger entries on one wallet against raw
conditional UpdateItem on one item, both through tests/support/dynamo_proxy.py with its
latency model on (network time each way, transactions holding their items while in
flight, TransactionConflict as in DynamoDB). Serialized moto alone hides what contention
costs; this shows it. The model and the figures: docs/benchmarks.md.

    cargo build -p local-server -p customers-admin
    .venv/bin/python bench/hot_wallet.py [--processes 1,4] [--writers 16] [--duration 8]
        [--one-way-ms 3,6] [--txn-hold-ms 4,8] [--bin-dir target/debug] [--json FILE]

For each process count P: P local servers (separate processes, as separate Lambda
instances are, each with its own caches), one customer, one USD wallet funded with one
large credit; `--writers` threads spread round-robin over the servers post mostly small
debits (and some credits), each with a fresh idempotency key, for `--duration` seconds.
Right before each, a raw round: as many threads doing boto3 `UpdateItem SET balance =
balance + :a` with condition `balance >= :debit` on one item, through the same proxy.
Then an audit of the wallet. Prints a markdown table; writes everything as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import httpx
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from support.processes import ManagedProcess, run_tool  # noqa: E402

PYTHON = str(REPO / ".venv" / "bin" / "python")
TABLE = "hot-wallet-bench"
FUNDING = 1_000_000_000  # minor units: far more than the debits of any run can take
DEBIT_SHARE = 0.8
MAX_AMOUNT = 100
RAW_KEY = {"PK": {"S": "RAW#hot"}, "SK": {"S": "RAW"}}
LEDGER_FUNCTION = "create-ledger-entry"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """How many CPU cores each group of processes (and this one, the clients) kept busy
    from construction to `cores()`: on a small machine the stack itself can saturate it."""

    def __init__(self, groups: dict[str, list[ManagedProcess]]) -> None:
        self.groups = groups
        self.started = self._seconds()

    def _seconds(self) -> dict[str, float]:
        used = {name: sum(cpu_seconds(p.proc.pid) for p in group) for name, group in self.groups.items()}
        return {**used, "clients": time.process_time()}

    def cores(self, elapsed: float) -> dict[str, float]:
        now = self._seconds()
        return {name: (now[name] - self.started[name]) / elapsed for name in now}


@dataclass
class Op:
    signed_amount: int
    status: int | str  # HTTP status, or the exception's name when no answer came
    code: str | None
    seconds: float


@dataclass
class Round:
    ops: list[Op] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def acked(self) -> list[Op]:
        return [op for op in self.ops if op.status == 200]

    def summary(self) -> dict:
        latencies_ms = [op.seconds * 1000 for op in self.acked]
        return {
            "acked": len(self.acked),
            "per_second": len(self.acked) / self.elapsed,
            "p50_ms": percentile(latencies_ms, 0.50),
            "p99_ms": percentile(latencies_ms, 0.99),
            "mean_ms": statistics.fmean(latencies_ms) if latencies_ms else float("nan"),
            "outcomes": dict(Counter(str(op.code or op.status) for op in self.ops)),
        }


def run_writers(writers: int, seconds: float, make_writer) -> Round:
    """Runs `writers` threads, each calling its `make_writer(i)()` -> Op until time is up."""
    result = Round()
    lock = threading.Lock()
    calls = [make_writer(i) for i in range(writers)]
    start = threading.Barrier(writers + 1)

    def loop(call) -> None:
        mine = []
        start.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            mine.append(call())
        with lock:
            result.ops.extend(mine)

    threads = [threading.Thread(target=loop, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    start.wait()
    started = time.monotonic()
    for t in threads:
        t.join()
    result.elapsed = time.monotonic() - started
    return result


def draw_amount(rng: random.Random) -> int:
    """Signed: mostly small debits, some small credits."""
    amount = rng.randint(1, MAX_AMOUNT)
    return -amount if rng.random() < DEBIT_SHARE else amount


class Bench:
    def __init__(self, args: argparse.Namespace, workdir: Path) -> None:
        self.args = args
        self.workdir = workdir
        self.bin_dir = Path(args.bin_dir)
        self.env = dict(os.environ, AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="test",
                        AWS_SECRET_ACCESS_KEY="test", TABLE_NAME=TABLE, RUST_LOG="warn")
        self.processes: list[ManagedProcess] = []
        self.moto = self._start("moto", [PYTHON, str(REPO / "infra" / "moto_server.py"), "--port", "0",
                                         "--ready-file", str(workdir / "moto.port")])
        moto_url = f"http://127.0.0.1:{self._port(self.moto, workdir / 'moto.port')}"
        self.proxy = self._start("proxy", [PYTHON, str(REPO / "tests" / "support" / "dynamo_proxy.py"),
                                           "--upstream", moto_url, "--port", "0",
                                           "--ready-file", str(workdir / "proxy.port")])
        self.proxy_url = f"http://127.0.0.1:{self._port(self.proxy, workdir / 'proxy.port')}"
        self.control = httpx.Client(base_url=self.proxy_url, timeout=30)
        setup_env = dict(self.env, DYNAMODB_ENDPOINT=moto_url)
        run_tool([str(self.bin_dir / "customers-admin"), "create-table"], env=setup_env)
        self.api_key = run_tool([str(self.bin_dir / "customers-admin"), "create-api-key", "--business-name", "Hot wallet"],
                                env=setup_env).stdout.strip()

    def _start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> ManagedProcess:
        process = ManagedProcess(name, argv, env=env or self.env, log_dir=self.workdir)
        self.processes.append(process)
        return process

    @staticmethod
    def _port(process: ManagedProcess, path: Path) -> str:
        return process.wait_for(lambda: path.read_text().strip() if path.exists() and path.read_text().strip() else None,
                                timeout=60, what="port file")

    def stop(self) -> None:
        for p in reversed(self.processes):
            p.stop()

    def dynamodb(self):
        return boto3.client("dynamodb", endpoint_url=self.proxy_url, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test",
                            config=Config(retries={"mode": "standard"}))

    def latency_model(self, on: bool) -> None:
        if on:
            model = {"one_way_ms": self.args.one_way_ms, "txn_hold_ms": self.args.txn_hold_ms, "seed": self.args.seed}
            self.control.post("/__proxy__/model", json=model).raise_for_status()
        else:
            self.control.delete("/__proxy__/model").raise_for_status()

    def proxy_stats(self, reset: bool = False) -> dict:
        stats = self.control.get("/__proxy__/stats").json()
        if reset:
            self.control.post("/__proxy__/reset").raise_for_status()
        return stats

    # --- raw conditional UpdateItem -----------------------------------------------------

    def raw_round(self) -> dict:
        self.latency_model(on=True)
        self.dynamodb().put_item(TableName=TABLE, Item={**RAW_KEY, "balance": {"N": str(FUNDING)}})
        clients = [self.dynamodb() for _ in range(self.args.writers)]  # here: building boto3 clients is not thread-safe

        def make_writer(i: int):
            client, rng = clients[i], random.Random(f"raw-{self.args.seed}-{i}")

            def call() -> Op:
                amount = draw_amount(rng)
                started = time.monotonic()
                try:
                    client.update_item(
                        TableName=TABLE, Key=RAW_KEY, UpdateExpression="SET balance = balance + :a",
                        ConditionExpression="balance >= :debit",
                        ExpressionAttributeValues={":a": {"N": str(amount)}, ":debit": {"N": str(max(0, -amount))}})
                    status, code = 200, None
                except ClientError as e:
                    status, code = e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"]
                except BotoCoreError as e:
                    status, code = type(e).__name__, None
                return Op(amount, status, code, time.monotonic() - started)
            return call

        self.proxy_stats(reset=True)
        cpu = CpuMeter({"moto": [self.moto], "proxy": [self.proxy]})
        result = run_writers(self.args.writers, self.args.duration, make_writer)
        cpu_cores = cpu.cores(result.elapsed)
        stats = self.proxy_stats()
        balance = int(self.dynamodb().get_item(TableName=TABLE, Key=RAW_KEY, ConsistentRead=True)["Item"]["balance"]["N"])
        expected = FUNDING + sum(op.signed_amount for op in result.acked)
        return {**result.summary(), "requests": stats["requests"], "conflicts": stats["conflicts"],
                "cpu_cores_busy": cpu_cores,
                "audit": [] if balance == expected else [f"raw balance {balance} != {expected}"]}

    # --- ledger entries through P local servers -----------------------------------------

    def ledger_round(self, processes: int) -> dict:
        self.latency_model(on=True)
        servers = [self._start(f"server-p{processes}-{i}", [str(self.bin_dir / "local-server")], env=dict(
            # emits_metrics() keys on this variable: each server then prints one EMF line
            # per request on stdout, as a Lambda function does.
            self.env, PORT="0", DYNAMODB_ENDPOINT=self.proxy_url, AWS_LAMBDA_FUNCTION_NAME=f"hot-wallet-{i}",
            # One consumer of the table's stream, as AWS runs one per shard.
            STREAM_CONSUMERS="on" if i == 0 else "off"))
            for i in range(processes)]
        headers = {"authorization": f"Bearer {self.api_key}"}
        urls = [s.wait_for_stdout_line(r"^LISTENING (http://\S+)", timeout=60).group(1) for s in servers]
        clients = [httpx.Client(base_url=urls[i % processes], headers=headers, timeout=30) for i in range(self.args.writers)]
        try:
            customer = clients[0].post("/customers", json={"name": f"Hot {processes}",
                                                           "email": f"hot-{uuid.uuid4().hex[:8]}@example.com"})
            customer_id = customer.raise_for_status().json()["customer_id"]
            path = f"/customers/{customer_id}/wallets/ledger-entries"
            # The funding, then one credit through each server: warm API-key and wallet
            # caches, as in warm functions.
            setup = [FUNDING] + [1] * processes
            for client, amount in zip(clients[:1] + clients[:processes], setup):
                client.post(path, json={"amount": amount, "currency": "USD", "entry_type": "credit",
                                        "idempotency_key": uuid.uuid4().hex}).raise_for_status()

            def make_writer(i: int):
                client, rng = clients[i], random.Random(f"ledger-{self.args.seed}-{processes}-{i}")

                def call() -> Op:
                    amount = draw_amount(rng)
                    body = {"amount": abs(amount), "currency": "USD", "entry_type": "debit" if amount < 0 else "credit",
                            "idempotency_key": uuid.uuid4().hex}
                    started = time.monotonic()
                    try:
                        response = client.post(path, json=body)
                    except httpx.HTTPError as e:
                        return Op(amount, type(e).__name__, None, time.monotonic() - started)
                    return Op(amount, response.status_code, error_code(response), time.monotonic() - started)
                return call

            logs_from = [s.stdout_path.stat().st_size for s in servers]
            self.proxy_stats(reset=True)
            cpu = CpuMeter({"moto": [self.moto], "proxy": [self.proxy], "servers": servers})
            result = run_writers(self.args.writers, self.args.duration, make_writer)
            cpu_cores = cpu.cores(result.elapsed)
            stats = self.proxy_stats()
            counters = ledger_counters(servers, logs_from)
            self.latency_model(on=False)  # the audit's reads need no latency
            problems = audit(clients[0], customer_id, setup, result)
        finally:
            for client in clients:
                client.close()
            for s in servers:
                s.stop()
        acked = max(1, len(result.acked))
        transactions = stats["requests"].get("TransactWriteItems", 0)
        return {
            **result.summary(),
            "processes": processes,
            "wallet_busy": sum(1 for op in result.ops if op.code == "WALLET_BUSY"),
            "retries_per_entry": counters.get("LedgerRetries", 0) / acked,
            "retries_per_request": counters.get("LedgerRetries", 0) / max(1, len(result.ops)),
            "conflicts_per_entry": sum(stats["conflicts"].values()) / acked,
            # Every attempt commits, meets a transaction in flight, or finds the wallet
            # moved on since it was read (its condition fails in moto).
            "transaction_attempts": {"committed": len(result.acked), "conflict": stats["conflicts"]["transaction"],
                                     "stale": transactions - len(result.acked) - stats["conflicts"]["transaction"]},
            "requests_per_entry": {op: n / acked for op, n in sorted(stats["requests"].items())},
            "requests": stats["requests"],
            "conflicts": stats["conflicts"],
            "server_counters": counters,
            "cpu_cores_busy": cpu_cores,
            "audit": problems,
        }


def error_code(response: httpx.Response) -> str | None:
    if response.status_code == 200:
        return None
    try:
        return response.json().get("code")
    except ValueError:
        return None


def ledger_counters(servers: list[ManagedProcess], offsets: list[int]) -> dict[str, int]:
    """Sums the ledger's EMF counters the servers printed since `offsets`."""
    totals: Counter = Counter()
    for server, offset in zip(servers, offsets):
        with open(server.stdout_path, "rb") as f:
            f.seek(offset)
            for line in f:
                if not line.startswith(b"{"):
                    continue
                doc = json.loads(line)
                if doc.get("function") != LEDGER_FUNCTION:
                    continue
                for metric in doc["_aws"]["CloudWatchMetrics"][0]["Metrics"]:
                    if metric["Name"] not in ("Requests", "DurationMs"):
                        totals[metric["Name"]] += doc[metric["Name"]]
    return dict(totals)


def audit(http: httpx.Client, customer_id: str, setup_credits: list[int], result: Round) -> list[str]:
    """Balance = acknowledged credits − debits; the ledger holds exactly the acknowledged
    entries, chained (each before = the previous after); nothing negative."""
    problems = [f"{op.status} {op.code}" for op in result.ops if op.status not in (200, 409)]
    wallets = http.get(f"/customers/{customer_id}/wallets").raise_for_status().json()["items"]
    balance = next(w["balance"] for w in wallets if w["currency"] == "USD")
    acknowledged = setup_credits + [op.signed_amount for op in result.acked]
    if balance != sum(acknowledged):
        problems.append(f"balance {balance} != acknowledged sum {sum(acknowledged)}")
    entries, page = [], 0
    while True:
        for _ in range(30):
            response = http.get(f"/customers/{customer_id}/wallets/ledger-entries",
                                params={"currency": "USD", "page_size": 100, "page_number": page})
            # The ledger is recorded from the wallet's changes; under overload it can lag.
            if error_code(response) != "LEDGER_CATCHING_UP":
                break
            time.sleep(1)
        items = response.raise_for_status().json()["items"]
        if not items:
            break
        entries.extend(items)
        page += 1
    entries.reverse()
    previous_after = 0
    for e in entries:
        signed = e["amount"] if e["is_credit"] else -e["amount"]
        if e["before_balance"] != previous_after or e["after_balance"] != e["before_balance"] + signed:
            problems.append(f"entry {e['id']} breaks the chain")
        if e["after_balance"] < 0:
            problems.append(f"entry {e['id']} negative")
        previous_after = e["after_balance"]
    if previous_after != balance:
        problems.append(f"ledger ends at {previous_after}, balance is {balance}")
    in_ledger = Counter(e["amount"] if e["is_credit"] else -e["amount"] for e in entries)
    if in_ledger != Counter(acknowledged):
        problems.append(f"ledger holds {len(entries)} entries, {len(acknowledged)} acknowledged; amounts differ")
    return problems


def markdown(rounds: list[tuple[dict, dict]], args: argparse.Namespace, load_at_start: float) -> str:
    lines = [
        f"{args.writers} writers, {args.duration:g} s per round, one-way {args.one_way_ms[0]:g}–{args.one_way_ms[1]:g} ms, "
        f"transaction hold {args.txn_hold_ms[0]:g}–{args.txn_hold_ms[1]:g} ms; machine load average at start "
        f"{load_at_start:.1f} on {os.cpu_count()} cores",
        "",
        "| workload | writes/s | p50 ms | p99 ms | 409 WALLET_BUSY | ratio vs raw | retries/entry | conflicts/entry "
        "| DynamoDB requests/entry | audit |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for raw, ledger in rounds:
        lines.append(f"| raw conditional UpdateItem, one item | {raw['per_second']:.0f} | {raw['p50_ms']:.1f} | "
                     f"{raw['p99_ms']:.1f} | – | 1 | – | {sum(raw['conflicts'].values()) / max(1, raw['acked']):.2f} | UpdateItem 1 | "
                     f"{'clean' if not raw['audit'] else '; '.join(raw['audit'])} |")
        per_entry = ", ".join(f"{op} {n:.2f}" for op, n in ledger["requests_per_entry"].items())
        lines.append(f"| ledger entries, P={ledger['processes']} | {ledger['per_second']:.0f} | {ledger['p50_ms']:.1f} | "
                     f"{ledger['p99_ms']:.1f} | {ledger['wallet_busy']} | {ledger['per_second'] / raw['per_second']:.2f} | "
                     f"{ledger['retries_per_entry']:.2f} | {ledger['conflicts_per_entry']:.2f} | {per_entry} | "
                     f"{'clean' if not ledger['audit'] else '; '.join(ledger['audit'][:3])} |")
    lines.append("")
    for raw, ledger in rounds:
        for name, r in ((f"raw before P={ledger['processes']}", raw), (f"ledger P={ledger['processes']}", ledger)):
            cpu = ", ".join(f"{k} {v:.2f}" for k, v in r["cpu_cores_busy"].items())
            lines.append(f"- {name}: CPU cores busy: {cpu}; outcomes {r['outcomes']}")
        lines.append(f"  transactions: {ledger['transaction_attempts']}, "
                     f"retries per request {ledger['retries_per_request']:.2f}")
    return "\n".join(lines)


def bounds(text: str) -> list[float]:
    lo, hi = (float(x) for x in text.split(","))
    return [lo, hi]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", default="1,4", help="local-server counts, one round each (default 1,4)")
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per round")
    parser.add_argument("--one-way-ms", type=bounds, default=[3.0, 6.0], help="network time each way, uniform in LO,HI")
    parser.add_argument("--txn-hold-ms", type=bounds, default=[4.0, 8.0],
                        help="a transaction's items held before commit, uniform in LO,HI")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bin-dir", default=str(REPO / "target" / "debug"))
    parser.add_argument("--json", default=str(REPO / "target" / "bench" / "hot-wallet.json"))
    args = parser.parse_args()
    if max(int(p) for p in args.processes.split(",")) > args.writers:
        parser.error("every server needs a writer: --processes at most --writers")
    load_at_start = os.getloadavg()[0]  # other work on the machine skews every figure
    workdir = Path(tempfile.mkdtemp(prefix="hot-wallet-"))
    bench = Bench(args, workdir)
    rounds = []
    try:
        for processes in (int(p) for p in args.processes.split(",")):
            raw = bench.raw_round()
            rounds.append((raw, bench.ledger_round(processes)))
            print(f"P={processes} done", file=sys.stderr)
    finally:
        bench.stop()
    print(markdown(rounds, args, load_at_start))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"settings": vars(args), "load_at_start": load_at_start,
                                           "rounds": [{"raw": r, "ledger": led} for r, led in rounds]}, indent=2))
    print(f"\nJSON: {args.json}; process logs: {workdir}", file=sys.stderr)
    return 1 if any(r["audit"] or led["audit"] for r, led in rounds) else 0


if __name__ == "__main__":
    raise SystemExit(main())
