#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# How a bulk build's time grows with the archive (issue 6: at most 11x for 10x the articles):
# builds Reuters-21578 at scale 1 and its 10x synthetic replica (bench/prepare_corpus.py) with
# the same morgue-index, alternating 1, 10, 1, 10, ..., 1 in one sitting so that a machine whose
# speed drifts drifts for both, and prints each run and the ratio of the medians.
#
#   bench/scale_ratio.sh [--pairs N] [--work DIR] [--corpus DIR] [BINARY] [-- INDEX OPTIONS]
#
# BINARY defaults to build/cli/morgue-index. N pairs (default 2) make N scale-10 runs and N + 1
# scale-1 runs. The corpora are prepared once in DIR (default /tmp/morgue-scale-ratio) and kept.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
pairs=2
work=${TMPDIR:-/tmp}/morgue-scale-ratio
corpus="$root/../shared/corpora/reuters21578"
binary="$root/build/cli/morgue-index"
options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --) shift; options=("$@"); break ;;
    -*) sed -n 's/^# \{0,1\}//; 8,11p' "$0" >&2; exit 2 ;;
    *) binary="$1"; shift ;;
  esac
done
[ -x "$binary" ] || { echo "no $binary: build first" >&2; exit 2; }
compgen -G "$corpus/*.sgm" >/dev/null || { echo "no .sgm files in $corpus" >&2; exit 2; }

for scale in 1 10; do
  if ! compgen -G "$work/x$scale/sgm/*.sgm" >/dev/null; then
    echo "preparing scale $scale in $work/x$scale" >&2
    /usr/bin/python3 "$root/bench/prepare_corpus.py" "$corpus" "$work/x$scale" "$scale" >&2
  fi
done

: >"$work/runs.tsv"
run() {  # run SCALE
  rm -rf "$work/db"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
    "$binary" --db "$work/db" "${options[@]}" "$work/x$1/sgm" >/dev/null 2>"$work/stderr" ||
    { cat "$work/stderr" >&2; exit 1; }
  echo "$1 $(cat "$work/time")" >>"$work/runs.tsv"
  echo "scale $1: $(cat "$work/time") (wall s, user s, sys s, peak RSS KB)" >&2
}
run 1
for ((p = 1; p <= pairs; p++)); do
  run 10
  run 1
done
rm -rf "$work/db"

echo "$binary, $pairs scale-10 and $((pairs + 1)) scale-1 runs alternating; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
/usr/bin/python3 - "$work/runs.tsv" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    scale, wall, user, sys_s, rss = line.split()
    runs.setdefault(scale, []).append((float(wall), float(user), float(sys_s), float(rss) / 1024))
print("| scale | wall s median (range) | user s | sys s | peak RSS MB |")
print("|---|---:|---:|---:|---:|")
for scale in ("1", "10"):
    cols = list(zip(*runs[scale]))
    cells = [f"{statistics.median(c):.2f}" for c in cols]
    cells[0] += f" ({min(cols[0]):.2f}-{max(cols[0]):.2f})"
    print(f"| {scale} | " + " | ".join(cells) + " |")
med = {s: statistics.median(r[0] for r in runs[s]) for s in runs}
print()
print(f"Scale 10 / scale 1, wall: {med['10'] / med['1']:.2f}x (target: at most 11x)")
PY
