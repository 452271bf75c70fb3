"""The OpenAPI document (openapi.json at the repo root) against the code and the SDK.

- it is exactly what the generator prints (`local-server --print-openapi`, from the route
  table and each context's `openapi` module), never a hand edit;
- its paths and methods are exactly the route table (`local-server --print-routes`) minus
  the routes listed in UNDOCUMENTED_ROUTES, each with the reason it is left out (the
  customer portal's HTML routes);
- every operation has the summary and security of its route (from its `caller`: merchant
  key, portal session plus the CSRF token on changes, or public) and documents its errors
  with the Error schema and the request id header: 401 unless public, 429 and 500 when
  the route calls AWS (declares actions);
- `GET /openapi.json` serves the same document, without an API key;
- it is a valid OpenAPI 3.1 document (openapi-spec-validator) that schemathesis loads;
- its schemas have the official SDK's shapes (dodopayments: field names, types,
  nullability, required fields, enums), so a response that fits the document also fits
  the SDK's models.

The route table comes from the debug build: `cargo build -p local-server`.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import types
import typing
from typing import Any

import dodopayments.types as sdk
import dodopayments.types.customers as sdk_customers
import dodopayments.types.customers.wallets as sdk_wallets
import dodopayments.types.webhooks as sdk_webhooks
import httpx
from dodopayments._models import BaseModel as SdkModel
from dodopayments.pagination import SyncDefaultPageNumberPagination

from support.paths import LOCAL_SERVER
from support.paths import OPENAPI_DOCUMENT as DOCUMENT
from support.stack import load_routes

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

# Routes of the route table that the document intentionally does not describe, and why.
# Nothing else may be missing, and every entry here must still be a route.
UNDOCUMENTED_ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/portal/session/{token}"): (
        "a portal link opened in a browser: an HTML page whose Continue button opens the portal, "
        "or an HTML failure page; not JSON"
    ),
    ("POST", "/portal/session/{token}"): (
        "the link page's Continue (an HTML form post): a 303 redirect that sets the session "
        "cookie, or an HTML failure page; not JSON"
    ),
    ("GET", "/portal"): (
        "the hosted portal page itself (HTML); the data it shows comes from the documented "
        "/portal/api/ routes"
    ),
    ("GET", "/portal/email-change/{token}"): (
        "an e-mail change's confirmation link opened in a browser: an HTML page with the "
        "Confirm button, or an HTML failure page; not JSON"
    ),
    ("POST", "/portal/email-change/{token}"): (
        "the confirmation page's Confirm button (an HTML form post): an HTML page saying "
        "the address changed, or why not; not JSON"
    ),
}

# The portal's JSON routes: the customer's own data (404 once erased), CSRF-checked changes.
PORTAL_API_PREFIX = "/portal/api/"
# The regeneration command, for failure messages (also in shared/api/src/lib.rs).
REGENERATE = "cargo run -q -p local-server -- --print-openapi > openapi.json"


def expected_security(route: dict[str, Any]) -> list[dict[str, list]]:
    """Who may call the route (its `caller`), as OpenAPI security requirements."""
    caller, method = route["caller"], route["method"].upper()
    if caller == "public":
        return []
    if caller == "portal_session":
        if method in ("GET", "HEAD"):
            return [{"portalSession": []}]
        return [{"portalSession": [], "portalCsrf": []}]
    assert caller == "merchant_key", f"unknown caller {caller!r}"
    return [{"bearerAuth": []}]


# --- loading ---------------------------------------------------------------------------


def load_document() -> dict[str, Any]:
    with DOCUMENT.open(encoding="utf-8") as f:
        return json.load(f)


def operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): op
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }


def resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local references are used: {ref}"
        target: Any = doc
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
    return node


# --- the document and the route table --------------------------------------------------


def test_paths_and_methods_are_the_route_table():
    doc = load_document()
    routes = {(r["method"].upper(), r["path"]) for r in load_routes()}
    documented = set(operations(doc))
    excluded = set(UNDOCUMENTED_ROUTES)

    assert excluded <= routes, (
        f"UNDOCUMENTED_ROUTES lists routes that are not in the route table: {sorted(excluded - routes)}"
    )
    assert not documented & excluded, f"documented but listed as undocumented: {sorted(documented & excluded)}"
    missing = routes - excluded - documented
    assert not missing, (
        f"routes missing from openapi.json (document them, or list them in UNDOCUMENTED_ROUTES "
        f"with the reason): {sorted(missing)}"
    )
    extra = documented - routes
    assert not extra, f"openapi.json documents operations that are not routes: {sorted(extra)}"


def test_the_document_is_the_generated_one():
    proc = subprocess.run([str(LOCAL_SERVER), "--print-openapi"], capture_output=True, timeout=60, check=False)
    assert proc.returncode == 0, f"local-server --print-openapi failed: {proc.stderr.decode()}"
    assert proc.stdout == DOCUMENT.read_bytes(), (
        f"openapi.json is not what the routes and the contexts' openapi modules generate: run `{REGENERATE}`"
    )


def test_every_operation_documents_its_parameters_and_errors():
    doc = load_document()
    routes = {(r["method"].upper(), r["path"]): r for r in load_routes()}
    problems: list[str] = []
    operation_ids: list[str] = []
    for (method, path), op in operations(doc).items():
        name = f"{method} {path}"
        route = routes.get((method, path))
        if route is None:
            problems.append(f"{name}: not a route")
            continue
        if op.get("summary") != route["summary"]:
            problems.append(f"{name}: summary {op.get('summary')!r} is not the route's {route['summary']!r}")
        operation_ids.append(op.get("operationId", ""))
        if not op.get("operationId"):
            problems.append(f"{name}: no operationId")

        params = [resolve(doc, p) for p in doc["paths"][path].get("parameters", []) + op.get("parameters", [])]
        declared = {p["name"] for p in params if p["in"] == "path"}
        in_path = set(re.findall(r"\{([^}]+)\}", path))
        if declared != in_path:
            problems.append(f"{name}: path parameters {sorted(declared)} != {sorted(in_path)}")

        public = route["caller"] == "public"
        security = op.get("security", doc.get("security"))
        if security != expected_security(route):
            problems.append(f"{name}: security {security} != {expected_security(route)}")

        responses = op["responses"]
        statuses = set(responses)
        expected = {"200", "413"}
        if not public:
            expected.add("401")
        if route["actions"]:  # it calls AWS, so it can be throttled (429) or fail inside (500)
            expected |= {"429", "500"}
        if "{customer_id}" in path or path.startswith(PORTAL_API_PREFIX):
            expected.add("404")  # no such customer (the session's may have been erased)
        if "requestBody" in op:
            expected |= {"400", "422"}
        if path.startswith(PORTAL_API_PREFIX) and method != "GET":
            expected.add("403")
        if not expected <= statuses:
            problems.append(f"{name}: no response for {sorted(expected - statuses)}")
        for status, response in responses.items():
            response = resolve(doc, response)
            headers = {k.lower(): resolve(doc, v) for k, v in response.get("headers", {}).items()}
            if not headers.get("x-request-id", {}).get("required"):
                problems.append(f"{name} {status}: no required x-request-id header")
            content = response.get("content", {})
            if status == "200" and set(content) == {"application/pdf"}:
                # A document download (invoices): the bytes of a PDF, not JSON.
                if content["application/pdf"].get("schema") != {"type": "string", "format": "binary"}:
                    problems.append(f"{name} {status}: a PDF answer must be a binary string")
                continue
            if set(content) != {"application/json"}:
                problems.append(f"{name} {status}: content is not application/json alone")
                continue
            schema = content["application/json"]["schema"]
            error_schemas = [{"$ref": "#/components/schemas/Error"}]
            if status == "422":
                error_schemas.append({"$ref": "#/components/schemas/FieldError"})
            if not status.startswith("2") and schema not in error_schemas:
                problems.append(f"{name} {status}: an error response must use the Error schema")
    duplicates = {i for i in operation_ids if operation_ids.count(i) > 1}
    assert not duplicates, f"duplicate operationIds: {duplicates}"
    assert not problems, "\n".join(problems)


def test_error_schema_is_the_api_error_shape():
    components = load_document()["components"]
    error = components["schemas"]["Error"]
    assert error["type"] == "object"
    assert set(error["required"]) == set(error["properties"]) == {"code", "message"}
    assert error["additionalProperties"] is False
    field_error = components["schemas"]["FieldError"]
    assert field_error["properties"]["code"]["pattern"] == error["properties"]["code"]["pattern"]
    assert set(field_error["required"]) == set(field_error["properties"]) == {"code", "message", "field"}
    bearer = components["securitySchemes"]["bearerAuth"]
    assert (bearer["type"], bearer["scheme"]) == ("http", "bearer")


# --- validity --------------------------------------------------------------------------


def test_document_is_valid_openapi_3_1():
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation import OpenAPIV31SpecValidator

    doc = load_document()
    assert doc["openapi"].startswith("3.1."), doc["openapi"]
    validate(doc, cls=OpenAPIV31SpecValidator)


def test_schemathesis_loads_every_operation():
    import schemathesis

    doc = load_document()
    schema = schemathesis.openapi.from_dict(doc)
    loaded = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        loaded.add((operation.method.upper(), operation.path))
    assert loaded == set(operations(doc))


# --- served ----------------------------------------------------------------------------


def test_get_openapi_json_serves_the_document_without_a_key(base_url: str):
    resp = httpx.get(f"{base_url}/openapi.json", timeout=30)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.headers.get("x-request-id")
    assert resp.content == DOCUMENT.read_bytes(), "the served document is not the repo's openapi.json"
    assert resp.json() == load_document()


# --- the official SDK's shapes ----------------------------------------------------------

# Response schemas and the SDK model each one must fit.
SDK_MODELS: dict[str, type[SdkModel]] = {
    "Customer": sdk.Customer,
    "CustomerWallet": sdk_customers.CustomerWallet,
    "WalletListResponse": sdk_customers.WalletListResponse,
    "CustomerWalletTransaction": sdk_wallets.CustomerWalletTransaction,
    "CustomerPortalSession": sdk.CustomerPortalSession,
    "WebhookDetails": sdk.WebhookDetails,
    "WebhookSecret": sdk.WebhookRetrieveSecretResponse,
    "WebhookHeaders": sdk_webhooks.HeaderRetrieveResponse,
}
# List responses: the SDK reads them as a page (`items` of the model).
SDK_PAGES: dict[str, str] = {
    "CustomerList": "Customer",
    "LedgerEntryList": "CustomerWalletTransaction",
}
# Optional SDK fields this service never sends, and why.
SDK_FIELDS_NOT_SENT: dict[str, dict[str, str]] = {
    "Customer": {
        "blocked_at": "customer blocking is a Dodo feature this service does not have",
        "blocklist_entry_id": "customer blocking is a Dodo feature this service does not have",
    },
}
# Request bodies and query parameters (by operationId) and the SDK params each one must be.
SDK_BODY_PARAMS: dict[str, type] = {
    "createCustomer": sdk.CustomerCreateParams,
    "updateCustomer": sdk.CustomerUpdateParams,
    "createLedgerEntry": sdk_wallets.LedgerEntryCreateParams,
}
SDK_QUERY_PARAMS: dict[str, type] = {
    "listCustomers": sdk.CustomerListParams,
    "listLedgerEntries": sdk_wallets.LedgerEntryListParams,
    "createPortalSession": sdk_customers.CustomerPortalCreateParams,
    "listWebhooks": sdk.WebhookListParams,
}
# Query parameters that are ours, not the SDK's (docs/api.md "extension").
QUERY_EXTENSIONS: dict[str, set[str]] = {"listCustomers": {"search"}}

# The SDK's `Currency` is Dodo's list of codes; here the currencies are set per deployment,
# so the document has the ISO 4217 shape instead. Every code of the SDK's list must fit it.
SDK_CURRENCY_LITERALS = frozenset(typing.get_args(sdk.Currency))


class Shape(typing.NamedTuple):
    """What a value may be, comparable between a JSON schema and a Python annotation."""

    types: frozenset[str]  # JSON types, without "null"
    nullable: bool
    enum: frozenset[Any] | None = None
    pattern: str | None = None
    date_time: bool = False
    model: str | None = None  # the component schema / SDK model of an object
    items: "Shape | None" = None  # array items
    values: "Shape | None" = None  # object values (a map)


def _union(shapes: list[Shape]) -> Shape:
    def one(attr: str) -> Any:
        values = {getattr(s, attr) for s in shapes if getattr(s, attr) is not None}
        assert len(values) <= 1, f"ambiguous {attr} in a union: {values}"
        return next(iter(values), None)

    non_null = [s for s in shapes if s.types]
    enums = [s.enum for s in non_null]
    return Shape(
        types=frozenset().union(*(s.types for s in shapes)),
        nullable=any(s.nullable for s in shapes),
        enum=frozenset().union(*enums) if enums and all(e is not None for e in enums) else None,
        pattern=one("pattern"),
        date_time=any(s.date_time for s in shapes),
        model=one("model"),
        items=one("items"),
        values=one("values"),
    )


def doc_shape(doc: dict[str, Any], schema: dict[str, Any]) -> Shape:
    model = None
    if "$ref" in schema:
        model = schema["$ref"].rsplit("/", 1)[-1]
        schema = resolve(doc, schema)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        shape = _union([doc_shape(doc, b) for b in branches])
        return shape._replace(model=shape.model or (model if "object" in shape.types else None))
    declared = schema.get("type")
    if declared is None and "const" in schema:
        declared = type(schema["const"]).__name__  # only `const: true` reaches here
        declared = {"bool": "boolean"}.get(declared, declared)
    json_types = {declared} if isinstance(declared, str) else set(declared or [])
    if "integer" in json_types and "number" in json_types:
        json_types.discard("integer")
    enum = schema.get("enum")
    if "const" in schema:
        enum = [schema["const"]]
    non_null_enum = [e for e in enum if e is not None] if enum is not None else None
    return Shape(
        types=frozenset(json_types - {"null"}),
        nullable="null" in json_types or (enum is not None and None in enum),
        enum=frozenset(non_null_enum) if non_null_enum is not None and "number" not in json_types else None,
        pattern=schema.get("pattern"),
        date_time=schema.get("format") == "date-time",
        model=model if "object" in json_types and "properties" in schema else None,
        items=doc_shape(doc, schema["items"]) if "items" in schema else None,
        values=doc_shape(doc, schema["additionalProperties"])
        if isinstance(schema.get("additionalProperties"), dict)
        else None,
    )


def sdk_shape(annotation: Any) -> Shape:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Annotated, typing.Required, typing.NotRequired):
        return sdk_shape(args[0])
    if origin in (typing.Union, types.UnionType):
        return _union([sdk_shape(a) for a in args])
    if annotation is type(None):
        return Shape(frozenset(), True)
    if origin is typing.Literal:
        return Shape(frozenset({"string"}), False, enum=frozenset(args))
    if origin in (list, typing.List):
        return Shape(frozenset({"array"}), False, items=sdk_shape(args[0]))
    if origin in (dict, typing.Dict):
        return Shape(frozenset({"object"}), False, values=sdk_shape(args[1]))
    if isinstance(annotation, type) and issubclass(annotation, SdkModel):
        names = [n for n, m in SDK_MODELS.items() if m is annotation]
        return Shape(frozenset({"object"}), False, model=names[0] if names else annotation.__name__)
    simple = {str: "string", int: "integer", float: "number", bool: "boolean", datetime.datetime: "string"}
    assert annotation in simple, f"no JSON shape for SDK annotation {annotation!r}"
    return Shape(frozenset({simple[annotation]}), False, date_time=annotation is datetime.datetime)


def compare(where: str, documented: Shape, expected: Shape, problems: list[str]) -> None:
    """`documented` (the document) must describe the same values as `expected` (the SDK)."""
    if documented.types != expected.types:
        problems.append(f"{where}: types {sorted(documented.types)} != SDK {sorted(expected.types)}")
    if expected.date_time and not documented.date_time:
        problems.append(f"{where}: the SDK reads a datetime; document format: date-time")
    if expected.enum is not None and expected.enum == SDK_CURRENCY_LITERALS:
        if documented.pattern is None or not all(re.fullmatch(documented.pattern.strip("^$"), c) for c in expected.enum):
            problems.append(f"{where}: a currency must be a pattern every SDK currency code fits")
    elif expected.enum is not None and documented.enum != expected.enum:
        problems.append(
            f"{where}: enum {sorted(documented.enum or [])} != SDK {sorted(expected.enum)}"
        )
    if expected.model and documented.model != expected.model:
        problems.append(f"{where}: object {documented.model} != SDK model {expected.model}")
    for part in ("items", "values"):
        d, e = getattr(documented, part), getattr(expected, part)
        if e is not None:
            if d is None:
                problems.append(f"{where}: no {part} schema")
            else:
                compare(f"{where}[{part}]", d, e, problems)


def test_response_schemas_have_the_sdk_shapes():
    doc = load_document()
    schemas = doc["components"]["schemas"]
    problems: list[str] = []
    for name in SDK_MODELS:
        model = SDK_MODELS[name]
        schema = schemas[name]
        properties = schema["properties"]
        required = set(schema.get("required", []))
        fields = model.model_fields
        unknown = set(properties) - set(fields)
        if unknown:
            problems.append(f"{name}: fields the SDK does not have: {sorted(unknown)}")
        for field, info in fields.items():
            shape = sdk_shape(info.annotation)
            if field not in properties:
                if info.is_required() or field not in SDK_FIELDS_NOT_SENT.get(name, {}):
                    problems.append(f"{name}.{field}: in the SDK but not documented")
                continue
            documented = doc_shape(doc, properties[field])
            if info.is_required() and (field not in required or documented.nullable):
                problems.append(f"{name}.{field}: the SDK requires it; it must be required and not null")
            if documented.nullable and not shape.nullable:
                problems.append(f"{name}.{field}: documented nullable, but the SDK does not take null")
            compare(f"{name}.{field}", documented, shape._replace(nullable=False), problems)
    for name, item in SDK_PAGES.items():
        schema = schemas[name]
        assert SyncDefaultPageNumberPagination.model_fields["items"].is_required()
        if schema.get("required") != ["items"] or schema["properties"]["items"].get("items") != {
            "$ref": f"#/components/schemas/{item}"
        }:
            problems.append(f"{name}: must be {{items: [{item}]}} with items required, as the SDK's page")
    assert not problems, "\n".join(problems)


def _typed_dict_keys(params: type) -> tuple[dict[str, Any], set[str]]:
    hints = typing.get_type_hints(params, include_extras=True)
    required = {k for k, v in hints.items() if typing.get_origin(v) is typing.Required}
    if getattr(params, "__total__", True):
        required |= {k for k, v in hints.items() if typing.get_origin(v) is not typing.NotRequired}
    return hints, required


def test_request_bodies_and_query_parameters_have_the_sdk_shapes():
    doc = load_document()
    by_id = {op["operationId"]: (key, op) for key, op in operations(doc).items()}
    problems: list[str] = []
    for operation_id, params in SDK_BODY_PARAMS.items():
        _, op = by_id[operation_id]
        schema = resolve(doc, op["requestBody"]["content"]["application/json"]["schema"])
        hints, required = _typed_dict_keys(params)
        if set(schema["properties"]) != set(hints):
            problems.append(f"{operation_id} body: fields {sorted(schema['properties'])} != SDK {sorted(hints)}")
        if set(schema.get("required", [])) != required:
            problems.append(f"{operation_id} body: required {sorted(schema.get('required', []))} != SDK {sorted(required)}")
        for field in set(schema["properties"]) & set(hints):
            documented = doc_shape(doc, schema["properties"][field])
            expected = sdk_shape(hints[field])
            if documented.nullable != expected.nullable:
                problems.append(f"{operation_id} body.{field}: nullable {documented.nullable} != SDK {expected.nullable}")
            compare(f"{operation_id} body.{field}", documented, expected, problems)
    for operation_id, params in SDK_QUERY_PARAMS.items():
        (_, path), op = by_id[operation_id]
        query = {
            p["name"]: p
            for p in (resolve(doc, p) for p in doc["paths"][path].get("parameters", []) + op.get("parameters", []))
            if p["in"] == "query"
        }
        hints, _ = _typed_dict_keys(params)
        extensions = QUERY_EXTENSIONS.get(operation_id, set())
        if set(query) - extensions != set(hints):
            problems.append(f"{operation_id} query: {sorted(set(query) - extensions)} != SDK {sorted(hints)}")
        for name in set(query) & set(hints):
            if query[name].get("required"):
                problems.append(f"{operation_id} query {name}: the SDK does not require it")
            compare(f"{operation_id} query {name}", doc_shape(doc, query[name]["schema"]), sdk_shape(hints[name]), problems)
    assert not problems, "\n".join(problems)
