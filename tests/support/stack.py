"""The local stack the integration tests run: moto, the table, local-server, and the route
table the server prints."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

import boto3
import httpx
import pytest

from support.paths import LOCAL_SERVER, REPO, python
from support.processes import ManagedProcess

MOTO_SERVER = REPO / "infra" / "moto_server.py"
STARTUP_TIMEOUT_S = float(os.environ.get("TEST_STARTUP_TIMEOUT", "60"))
# What local-server prints once it listens (docs/contracts-for-tooling.md).
LISTENING_LINE = r"^LISTENING (http://127\.0\.0\.1:\d+)\s*$"


def start_moto(env: Mapping[str, str], log_dir: Path) -> tuple[ManagedProcess, str]:
    """moto's DynamoDB, one request at a time (infra/moto_server.py), on a free port.
    Returns the process and its endpoint URL."""
    ready = log_dir / "moto.port"
    moto = ManagedProcess(
        "moto",
        [python(), str(MOTO_SERVER), "--host", "127.0.0.1", "--port", "0",
         "--ready-file", str(ready), "--exit-with-parent"],
        env=env,
        log_dir=log_dir,
        stack_dump_signal=signal.SIGUSR1,  # infra/moto_server.py dumps its threads' stacks
    )

    def probe() -> str | None:
        try:
            text = ready.read_text().strip()
        except OSError:
            return None
        return text or None

    try:
        port = moto.wait_for(probe, timeout=STARTUP_TIMEOUT_S, what="ready file")
    except BaseException:
        moto.stop()
        raise
    return moto, f"http://127.0.0.1:{port}"


def start_local_server(name: str, env: Mapping[str, str], log_dir: Path) -> tuple[ManagedProcess, str]:
    """`local-server` on a free port with `env` (its table, endpoint, portal settings).
    Returns the process and its base URL; the caller stops the process."""
    server = ManagedProcess(name, [str(LOCAL_SERVER)], env=dict(env, PORT="0"), log_dir=log_dir)
    try:
        match = server.wait_for_stdout_line(LISTENING_LINE, timeout=STARTUP_TIMEOUT_S)
    except BaseException:
        server.stop()
        raise
    return server, match.group(1)


def dynamodb_table(endpoint: str, table_name: str) -> Any:
    """A boto3 Table on a local DynamoDB, for what the API cannot show."""
    return boto3.resource(
        "dynamodb", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
    ).Table(table_name)


def delete_table(endpoint: str, table_name: str) -> None:
    """Best effort: a table left behind in a developer's DynamoDB harms nothing."""
    try:
        dynamodb_table(endpoint, table_name).delete()
    except Exception as e:
        print(f"note: could not delete table {table_name}: {e}", file=sys.stderr)


def load_routes() -> list[dict[str, str]]:
    """The route table, as `local-server --print-routes` prints it."""
    if not LOCAL_SERVER.exists():
        pytest.fail(
            f"{LOCAL_SERVER} is missing: the route table comes from "
            "`local-server --print-routes`. Build it first: `cargo build -p local-server`."
        )
    proc = subprocess.run(
        [str(LOCAL_SERVER), "--print-routes"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, f"local-server --print-routes failed: {proc.stderr}"
    routes = json.loads(proc.stdout)
    assert isinstance(routes, list) and routes, "--print-routes printed no routes"
    for route in routes:
        assert set(route) >= {"function", "method", "path"}, route
    return routes


@contextmanager
def counted_local_server(stack: Any, name: str) -> Iterator[tuple[str, httpx.Client]]:
    """A local server of its own behind tests/support/dynamo_proxy.py (counting requests,
    injecting faults), trusting what it has read (keys, ingest endpoints) for 10 minutes
    as a warm function does, with no stream consumer of its own: its base URL and the
    proxy's control client."""
    ready = stack.artifacts / f"{name}-proxy.port"
    proxy = ManagedProcess(
        f"{name}-proxy",
        [python(), str(REPO / "tests" / "support" / "dynamo_proxy.py"), "--upstream", stack.dynamodb_endpoint,
         "--port", "0", "--ready-file", str(ready)],
        env=stack.env, log_dir=stack.artifacts,
    )
    try:
        port = proxy.wait_for(lambda: ready.read_text().strip() if ready.exists() else None,
                              timeout=30, what="proxy port")
        proxy_url = f"http://127.0.0.1:{port}"
        server, base_url = start_local_server(
            name,
            dict(stack.env, DYNAMODB_ENDPOINT=proxy_url, STREAM_CONSUMERS="off", API_KEY_CACHE_TTL_SECONDS="600"),
            stack.artifacts,
        )
        try:
            with httpx.Client(base_url=proxy_url, timeout=10) as control:
                yield base_url, control
        finally:
            server.stop()
    finally:
        proxy.stop()
