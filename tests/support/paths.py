"""Where things are: the repository, the binaries the tests run, and the Python tools."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The debug builds (`cargo build -p local-server -p customers-admin`), or $TEST_BIN_DIR.
BIN_DIR = Path(os.environ.get("TEST_BIN_DIR") or REPO / "target" / "debug")
LOCAL_SERVER = BIN_DIR / "local-server"
CUSTOMERS_ADMIN = BIN_DIR / "customers-admin"
OPENAPI_DOCUMENT = REPO / "openapi.json"
TEMPLATE = REPO / "template.yaml"
ARTIFACTS = REPO / "tests" / "artifacts"  # gitignored
VENV_BIN = REPO / ".venv" / "bin"


def python() -> str:
    """The repo's virtualenv interpreter (infra/bootstrap-venv.sh), else this one."""
    venv_python = VENV_BIN / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


def venv_tool(name: str) -> str | None:
    """A command-line tool from infra/requirements.txt: the repo's .venv, then beside this
    interpreter, then PATH. None when it is nowhere."""
    for candidate in (VENV_BIN / name, Path(sys.executable).parent / name):
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)
