"""Integration-test harness: a real stack on this machine, once per pytest session.

1. moto's DynamoDB, served one request at a time (infra/moto_server.py), on a free port,
   unless DYNAMODB_ENDPOINT is already set (then that endpoint is used).
2. A table unique to this run: `customers-admin create-table`.
3. Two businesses, each with an API key: `customers-admin create-api-key --business-name ...`.
4. `local-server` on a free port (PORT=0), found through its `LISTENING http://...` line.

The binaries are the debug builds in REPO/target/debug (built by `make` before pytest), or
those in $TEST_BIN_DIR. Process output goes to tests/artifacts/<run>/ (gitignored).
The pieces (paths, starting moto and the server, the table) are in support/paths.py and
support/stack.py.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import dodopayments
import pytest

from support.api import RawApi, sdk_client
from support import processes as _processes
from support.paths import ARTIFACTS, BIN_DIR, REPO  # noqa: F401 - REPO: `from conftest import` users
from support.processes import HarnessError, ManagedProcess, run_tool
from support.stack import delete_table, start_local_server, start_moto


@dataclass
class Stack:
    base_url: str
    env: dict[str, str]
    table_name: str
    dynamodb_endpoint: str
    artifacts: Path


def _binary(name: str) -> Path:
    path = BIN_DIR / name
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise HarnessError(
            f"{path} is missing. The integration tests run the debug binaries; build them first:\n"
            f"    cargo build -p local-server -p customers-admin\n"
            f"(or `make test`, which builds before running pytest; TEST_BIN_DIR overrides the directory)."
        )
    return path


# How long the test servers trust a looked-up API key (platform::config).
API_KEY_CACHE_TTL_S = 2


def _base_env() -> dict[str, str]:
    env = dict(os.environ)
    # Never let a developer's real AWS settings reach the local stack.
    for var in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"):
        env.pop(var, None)
    env.update(
        AWS_REGION="us-east-1",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_EC2_METADATA_DISABLED="true",
        # A short key cache, so the revocation test waits seconds, not the default 30 s.
        API_KEY_CACHE_TTL_SECONDS=str(API_KEY_CACHE_TTL_S),
        # Test receivers listen on loopback over plain http (webhooks::url_rules).
        WEBHOOKS_ALLOW_HTTP_LOOPBACK="true",
    )
    return env


_session_failed = False  # set by any failed test; artifacts are then kept


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    global _session_failed
    try:
        _binary("local-server")
        _binary("customers-admin")
    except HarnessError as e:
        pytest.exit(str(e), returncode=3)
    run_id = time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6]
    artifacts = ARTIFACTS / run_id
    artifacts.mkdir(parents=True, exist_ok=True)
    processes: list[ManagedProcess] = []
    env = _base_env()
    env["TABLE_NAME"] = f"customers-test-{run_id}"
    external_db = bool(os.environ.get("DYNAMODB_ENDPOINT"))
    try:
        if not external_db:
            moto, env["DYNAMODB_ENDPOINT"] = start_moto(env, artifacts)
            processes.append(moto)
        run_tool([str(BIN_DIR / "customers-admin"), "create-table"], env=env)

        server, base_url = start_local_server("local-server", env, artifacts)
        processes.append(server)
        yield Stack(
            base_url=base_url,
            env=env,
            table_name=env["TABLE_NAME"],
            dynamodb_endpoint=env["DYNAMODB_ENDPOINT"],
            artifacts=artifacts,
        )
    except HarnessError as e:
        _session_failed = True
        pytest.exit(
            f"integration-test harness could not start:\n{e}\n(logs: {artifacts})", returncode=3
        )
    finally:
        for p in reversed(processes):
            p.stop()
        if external_db and "DYNAMODB_ENDPOINT" in env:
            delete_table(env["DYNAMODB_ENDPOINT"], env["TABLE_NAME"])
        # Keep logs only when something may need reading.
        if os.environ.get("TEST_KEEP_ARTIFACTS") != "1" and not _session_failed:
            shutil.rmtree(artifacts, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    global _session_failed
    report = yield
    if report.failed:
        _session_failed = True
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for warning in _processes.warnings:
        terminalreporter.write_line(f"harness: {warning}", yellow=True)


# --- admin CLI ---------------------------------------------------------------------------

@dataclass
class MintedKey:
    key: str
    business_name: str
    admin_stderr: str  # key id and business id, as customers-admin prints them


@pytest.fixture(scope="session")
def admin(stack: Stack) -> Callable[..., str]:
    """Runs `customers-admin ARGS...` against the test table; returns its stdout."""

    def run(*args: str) -> str:
        try:
            return run_tool([str(BIN_DIR / "customers-admin"), *args], env=stack.env).stdout
        except HarnessError as e:
            pytest.fail(str(e), pytrace=False)

    return run


@pytest.fixture(scope="session")
def mint_api_key(stack: Stack) -> Callable[[str], MintedKey]:
    """Mints a key for a new business: `mint_api_key("Some Business").key`."""

    def mint(business_name: str) -> MintedKey:
        try:
            result = run_tool(
                [str(BIN_DIR / "customers-admin"), "create-api-key", "--business-name", business_name],
                env=stack.env,
            )
        except HarnessError as e:
            pytest.fail(str(e), pytrace=False)
        key = result.stdout.strip()
        assert key and len(key.split()) == 1, (
            f"create-api-key must print the key alone on stdout, printed {result.stdout!r}"
        )
        return MintedKey(key=key, business_name=business_name, admin_stderr=result.stderr)

    return mint


@pytest.fixture(scope="session")
def base_url(stack: Stack) -> str:
    return stack.base_url


@pytest.fixture(scope="session")
def api_key_a(mint_api_key: Callable[[str], MintedKey]) -> str:
    return mint_api_key("Business A").key


@pytest.fixture(scope="session")
def api_key_b(mint_api_key: Callable[[str], MintedKey]) -> str:
    return mint_api_key("Business B").key


# --- clients -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def make_client(base_url: str) -> Iterator[Callable[..., dodopayments.DodoPayments]]:
    """Builds an official-SDK client against the local server (support.api.sdk_client)."""
    made: list[dodopayments.DodoPayments] = []

    def make(api_key: str, **kw: object) -> dodopayments.DodoPayments:
        c = sdk_client(base_url, api_key, **kw)
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


@pytest.fixture(scope="session")
def client(make_client: Callable[..., dodopayments.DodoPayments], api_key_a: str) -> dodopayments.DodoPayments:
    return make_client(api_key_a)


@pytest.fixture(scope="session")
def client_b(make_client: Callable[..., dodopayments.DodoPayments], api_key_b: str) -> dodopayments.DodoPayments:
    return make_client(api_key_b)


@pytest.fixture(scope="session")
def raw(base_url: str, api_key_a: str) -> Iterator[RawApi]:
    """Raw HTTP (httpx) as business A; pass key=... for another key, key=None for none."""
    api = RawApi(base_url, api_key_a)
    yield api
    api.close()


@pytest.fixture(scope="session")
def raw_b(base_url: str, api_key_b: str) -> Iterator[RawApi]:
    api = RawApi(base_url, api_key_b)
    yield api
    api.close()


# --- the table, read directly (what the API cannot show: hashes, expiries) -----------------

@pytest.fixture(scope="module")
def table(stack: Stack) -> "PortalTable":
    from support.portal import PortalTable

    return PortalTable(stack.dynamodb_endpoint, stack.table_name)
