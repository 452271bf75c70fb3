#!/usr/bin/env bash
# Create (or refresh) the repo's Python virtualenv at .venv from infra/requirements.txt.
#
# Idempotent: .venv/.requirements.sha256 records the sha256 of requirements.txt
# (and the interpreter's version) of the last successful install; when it still
# matches, this prints nothing and exits 0 at once.
#
#   infra/bootstrap-venv.sh          # create/update .venv
#   PYTHON=python3.11 infra/bootstrap-venv.sh
#   infra/bootstrap-venv.sh --force  # reinstall even if the stamp matches
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo_root/.venv"
requirements="$repo_root/infra/requirements.txt"
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"

force=0
if [[ "${1:-}" == "--force" ]]; then force=1; fi

if ! command -v "$python" >/dev/null 2>&1; then
  echo "bootstrap-venv: $python not found" >&2
  exit 1
fi

want="$(sha256sum "$requirements" | cut -d' ' -f1) $("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"

# Fast path: the venv works and was installed from exactly this requirements file.
if [[ $force -eq 0 && -f "$stamp" && -x "$venv/bin/python" ]] \
   && [[ "$(cat "$stamp")" == "$want" ]] \
   && "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  exit 0
fi

# A venv whose interpreter no longer runs (or was made by another Python) is rebuilt.
if [[ -d "$venv" ]] && ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  echo "bootstrap-venv: $venv is broken; recreating it" >&2
  rm -rf "$venv"
fi
if [[ -x "$venv/bin/python" ]] && [[ "$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" \
      != "$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" ]]; then
  echo "bootstrap-venv: $venv was made by another Python; recreating it" >&2
  rm -rf "$venv"
fi

if [[ ! -x "$venv/bin/python" ]]; then
  echo "bootstrap-venv: creating $venv with $("$python" --version 2>&1)" >&2
  "$python" -m venv "$venv"
fi

echo "bootstrap-venv: installing infra/requirements.txt into .venv" >&2
rm -f "$stamp"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
echo "$want" > "$stamp"
echo "bootstrap-venv: done" >&2
