#!/usr/bin/env bash
# Downloads the official SAM 2.1 checkpoints (Meta's public server) into this directory, for
# machines without Java at hand. `masklet checkpoints download` does the same from the app.
#
#   ./download_ckpts.sh            # all four
#   ./download_ckpts.sh t b+       # only tiny and base_plus
#
# Interrupted downloads resume (the bytes so far stay in NAME.part); a file is renamed to its
# final name only when complete and when it opens as a PyTorch checkpoint zip. Meta publishes
# no checksums for these files, so none are checked here; the app checks every key and shape
# when it loads a checkpoint.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

BASE_URL="${SAM2_BASE_URL:-https://dl.fbaipublicfiles.com/segment_anything_2/092824}"

file_for() {
  case "$1" in
    t|tiny) echo sam2.1_hiera_tiny.pt ;;
    s|small) echo sam2.1_hiera_small.pt ;;
    b+|base_plus|base-plus) echo sam2.1_hiera_base_plus.pt ;;
    l|large) echo sam2.1_hiera_large.pt ;;
    *) echo "download_ckpts.sh: unknown size '$1' (expected t, s, b+ or l)" >&2; exit 2 ;;
  esac
}

fetch() { # URL DEST: resumable download to DEST
  if command -v curl >/dev/null 2>&1; then
    curl --fail --location --continue-at - --retry 3 --output "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget --continue --tries=3 --output-document="$2" "$1"
  else
    echo "download_ckpts.sh: please install curl or wget" >&2
    exit 2
  fi
}

looks_like_checkpoint() { # FILE: a torch.save zip has ARCHIVE/data.pkl
  if command -v unzip >/dev/null 2>&1; then
    # (no pipe into grep -q: with pipefail, unzip's SIGPIPE would fail the test)
    local listing
    listing="$(unzip -l "$1" 2>/dev/null)" || return 1
    grep -q '/data\.pkl$' <<<"$listing"
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
sys.exit(0 if any(n.endswith("/data.pkl") for n in names) else 1)
PY
  else
    echo "  (no unzip or python3: skipping the zip check of $1)" >&2
  fi
}

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(t s b+ l)
for size in "${sizes[@]}"; do
  name="$(file_for "$size")"
  if [ -f "$name" ]; then
    echo "$name: already present, skipped"
    continue
  fi
  echo "Downloading $name ..."
  fetch "$BASE_URL/$name" "$name.part" || {
    echo "download_ckpts.sh: download of $BASE_URL/$name failed; run again to resume" >&2
    exit 1
  }
  if ! looks_like_checkpoint "$name.part"; then
    echo "download_ckpts.sh: $name.part is not a PyTorch checkpoint zip; deleted it, run again" >&2
    rm -f "$name.part"
    exit 1
  fi
  mv -f "$name.part" "$name"
  echo "$name: $(wc -c <"$name") bytes"
done
