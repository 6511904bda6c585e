#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Measures near-duplicate clustering precision and recall on edited Reuters-21578 copies.
# Usage: bench/neardup/run.sh [BUILD_DIR] [morgue_neardup_bench options]   (BUILD_DIR: ./build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
shift || true
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" --target morgue_neardup_bench
exec "$build/bench/neardup/morgue_neardup_bench" "$root/../shared/corpora/reuters21578" "$@"
