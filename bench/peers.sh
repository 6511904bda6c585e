#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmarks Morgue against its peers (SQLite FTS5, Sphinx, Xapian's omindex, a plain
# python3-xapian loop) on Reuters-21578 in one run: indexing time, CPU, peak RSS and size, then top-10 query
# latency batched in one process and one process per query; prints markdown tables with
# Morgue's ratio to each peer (issue 6). See bench/README.md.
#
# Usage: bench/peers.sh [BUILD_DIR] [--scale 1|10] [--corpus DIR] [--work DIR] [--repeat N]
#                       [--per-process N] [--index-runs N] [--queries FILE]
#                       [--morgue-text|--no-morgue-text] [--no-install] [--no-build]
set -euo pipefail
export LC_ALL=C  # "." in EPOCHREALTIME and awk's numbers
{  # bash reads this block whole before running it, so editing the file mid-run is harmless

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$root/build
scale=1
corpus=$root/../shared/corpora/reuters21578
work=
repeat=10        # timed passes over the query set, batched
per_process=50   # queries run one process each (evenly spread over the query set)
queries=$here/queries.tsv
install=1
do_build=1
morgue_text=  # also index the text files with Morgue; default: at scale 1 only
py=/usr/bin/python3  # Debian's python3: python3-xapian is installed for it

index_runs=   # indexing runs per engine, interleaved; the median is reported (default: 3 at
              # scale 1, 1 at scale 10)

usage() { sed -n 's/^# \{0,1\}//; 8,10p' "$0" >&2; exit 2; }
positional=0
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --per-process) per_process=$2; shift 2 ;;
    --index-runs) index_runs=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --morgue-text) morgue_text=1; shift ;;
    --no-morgue-text) morgue_text=0; shift ;;
    --no-install) install=0; shift ;;
    --no-build) do_build=0; shift ;;
    -h|--help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) [ $positional = 0 ] || usage; build=$1; positional=1; shift ;;
  esac
done
case $scale in 1|10) ;; *) echo "--scale must be 1 or 10" >&2; exit 2 ;; esac
build=$(cd "$build" && pwd)
[ -n "$morgue_text" ] || { [ "$scale" = 1 ] && morgue_text=1 || morgue_text=0; }
[ -n "$index_runs" ] || { [ "$scale" = 1 ] && index_runs=3 || index_runs=1; }
work=${work:-${TMPDIR:-/tmp}/morgue-peers-x$scale}
compgen -G "$corpus/*.sgm" >/dev/null || { echo "no .sgm files in $corpus" >&2; exit 2; }
[ -f "$queries" ] || { echo "no query file $queries" >&2; exit 2; }
log() { echo "[peers $(date +%H:%M:%S)] $*" >&2; }

# 1. Bench-only dependencies (not in scripts/install-deps.sh).
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v quest >/dev/null || missing+=(xapian-tools)
command -v omindex >/dev/null || missing+=(xapian-omega)
"$py" -c 'import xapian' 2>/dev/null || missing+=(python3-xapian)
command -v indexer >/dev/null && command -v searchd >/dev/null || missing+=(sphinxsearch)
"$py" -c 'import pymysql' 2>/dev/null || missing+=(python3-pymysql)
if [ ${#missing[@]} -gt 0 ]; then
  [ $install = 1 ] || { echo "missing packages: ${missing[*]}" >&2; exit 2; }
  log "installing ${missing[*]}"
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -q "${missing[@]}" >&2
fi

morgue=$build/cli/morgue
query_bench=$build/bench/morgue_query_bench
if [ $do_build = 1 ] && [ -f "$build/CMakeCache.txt" ]; then
  log "building morgue and morgue_query_bench in $build"
  cmake --build "$build" --target morgue morgue_query_bench >&2
fi
for program in "$morgue" "$query_bench"; do
  [ -x "$program" ] || { echo "no $program: build first (cmake --build $build --target morgue morgue_query_bench)" >&2; exit 2; }
done

mkdir -p "$work"
rm -rf "${work:?}/corpus" "$work/idx" "$work/lat" "$work/logs"
mkdir -p "$work/idx" "$work/lat" "$work/logs"
results=$work/results.md
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# 2. The same articles for every engine.
log "preparing the corpus (scale $scale) in $work/corpus"
"$py" "$here/prepare_corpus.py" "$corpus" "$work/corpus" "$scale" >&2
sgm_files=("$work"/corpus/sgm/*.sgm)
input_bytes=$(cat "${sgm_files[@]}" | wc -c)
text_bytes=$(find "$work/corpus/text" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')

# 3. Indexing, $index_runs rounds of every engine, interleaved so that a machine whose speed
# drifts (a shared VM) drifts for all alike. measure NAME INDEX_PATH COMMAND...: builds the
# index from scratch and appends "name wall cpu rss_kib bytes" to index-runs.tsv; output in
# logs/NAME.out. An exit status of 1 from morgue (some files skipped) is reported, not fatal.
: >"$work/index-runs.tsv"
measure() {
  local name=$1 path=$2 rc=0; shift 2
  log "indexing: $name (round $round of $index_runs)"
  rm -rf "$path"
  [ "$name" != sphinx ] || mkdir -p "$path"
  /usr/bin/time -f "%e %U %S %M" -o "$work/logs/$name.time" "$@" \
    >"$work/logs/$name.out" 2>"$work/logs/$name.err" || rc=$?
  if [ $rc -gt 1 ]; then
    echo "$name failed ($rc):" >&2; tail -5 "$work/logs/$name.err" >&2; exit 1
  fi
  [ $rc = 0 ] || log "$name exited with status $rc (see $work/logs/$name.err)"
  local wall user sys rss
  read -r wall user sys rss < <(tail -1 "$work/logs/$name.time")
  echo "$name $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss $(du -sb "$path" | cut -f1)" \
    >>"$work/index-runs.tsv"
}
idx=$work/idx
# Sphinx 2.2 (Debian's sphinxsearch): its indexer reads the articles from a tsvpipe command (the
# JSON decoding counts in its time, as it does for FTS5), English stemming, positions as always.
sphinx_port=$(( 20000 + RANDOM % 20000 ))
sphinx_conf=$work/sphinx.conf
cat >"$sphinx_conf" <<SPHINX
source reuters
{
  type = tsvpipe
  tsvpipe_command = $py $here/sphinx_tsv.py $work/corpus/articles.jsonl
  tsvpipe_field = title
  tsvpipe_field = body
  tsvpipe_attr_uint = date
}
index reuters
{
  source = reuters
  path = $idx/sphinx/reuters
  morphology = stem_en
}
indexer
{
  mem_limit = 256M
}
searchd
{
  listen = 127.0.0.1:$sphinx_port:mysql41
  log = $work/logs/searchd.log
  pid_file = $work/searchd.pid
  binlog_path =
}
SPHINX
for ((round = 1; round <= index_runs; round++)); do
  measure morgue "$idx/morgue" "$morgue" index --db "$idx/morgue" --json "${sgm_files[@]}"
  if [ "$morgue_text" = 1 ]; then
    measure morgue-text "$idx/morgue-text" "$morgue" index --db "$idx/morgue-text" --json "$work/corpus/text"
  fi
  measure fts5 "$idx/fts5.sqlite" "$py" "$here/index_fts5.py" "$work/corpus/articles.jsonl" "$idx/fts5.sqlite"
  measure xapian-loop "$idx/xapian-loop" "$py" "$here/index_xapian_loop.py" "$work/corpus/articles.jsonl" "$idx/xapian-loop"
  measure omindex "$idx/omindex" omindex --db "$idx/omindex" --url / --overwrite "$work/corpus/text"
  measure sphinx "$idx/sphinx" indexer --config "$sphinx_conf" --all
done
# index.tsv: per engine, its run of median wall time, and "min-max" of the wall times.
"$py" - "$work/index-runs.tsv" >"$work/index.tsv" <<'PY'
import sys
runs = {}
for line in open(sys.argv[1]):
    name, *values = line.split()
    runs.setdefault(name, []).append(values)
for name, rows in runs.items():
    rows.sort(key=lambda r: float(r[0]))
    median = rows[(len(rows) - 1) // 2]
    spread = f"{rows[0][0]}-{rows[-1][0]}" if len(rows) > 1 else "-"
    print(name, *median, spread)
PY
sphinx_version=$(indexer 2>&1 | awk 'NR == 1 { print $2 }') || true  # indexer alone exits 1

json_count() { grep -o "\"$1\":[0-9]*" "$2" | head -1 | cut -d: -f2; }
delve_count() { xapian-delve "$1" | awk '/number of documents/ { print $NF }'; }
declare -A docs
docs[morgue]=$(json_count articles_indexed "$work/logs/morgue.out")
[ "$morgue_text" = 0 ] || docs[morgue-text]=$(json_count articles_indexed "$work/logs/morgue-text.out")
docs[fts5]=$(sqlite3 "$idx/fts5.sqlite" 'SELECT count(*) FROM t')
docs[xapian-loop]=$(delve_count "$idx/xapian-loop")
docs[omindex]=$(delve_count "$idx/omindex")
docs[sphinx]=$(grep -o 'total [0-9]* docs' "$work/logs/sphinx.out" | head -1 | cut -d' ' -f2)

# 4a. Query latency, batched in one process per engine.
nqueries=$(grep -vc '^#' "$queries")
# morgue-facets needs facets in the searcher (issue 5); if it fails, its column says so.
batched=(morgue morgue-nosnippet morgue-bare morgue-facets xapian xapian-collapse fts5 sphinx)
# The engines take turns in rounds, each round a share of the timed passes: run one after
# another, a machine whose speed drifts (a shared VM) made one engine look 40% slower than
# another that it matches when interleaved.
rounds=$(( repeat < 5 ? repeat : 5 ))
for engine in "${batched[@]}"; do rm -f "$work/lat/$engine.tsv" "$work/logs/query-$engine.err"; done
searchd --config "$sphinx_conf" >"$work/logs/searchd.out" 2>&1
sleep 1
declare -A batched_failed
for ((round = 1; round <= rounds; round++)); do
  passes=$(( repeat / rounds + (round <= repeat % rounds ? 1 : 0) ))
  for engine in "${batched[@]}"; do
    [ -z "${batched_failed[$engine]:-}" ] || continue
    log "batched queries: $engine ($nqueries queries, round $round of $rounds: $passes passes)"
    if [ "$engine" = sphinx ]; then
      "$py" "$here/sphinx_queries.py" "$sphinx_port" "$queries" "$passes" >>"$work/lat/sphinx.tsv" \
        2>>"$work/logs/query-sphinx.err" ||
        { batched_failed[sphinx]=1; log "sphinx failed: $(tail -1 "$work/logs/query-sphinx.err")"; }
      continue
    fi
    target=$idx/morgue
    [ "$engine" != fts5 ] || target=$idx/fts5.sqlite
    if ! "$query_bench" "$engine" "$target" "$queries" "$passes" >>"$work/lat/$engine.tsv" \
        2>>"$work/logs/query-$engine.err"; then
      [ "$engine" = morgue-facets ] || { cat "$work/logs/query-$engine.err" >&2; exit 1; }
      batched_failed[$engine]=1
      log "$engine failed: $(tail -1 "$work/logs/query-$engine.err")"
    fi
  done
done
searchd --config "$sphinx_conf" --stopwait >>"$work/logs/searchd.out" 2>&1 || true

# 4b. One process per query. Each engine gets the query in its own syntax; run_timed appends
# "sample CLASS MICROSECONDS" (or "failed CLASS") to lat/NAME.tsv.
run_timed() {
  local name=$1 cls=$2 t0 t1; shift 2
  t0=$EPOCHREALTIME
  if "$@" </dev/null >/dev/null 2>>"$work/logs/$name.err"; then
    t1=$EPOCHREALTIME
    echo "sample	$cls	$(( ${t1/./} - ${t0/./} ))" >>"$work/lat/$name.tsv"
  else
    echo "failed	$cls" >>"$work/lat/$name.tsv"
  fi
}
# count_faults NAME COMMAND...: appends the minor page faults of one run to lat/NAME.faults. On
# a virtual machine a fresh page can cost microseconds (bench/page_cost.cpp), so the pages a
# short process touches weigh on its time as much as its instructions.
count_faults() {
  local name=$1; shift
  /usr/bin/time -f "%R" -a -o "$work/lat/$name.faults" "$@" </dev/null >/dev/null 2>&1 || true
}
quest_flags=(-m 10 -o and -f "boolean,boolean_any_case,phrase,lovehate,wildcard,pure_not" -b day:D)
per_process_pass() {  # per_process_pass RECORD(0|1): one pass over the chosen queries
  local record=$1 step n=0 i d cls words since until xq fq days sql sql_date
  step=$(( nqueries / per_process )); [ $step -ge 1 ] || step=1
  while IFS=$'\t' read -r cls words since until; do
    n=$((n + 1))
    if [ $(( (n - 1) % step )) != 0 ] || [ $(( (n - 1) / step )) -ge "$per_process" ]; then
      continue
    fi
    case $cls in
      or_*) xq=${words// / OR }; fq=$xq ;;
      phrase) xq="\"$words\""; fq=$xq ;;
      *) xq=$words; fq=${words// / AND } ;;
    esac
    local morgue_args=()
    days=""; sql_date=""
    if [ -n "$since" ]; then
      morgue_args=(--since "$since" --until "$until")
      for ((i = 0; i <= 31; i++)); do
        d=$(date -u -d "$since + $i day" +%F)
        [[ "$d" > "$until" ]] && break
        days+=" day:${d//-/}"
      done
      sql_date=" AND date BETWEEN '$since' AND '$until'"
    fi
    sql="SELECT rowid, bm25(t) FROM t WHERE t MATCH '$fq'$sql_date ORDER BY bm25(t) LIMIT 10"
    if [ "$record" = 0 ]; then  # untimed; counts each process's page faults instead
      count_faults morgue-cli "$morgue" search --db "$idx/morgue" --limit 10 "${morgue_args[@]}" "$xq"
      count_faults quest-morgue quest -d "$idx/morgue/xapian" "${quest_flags[@]}" "$xq$days"
      count_faults quest-omindex quest -d "$idx/omindex" "${quest_flags[@]}" "$xq$days"
      count_faults sqlite3-cli sqlite3 -readonly "$idx/fts5.sqlite" "$sql"
      count_faults true /bin/true
      continue
    fi
    run_timed morgue-cli "$cls" "$morgue" search --db "$idx/morgue" --limit 10 "${morgue_args[@]}" "$xq"
    run_timed quest-morgue "$cls" quest -d "$idx/morgue/xapian" "${quest_flags[@]}" "$xq$days"
    run_timed quest-omindex "$cls" quest -d "$idx/omindex" "${quest_flags[@]}" "$xq$days"
    run_timed sqlite3-cli "$cls" sqlite3 -readonly "$idx/fts5.sqlite" "$sql"
    run_timed true "$cls" /bin/true
  done < <(grep -v '^#' "$queries")
}
processes=(morgue-cli quest-morgue quest-omindex sqlite3-cli true)
log "one process per query: $per_process queries x 3 timed passes per engine"
for name in "${processes[@]}"; do rm -f "$work/lat/$name.tsv" "$work/lat/$name.faults"; done
per_process_pass 0
for _ in 1 2 3; do per_process_pass 1; done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# 5. Tables.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }  # calc FORMAT EXPRESSION
# percentiles FILE CLASS: "p50 p95 p99 n" in ms over the samples of CLASS ("all": every one).
percentiles() {
  awk -F'\t' -v c="$2" '$1 == "sample" && (c == "all" || $2 == c) { print $3 }' "$1" | sort -g |
    awk '{ v[NR] = $1 }
         function at(p,  i) { i = int(p * NR); if (i < p * NR) i++; if (i < 1) i = 1; return v[i] / 1000 }
         END { if (NR == 0) print "- - - 0"; else printf "%.3f %.3f %.3f %d\n", at(0.50), at(0.95), at(0.99), NR }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }
classes=$(grep -v '^#' "$queries" | cut -f1 | awk '!seen[$0]++')
label="Reuters-21578"
[ "$scale" = 1 ] || label="SYNTHETIC Reuters-21578 x$scale (each copy: ids + c*100000, dates + c years, marker word synthcopy<c>)"
{
  echo "## Morgue and its peers: $label"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average $load_start at start, $load_end at end; Morgue $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo '+uncommitted changes'); Xapian $(quest --version | awk '{ print $NF }'), SQLite $(sqlite3 --version | cut -d' ' -f1)."
  echo "Input: ${#sgm_files[@]} SGML files, $(calc %.1f "$input_bytes / 1e6") MB (Morgue's input); the same articles as $(calc %.1f "$text_bytes / 1e6") MB of text files and JSON Lines for the peers."
  echo "Command: \`bench/peers.sh $build --scale $scale --repeat $repeat --per-process $per_process --index-runs $index_runs\`"
  echo
  echo "### Indexing"
  echo
  echo "Ratios are peer / Morgue (SGML): above 1 Morgue is faster or smaller, below 1 the peer is. Each engine built its index $index_runs time(s), the engines taking turns; a row is the run of median wall time (the range of all runs in brackets), and the ratios compare medians."
  echo
  echo "| engine | input | articles | wall s | CPU s | peak RSS MiB | index MB | wall ratio | CPU ratio | RSS ratio | size ratio |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  read -r _ m_wall m_cpu m_rss m_size _ < <(grep '^morgue ' "$work/index.tsv")
  while read -r name wall cpu rss size spread; do
    case $name in
      morgue) what="Morgue (\`morgue index\`)"; input="SGML" ;;
      morgue-text) what="Morgue (\`morgue index\`)"; input="text files" ;;
      fts5) what="SQLite FTS5, porter (python3 sqlite3, one transaction)"; input="JSONL" ;;
      xapian-loop) what="python3-xapian TermGenerator loop"; input="JSONL" ;;
      omindex) what="Xapian omindex"; input="text files" ;;
      sphinx) what="Sphinx $sphinx_version indexer (tsvpipe, stem_en)"; input="JSONL" ;;
    esac
    range=; [ "$spread" = - ] || range=" ($spread)"
    echo "| $what | $input | ${docs[$name]} | $wall$range | $cpu | $(calc %.0f "$rss / 1024") | $(calc %.1f "$size / 1e6") | $(ratio "$wall" "$m_wall") | $(ratio "$cpu" "$m_cpu") | $(ratio "$rss" "$m_rss") | $(ratio "$size" "$m_size") |"
  done <"$work/index.tsv"
  echo
  echo "### Query latency, batched in one process (ms, top 10)"
  echo
  echo "\`morgue_query_bench\`: $nqueries queries (bench/queries.tsv), $repeat timed passes in $rounds rounds, the engines taking turns (each round: one warm-up pass, then its share of the passes); p50 / p95 / p99 over every timed run. morgue: \`Searcher::search\` with snippets (default 240 bytes); morgue-nosnippet: \`snippet_bytes = 0\`; morgue-bare: no snippet and no spelling suggestion (\`suggest = false\`), the core search; morgue-facets: snippets and the facets month, topic and place_tag (a full answer); xapian: a plain QueryParser + Enquire loop on Morgue's own Xapian store reading each hit's document data; xapian-collapse: the same, collapsing duplicates on Morgue's slot 1 as Morgue does by default; fts5: \`bm25()\` ORDER BY, LIMIT 10, prepared once; sphinx: searchd over SphinxQL from one python3-pymysql connection (\`SELECT id, WEIGHT() ... WHERE MATCH(...) LIMIT 10\`, default ranker), so its times include a local MySQL-protocol round trip and Python."
  echo
  header="| class | n |"; rule="|---|---:|"
  for engine in "${batched[@]}"; do header+=" $engine |"; rule+="---:|"; done
  echo "$header"; echo "$rule"
  for cls in $classes all; do
    row=""; n=""
    for engine in "${batched[@]}"; do
      read -r p50 p95 p99 count < <(percentiles "$work/lat/$engine.tsv" "$cls")
      row+=" $p50 / $p95 / $p99 |"; [ "$count" = 0 ] || n=$((count / repeat))
    done
    echo "| $cls | $n |$row"
  done
  echo
  echo "Ratios peer / Morgue at p50 and p95 (above 1: Morgue is faster):"
  echo
  echo "| class | xapian / morgue | xapian / morgue-bare | xapian-collapse / morgue-bare | fts5 / morgue | fts5 / morgue-facets | sphinx / morgue | sphinx / morgue-facets |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for cls in $classes all; do
    declare -A p50s=() p95s=()
    for engine in "${batched[@]}"; do
      read -r p50 p95 _ _ < <(percentiles "$work/lat/$engine.tsv" "$cls")
      p50s[$engine]=$p50; p95s[$engine]=$p95
    done
    pair() { echo "$(ratio "${p50s[$1]}" "${p50s[$2]}") / $(ratio "${p95s[$1]}" "${p95s[$2]}")"; }
    echo "| $cls | $(pair xapian morgue) | $(pair xapian morgue-bare) | $(pair xapian-collapse morgue-bare) | $(pair fts5 morgue) | $(pair fts5 morgue-facets) | $(pair sphinx morgue) | $(pair sphinx morgue-facets) |"
  done
  echo
  echo "Hits returned (warm-up pass; top 10 at most): queries with no hit, and total hits, per engine:"
  echo
  for engine in "${batched[@]}"; do
    if grep -q '^query' "$work/lat/$engine.tsv"; then
      awk -F'\t' -v e="$engine" '$1 == "query" && !seen[$2]++ { n++; h += $4; if ($4 == 0) z++ }
        END { printf "- %s: %d of %d queries without hits, %d hits\n", e, z, n, h }' "$work/lat/$engine.tsv"
    else
      echo "- $engine: did not run: $(tail -1 "$work/logs/query-$engine.err")"
    fi
  done
  echo
  echo "### One process per query (ms, top 10)"
  echo
  echo "$per_process queries spread over the set, one untimed pass, then 3 timed passes: the wall time of the whole process (start, open, answer, print to /dev/null), measured by bash's \$EPOCHREALTIME around it; \`/bin/true\` is the floor, the cost of starting a process at all. quest: \`quest ${quest_flags[*]}\` (date filter as OR'ed day terms); sqlite3: the shell, read-only."
  echo
  echo "| program | runs | failed | p50 | p95 | p99 | p50 ratio | p95 ratio | page faults, median |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  read -r c50 c95 _ _ < <(percentiles "$work/lat/morgue-cli.tsv" all)
  for name in "${processes[@]}"; do
    case $name in
      morgue-cli) what="\`morgue search\`" ;;
      quest-morgue) what="\`quest\` on Morgue's Xapian store" ;;
      quest-omindex) what="\`quest\` on omindex's database" ;;
      sqlite3-cli) what="\`sqlite3\` shell on the FTS5 table" ;;
      true) what="\`/bin/true\` (the cost of starting any process here)" ;;
    esac
    read -r p50 p95 p99 count < <(percentiles "$work/lat/$name.tsv" all)
    failed=$(grep -c '^failed' "$work/lat/$name.tsv" || true)
    faults=$(grep -E '^[0-9]+$' "$work/lat/$name.faults" 2>/dev/null | sort -n |
      awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }')
    echo "| $what | $count | $failed | $p50 | $p95 | $p99 | $(ratio "$p50" "$c50") | $(ratio "$p95" "$c95") | $faults |"
  done
  echo
  echo "Per class, p50 (ms):"
  echo
  header="| class |"; rule="|---|"
  for name in "${processes[@]}"; do header+=" $name |"; rule+="---:|"; done
  echo "$header"; echo "$rule"
  for cls in $classes; do
    row=""
    for name in "${processes[@]}"; do
      read -r p50 _ _ _ < <(percentiles "$work/lat/$name.tsv" "$cls")
      row+=" $p50 |"
    done
    echo "| $cls |$row"
  done
} >"$results"
cat "$results"
echo
echo "Results: $results (indexes, logs and raw samples in $work)"
exit
}
