#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Measures Morgue's ranking against SQLite FTS5 on Reuters-21578 TOPICS judgements in one run
# and prints a markdown table of MAP and nDCG@10 (see bench/README.md).
# Usage: bench/relevance/run.sh [BUILD_DIR] [CORPUS_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
corpus=${2:-$root/../shared/corpora/reuters21578}
morgue=$build/cli/morgue
bench=$build/bench/relevance/morgue_relevance_bench
for program in "$morgue" "$bench"; do
  [ -x "$program" ] || { echo "no $program: build first (ninja -C $build morgue morgue_relevance_bench)" >&2; exit 2; }
done
compgen -G "$corpus/reut2-*.sgm" >/dev/null || { echo "no reut2-*.sgm in $corpus" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "indexing Reuters-21578 with morgue..." >&2
"$morgue" index --db "$work/idx" --json "$corpus"/reut2-*.sgm >"$work/index.json"
echo "building the FTS5 table..." >&2
python3 "$here/reuters_fts5.py" "$work/fts5.sqlite" "$corpus"
echo "running $(grep -vc '^#' "$here/topic_queries.tsv") queries in two modes on both engines..." >&2
per_topic=$build/bench/relevance/per_topic.tsv
"$bench" "$work/idx" "$work/fts5.sqlite" "$here/topic_queries.tsv" "$per_topic"
echo
echo "Per-topic scores: $per_topic"
