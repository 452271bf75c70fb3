#!/usr/bin/env bash
# Deployment package sizes: build every function binary (functions/*) and the baseline
# (bench/bare-function) as arm64 Lambda zips with cargo-lambda, then print a markdown
# table of zip sizes with the ratio to bare-function's zip.
#
#   bench/zip_sizes.sh                 # build (release, arm64, zip) and report
#   bench/zip_sizes.sh --no-build      # only report the zips already in target/lambda
#   bench/zip_sizes.sh wallets-functions  # only these function packages (and the baseline)
#   bench/zip_sizes.sh --debug         # dev profile: proves every function cross-builds
#                                      # and packages, fast
#   bench/zip_sizes.sh --debug --one-per-package
#                                      # the first function of each package only (what
#                                      # `make test` runs): a package's functions differ
#                                      # only in the route their 3-line main names
#
# Slow: a from-scratch arm64 release build of one package takes minutes on 2 cores, and
# every binary is linked with fat LTO. cargo-lambda comes from $CARGO_LAMBDA, .venv,
# PATH, or (failing those) a venv it creates in target/bench-venv (`pip install
# cargo-lambda`, which brings Zig as the cross linker). cargo-lambda adds the
# aarch64-unknown-linux-gnu target through rustup when it is missing.
# Zips land in target/lambda/<binary>/bootstrap.zip.
set -euo pipefail
shopt -s nullglob

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

baseline="bare-function"
build=1
profile=(--release)
one_per_package=0
packages=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --debug) profile=() ;;
    --one-per-package) one_per_package=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) packages+=("$arg") ;;
  esac
done
if [[ ${#packages[@]} -eq 0 ]]; then
  for manifest in functions/*/Cargo.toml; do
    packages+=("$(basename "$(dirname "$manifest")")")
  done
fi
# One zip per binary: every [[bin]] of the packages built, then the baseline.
mapfile -t functions < <(python3 -c '
import sys, tomllib
first_only = sys.argv[1] == "1"
for manifest in sys.argv[2:]:
    for b in tomllib.load(open(manifest, "rb")).get("bin", [])[: 1 if first_only else None]:
        print(b["name"])' "$one_per_package" $(for p in "${packages[@]}"; do echo "functions/$p/Cargo.toml"; done))
packages+=("$baseline")
functions+=("$baseline")

find_cargo_lambda() {
  if [[ -n "${CARGO_LAMBDA:-}" ]]; then echo "$CARGO_LAMBDA"; return; fi
  if [[ -x .venv/bin/cargo-lambda ]]; then echo "$repo_root/.venv/bin/cargo-lambda"; return; fi
  if command -v cargo-lambda >/dev/null 2>&1; then command -v cargo-lambda; return; fi
  local venv="$repo_root/target/bench-venv"
  if [[ ! -x "$venv/bin/cargo-lambda" ]]; then
    echo "zip_sizes: installing cargo-lambda into $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check cargo-lambda==1.9.2 >&2
  fi
  echo "$venv/bin/cargo-lambda"
}

if [[ $build -eq 1 ]]; then
  # The arm64 standard library comes from rustup (cargo-lambda would add it too).
  if ! rustup target list --installed | grep -qx aarch64-unknown-linux-gnu; then
    rustup target add aarch64-unknown-linux-gnu >&2
  fi
  cargo_lambda="$(find_cargo_lambda)"
  # cargo-lambda finds zig (python-zig) and cargo through PATH.
  export PATH="$(dirname "$cargo_lambda"):$PATH"
  package_args=()
  for package in "${packages[@]}"; do package_args+=(-p "$package"); done
  if [[ $one_per_package -eq 1 ]]; then
    for function in "${functions[@]}"; do package_args+=(--bin "$function"); done
  fi
  echo "zip_sizes: cargo lambda build ${profile[*]} --arm64 --output-format zip ${package_args[*]}" >&2
  start=$SECONDS
  "$cargo_lambda" lambda build "${profile[@]}" --arm64 --output-format zip "${package_args[@]}" >&2
  echo "zip_sizes: built in $((SECONDS - start)) s" >&2
fi

zip_of() { echo "target/lambda/$1/bootstrap.zip"; }
unzipped_size() {
  # Size of bootstrap inside the zip (the unzipped deployment size), from the zip's listing.
  python3 -c 'import sys, zipfile; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$1"
}

base_zip="$(zip_of "$baseline")"
if [[ ! -f "$base_zip" ]]; then
  echo "zip_sizes: $base_zip is missing (build without --no-build; is bench/bare-function a workspace member?)" >&2
  exit 1
fi
base_size=$(stat -c %s "$base_zip")

echo "Deployment packages: cargo lambda build ${profile[*]} --arm64 --output-format zip (provided.al2023, arm64)."
echo
echo "| function | zip bytes | zip MiB | bootstrap MiB (unzipped) | x $baseline |"
echo "| --- | ---: | ---: | ---: | ---: |"
missing=0
for function in "${functions[@]}"; do
  zip="$(zip_of "$function")"
  if [[ ! -f "$zip" ]]; then
    echo "| $function | missing | | | |"
    missing=1
    continue
  fi
  size=$(stat -c %s "$zip")
  raw=$(unzipped_size "$zip")
  awk -v name="$function" -v size="$size" -v raw="$raw" -v base="$base_size" 'BEGIN {
    printf "| %s | %d | %.2f | %.2f | %.2f |\n", name, size, size / 1048576, raw / 1048576, size / base
  }'
done
exit $missing
