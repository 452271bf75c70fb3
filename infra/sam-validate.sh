#!/usr/bin/env bash
# `sam validate --lint` on template.yaml, with a pinned SAM CLI in its own virtualenv
# (target/sam-venv: its dependencies clash with the test tools' pins in .venv).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv=target/sam-venv
version=1.170.0
if [[ ! -x "$venv/bin/sam" ]] || ! "$venv/bin/sam" --version 2>/dev/null | grep -q "$version"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "aws-sam-cli==$version"
fi
SAM_CLI_TELEMETRY=0 "$venv/bin/sam" validate --lint --template template.yaml --region us-east-1
