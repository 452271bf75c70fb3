#!/usr/bin/env python3
"""Cold-start benchmark: process spawn -> first response, for Lambda binaries run locally.

A minimal Lambda Runtime API emulator (http.server in a thread) hands each binary one
API Gateway HTTP API (payload 2.0) event; the time measured is from just before the
process is spawned to the moment its response body has been received by the emulator.
Every binary is started N times (round-robin across binaries, to spread machine noise),
and the table reports median and p90 in ms, and the ratio of each median to its
baseline's median measured in the same run.

Baselines: `bare-function` (bench/bare-function) run with `BARE_REQUESTS` set to the
DynamoDB requests to make. Every function is compared with one GetItem (the default),
the least a read can cost, and, where its own work is more than that, with a bare
function making the same requests as its own work (OWN_WORK below, from each handler and
the data the bench gives it): that ratio shows what the function adds (start-up,
authentication, its code). Targets: a read function's first response within 1.3x one
GetItem's, a write function's within 1.3x its own work's.

    .venv/bin/python bench/coldstart.py \\
        --routes-json routes.json --api-key "$KEY" --customer-id "$CUS" \\
        target/release/bare-function target/release/get-customer ...

    # or every route function found in a directory, plus the baseline:
    .venv/bin/python bench/coldstart.py --routes-json routes.json --all \\
        --bin-dir target/release --api-key "$KEY" --customer-id "$CUS"

`routes.json` is the output of `target/debug/local-server --print-routes`
(or pass `--local-server target/debug/local-server` to run it). A binary whose name is a
route's function gets that route's method and path ({customer_id} replaced by
--customer-id, or a dummy id: then the function still looks up the key and the customer
and answers 404; delete-customer gets a customer of its own for every run, with --setup).
Any other binary (the baseline, `bare-function`) gets `GET /bench`.

DynamoDB: --dynamodb-endpoint URL, or none: then moto is started here, serialized
(infra/moto_server.py). The table (--table) is created if it does not exist, with the
template's schema, and the baseline's item (PK=SK="bench") is written.
With --setup and a `customers-admin` binary, an API key is minted (it names its
business, so a cold function proves it within its own first request) and (when a
`create-customer` binary is available) customers are created through the emulator, so
that every function does its real work; otherwise pass --api-key/--customer-id.

Use native (x86_64) release builds (`cargo build --release`): arm64 Lambda zips cannot
run here; measure their sizes with bench/zip_sizes.sh. Output: a markdown table on stdout,
progress on stderr.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASELINE_NAME = "bare-function"
DUMMY_CUSTOMER_ID = "cus_coldstartdummy0000000000"

CREATE_NAME = "Cold Start"
# update-customer renames the bench customer to each of these in turn, so every run makes
# the same change (a new name of the same length; none of its suffixes shared).
UPDATE_NAMES = ("Cold Start Alpha", "Cold Start Bravo")
_renames = itertools.cycle(UPDATE_NAMES)
CURRENCIES = "USD:2,INR:2"

# Request bodies / query strings that make each route do its normal work.
REQUEST_SHAPES: dict[str, dict] = {
    "create-customer": {"body": lambda: {"name": CREATE_NAME, "email": f"cold+{uuid.uuid4().hex[:12]}@example.com"}},
    "update-customer": {"body": lambda: {"name": next(_renames)}},
    "create-ledger-entry": {
        "body": lambda: {"amount": 1, "currency": "USD", "entry_type": "credit", "reason": "cold start bench"}
    },
    "create-portal-session": {"query": {"send_email": "false"}},
    "list-customers": {"query": {"page_size": "10", "page_number": "0"}},
    "list-ledger-entries": {"query": {"page_size": "10", "page_number": "0"}},
}


def suffix_keys(name: str) -> set[str]:
    """customers::search::suffix_keys: the name-index items a name has."""
    lower = name.lower()
    return {lower[start:][:32] for start in range(len(lower))}


# A customer's creation: the customer, a wallet per currency, its name-index items.
CREATION_ACTIONS = 1 + len(CURRENCIES.split(",")) + len(suffix_keys(CREATE_NAME))
# A rename: the customer, the new name's index items, deletion of the old name's.
RENAME_ACTIONS = (1 + len(suffix_keys(UPDATE_NAMES[1]))
                  + len(suffix_keys(UPDATE_NAMES[0]) - suffix_keys(UPDATE_NAMES[1])))
# Each function's own DynamoDB requests (its handler's work, without authentication), as
# bare-function's BARE_REQUESTS (and the partition its Query reads, BARE_QUERY, filled in
# with the bench's business and customer), where that is more than one GetItem.
WALLETS_QUERY = "table B#{business}#C#{customer} WALLET#"
OWN_WORK: dict[str, tuple[str, str | None]] = {
    # one TransactWriteItems: customer + 2 wallets + 10 name-index items
    "create-customer": (f"transact:{CREATION_ACTIONS}", None),
    # read the customer, then one transaction: customer + 16 new index items + 16 deleted
    "update-customer": (f"get,transact:{RENAME_ACTIONS}", None),
    # read the customer and query its wallets at once, then one transaction deleting the
    # customer, its 2 wallets and its 10 index items (a fresh customer per run)
    "delete-customer": (f"get+query,transact:{CREATION_ACTIONS}", WALLETS_QUERY),
    # read the customer, then put the link
    "create-portal-session": ("get,put", None),
    # one conditional update of the wallet (no idempotency key)
    "create-ledger-entry": ("update", None),
    # Reads whose first request is a query: moto reads the whole table for every Query
    # (DynamoDB only the partition), so there a Query costs more than a GetItem.
    # The business's customers, newest first, a page of 10 (GSI1)
    "list-customers": ("query", "GSI1 B#{business}#CUSTOMERS"),
    "list-wallets": ("query", WALLETS_QUERY),
    # the customer's wallets and their ledger watermarks (2 currencies: 4 keys) while its
    # ledger is queried, newest first (GSI1)
    "list-ledger-entries": ("batch_get:4+query", "GSI1 B#{business}#C#{customer}#LEDGER"),
}
WRITES = {"create-customer", "update-customer", "delete-customer", "create-portal-session",
          "create-ledger-entry"}


# --- the Runtime API emulator --------------------------------------------------------------


@dataclass
class Invocation:
    request_id: str
    event: dict
    t_spawn: float = 0.0
    t_next: float | None = None  # first GET /next: init finished
    t_done: float | None = None  # response (or error) body received
    status: str = "pending"  # "response", "error", "init_error"
    body: bytes = b""
    max_rss_kb: int = 0  # peak resident memory of the function process
    done: threading.Event = field(default_factory=threading.Event)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a killed function resets its sockets
        pass


class Emulator:
    """The Runtime API for one process and one invocation. A fresh emulator (and port) per
    cold start, so that a late request from the previous, killed process (its second
    GET /next) can never be taken for the next process's first one."""

    def __init__(self, inv: Invocation | None = None) -> None:
        self.lock = threading.Lock()
        self.current: Invocation | None = inv
        self.stop = threading.Event()
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, fmt, *args):  # noqa: D102 - keep stderr quiet
                pass

            def _read_body(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _reply(self, code: int, body: bytes = b"", headers: dict | None = None) -> None:
                self.send_response(code)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                if self.path.rstrip("/") != "/2018-06-01/runtime/invocation/next":
                    self._reply(404, b'{"errorMessage":"unknown path"}')
                    return
                now = time.perf_counter()
                with emulator.lock:
                    inv = emulator.current
                    first = inv is not None and inv.t_next is None
                    if first:
                        inv.t_next = now
                if not first:
                    # A second /next after the measured invocation: park it until the
                    # process is killed (or the emulator stops).
                    emulator.stop.wait(60)
                    return
                body = json.dumps(inv.event).encode()
                self._reply(
                    200,
                    body,
                    {
                        "Lambda-Runtime-Aws-Request-Id": inv.request_id,
                        "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + 10_000),
                        "Lambda-Runtime-Invoked-Function-Arn": (
                            "arn:aws:lambda:us-east-1:123456789012:function:coldstart"
                        ),
                        "Lambda-Runtime-Trace-Id": (
                            f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]};Parent={uuid.uuid4().hex[:16]};Sampled=0"
                        ),
                    },
                )

            def do_POST(self):  # noqa: N802
                body = self._read_body()
                now = time.perf_counter()
                parts = self.path.strip("/").split("/")
                # 2018-06-01/runtime/invocation/{id}/response|error, 2018-06-01/runtime/init/error
                kind = None
                if len(parts) == 5 and parts[:3] == ["2018-06-01", "runtime", "invocation"]:
                    kind = {"response": "response", "error": "error"}.get(parts[4])
                elif parts == ["2018-06-01", "runtime", "init", "error"]:
                    kind = "init_error"
                if kind is None:
                    self._reply(404, b'{"errorMessage":"unknown path"}')
                    return
                self._reply(202, b'{"status":"OK"}')
                with emulator.lock:
                    inv = emulator.current
                    if inv is not None and inv.t_done is None and (kind == "init_error" or parts[3] == inv.request_id):
                        inv.t_done = now
                        inv.status = kind
                        inv.body = body
                        inv.done.set()

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


# --- events ---------------------------------------------------------------------------------


def http_api_event(method: str, route_path: str, path_params: dict, api_key: str | None,
                   body: dict | None = None, query: dict | None = None) -> dict:
    raw_path = route_path
    for name, value in path_params.items():
        raw_path = raw_path.replace("{" + name + "}", value)
    query = query or {}
    raw_query = "&".join(f"{k}={v}" for k, v in query.items())
    headers = {
        "accept": "application/json",
        "content-type": "application/json",
        "host": "coldstart.execute-api.us-east-1.amazonaws.com",
        "user-agent": "coldstart-bench",
        "x-forwarded-for": "127.0.0.1",
        "x-forwarded-proto": "https",
    }
    if api_key:
        headers["authorization"] = f"Bearer {api_key}"
    now = time.time()
    event = {
        "version": "2.0",
        "routeKey": f"{method} {route_path}",
        "rawPath": raw_path,
        "rawQueryString": raw_query,
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "coldstart",
            "domainName": headers["host"],
            "domainPrefix": "coldstart",
            "http": {
                "method": method,
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": "127.0.0.1",
                "userAgent": headers["user-agent"],
            },
            "requestId": uuid.uuid4().hex,
            "routeKey": f"{method} {route_path}",
            "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "timeEpoch": int(now * 1000),
        },
        "isBase64Encoded": False,
    }
    if query:
        event["queryStringParameters"] = dict(query)
    if path_params:
        event["pathParameters"] = dict(path_params)
    if body is not None:
        event["body"] = json.dumps(body)
    return event


@dataclass
class Target:
    name: str
    binary: Path
    method: str
    path: str
    env: dict[str, str] = field(default_factory=dict)
    baseline: str | None = None  # the bare function doing one GetItem
    own_work: str | None = None  # the bare function making the same requests as its own work

    def event(self, args) -> dict:
        shape = REQUEST_SHAPES.get(self.name, {})
        body = shape["body"]() if "body" in shape else None
        customer_id = args.customer_id or DUMMY_CUSTOMER_ID
        if self.name == "delete-customer" and args.erasable:
            customer_id = args.erasable.pop()
        if self.name == "create-ledger-entry" and args.credited:
            customer_id = args.credited
        params = {"customer_id": customer_id} if "{customer_id}" in self.path else {}
        return http_api_event(self.method, self.path, params, args.api_key, body, shape.get("query"))


# --- running one cold start ---------------------------------------------------------------


def function_env(args, name: str, port: int) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{port}",
        "AWS_LAMBDA_FUNCTION_NAME": name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(args.memory_size),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_LOG_STREAM_NAME": f"coldstart/[$LATEST]{uuid.uuid4().hex}",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{name}",
        "AWS_REGION": args.region,
        "AWS_DEFAULT_REGION": args.region,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "TABLE_NAME": args.table,
        "DYNAMODB_ENDPOINT": args.dynamodb_endpoint,
        "RUST_LOG": args.rust_log,
        "SUPPORTED_CURRENCIES": CURRENCIES,
        "USD_RATES": "INR:0.012",
        "PORTAL_BASE_URL": "",
        "EMAIL_SENDER": "",
    }
    for item in args.env:
        key, _, value = item.partition("=")
        env[key] = value
    return env


def peak_rss_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM; getrusage would count the
    forked Python parent's pages too)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cold_start(args, target: Target, log_dir: Path, run: int) -> Invocation:
    inv = Invocation(request_id=str(uuid.uuid4()), event=target.event(args))
    emulator = Emulator(inv)
    try:
        env = function_env(args, target.name, emulator.port)
        business = "bus_" + args.api_key.split("_")[1] if args.api_key and args.api_key.count("_") == 2 else ""
        env.update({k: v.format(business=business, customer=args.customer_id) for k, v in target.env.items()})
        with open(log_dir / f"{target.name}.{run}.log", "wb") as log_file:
            inv.t_spawn = time.perf_counter()
            proc = subprocess.Popen([str(target.binary)], env=env, stdin=subprocess.DEVNULL,
                                    stdout=log_file, stderr=log_file)
            try:
                if not inv.done.wait(args.timeout):
                    inv.status = "timeout" if proc.poll() is None else f"exited({proc.returncode})"
            finally:
                inv.max_rss_kb = peak_rss_kb(proc.pid)
                proc.kill()
                proc.wait()
    finally:
        emulator.close()
    return inv


def response_status(inv: Invocation) -> str:
    """'200', '404', ... for a response; the failure kind otherwise."""
    if inv.status != "response":
        return inv.status
    try:
        return str(json.loads(inv.body).get("statusCode", "?"))
    except (ValueError, AttributeError):
        return "?"


# --- DynamoDB setup -----------------------------------------------------------------------


def start_moto(log_dir: Path) -> tuple[subprocess.Popen, str]:
    ready = log_dir / "moto.port"
    script = REPO / "infra" / "moto_server.py"
    if script.exists():
        cmd = [sys.executable, str(script), "--port", "0", "--ready-file", str(ready), "--exit-with-parent"]
    else:  # the same thing inline: serialized werkzeug server over moto's app
        code = (
            "import sys, os\n"
            "from werkzeug.serving import make_server\n"
            "from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app\n"
            "s = make_server('127.0.0.1', 0, DomainDispatcherApplication(create_backend_app), threaded=False)\n"
            "open(sys.argv[1] + '.tmp', 'w').write(str(s.server_port)); os.replace(sys.argv[1] + '.tmp', sys.argv[1])\n"
            "s.serve_forever()\n"
        )
        cmd = [sys.executable, "-c", code, str(ready)]
    proc = subprocess.Popen(cmd, stdout=open(log_dir / "moto.log", "wb"), stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while not ready.exists():
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            sys.exit(f"moto did not start; see {log_dir / 'moto.log'}")
        time.sleep(0.05)
    port = int(ready.read_text().strip())
    return proc, f"http://127.0.0.1:{port}"


def ensure_table(args) -> None:
    import boto3  # from moto's dependencies / infra/requirements.txt

    ddb = boto3.client(
        "dynamodb",
        endpoint_url=args.dynamodb_endpoint,
        region_name=args.region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    existing = ddb.list_tables().get("TableNames", [])
    if args.table not in existing:
        attrs = ["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"]
        ddb.create_table(
            TableName=args.table,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"} for a in attrs],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": gsi,
                    "KeySchema": [
                        {"AttributeName": f"{gsi}PK", "KeyType": "HASH"},
                        {"AttributeName": f"{gsi}SK", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
                for gsi in ("GSI1", "GSI2")
            ],
        )
    ddb.put_item(TableName=args.table, Item={"PK": {"S": "bench"}, "SK": {"S": "bench"}, "note": {"S": "coldstart"}})


def tool(args, name: str) -> Path | None:
    """A tool binary from --bin-dir, else the debug build."""
    for candidate in (Path(args.bin_dir) / name, REPO / "target" / "debug" / name):
        if candidate.exists():
            return candidate
    return None


def tool_env(args) -> dict[str, str]:
    env = dict(os.environ)
    env.update({k: v for k, v in function_env(args, "tool", 0).items() if not k.startswith("AWS_LAMBDA")})
    return env


def admin_binary(args) -> Path:
    admin = Path(args.admin) if args.admin else tool(args, "customers-admin")
    if admin is None or not admin.exists():
        sys.exit("--setup needs customers-admin (pass --admin PATH)")
    return admin


def admin_create_table(args) -> None:
    """The table as the service defines it (`customers-admin create-table`)."""
    subprocess.run([str(admin_binary(args)), "create-table"], env=tool_env(args), check=True,
                   stdout=subprocess.DEVNULL)


def wait_for_ledger(args, targets: list[Target], log_dir: Path) -> None:
    """Until the bench customer's ledger lists its entry. Entries may reach the ledger
    through the table's stream, which a consumer projects (locally, the local server runs
    it): until then list-ledger-entries would wait for them. A local server runs here
    meanwhile, and only meanwhile (during the runs it would compete for moto)."""
    lister = next((t for t in targets if t.name == "list-ledger-entries"), None)
    if lister is None:
        return

    def listed() -> bool:
        inv = cold_start(args, lister, log_dir, -1)
        try:
            return bool(json.loads(json.loads(inv.body)["body"])["items"])
        except (ValueError, KeyError, TypeError):
            return False

    if listed():
        return
    server = tool(args, "local-server")
    if server is None:
        log("the bench customer's ledger is empty and no local-server can project it")
        return
    with open(log_dir / "local-server.log", "wb") as server_log:
        proc = subprocess.Popen([str(server)], env=dict(tool_env(args), PORT="0"), stdin=subprocess.DEVNULL,
                                stdout=server_log, stderr=server_log)
        try:
            deadline = time.time() + 60
            while not listed():
                if time.time() > deadline:
                    sys.exit(f"the bench customer's ledger stayed empty; see {log_dir / 'local-server.log'}")
                time.sleep(0.2)
        finally:
            proc.terminate()
            proc.wait()
    log("the bench customer's ledger lists its entry")


def admin_setup(args, targets: list[Target], log_dir: Path) -> None:
    """Mint an API key with customers-admin, and create customers via create-customer."""
    admin = admin_binary(args)
    env = tool_env(args)
    if not args.api_key:
        out = subprocess.run(
            [str(admin), "create-api-key", "--business-name", "coldstart bench"],
            env=env, check=True, capture_output=True, text=True,
        )
        args.api_key = out.stdout.strip()
        log(f"minted API key ({len(args.api_key)} chars)")
    creator = next((t for t in targets if t.name == "create-customer"), None)
    if creator is None:
        candidate = Path(args.bin_dir) / "create-customer"
        if candidate.exists():
            creator = Target("create-customer", candidate, "POST", "/customers")

    def create_customer() -> str:
        inv = cold_start(args, creator, log_dir, -1)
        try:
            return json.loads(json.loads(inv.body)["body"])["customer_id"]
        except (ValueError, KeyError, TypeError):
            sys.exit(f"create-customer did not create a customer: {inv.status} {inv.body[:300]!r}")

    if creator is not None and any(t.name == "delete-customer" for t in targets):
        # Every erasure gets a customer of its own, with empty wallets: a real erasure.
        args.erasable = [create_customer() for _ in range(args.runs)]
        log(f"created {len(args.erasable)} customers for delete-customer")
    crediter = next((t for t in targets if t.name == "create-ledger-entry"), None)
    if creator is not None and crediter is not None:
        # Its credits go to a customer of their own: the bench customer's ledger stays as
        # set up (list-ledger-entries never waits for an entry still being projected).
        args.credited = create_customer()
    if not args.customer_id:
        if creator is None:
            log("no create-customer binary: routes with {customer_id} use a dummy id (404 path)")
            return
        args.customer_id = create_customer()
        log(f"created customer {args.customer_id}")
        # The ledger routes then read a ledger that is not empty.
        if crediter is not None:
            credit = Target(crediter.name, crediter.binary, crediter.method, crediter.path)
            saved, args.credited = args.credited, None
            if response_status(cold_start(args, credit, log_dir, -1)) != "200":
                sys.exit("create-ledger-entry could not credit the bench customer")
            args.credited = saved
            wait_for_ledger(args, targets, log_dir)


# --- main -----------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def load_routes(args) -> list[dict]:
    if args.routes_json:
        return json.loads(Path(args.routes_json).read_text())
    if args.local_server:
        out = subprocess.run([args.local_server, "--print-routes"], check=True, capture_output=True, text=True)
        return json.loads(out.stdout)
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("binaries", nargs="*", help="binaries to measure (native release builds)")
    parser.add_argument("--all", action="store_true", help="measure every route function found in --bin-dir, and the baseline")
    parser.add_argument("--bin-dir", default=str(REPO / "target" / "release"))
    parser.add_argument("--baseline", help=f"baseline binary (default: the one named {BASELINE_NAME})")
    parser.add_argument("--routes-json", help="output of `local-server --print-routes`")
    parser.add_argument("--local-server", help="run this local-server --print-routes instead of --routes-json")
    parser.add_argument("--runs", type=int, default=15, help="cold starts per binary (default 15)")
    parser.add_argument("--api-key", help="Authorization: Bearer key sent with every event")
    parser.add_argument("--customer-id", help="substituted for {customer_id} (default: a dummy id)")
    parser.add_argument("--setup", action="store_true", help="mint a key (customers-admin) and create a customer")
    parser.add_argument("--admin", help="customers-admin binary for --setup")
    parser.add_argument("--dynamodb-endpoint", default=os.environ.get("DYNAMODB_ENDPOINT"),
                        help="default $DYNAMODB_ENDPOINT; when unset, moto is started here")
    parser.add_argument("--table", default=f"coldstart-{uuid.uuid4().hex[:8]}", help="table name (default: a fresh one)")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--memory-size", type=int, default=256)
    parser.add_argument("--rust-log", default="info")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE", help="extra environment for the functions")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for one response")
    parser.add_argument("--log-dir", help="keep the functions' output here (default: a temporary directory)")
    args = parser.parse_args(argv)
    args.erasable = []  # customers for delete-customer, one per run
    args.credited = None  # the customer create-ledger-entry credits

    routes = {r["function"]: r for r in load_routes(args)}
    binaries = [Path(b) for b in args.binaries]
    if args.all:
        bin_dir = Path(args.bin_dir)
        binaries += [bin_dir / name for name in routes if (bin_dir / name).exists()]
        missing = [name for name in routes if not (bin_dir / name).exists()]
        if missing:
            log(f"not built in {bin_dir}: {', '.join(missing)}")
        if (bin_dir / BASELINE_NAME).exists():
            binaries.append(bin_dir / BASELINE_NAME)
    if not binaries:
        parser.error("no binaries given (pass paths, or --all with --routes-json/--local-server)")
    baseline = Path(args.baseline) if args.baseline else next((b for b in binaries if b.name == BASELINE_NAME), None)
    if baseline is not None and baseline not in binaries:
        binaries.append(baseline)

    targets: list[Target] = []
    seen = set()
    for binary in binaries:
        binary = binary.resolve()
        if binary in seen:
            continue
        seen.add(binary)
        if not (binary.is_file() and os.access(binary, os.X_OK)):
            sys.exit(f"{binary}: not an executable file")
        route = routes.get(binary.name)
        if route is None and binary.name != BASELINE_NAME and routes:
            log(f"{binary.name}: not in the route table; sending GET /bench")
        method, path = (route["method"], route["path"]) if route else ("GET", "/bench")
        targets.append(Target(binary.name, binary, method, path))
    if baseline is not None:
        # One bare-function target per kind of work the functions are compared with.
        base = next(t for t in targets if t.binary == baseline.resolve())
        base.name = BASELINE_NAME
        for target in targets:
            if target is not base:
                target.baseline = BASELINE_NAME
                if target.name in OWN_WORK:
                    target.own_work = f"{BASELINE_NAME}[{target.name}]"
        for target in list(targets):
            if target.own_work:
                spec, query = OWN_WORK[target.name]
                env = {"BARE_REQUESTS": spec, **({"BARE_QUERY": query} if query else {})}
                targets.append(Target(target.own_work, base.binary, "GET", "/bench", env))

    log_dir = Path(args.log_dir) if args.log_dir else Path(tempfile.mkdtemp(prefix="coldstart-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    moto = None
    try:
        if not args.dynamodb_endpoint:
            moto, args.dynamodb_endpoint = start_moto(log_dir)
            log(f"moto (serialized) at {args.dynamodb_endpoint}")
        if args.setup:
            admin_create_table(args)
        ensure_table(args)
        if args.setup:
            admin_setup(args, targets, log_dir)
        if any("{customer_id}" in t.path for t in targets) and not args.customer_id:
            log(f"no --customer-id: using {DUMMY_CUSTOMER_ID} (the functions answer 404 after the key and customer lookups)")

        results: dict[str, list[tuple[float, float | None, str]]] = {t.name: [] for t in targets}
        peak_rss_kb: dict[str, int] = {t.name: 0 for t in targets}
        for run in range(args.runs):
            for target in targets:
                inv = cold_start(args, target, log_dir, run)
                status = response_status(inv)
                total = (inv.t_done - inv.t_spawn) * 1000 if inv.t_done else float("nan")
                init = (inv.t_next - inv.t_spawn) * 1000 if inv.t_next else None
                results[target.name].append((total, init, status))
                peak_rss_kb[target.name] = max(peak_rss_kb[target.name], inv.max_rss_kb)
                if not status.isdigit() or int(status) >= 500:
                    log(f"  {target.name} run {run}: {status} {inv.body[:300]!r} (log: {log_dir}/{target.name}.{run}.log)")
            log(f"run {run + 1}/{args.runs} done")
    finally:
        if moto is not None:
            moto.send_signal(signal.SIGTERM)
            try:
                moto.wait(5)
            except subprocess.TimeoutExpired:
                moto.kill()
        if not args.log_dir:
            shutil.rmtree(log_dir, ignore_errors=True)

    def ok_times(name: str) -> list[float]:
        return [t for t, _, s in results[name] if s.isdigit()]

    medians = {t.name: statistics.median(ok_times(t.name)) for t in targets if ok_times(t.name)}

    print(f"Cold start: process spawn -> first response received; {args.runs} runs each; "
          f"native build, DynamoDB at {'moto (local)' if moto or '127.0.0.1' in args.dynamodb_endpoint else args.dynamodb_endpoint}.")
    print()
    print("| binary | route | median ms | p90 ms | init median ms | x one GetItem | own work (BARE_REQUESTS) "
          "| own work median ms | x own work | target | peak RSS MiB | statuses |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | --- |")
    for target in targets:
        times = ok_times(target.name)
        inits = [i for _, i, _ in results[target.name] if i is not None]
        statuses: dict[str, int] = {}
        for _, _, s in results[target.name]:
            statuses[s] = statuses.get(s, 0) + 1
        status_text = ", ".join(f"{s}x{n}" for s, n in sorted(statuses.items()))
        get_median = medians.get(target.baseline) if target.baseline else None
        own_median = medians.get(target.own_work) if target.own_work else None
        own_spec = OWN_WORK[target.name][0] if target.own_work else ""
        if times:
            median = statistics.median(times)
            p90 = percentile(times, 0.9)
            x_get = median / get_median if get_median else None
            x_own = median / own_median if own_median else None
            # The target: reads against one GetItem, writes against their own work.
            x_target = x_own if target.name in WRITES else x_get
            verdict = "-" if x_target is None else ("met" if x_target <= 1.3 else "missed")
            cells = (f"{median:.1f} | {p90:.1f} | {statistics.median(inits):.1f} | "
                     f"{f'{x_get:.2f}' if x_get else '-'} | {f'`{own_spec}`' if own_spec else '-'} | "
                     f"{f'{own_median:.1f}' if own_median else '-'} | {f'{x_own:.2f}' if x_own else '-'} | {verdict}")
        else:
            cells = "- | - | - | - | - | - | - | -"
        rss = f"{peak_rss_kb[target.name] / 1024:.1f}"
        print(f"| {target.name} | {target.method} {target.path} | {cells} | {rss} | {status_text} |")
    print()
    print("init = spawn -> first GET /next (the function's init). statuses = HTTP status in the "
          "function's response (or the failure), times counted.")
    failed = any(not s.isdigit() or int(s) >= 500 for rs in results.values() for _, _, s in rs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
