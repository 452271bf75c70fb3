#!/usr/bin/env bash
# Makes the font the invoice renderer embeds: Noto Sans Regular (Debian's fonts-noto-core,
# SIL OFL 1.1) cut down with fontTools' pyftsubset to the scripts a name on an invoice is
# written in across the portal's languages (de, en, es, fr, it, pt) and beyond: Latin with
# its extensions (Vietnamese included), Greek, Cyrillic, combining accents, punctuation
# and the currency signs. Hinting and the layout tables go (the renderer places glyphs by
# their advances and never shapes), which keeps the file, and so every invoice function's
# zip, small. Writes NotoSans-Invoice.ttf and OFL.txt beside this script; both are
# committed, so builds never run this.
#
#   shared/invoices/fonts/make-font.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../../.." && pwd)"
source_font=/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
copyright=/usr/share/doc/fonts-noto-core/copyright

if [[ ! -f "$source_font" ]]; then
  sudo=()
  [[ "$(id -u)" != 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends fonts-noto-core
fi

venv="$repo_root/target/font-venv"
if [[ ! -x "$venv/bin/pyftsubset" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check fonttools==4.56.0
fi

unicodes=(
  U+0020-007E      # ASCII
  U+00A0-024F      # Latin-1 Supplement, Latin Extended-A and -B
  U+0300-036F      # combining diacritical marks (names typed decomposed)
  U+0370-03FF      # Greek
  U+0400-04FF      # Cyrillic
  U+1E00-1EFF      # Latin Extended Additional (Vietnamese)
  U+2010-2027      # dashes, quotes, bullet, ellipsis
  U+2030-203A      # per mille, guillemets
  U+20A0-20C0      # currency signs (₹ ₽ € ₩ ...)
  U+2116 U+2122    # numero sign, trade mark
  U+2212           # minus sign
  U+FFFD           # replacement character, drawn for anything the font lacks
)
"$venv/bin/pyftsubset" "$source_font" \
  --unicodes="$(IFS=,; echo "${unicodes[*]}")" \
  --layout-features='' \
  --no-hinting \
  --drop-tables+=GSUB,GPOS,GDEF,DSIG,STAT,MVAR,HVAR \
  --name-IDs=0,1,2,3,4,5,6,13,14 \
  --notdef-outline \
  --output-file="$here/NotoSans-Invoice.ttf"

{
  echo "NotoSans-Invoice.ttf is a subset of Noto Sans Regular (Debian fonts-noto-core),"
  echo "made by make-font.sh beside this file."
  echo
  echo "Copyright 2010, 2012-2020 Google Inc.; 2015-2020 Google LLC."
  echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
  echo
  # The license text of Debian's copyright file, without its layout: its paragraphs are
  # indented by one space and a lone " ." stands for an empty line.
  # The stanza is the "License: OFL-1.1" line followed by indented text (the same line
  # also ends each Files stanza, with nothing indented after it).
  awk '/^License: OFL-1.1$/ { inside = 1; next }
       inside && /^ / { sub(/^ /, ""); print ($0 == "." ? "" : $0); next }
       { inside = 0 }' "$copyright"
} > "$here/OFL.txt"

ls -l "$here/NotoSans-Invoice.ttf"
