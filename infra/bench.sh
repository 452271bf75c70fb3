#!/usr/bin/env bash
# `make bench`: every benchmark in one run (release builds; several minutes on 2 cores).
# Figures go to target/bench/*.md; docs/benchmarks.md records them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
infra/bootstrap-venv.sh
out=target/bench
mkdir -p "$out"
functions=()
for manifest in functions/*/Cargo.toml; do functions+=(-p "$(basename "$(dirname "$manifest")")"); done
cargo build --release -p local-server -p customers-admin -p bare-function "${functions[@]}"
target/release/local-server --print-routes > "$out/routes.json"
.venv/bin/python bench/dynamo_costs.py | tee "$out/dynamo-costs.md"
.venv/bin/python bench/hot_wallet.py --bin-dir target/release --json "$out/hot-wallet.json" | tee "$out/hot-wallet.md"
.venv/bin/python bench/coldstart.py --routes-json "$out/routes.json" --all --bin-dir target/release --setup | tee "$out/coldstart.md"
bench/zip_sizes.sh | tee "$out/zip-sizes.md"
