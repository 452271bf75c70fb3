"""Checks on the SAM template (template.yaml) against the route table.

- cfn-lint reports nothing on the template;
- every route printed by `target/debug/local-server --print-routes` is served by
  exactly one function (its HttpApi event has that method and path) whose
  `Metadata.BuildProperties.Binary` is the route's function name, and no function
  serves a route that is not in the table;
- every binary under functions/ is a route's function, and every route's function
  has a binary there.

Build the route source first: `cargo build -p local-server` (debug).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from support.paths import REPO, TEMPLATE, venv_tool
from support.stack import load_routes


# --- loading ---------------------------------------------------------------------------


class _CfnLoader(yaml.SafeLoader):
    """SafeLoader that keeps CloudFormation short-form tags (!Ref, !GetAtt, !Sub, ...)
    as {"Fn::X": value} / {"Ref": value} instead of failing on them."""


def _construct_cfn_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{tag_suffix}": value}


_CfnLoader.add_multi_constructor("!", _construct_cfn_tag)


def load_template() -> dict:
    with TEMPLATE.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass


def serverless_functions(template: dict) -> dict[str, dict]:
    return {
        logical_id: resource
        for logical_id, resource in template["Resources"].items()
        if resource.get("Type") == "AWS::Serverless::Function"
    }


def http_api_events(function: dict) -> list[tuple[str, str]]:
    events = (function.get("Properties") or {}).get("Events") or {}
    return [
        (str(event["Properties"]["Method"]).upper(), event["Properties"]["Path"])
        for event in events.values()
        if event.get("Type") == "HttpApi"
    ]


def pascal_case(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


# --- tests -----------------------------------------------------------------------------


def _cfn_lint_command() -> list[str]:
    found = venv_tool("cfn-lint")
    if not found:
        pytest.fail("cfn-lint is not installed (pip install cfn-lint)")
    return [found]


def test_cfn_lint_reports_nothing():
    proc = subprocess.run(
        [*_cfn_lint_command(), "--", str(TEMPLATE)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=REPO,
    )
    findings = (proc.stdout + proc.stderr).strip()
    assert proc.returncode == 0 and not findings, f"cfn-lint findings:\n{findings}"


def test_every_route_has_exactly_one_function():
    template = load_template()
    functions = serverless_functions(template)
    routes = load_routes()

    served: dict[tuple[str, str], list[str]] = {}
    for logical_id, function in functions.items():
        for method_path in http_api_events(function):
            served.setdefault(method_path, []).append(logical_id)

    problems = []
    for route in routes:
        key = (route["method"].upper(), route["path"])
        owners = served.get(key, [])
        if len(owners) != 1:
            problems.append(f"{key}: served by {owners or 'no function'}, expected exactly one")
            continue
        function = functions[owners[0]]
        binary = ((function.get("Metadata") or {}).get("BuildProperties") or {}).get("Binary")
        if binary != route["function"]:
            problems.append(f"{key}: {owners[0]} builds binary {binary!r}, expected {route['function']!r}")
        if function.get("Metadata", {}).get("BuildMethod") != "rust-cargolambda":
            problems.append(f"{owners[0]}: Metadata.BuildMethod is not rust-cargolambda")
        expected_id = pascal_case(route["function"]) + "Function"
        if owners[0] != expected_id:
            problems.append(f"{key}: logical id {owners[0]}, expected {expected_id}")

    route_keys = {(r["method"].upper(), r["path"]) for r in routes}
    for key, owners in served.items():
        if key not in route_keys:
            problems.append(f"{key}: served by {owners} but not in the route table")

    assert not problems, "\n".join(problems)


def test_every_function_binary_is_a_route_function():
    """Each context's package under functions/ has one [[bin]] per route of that context."""
    import tomllib

    routes = load_routes()
    route_functions = {r["function"] for r in routes}
    binaries = {
        b["name"]
        for manifest in (REPO / "functions").glob("*/Cargo.toml")
        for b in tomllib.loads(manifest.read_text()).get("bin", [])
    }
    assert binaries - route_functions == set(), (
        f"binaries under functions/ that serve no route: {sorted(binaries - route_functions)}"
    )
    assert route_functions - binaries == set(), (
        f"route functions without a binary under functions/: {sorted(route_functions - binaries)}"
    )


def test_globals_and_table_settings():
    template = load_template()
    function_globals = template["Globals"]["Function"]
    assert function_globals["Runtime"] == "provided.al2023"
    assert function_globals["Handler"] == "bootstrap"
    assert function_globals["Architectures"] == ["arm64"]
    env = function_globals["Environment"]["Variables"]
    for name in ("TABLE_NAME", "SUPPORTED_CURRENCIES", "USD_RATES", "PORTAL_BASE_URL", "RUST_LOG"):
        assert name in env, f"Globals.Function.Environment lacks {name}"

    tables = [r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert len(tables) == 1, "the service uses a single table"
    props = tables[0]["Properties"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert {k["AttributeName"]: k["KeyType"] for k in props["KeySchema"]} == {"PK": "HASH", "SK": "RANGE"}
    indexes = {i["IndexName"]: i for i in props["GlobalSecondaryIndexes"]}
    assert set(indexes) == {"GSI1", "GSI2"}
    for name, index in indexes.items():
        assert {k["AttributeName"]: k["KeyType"] for k in index["KeySchema"]} == {
            f"{name}PK": "HASH",
            f"{name}SK": "RANGE",
        }
        assert index["Projection"]["ProjectionType"] == "ALL"
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert props["DeletionProtectionEnabled"] is True


# Functions that call no AWS API at all, so have no Policies (their role gets only the
# basic execution permissions). Every other function must list its policies.
FUNCTIONS_WITHOUT_AWS_ACCESS = {"GetOpenapiFunction"}


def test_policies_are_scoped_to_the_table():
    """No wildcard actions; DynamoDB statements name only the table or its indexes."""
    template = load_template()
    problems = []
    for logical_id, function in serverless_functions(template).items():
        policies = function["Properties"].get("Policies")
        if logical_id in FUNCTIONS_WITHOUT_AWS_ACCESS:
            if policies:
                problems.append(f"{logical_id}: expected no Policies (it calls no AWS API)")
            continue
        if not policies:
            problems.append(f"{logical_id}: no Policies")
            continue
        for policy in policies:
            if not isinstance(policy, dict) or "Statement" not in policy:
                problems.append(f"{logical_id}: policy {policy!r} is not an inline statement list")
                continue
            for statement in policy["Statement"]:
                actions = statement["Action"]
                actions = [actions] if isinstance(actions, str) else actions
                if any("*" in action for action in actions):
                    problems.append(f"{logical_id}: wildcard action in {actions}")
                if any(action.startswith("dynamodb:") for action in actions):
                    resources = statement["Resource"]
                    resources = resources if isinstance(resources, list) else [resources]
                    for resource in resources:
                        text = json.dumps(resource)
                        if "CustomersTable" not in text:
                            problems.append(f"{logical_id}: DynamoDB statement on {text}")
    assert not problems, "\n".join(problems)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-v"]))
