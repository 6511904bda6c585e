#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs clang-tidy (the checks of .clang-tidy) over Morgue's libraries and programs, using the
# compile commands of a configured build, and fails when it reports anything.
#
#   scripts/tidy.sh [BUILD_DIR]   (default: build; configure it first, e.g. cmake --preset ci)
#
# Tests and benchmarks are not checked: they use Catch2's macros and C-style test data freely.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
[ -f "$build/compile_commands.json" ] || {
  echo "tidy: no $build/compile_commands.json; configure the build first" >&2
  exit 2
}
command -v run-clang-tidy >/dev/null || {
  echo "tidy: run-clang-tidy not found (apt-get install clang-tidy)" >&2
  exit 2
}

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The files' paths in compile_commands.json are absolute: match the project's directories.
run-clang-tidy -p "$build" -j "$(nproc)" -quiet "$PWD/(common|schema|indexer|searcher|cli)/" \
  >"$log" 2>&1 || true
# One finding per line, without colours; a header included by many files is reported once.
findings=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^/.*: (warning|error): ' | sort -u || true)
files=$(grep -c '^clang-tidy' "$log" || true)
if [ -n "$findings" ]; then
  echo "$findings"
  echo "tidy: $(echo "$findings" | wc -l) finding(s) in $files files" >&2
  exit 1
fi
if ! grep -q '^clang-tidy' "$log"; then
  cat "$log" >&2
  echo "tidy: clang-tidy checked no file" >&2
  exit 1
fi
echo "tidy: $files files, no finding"
