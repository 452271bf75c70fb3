"""The workspace's layering: no import cycles between modules of a crate, and contexts
depend only downward, in CONTEXT_ORDER.

Module edges are read from the source: `use crate::x`, `crate::x::...` paths and
`super::x` in a module's files. Tests (`#[cfg(test)]` blocks) are left out.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from support.paths import REPO

SHARED = REPO / "shared"
# Each context may use only the crates listed before it.
CONTEXT_ORDER = [
    "platform",
    "webhooks",
    "customers",
    "wallets",
    "billing",
    "subscriptions",
    "licensing",
    "invoices",
    "ingest",
    "portal",
    "api",
]


def _module_of(src: Path, file: Path) -> str:
    rel = file.relative_to(src).with_suffix("")
    parts = [p for p in rel.parts if p not in ("mod", "lib")]
    return "::".join(parts) or "crate"


def _code_without_tests(text: str) -> str:
    """The module's code before its tests, without comments (docs may name anything)."""
    cut = text.find("#[cfg(test)]")
    code = text if cut < 0 else text[:cut]
    return re.sub(r"//.*", "", code)


def module_graph(crate: Path) -> dict[str, set[str]]:
    src = crate / "src"
    modules = {_module_of(src, f): f for f in src.rglob("*.rs")}
    tops = {m.split("::")[0] for m in modules}
    graph: dict[str, set[str]] = {}
    for name, file in modules.items():
        top = name.split("::")[0]
        text = _code_without_tests(file.read_text())
        refs = set(re.findall(r"\bcrate::(\w+)", text))
        for group in re.findall(r"\bcrate::\{([^}]*)\}", text):
            refs |= {g.strip().split("::")[0] for g in group.split(",") if g.strip()}
        # `super::x` from a top-level module's file names the top-level module x; deeper
        # down it stays inside the same top-level module, which is no edge.
        if "::" not in name:
            refs |= set(re.findall(r"\bsuper::(\w+)", text))
        graph.setdefault(top, set()).update(r for r in refs if r in tops and r != top)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycles_between_top_level_modules_of_any_crate():
    crates = [p for p in SHARED.iterdir() if (p / "Cargo.toml").exists()]
    assert {c.name for c in crates} >= set(CONTEXT_ORDER)
    cycles = {c.name: find_cycle(module_graph(c)) for c in crates}
    assert {k: v for k, v in cycles.items() if v} == {}


def test_contexts_depend_only_on_contexts_below_them():
    for position, name in enumerate(CONTEXT_ORDER):
        manifest = tomllib.loads((SHARED / name / "Cargo.toml").read_text())
        deps = set(manifest.get("dependencies", {}))
        upward = deps & set(CONTEXT_ORDER[position:])
        assert upward == set(), f"{name} depends on {sorted(upward)}, which build on it"


def test_the_checker_sees_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
