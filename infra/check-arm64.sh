#!/usr/bin/env bash
# `make test`: every Lambda function package type-checks for aarch64-unknown-linux-gnu,
# the target the functions deploy to. `make package` builds and zips them for real.
# Needs the target's standard library from rustup: installed here if missing (the one
# set-up step that writes outside the repository, into ~/.rustup).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target=aarch64-unknown-linux-gnu
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target" >&2
fi
packages=()
for manifest in functions/*/Cargo.toml; do packages+=(-p "$(basename "$(dirname "$manifest")")"); done
cargo check --quiet --target "$target" "${packages[@]}"
