#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Indexes all of Reuters-21578 with the built `morgue` and reports articles/s, MB/s, peak RSS,
# index size, and the time of a no-change re-run (which should be a small fraction of the
# first). Usage: bench/index_reuters.sh [BUILD_DIR] [CORPUS_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
corpus=${2:-$here/../shared/corpora/reuters21578}
morgue=$build/cli/morgue
[ -x "$morgue" ] || { echo "no $morgue: build first (cmake --preset default && cmake --build --preset default)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bytes=$(cat "$corpus"/*.sgm | wc -c)
calc() { awk "BEGIN { printf \"$1\", $2 }"; }  # calc FORMAT EXPRESSION

run() {  # run NAME ARGS...: wall seconds, CPU seconds and peak RSS of one morgue run
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$morgue" "$@" --json >"$work/$name.json"
  read -r wall user sys rss <"$work/$name.time"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss"
}

read -r first_wall first_cpu first_rss < <(run first index --db "$work/idx" "$corpus"/*.sgm)
articles=$(grep -o '"articles_indexed":[0-9]*' "$work/first.json" | cut -d: -f2)
read -r again_wall again_cpu again_rss < <(run again index --db "$work/idx" "$corpus"/*.sgm)
unchanged=$(grep -o '"files_unchanged":[0-9]*' "$work/again.json" | cut -d: -f2)
size=$(du -sb "$work/idx" | cut -f1)

echo "## Reuters-21578 indexing ($(nproc) cores, $(date -u +%Y-%m-%d))"
echo
echo "| measure | value |"
echo "|---|---|"
echo "| articles | $articles |"
echo "| input | $(calc %.1f "$bytes / 1e6") MB in 22 files |"
echo "| first run, wall | ${first_wall} s |"
echo "| first run, CPU | ${first_cpu} s |"
echo "| articles/s | $(calc %.0f "$articles / $first_wall") |"
echo "| MB/s | $(calc %.2f "$bytes / 1e6 / $first_wall") |"
echo "| peak RSS | $((first_rss / 1024)) MiB |"
echo "| index size (Xapian + SQLite) | $(calc %.1f "$size / 1e6") MB |"
echo "| no-change re-run, wall | ${again_wall} s ($unchanged files unchanged) |"
echo "| re-run / first run | $(calc %.3f "$again_wall / $first_wall") |"
