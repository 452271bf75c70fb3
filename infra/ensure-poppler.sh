#!/usr/bin/env bash
# The invoice tests read the PDFs with Debian's poppler-utils: pdftotext for the text,
# pdftoppm for a page image. Installs it when pdftotext is missing; does nothing when it
# is there.
set -euo pipefail

if command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
sudo=()
if [[ "$(id -u)" != 0 ]]; then
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends poppler-utils
command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext is still missing after apt-get" >&2; exit 1; }
