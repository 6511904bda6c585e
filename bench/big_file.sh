#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Memory of indexing one large file (issue 6: "a single 1 GB file streams"). Builds a SYNTHETIC
# JSON Lines file of about SIZE_MB from Reuters-21578 (the articles of bench/prepare_corpus.py,
# repeated with new ids), its gzip'ed copy, a CSV, a JSON array, a JSON wrapper object
# ({"status": "ok", "articles": [...]}) and an RSS feed of the same articles, and a .tar.gz
# holding the JSON Lines file, then indexes each (or those named in FILES) with `morgue index
# --piece-mb 8` (in pieces, the default) and with the whole file as one piece, and prints wall
# time and peak RSS of each. Read whole, a .gz or .tar.gz is held compressed and decompressed at
# once.
#
#   bench/big_file.sh [BUILD_DIR] [SIZE_MB] [FILES]   (defaults: build, 256, all: big.jsonl,
#                       big.jsonl.gz,big.csv,big.json,big.wrapped.json,big.rss,big.tar.gz)
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build}
size_mb=${2:-256}
files=${3:-big.jsonl,big.jsonl.gz,big.csv,big.json,big.wrapped.json,big.rss,big.tar.gz}
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$py" "$here/prepare_corpus.py" "$root/../shared/corpora/reuters21578" "$work/corpus" 1 >/dev/null
"$py" - "$work/corpus/articles.jsonl" "$work/big.jsonl" "$size_mb" <<'PY'
import json, sys
source, target, size = sys.argv[1], sys.argv[2], int(sys.argv[3]) << 20
lines = open(source, encoding="utf-8").read().splitlines()
written, copy = 0, 0
with open(target, "w", encoding="utf-8") as out:
    while written < size:
        for line in lines:
            a = json.loads(line)
            a["id"] = f"synthetic-{copy}-{a['id']}"
            text = json.dumps(a) + "\n"
            out.write(text)
            written += len(text.encode("utf-8"))
            if written >= size:
                break
        copy += 1
PY
"$py" - "$work/big.jsonl" "$work/big.csv" <<'PY'
import csv, json, sys
with open(sys.argv[1], encoding="utf-8") as source, \
        open(sys.argv[2], "w", encoding="utf-8", newline="") as target:
    out = csv.writer(target)  # quotes fields with commas, quotes and line breaks (bodies)
    out.writerow(["id", "title", "date", "body"])
    for line in source:
        a = json.loads(line)
        out.writerow([a["id"], a.get("title", ""), a.get("date", ""), a.get("body", "")])
PY
# The JSON Lines records as one JSON array, between HEAD and TAIL: a plain array, and the records
# array of a wrapper object.
json_array() {  # json_array TARGET HEAD TAIL
  "$py" - "$work/big.jsonl" "$@" <<'PY'
import sys
source_path, target, head, tail = sys.argv[1:]
with open(source_path, encoding="utf-8") as source, open(target, "w", encoding="utf-8") as out:
    out.write(head + "[\n")
    for n, line in enumerate(source):
        out.write((",\n" if n else "") + line.rstrip("\n"))
    out.write("\n]" + tail + "\n")
PY
}
json_array "$work/big.json" "" ""
json_array "$work/big.wrapped.json" '{"status": "ok", "source": "SYNTHETIC", "articles": ' \
  ', "page": 1}'
"$py" - "$work/big.jsonl" "$work/big.rss" <<'PY'
import json, sys
from xml.sax.saxutils import escape
with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
              '<title>SYNTHETIC Reuters-21578 feed</title>\n')
    for line in source:
        a = json.loads(line)
        out.write(f"<item><guid>{escape(a['id'])}</guid><title>{escape(a.get('title', ''))}</title>"
                  f"<description>{escape(a.get('body', ''))}</description></item>\n")
    out.write("</channel></rss>\n")
PY
gzip -1 -k "$work/big.jsonl"
tar -C "$work" -cf - big.jsonl | gzip -1 >"$work/big.tar.gz"
bytes=$(stat -c %s "$work/big.jsonl")
articles=$(wc -l <"$work/big.jsonl")
echo "SYNTHETIC JSON Lines file: $bytes bytes ($(stat -c %s "$work/big.jsonl.gz") gzip'ed, $(stat -c %s "$work/big.tar.gz") as .tar.gz; $(stat -c %s "$work/big.csv") as CSV, $(stat -c %s "$work/big.json") as a JSON array, $(stat -c %s "$work/big.wrapped.json") as a wrapper object, $(stat -c %s "$work/big.rss") as RSS), $articles articles (Reuters-21578 repeated with new ids)"
echo
echo "| file | read as | wall s | peak RSS MB |"
echo "|---|---|---:|---:|"
for file in ${files//,/ }; do
  for piece in 8 $(( size_mb * 2 )); do
    rm -rf "$work/db"
    /usr/bin/time -f "%e %M" -o "$work/time" "$build/cli/morgue" index --db "$work/db" \
      --piece-mb "$piece" "$work/$file" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r wall rss <"$work/time"
    what="pieces of $piece MB"; [ "$piece" = 8 ] || what="one piece (the whole file)"
    echo "| $file | $what | $wall | $(( rss / 1024 )) |"
  done
done
