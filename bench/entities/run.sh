#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scores the entity extractor against Reuters-21578's PLACES, PEOPLE and ORGS tags and times it.
# Usage: bench/entities/run.sh [BUILD_DIR] [-v]   (BUILD_DIR defaults to ./build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
shift || true
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" --target morgue_entities_eval
exec "$build/bench/entities/morgue_entities_eval" "$root/../shared/corpora/reuters21578" "$@"
