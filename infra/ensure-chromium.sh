#!/usr/bin/env bash
# The portal's browser tests drive Debian's Chromium (never a Playwright-downloaded
# browser), with a font so screenshots show text. Installs them when Chromium is
# missing; does nothing when it is there.
set -euo pipefail

chromium=/usr/bin/chromium
if [[ -x "$chromium" ]]; then
  exit 0
fi
sudo=()
if [[ "$(id -u)" != 0 ]]; then
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends chromium fonts-liberation
[[ -x "$chromium" ]] || { echo "chromium is still missing at $chromium after apt-get" >&2; exit 1; }
