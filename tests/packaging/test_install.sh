#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs a Morgue build into a temporary prefix and builds samples/embed against it, with
# CMake (find_package) and with pkg-config, then runs both on an index made by the installed
# `morgue`. Also checks the installed headers: only the public ones, none including Xapian,
# SQLite, Boost or nlohmann. Run by ctest (tests/packaging/CMakeLists.txt).
#
# usage: test_install.sh --build-dir DIR --source-dir DIR [--cmake CMAKE] [--cxx CXX] [--cc CC]
#                        [--flags "COMPILER FLAGS"]
set -euo pipefail

build_dir="" source_dir="" cmake=cmake cxx=c++ cc=cc flags=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2 ;;
    --source-dir) source_dir=$2 ;;
    --cmake) cmake=$2 ;;
    --cxx) cxx=$2 ;;
    --cc) cc=$2 ;;
    --flags) flags=$2 ;;
    *) echo "test_install: unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ -n "$build_dir" ] && [ -n "$source_dir" ] || { echo "test_install: need --build-dir and --source-dir" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/morgue-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

step() { echo "== $*"; }
fail() { echo "test_install: FAILED: $*" >&2; exit 1; }

step "cmake --install into $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }

step "installed headers are the public ones"
expected="article.h entities.h error.h export.h indexer.h json_output.h morgue.h searcher.h"
actual=$(cd "$prefix/include/morgue" && ls | sort | tr '\n' ' ' | sed 's/ $//')
[ "$actual" = "$expected" ] || fail "include/morgue holds '$actual', expected '$expected'"
[ ! -e "$prefix/include/morgue/internal" ] || fail "internal headers were installed"
if grep -nE '#include [<"](xapian|sqlite3|boost/|nlohmann/)' "$prefix"/include/morgue/*.h; then
  fail "a public header includes a dependency's header"
fi

step "installed libraries carry a versioned SONAME"
libdir=$(dirname "$(find "$prefix" -name 'libmorgue_searcher.so' | head -n1)")
[ -n "$libdir" ] && [ -d "$libdir" ] || fail "libmorgue_searcher.so not installed"
for lib in morgue_searcher morgue_indexer; do
  soname=$(objdump -p "$libdir/lib$lib.so" | awk '/SONAME/ {print $2}')
  [ "$soname" = "lib$lib.so.0.1" ] || fail "lib$lib.so has SONAME '$soname'"
  [ -L "$libdir/lib$lib.so" ] || fail "lib$lib.so is not a symlink to the versioned file"
done

step "the installed morgue indexes samples/archive"
"$prefix/bin/morgue" index --db "$tmp/index" "$source_dir/samples/archive" >"$tmp/index.log" 2>&1 || { cat "$tmp/index.log"; fail "morgue index"; }
title="Huawei and Iran expected to be on agenda as May meets US secretary of state"

step "samples/embed with find_package(Morgue)"
"$cmake" -S "$source_dir/samples/embed" -B "$tmp/embed-cmake" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; fail "configuring samples/embed"; }
"$cmake" --build "$tmp/embed-cmake" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "building samples/embed"; }
out=$("$tmp/embed-cmake/embed" "$tmp/index" Pompeo AND Huawei) || fail "embed (CMake) exited $?"
echo "$out"
grep -qF "1. $title" <<<"$out" || fail "embed (CMake) did not find the seed article"

step "samples/embed with pkg-config"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pkg-config --exists --print-errors morgue || fail "pkg-config does not know morgue"
pc_version=$(pkg-config --modversion morgue)
cmake_version=$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")$/\1/p' "$libdir/cmake/Morgue/MorgueConfigVersion.cmake")
[ "$pc_version" = "$cmake_version" ] || fail "pkg-config says $pc_version, CMake says $cmake_version"
# shellcheck disable=SC2046,SC2086
"$cxx" -std=c++20 $flags -o "$tmp/embed-pc" "$source_dir/samples/embed/embed.cpp" $(pkg-config --cflags --libs morgue) \
  || fail "building embed.cpp with pkg-config"
out=$(LD_LIBRARY_PATH="$libdir" "$tmp/embed-pc" "$tmp/index" Pompeo AND Huawei) || fail "embed (pkg-config) exited $?"
grep -qF "1. $title" <<<"$out" || fail "embed (pkg-config) did not find the seed article"
err=$(LD_LIBRARY_PATH="$libdir" "$tmp/embed-pc" "$tmp/index" 'Pompeo AND (' 2>&1) && fail "a bad query succeeded"
grep -q "embed: bad_query" <<<"$err" || fail "morgue::Error was not caught across the library boundary: $err"

step "morgue.h compiles as C and links with pkg-config"
cat >"$tmp/c_api.c" <<'C'
#include <morgue/morgue.h>
#include <stdio.h>
#include <string.h>
int main(void) {
  morgue_searcher* s = NULL;
  if (morgue_c_api_version() != MORGUE_C_API_VERSION) return 1;
  if (morgue_searcher_open("/nonexistent/morgue-index", &s) != MORGUE_NOT_FOUND || s != NULL) return 1;
  if (strstr(morgue_last_error_message(), "no index at") == NULL) return 1;
  printf("C API %d, library %s\n", morgue_c_api_version(), morgue_version());
  return 0;
}
C
# shellcheck disable=SC2046,SC2086
"$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror $flags -o "$tmp/c_api" "$tmp/c_api.c" $(pkg-config --cflags --libs morgue) \
  || fail "building a C program with pkg-config"
LD_LIBRARY_PATH="$libdir" "$tmp/c_api" || fail "the C program failed"

step "ok"
