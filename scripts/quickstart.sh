#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's first command: install dependencies, build, index samples/archive, run a search.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default
cmake --build --preset default
build/cli/morgue index --db morgue-index samples/archive
echo
echo '$ morgue search --db morgue-index "Pompeo AND Huawei"'
build/cli/morgue search --db morgue-index "Pompeo AND Huawei"
