#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs Morgue's build and test dependencies from Debian (bookworm). Idempotent and
# non-interactive; packages already present are left as they are.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libxapian-dev            # the search engine library
  libsqlite3-dev           # the entity/article store
  libboost-program-options-dev
  catch2                   # Catch2 2.x, the test framework
  libxml2-dev              # HTML parsing
  nlohmann-json3-dev       # JSON output
  libxxhash-dev            # content hashes
  xapian-tools             # xapian-check, quest, xapian-tcpsrv for inspection and tests
  doxygen                  # the API reference (a test checks it builds without warnings)
  libarchive-dev           # tar/zip archives and gz/bz2/xz/zst files, read member by member
  zlib1g-dev               # gzip/deflate HTTP bodies inside WARC records
  libuchardet-dev          # charset detection for text with no declared encoding
  libcld2-dev              # language detection (CLD2) to pick the stemmer
  iso-codes tzdata         # entity gazetteers: countries, subdivisions, tz cities
  wamerican                # /usr/share/dict/words: common words are not names ("Visited Iraq")
  libjemalloc-dev          # morgue-index's allocator: a faster bulk build (cmake/MorgueDependencies.cmake)
  clang-tidy               # scripts/tidy.sh: the checks of .clang-tidy, run by CI
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
