"""Concurrency and fault injection for wallets: nothing lost, nothing doubled, never negative.

The plain run goes straight to moto (serialized: each request atomic, as in DynamoDB). The
faulty run puts tests/support/dynamo_proxy.py between a second local server and moto, and
has it drop responses of committed transactions, answer TransactionConflict and throttling,
and add latency: what moto never does and DynamoDB does. The modelled run spreads the
clients over several local servers (as over Lambda instances) behind the proxy's latency
model, where concurrent transactions on one item really do conflict.
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from conftest import BIN_DIR, REPO
from support.api import unique_email
from support.bank import audit, run_bank
from support.processes import ManagedProcess

CURRENCIES = ["USD", "INR"]
PROXY = REPO / "tests" / "support" / "dynamo_proxy.py"
MODELLED_SERVERS = 3


def _customers(client, n: int) -> list[str]:
    return [client.customers.create(name=f"Bank {i}", email=unique_email()).customer_id for i in range(n)]


def _start_proxy(stack, name: str) -> tuple[ManagedProcess, str]:
    python = REPO / ".venv" / "bin" / "python"
    ready = stack.artifacts / f"{name}.port"
    proxy = ManagedProcess(name, [str(python if python.exists() else sys.executable), str(PROXY),
                           "--upstream", stack.dynamodb_endpoint, "--port", "0", "--ready-file", str(ready)],
                           env=stack.env, log_dir=stack.artifacts)
    try:
        port = proxy.wait_for(lambda: ready.read_text().strip() if ready.exists() else None, timeout=30, what="proxy port")
    except BaseException:
        proxy.stop()
        raise
    return proxy, f"http://127.0.0.1:{port}"


def _start_server(stack, name: str, dynamodb_endpoint: str) -> tuple[ManagedProcess, str]:
    server = ManagedProcess(name, [str(BIN_DIR / "local-server")],
                            # The stack's own server consumes the table's stream (one consumer,
                            # as AWS runs one per shard).
                            env=dict(stack.env, PORT="0", DYNAMODB_ENDPOINT=dynamodb_endpoint,
                                     STREAM_CONSUMERS="off"),
                            log_dir=stack.artifacts)
    try:
        return server, server.wait_for_stdout_line(r"^LISTENING (http://127\.0\.0\.1:\d+)\s*$", timeout=30).group(1)
    except BaseException:
        server.stop()
        raise


@pytest.fixture(scope="module")
def proxied(stack):
    """A fault-injecting proxy in front of moto, and a local server that talks through it."""
    proxy, proxy_url = _start_proxy(stack, "dynamo-proxy")
    processes = [proxy]
    try:
        server, base_url = _start_server(stack, "local-server-proxied", proxy_url)
        processes.append(server)
        yield base_url, httpx.Client(base_url=proxy_url, timeout=10)
    finally:
        for p in reversed(processes):
            p.stop()


@pytest.fixture(scope="module")
def modelled(stack):
    """A proxy with its latency model on, and MODELLED_SERVERS local servers behind it."""
    proxy, proxy_url = _start_proxy(stack, "dynamo-proxy-modelled")
    processes = [proxy]
    control = httpx.Client(base_url=proxy_url, timeout=10)
    try:
        control.post("/__proxy__/model", json={"seed": 5}).raise_for_status()
        urls = []
        for i in range(MODELLED_SERVERS):
            server, url = _start_server(stack, f"local-server-modelled-{i}", proxy_url)
            processes.append(server)
            urls.append(url)
        yield urls, control
    finally:
        control.close()
        for p in reversed(processes):
            p.stop()


def test_bank_concurrent_clients_lose_and_double_nothing(client, base_url, api_key_a):
    customers = _customers(client, 3)
    result = run_bank(base_url, api_key_a, customers, CURRENCIES, clients=16, operations_per_client=25, run_tag="plain")
    outcomes = result.by_outcome()
    print(f"bank: {len(result.operations)} operations in {result.seconds:.1f}s: {dict(outcomes)}")
    assert outcomes["acked"] > 100 and outcomes["refused"] > 0, outcomes
    assert audit(client, result, customers, CURRENCIES) == []


def test_bank_under_injected_faults_loses_and_doubles_nothing(client, proxied, api_key_a):
    base_url, proxy = proxied
    customers = _customers(client, 3)
    proxy.post("/__proxy__/faults", json={
        "drop_after_commit": 0.15, "transaction_conflict": 0.15, "throttle": 0.05, "latency_ms": [0, 15], "seed": 11,
    }).raise_for_status()
    try:
        result = run_bank(base_url, api_key_a, customers, CURRENCIES, clients=16, operations_per_client=15, run_tag="faulty")
    finally:
        proxy.post("/__proxy__/faults", json={}).raise_for_status()
    faults = proxy.get("/__proxy__/stats").json()["faults"]
    outcomes = result.by_outcome()
    print(f"bank with faults: {len(result.operations)} operations in {result.seconds:.1f}s: {dict(outcomes)}; injected {faults}")
    for kind in ("drop_after_commit", "transaction_conflict", "throttle"):
        assert faults.get(kind, 0) >= 5, f"too few {kind} faults to prove anything: {faults}"
    assert outcomes["acked"] > 50, outcomes
    assert audit(client, result, customers, CURRENCIES) == []


def test_bank_across_servers_under_latency_model_loses_and_doubles_nothing(client, modelled, api_key_a):
    """Several processes (as separate Lambda instances are) write the same wallets with
    their requests overlapping in flight, as on DynamoDB; entries are plain conditional
    updates, which DynamoDB (and the model) queues rather than refuses, and answers get
    lost after the write landed."""
    urls, proxy = modelled
    customers = _customers(client, 3)
    proxy.post("/__proxy__/faults", json={"drop_after_commit": 0.05, "seed": 13}).raise_for_status()
    try:
        result = run_bank(urls, api_key_a, customers, CURRENCIES, clients=16, operations_per_client=25, run_tag="modelled")
    finally:
        proxy.post("/__proxy__/faults", json={}).raise_for_status()
    stats = proxy.get("/__proxy__/stats").json()
    outcomes = result.by_outcome()
    print(f"bank over {len(urls)} servers, latency model: {len(result.operations)} operations in {result.seconds:.1f}s: "
          f"{dict(outcomes)}; conflicts {stats['conflicts']}, injected {stats['faults']}, requests {stats['requests']}")
    assert stats["model"] is not None, "the latency model is off"
    assert stats["faults"].get("drop_after_commit", 0) >= 3, f"too few dropped commits to prove anything: {stats}"
    assert outcomes["acked"] > 100, outcomes
    assert audit(client, result, customers, CURRENCIES) == []
