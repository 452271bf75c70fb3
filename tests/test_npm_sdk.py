"""The official npm `dodopayments` SDK, unchanged, against the same local server and moto as
the rest of the suite: one scenario per resource in tests/npm/*.test.mjs, run by node's own
test runner (`node --test`).

The SDK is pinned with tests/npm/package-lock.json and installed by `npm ci` into
tests/npm/node_modules (gitignored) when that is missing or was installed from another
lockfile. Install scripts are off: everything comes from the npm registry's tarballs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from support.paths import REPO

NPM_DIR = REPO / "tests" / "npm"
NODE_MODULES = NPM_DIR / "node_modules"
# Written after a successful `npm ci`: the hash of the lockfile it installed.
INSTALL_STAMP = NODE_MODULES / ".installed-from-lockfile"
SCENARIOS = sorted(NPM_DIR.glob("*.test.mjs"))
NPM_CI_TIMEOUT_S = 300
NODE_TIMEOUT_S = 60
PER_TEST_TIMEOUT_MS = 30_000


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"`{name}` is not on PATH: the npm SDK tests need Node.js 20+ and npm", pytrace=False)
    return path


def _lockfile_hash() -> str:
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((NPM_DIR / name).read_bytes())
    return digest.hexdigest()


def _run(argv: list[str], *, env: dict[str, str] | None = None, timeout_s: int) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            argv, cwd=NPM_DIR, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout_s
        )
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"`{' '.join(argv)}` ran over {timeout_s} s:\n{e.stdout or ''}\n{e.stderr or ''}", pytrace=False)


@pytest.fixture(scope="session")
def npm_installed() -> None:
    wanted = _lockfile_hash()
    if INSTALL_STAMP.is_file() and INSTALL_STAMP.read_text() == wanted:
        return
    result = _run(
        [_tool("npm"), "ci", "--ignore-scripts", "--no-audit", "--no-fund"], timeout_s=NPM_CI_TIMEOUT_S
    )
    if result.returncode != 0:
        pytest.fail(f"npm ci failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    INSTALL_STAMP.write_text(wanted)


def test_the_scenarios_are_found() -> None:
    assert SCENARIOS, f"no *.test.mjs in {NPM_DIR}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.name.removesuffix(".test.mjs"))
def test_npm_sdk_scenario(scenario: Path, npm_installed: None, base_url: str, api_key_a: str, api_key_b: str) -> None:
    env = dict(os.environ)
    env.update(CUSTOMERS_BASE_URL=base_url, CUSTOMERS_API_KEY_A=api_key_a, CUSTOMERS_API_KEY_B=api_key_b)
    result = _run(
        [_tool("node"), "--test", f"--test-timeout={PER_TEST_TIMEOUT_MS}", "--test-reporter=spec", scenario.name],
        env=env,
        timeout_s=NODE_TIMEOUT_S,
    )
    if result.returncode != 0:
        pytest.fail(f"node --test {scenario.name} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    ran, passed = (re.search(rf"^ℹ {word} (\d+)$", result.stdout, re.M) for word in ("tests", "pass"))
    assert ran and passed and int(ran[1]) > 0 and passed[1] == ran[1], f"not every test ran and passed:\n{result.stdout}"
