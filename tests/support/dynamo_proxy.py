#!/usr/bin/env python3
"""A DynamoDB wire proxy that counts requests, injects the faults moto never shows, and
models DynamoDB's latency and item-level transaction conflicts.

moto never raises TransactionConflict or throttling and never loses a response; real
DynamoDB does all three. Put this between the service and moto to see what the service
does then, and to count the DynamoDB requests and items each API operation costs.

    python tests/support/dynamo_proxy.py --upstream http://127.0.0.1:PORT --port 0 --ready-file F

Control (JSON over HTTP, same port):
    GET    /__proxy__/stats   -> {"requests": {op: n}, "total_requests": n, "items_read": n,
                                  "faults": {kind: n}, "conflicts": {"transaction": n, "plain_write": n},
                                  "model": {...} or null}
    POST   /__proxy__/reset   -> zero the counters
    POST   /__proxy__/faults  -> set fault rates, e.g.
         {"drop_after_commit": 0.1, "transaction_conflict": 0.1, "throttle": 0.05,
          "latency_ms": [0, 20], "seed": 7}
    POST   /__proxy__/model   -> turn the latency model on; every field is optional:
         {"one_way_ms": [3, 6], "txn_hold_ms": [4, 8], "seed": 7}
    DELETE /__proxy__/model   -> turn it off

The latency model (docs/benchmarks.md, "The latency model"): each request sleeps a
one-way trip (uniform in `one_way_ms`) on its way to the modelled server and another on
its way back, outside any lock, so concurrent clients' requests overlap in flight while
moto still applies them one at a time. A TransactWriteItems holds every item it touches
from when it reaches the modelled server until moto has applied it, plus `txn_hold_ms`
(its prepare phase, before forwarding). Meanwhile, as in DynamoDB, another transaction
touching a held item is cancelled with `TransactionConflict`, and a PutItem, UpdateItem or
DeleteItem on it fails with TransactionConflictException. Plain writes do not hold
items: concurrent plain writes to one item queue (in moto) and all succeed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

CONTROL_PREFIX = "/__proxy__/"
# Writes whose answer can be lost after DynamoDB applied them.
WRITES = {"TransactWriteItems", "UpdateItem", "PutItem", "DeleteItem"}
ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#"
PLAIN_WRITES = ("PutItem", "UpdateItem", "DeleteItem")
TRANSACTION_ACTIONS = ("Put", "Update", "Delete", "ConditionCheck")
# The key schema of this project's table (and of the benchmarks' raw items): an item is
# identified by its table and these attributes, whether a request names it by Key or Item.
KEY_ATTRIBUTES = ("PK", "SK")
CONFLICT_MESSAGE = "Transaction is ongoing for the item"


def _item_id(table: str, attributes: dict) -> tuple[str, str]:
    return table, json.dumps({k: attributes.get(k) for k in KEY_ATTRIBUTES}, sort_keys=True)


def transaction_items(body: dict) -> list[tuple[str, str]]:
    """The item each action of a TransactWriteItems touches, in action order."""
    items = []
    for action in body.get("TransactItems", []):
        kind = next(k for k in TRANSACTION_ACTIONS if k in action)
        spec = action[kind]
        items.append(_item_id(spec["TableName"], spec.get("Key") or spec.get("Item") or {}))
    return items


def plain_write_item(body: dict) -> tuple[str, str]:
    return _item_id(body["TableName"], body.get("Key") or body.get("Item") or {})


class LatencyModel:
    """DynamoDB as a client sees it: network time each way, and transactions that hold
    their items while in flight server-side. Thread-safe; never sleeps under its lock."""

    DEFAULT_ONE_WAY_MS = (3.0, 6.0)  # 6-12 ms round trip, as from Lambda in the same region
    DEFAULT_TXN_HOLD_MS = (4.0, 8.0)  # prepare phase: every item is written twice (2 WCU each)

    def __init__(self, config: dict) -> None:
        self.one_way_ms = tuple(config.get("one_way_ms", self.DEFAULT_ONE_WAY_MS))
        self.txn_hold_ms = tuple(config.get("txn_hold_ms", self.DEFAULT_TXN_HOLD_MS))
        self.seed = config.get("seed")
        self.rng = random.Random(self.seed)
        self.lock = threading.Lock()
        self.held: set[tuple[str, str]] = set()

    def describe(self) -> dict:
        return {"one_way_ms": list(self.one_way_ms), "txn_hold_ms": list(self.txn_hold_ms), "seed": self.seed}

    def _draw_s(self, bounds: tuple[float, float]) -> float:
        with self.lock:
            return self.rng.uniform(*bounds) / 1000.0

    def travel(self) -> None:
        """One way between client and DynamoDB."""
        time.sleep(self._draw_s(self.one_way_ms))

    def plain_write_conflicts(self, item: tuple[str, str]) -> bool:
        with self.lock:
            return item in self.held

    def hold(self, items: list[tuple[str, str]]) -> list[bool] | None:
        """Takes `items` for a transaction (None), unless another transaction holds one of
        them: then nothing is taken, and the answer says, per action, if its item is held."""
        with self.lock:
            conflicts = [item in self.held for item in items]
            if any(conflicts):
                return conflicts
            self.held.update(items)
            return None

    def prepare(self) -> None:
        """The server-side part of a transaction before its commit, items held."""
        time.sleep(self._draw_s(self.txn_hold_ms))

    def release(self, items: list[tuple[str, str]]) -> None:
        with self.lock:
            self.held.difference_update(items)


class ProxyState:
    def __init__(self, upstream: str) -> None:
        url = urlparse(upstream)
        self.upstream_host = url.hostname or "127.0.0.1"
        self.upstream_port = url.port or 80
        self.lock = threading.Lock()
        self.local = threading.local()
        self.faults: dict = {}
        self.rng = random.Random()
        self.model: LatencyModel | None = None
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.requests: dict[str, int] = {}
            self.items_read = 0
            self.faults_injected: dict[str, int] = {}
            self.conflicts = {"transaction": 0, "plain_write": 0}

    def stats(self) -> dict:
        with self.lock:
            model = self.model
            return {
                "requests": dict(self.requests),
                "total_requests": sum(self.requests.values()),
                "items_read": self.items_read,
                "faults": dict(self.faults_injected),
                "conflicts": dict(self.conflicts),
                "model": model.describe() if model else None,
            }

    def decide(self, op: str) -> str | None:
        """Which fault (if any) this request gets."""
        with self.lock:
            roll = self.rng.random()
            f = self.faults
            if roll < f.get("throttle", 0.0):
                kind = "throttle"
            elif op in WRITES and roll < f.get("throttle", 0.0) + f.get("transaction_conflict", 0.0):
                kind = "transaction_conflict"
            elif op in WRITES and roll < (
                f.get("throttle", 0.0) + f.get("transaction_conflict", 0.0) + f.get("drop_after_commit", 0.0)
            ):
                kind = "drop_after_commit"
            else:
                kind = None
            if kind:
                self.faults_injected[kind] = self.faults_injected.get(kind, 0) + 1
            return kind

    def latency_s(self) -> float:
        lo, hi = self.faults.get("latency_ms", [0, 0])
        return self.rng.uniform(lo, hi) / 1000.0 if hi > 0 else 0.0

    def upstream(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=60)
            self.local.conn = conn
        return conn

    def count(self, op: str, response_body: bytes) -> None:
        items = 0
        try:
            doc = json.loads(response_body or b"{}")
            if "ScannedCount" in doc:
                items = int(doc["ScannedCount"])
            elif "Item" in doc:
                items = 1
            elif "Responses" in doc and isinstance(doc["Responses"], dict):
                items = sum(len(v) for v in doc["Responses"].values())
            elif "Responses" in doc and isinstance(doc["Responses"], list):
                items = sum(1 for r in doc["Responses"] if r.get("Item"))
        except (ValueError, TypeError):
            pass
        with self.lock:
            self.requests[op] = self.requests.get(op, 0) + 1
            self.items_read += items

    def count_conflict(self, kind: str) -> None:
        with self.lock:
            self.conflicts[kind] += 1


def _error(type_name: str, message: str) -> bytes:
    return json.dumps({"__type": ERROR_PREFIX + type_name, "message": message}).encode()


def _transaction_canceled(conflicts: list[bool]) -> bytes:
    """DynamoDB's answer to a transaction that met others: one reason per action."""
    codes = ["TransactionConflict" if c else "None" for c in conflicts]
    return json.dumps({
        "__type": ERROR_PREFIX + "TransactionCanceledException",
        "message": "Transaction cancelled, please refer cancellation reasons for specific reasons "
                   "[" + ", ".join(codes) + "]",
        "CancellationReasons": [{"Code": "TransactionConflict", "Message": CONFLICT_MESSAGE} if c else {"Code": "None"}
                                for c in conflicts],
    }).encode()


def _fault_body(kind: str, body: bytes) -> bytes:
    if kind == "throttle":
        return _error("ThrottlingException", "Rate of requests exceeds the allowed throughput.")
    request = json.loads(body)
    if "TransactItems" not in request:
        # A plain write meeting a transaction in flight on its item.
        return _error("TransactionConflictException", CONFLICT_MESSAGE)
    return _transaction_canceled([True] * len(request["TransactItems"]))


def make_handler(state: ProxyState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # A reply goes out as two writes (headers, then body) on a kept-alive connection:
        # with Nagle's algorithm the body would wait for the client's delayed ACK (~40 ms).
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:
            pass

        def _reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in (headers or {"content-type": "application/x-amz-json-1.0"}).items():
                self.send_header(k, v)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _control(self, body: bytes) -> None:
            if self.path == CONTROL_PREFIX + "stats":
                return self._reply(200, json.dumps(state.stats()).encode(), {"content-type": "application/json"})
            if self.path == CONTROL_PREFIX + "reset":
                state.reset()
            elif self.path == CONTROL_PREFIX + "faults":
                config = json.loads(body or b"{}")
                with state.lock:
                    state.faults = config
                    state.rng = random.Random(config.get("seed"))
            elif self.path == CONTROL_PREFIX + "model":
                model = LatencyModel(json.loads(body or b"{}")) if self.command == "POST" else None
                with state.lock:
                    state.model = model
            else:
                return self._reply(404, b"{}")
            self._reply(200, b"{}", {"content-type": "application/json"})

        def _forward(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length) if length else b""
            if self.path.startswith(CONTROL_PREFIX):
                return self._control(body)
            op = (self.headers.get("x-amz-target") or ".").split(".")[-1]
            model = state.model
            if model:
                model.travel()
            delay = state.latency_s()
            if delay:
                time.sleep(delay)
            fault = state.decide(op)
            if fault in ("throttle", "transaction_conflict"):
                state.count(op, b"")
                return self._answer(model, 400, _fault_body(fault, body))
            if model and op == "TransactWriteItems":
                items = transaction_items(json.loads(body))
                conflicts = model.hold(items)
                if conflicts:
                    state.count(op, b"")
                    state.count_conflict("transaction")
                    return self._answer(model, 400, _transaction_canceled(conflicts))
                try:
                    model.prepare()
                    upstream = self._upstream(op, body)
                finally:
                    model.release(items)
            elif model and op in PLAIN_WRITES and model.plain_write_conflicts(plain_write_item(json.loads(body))):
                state.count(op, b"")
                state.count_conflict("plain_write")
                return self._answer(model, 400, _error("TransactionConflictException", CONFLICT_MESSAGE))
            else:
                upstream = self._upstream(op, body)
            if upstream is None:
                return
            status, response_body, headers = upstream
            if fault == "drop_after_commit":
                # The write happened upstream; the caller never hears of it.
                self.close_connection = True
                return
            self._answer(model, status, response_body, headers)

        def _upstream(self, op: str, body: bytes) -> tuple[int, bytes, dict[str, str]] | None:
            """Forwards to moto; None (and the client's connection dropped) if that failed."""
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            try:
                conn = state.upstream()
                conn.request(self.command, self.path, body=body, headers=headers)
                upstream = conn.getresponse()
                response_body = upstream.read()
            except (OSError, http.client.HTTPException):
                state.local.conn = None
                self.close_connection = True
                return None
            state.count(op, response_body)
            return upstream.status, response_body, {
                k: v for k, v in upstream.getheaders() if k.lower() not in ("content-length", "connection", "transfer-encoding")
            }

        def _answer(self, model: LatencyModel | None, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            if model:
                model.travel()
            self._reply(status, body, headers)

        do_POST = _forward
        do_GET = _forward
        do_DELETE = _forward

    return Handler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file")
    args = parser.parse_args()
    state = ProxyState(args.upstream)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(state))
    server.daemon_threads = True
    port = server.server_address[1]
    if args.ready_file:
        tmp = f"{args.ready_file}.{os.getpid()}.tmp"
        with open(tmp, "w") as f:
            f.write(f"{port}\n")
        os.replace(tmp, args.ready_file)
    print(f"PROXY LISTENING http://127.0.0.1:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
