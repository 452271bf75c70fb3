#!/usr/bin/env python3
"""A DynamoDB wire proxy that counts requests and injects the faults moto never shows.

moto never raises TransactionConflict or throttling and never loses a response; real
DynamoDB does all three. Put this between the service and moto to see what the service
does then, and to count the DynamoDB requests and items each API operation costs.

    python tests/support/dynamo_proxy.py --upstream http://127.0.0.1:PORT --port 0 --ready-file F

Control (JSON over HTTP, same port):
    GET  /__proxy__/stats   -> {"requests": {op: n}, "items_read": n, "faults": {kind: n}}
    POST /__proxy__/reset   -> zero the counters
    POST /__proxy__/faults  -> set fault rates, e.g.
         {"drop_after_commit": 0.1, "transaction_conflict": 0.1, "throttle": 0.05,
          "latency_ms": [0, 20], "seed": 7}
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


class ProxyState:
    def __init__(self, upstream: str) -> None:
        url = urlparse(upstream)
        self.upstream_host = url.hostname or "127.0.0.1"
        self.upstream_port = url.port or 80
        self.lock = threading.Lock()
        self.local = threading.local()
        self.faults: dict = {}
        self.rng = random.Random()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.requests: dict[str, int] = {}
            self.items_read = 0
            self.faults_injected: dict[str, int] = {}

    def stats(self) -> dict:
        with self.lock:
            return {
                "requests": dict(self.requests),
                "total_requests": sum(self.requests.values()),
                "items_read": self.items_read,
                "faults": dict(self.faults_injected),
            }

    def decide(self, op: str) -> str | None:
        """Which fault (if any) this request gets."""
        with self.lock:
            roll = self.rng.random()
            f = self.faults
            if roll < f.get("throttle", 0.0):
                kind = "throttle"
            elif op == "TransactWriteItems" and roll < f.get("throttle", 0.0) + f.get("transaction_conflict", 0.0):
                kind = "transaction_conflict"
            elif op == "TransactWriteItems" and roll < (
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


def _error_body(kind: str, body: bytes) -> bytes:
    if kind == "throttle":
        return json.dumps({
            "__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException",
            "message": "Rate of requests exceeds the allowed throughput.",
        }).encode()
    actions = len(json.loads(body).get("TransactItems", [])) or 1
    return json.dumps({
        "__type": "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
        "message": "Transaction cancelled, please refer cancellation reasons for specific reasons "
                   "[" + ", ".join(["TransactionConflict"] * actions) + "]",
        "CancellationReasons": [{"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}] * actions,
    }).encode()


def make_handler(state: ProxyState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

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
            else:
                return self._reply(404, b"{}")
            self._reply(200, b"{}", {"content-type": "application/json"})

        def _forward(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length) if length else b""
            if self.path.startswith(CONTROL_PREFIX):
                return self._control(body)
            op = (self.headers.get("x-amz-target") or ".").split(".")[-1]
            delay = state.latency_s()
            if delay:
                time.sleep(delay)
            fault = state.decide(op)
            if fault in ("throttle", "transaction_conflict"):
                state.count(op, b"")
                return self._reply(400, _error_body(fault, body))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            try:
                conn = state.upstream()
                conn.request(self.command, self.path, body=body, headers=headers)
                upstream = conn.getresponse()
                response_body = upstream.read()
            except (OSError, http.client.HTTPException):
                state.local.conn = None
                self.close_connection = True
                return
            state.count(op, response_body)
            if fault == "drop_after_commit":
                # The write happened upstream; the caller never hears of it.
                self.close_connection = True
                return
            self._reply(upstream.status, response_body, {
                k: v for k, v in upstream.getheaders() if k.lower() not in ("content-length", "connection", "transfer-encoding")
            })

        do_POST = _forward
        do_GET = _forward

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
