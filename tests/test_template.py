"""Checks on the SAM template (template.yaml) against the route table.

- cfn-lint reports nothing on the template;
- every route printed by `target/debug/local-server --print-routes` is served by
  exactly one function (its HttpApi event has that method and path) whose
  `Metadata.BuildProperties.Binary` is the route's function name, and no function
  serves a route that is not in the table;
- every binary under functions/ is a route's function, and every route's function
  has a binary there;
- every function's Description is "<METHOD> <path>: <summary>" of its route;
- every function's IAM policy is exactly the AWS actions its route declares
  (`actions` in `--print-routes`, from shared/<context>/src/routes.rs): DynamoDB item
  actions on the table, `dynamodb:Query` on the table and its indexes, `ses:SendEmail`
  only from the configured sender; nothing more, nothing missing, and no policy at all
  for a route that declares no actions. The route is the source of truth: change its
  `actions`, then the template.

Build the route source first: `cargo build -p local-server` (debug).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from support.paths import LOCAL_SERVER, REPO, TEMPLATE, venv_tool
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
    route_functions = {r["function"] for r in routes} | {c["function"] for c in load_stream_consumers()}
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


def load_stream_consumers() -> list[dict]:
    """The functions fed by the table's stream, as `local-server --print-stream-consumers`
    prints them."""
    proc = subprocess.run(
        [str(LOCAL_SERVER), "--print-stream-consumers"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, f"local-server --print-stream-consumers failed: {proc.stderr}"
    return json.loads(proc.stdout)


TABLE_STREAM_ARN = {"Fn::GetAtt": ["CustomersTable", "StreamArn"]}


def test_stream_consumers_are_fed_by_the_table_stream_with_a_failure_destination():
    template = load_template()
    table = template["Resources"]["CustomersTable"]["Properties"]
    assert table["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    functions = function_for_binary(serverless_functions(template))
    consumers = load_stream_consumers()
    assert consumers, "the ledger projection is a stream consumer"
    for consumer in consumers:
        logical_id, function = functions[consumer["function"]]
        props = function["Properties"]
        assert props["Description"] == f"Table stream: {consumer['summary']}", logical_id
        events = list((props.get("Events") or {}).values())
        assert [e["Type"] for e in events] == ["DynamoDB"], f"{logical_id}: one stream event and nothing else"
        source = events[0]["Properties"]
        assert source["Stream"] == TABLE_STREAM_ARN
        assert source["StartingPosition"] == "TRIM_HORIZON"
        # In order and never skipping a change: one batch per shard, retried until it succeeds.
        assert source["ParallelizationFactor"] == 1 and source["MaximumRetryAttempts"] == -1
        assert source["BisectBatchOnFunctionError"] is True
        pattern = json.loads(source["FilterCriteria"]["Filters"][0]["Pattern"])
        assert pattern["dynamodb"]["Keys"]["SK"]["S"] == [{"prefix": consumer["sort_key_prefix"]}]
        destination = source["DestinationConfig"]["OnFailure"]["Destination"]
        queue = destination["Fn::GetAtt"][0]
        assert template["Resources"][queue]["Type"] == "AWS::SQS::Queue"
        statements = [normalized_statement(s) for s in props["Policies"][0]["Statement"]]
        assert sorted(statements, key=str) == sorted(expected_statements(consumer["actions"]) + [
            {"Effect": "Allow", "Resource": TABLE_STREAM_ARN, "Action": sorted([
                "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "dynamodb:ListStreams"])},
            {"Effect": "Allow", "Resource": destination, "Action": ["sqs:SendMessage"]},
        ], key=str), f"{logical_id}: exactly its own table actions, its stream and its failure queue"


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


def function_for_binary(functions: dict[str, dict]) -> dict[str, tuple[str, dict]]:
    """SAM functions by the binary they build (`Metadata.BuildProperties.Binary`)."""
    by_binary: dict[str, tuple[str, dict]] = {}
    for logical_id, function in functions.items():
        binary = ((function.get("Metadata") or {}).get("BuildProperties") or {}).get("Binary")
        assert binary not in by_binary, f"{logical_id} and {by_binary[binary][0]} both build {binary!r}"
        by_binary[binary] = (logical_id, function)
    return by_binary


def test_every_function_description_is_its_route():
    functions = function_for_binary(serverless_functions(load_template()))
    problems = []
    for route in load_routes():
        if route["function"] not in functions:
            problems.append(f"{route['function']}: no function builds this binary")
            continue
        logical_id, function = functions[route["function"]]
        expected = f"{route['method'].upper()} {route['path']}: {route['summary']}"
        actual = function["Properties"].get("Description")
        if actual != expected:
            problems.append(f"{logical_id}: Description {actual!r}, expected {expected!r}")
    assert not problems, "\n".join(problems)


# What each kind of route action is allowed on, as template.yaml spells it.
TABLE_ARN = {"Fn::GetAtt": ["CustomersTable", "Arn"]}
TABLE_INDEXES_ARN = {"Fn::Sub": "${CustomersTable.Arn}/index/*"}
SES_IDENTITIES_ARN = {"Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"}
SES_FROM_SENDER = {"StringEquals": {"ses:FromAddress": {"Ref": "EmailSender"}}}


def expected_statements(actions: list[str]) -> list[dict]:
    """The policy statements (without Sid) a route's actions call for: one statement of
    the item actions on the table, one of Query on the table and its indexes, one of
    SendEmail from the configured sender; none that is empty."""
    known = {"dynamodb:Query", "ses:SendEmail"}
    item_actions = sorted(a for a in actions if a.startswith("dynamodb:") and a not in known)
    unknown = [a for a in actions if not a.startswith("dynamodb:") and a not in known]
    assert not unknown, f"route actions this test does not know how to check: {unknown}"
    statements = []
    if item_actions:
        statements.append({"Effect": "Allow", "Action": item_actions, "Resource": TABLE_ARN})
    if "dynamodb:Query" in actions:
        statements.append(
            {"Effect": "Allow", "Action": ["dynamodb:Query"], "Resource": [TABLE_ARN, TABLE_INDEXES_ARN]}
        )
    if "ses:SendEmail" in actions:
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["ses:SendEmail"],
                "Resource": SES_IDENTITIES_ARN,
                "Condition": SES_FROM_SENDER,
            }
        )
    return statements


def normalized_statement(statement: dict) -> dict:
    """A statement without its Sid, its Action as a sorted list."""
    normalized = {k: v for k, v in statement.items() if k != "Sid"}
    action = normalized.get("Action")
    normalized["Action"] = sorted([action] if isinstance(action, str) else action or [])
    return normalized


def test_policies_are_exactly_the_route_actions():
    functions = function_for_binary(serverless_functions(load_template()))
    problems = []
    for route in load_routes():
        if route["function"] not in functions:
            problems.append(f"{route['function']}: no function builds this binary")
            continue
        logical_id, function = functions[route["function"]]
        policies = function["Properties"].get("Policies")
        expected = expected_statements(route["actions"])
        if not expected:
            if policies:
                problems.append(f"{logical_id}: the route declares no AWS actions, so no Policies")
            continue
        if not isinstance(policies, list) or len(policies) != 1:
            problems.append(f"{logical_id}: expected one inline policy document, found {policies!r}")
            continue
        policy = policies[0]
        if not isinstance(policy, dict) or policy.get("Version") != "2012-10-17" or "Statement" not in policy:
            problems.append(f"{logical_id}: {policy!r} is not an inline 2012-10-17 policy document")
            continue
        actual = [normalized_statement(s) for s in policy["Statement"]]
        for statement in actual:
            if statement not in expected:
                problems.append(
                    f"{logical_id}: statement {statement} is not one the route's actions "
                    f"{route['actions']} call for"
                )
        for statement in expected:
            count = actual.count(statement)
            if count != 1:
                problems.append(f"{logical_id}: expected exactly one statement {statement}, found {count}")
    assert not problems, "\n".join(problems)


def test_only_a_function_that_sends_email_knows_the_sender():
    """EMAIL_SENDER (the SES identity the policy allows) is set on exactly the functions
    whose route may send e-mail."""
    functions = function_for_binary(serverless_functions(load_template()))
    problems = []
    for route in load_routes():
        logical_id, function = functions[route["function"]]
        env = ((function["Properties"].get("Environment") or {}).get("Variables")) or {}
        sends = "ses:SendEmail" in route["actions"]
        if sends != (env.get("EMAIL_SENDER") == {"Ref": "EmailSender"}):
            problems.append(f"{logical_id}: sends e-mail: {sends}, EMAIL_SENDER: {env.get('EMAIL_SENDER')!r}")
    assert not problems, "\n".join(problems)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-v"]))
