#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A/B timing of two (or more) morgue-index binaries on the same corpus, runs interleaved so that
# a machine whose speed drifts (a shared VM) drifts for all of them alike. Prints, per binary,
# the median and range of wall, user and system seconds and of peak RSS.
#
#   bench/ab_index.sh [--runs N] [--corpus DIR] BINARY_A BINARY_B [...] [-- INDEX OPTIONS]
#
# Keep copies of the binaries to compare (cp build/cli/morgue-index /tmp/mi-before): a rebuild
# replaces them in place.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs=5
corpus="$root/../shared/corpora/reuters21578"
binaries=()
options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --) shift; options=("$@"); break ;;
    *) binaries+=("$1"); shift ;;
  esac
done
[ ${#binaries[@]} -ge 1 ] || { echo "usage: $0 [--runs N] [--corpus DIR] BINARY... [-- OPTIONS]" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for ((r = 1; r <= runs; r++)); do
  for i in "${!binaries[@]}"; do
    rm -rf "$work/db"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
      "${binaries[$i]}" --db "$work/db" "${options[@]}" "$corpus" >/dev/null 2>"$work/stderr" ||
      { cat "$work/stderr" >&2; exit 1; }
    echo "$(cat "$work/time")" >>"$work/runs.$i"
  done
done

echo "$runs interleaved runs each on $corpus; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| binary | wall s median (range) | user s | sys s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|"
for i in "${!binaries[@]}"; do
  /usr/bin/python3 - "$work/runs.$i" "${binaries[$i]}" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
cols = list(zip(*rows))
def cell(values, scale=1.0):
    values = [v * scale for v in values]
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"
print(f"| {sys.argv[2]} | {cell(cols[0])} | {cell(cols[1])} | {cell(cols[2])} | {cell(cols[3], 1 / 1024):s} |")
PY
done
