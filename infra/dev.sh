#!/usr/bin/env bash
# `make dev`: the whole service on this machine in one command.
# Starts moto (serialized) unless DYNAMODB_ENDPOINT is set, creates the table, mints an
# API key for "Local Dev", and serves every route on http://127.0.0.1:${PORT:-3000}.
# Ctrl-C stops everything this script started.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
state_dir="$repo/.dev"
mkdir -p "$state_dir"

children=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

infra/bootstrap-venv.sh
cargo build --quiet -p local-server -p customers-admin

export TABLE_NAME="${TABLE_NAME:-customers}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
if [[ -z "${DYNAMODB_ENDPOINT:-}" ]]; then
  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
  rm -f "$state_dir/moto.port"
  .venv/bin/python infra/moto_server.py --port 0 --ready-file "$state_dir/moto.port" >"$state_dir/moto.log" 2>&1 &
  children+=("$!")
  for _ in $(seq 100); do [[ -s "$state_dir/moto.port" ]] && break; sleep 0.1; done
  [[ -s "$state_dir/moto.port" ]] || { echo "moto did not start; see $state_dir/moto.log" >&2; exit 1; }
  export DYNAMODB_ENDPOINT="http://127.0.0.1:$(cat "$state_dir/moto.port")"
  echo "local DynamoDB (moto, serialized) on $DYNAMODB_ENDPOINT" >&2
fi

target/debug/customers-admin create-table
key="$(target/debug/customers-admin create-api-key --business-name "Local Dev")"

port="${PORT:-3000}"
# Portal links open on this server; portal e-mails (send_email=true) are written to the
# outbox as .eml files instead of being sent.
export PORTAL_BASE_URL="${PORTAL_BASE_URL:-http://127.0.0.1:$port/portal}"
export PORTAL_OUTBOX_DIR="${PORTAL_OUTBOX_DIR:-$state_dir/outbox}"
# Local receivers listen on loopback over plain http; never set this in AWS (SSRF).
export WEBHOOKS_ALLOW_HTTP_LOOPBACK="${WEBHOOKS_ALLOW_HTTP_LOOPBACK:-true}"
PORT="$port" target/debug/local-server >"$state_dir/server.out" 2>"$state_dir/server.log" &
children+=("$!")
for _ in $(seq 100); do grep -q '^LISTENING ' "$state_dir/server.out" 2>/dev/null && break; sleep 0.1; done
base_url="$(sed -n 's/^LISTENING //p' "$state_dir/server.out")"
[[ -n "$base_url" ]] || { echo "local-server did not start; see $state_dir/server.log" >&2; exit 1; }

echo "serving every route on $base_url (logs: $state_dir/server.log); Ctrl-C stops" >&2
echo "customer portal e-mails land in $PORTAL_OUTBOX_DIR/ (one .eml file each)" >&2
echo "export DODO_PAYMENTS_BASE_URL=$base_url"
echo "export DODO_PAYMENTS_API_KEY=$key"
wait -n "${children[@]}"
