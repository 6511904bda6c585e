#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fails unless a Morgue shared library exports exactly its public API (docs/embedding.md).
#
# usage: check_exports.sh LIBRARY REQUIRED_SYMBOL...
#
# The rule, for every dynamic symbol the library defines (nm -D --defined-only):
#   - A symbol of Morgue's must be public API: a C function of morgue.h ("morgue_" prefix), or
#     in namespace morgue a member of a class marked MORGUE_API (Searcher, Indexer, Error;
#     private members included, as exporting a class exports all of it, but nothing of a
#     hidden Impl), the typeinfo and vtable of those classes, morgue::to_string(ErrorCode), or
#     a function of morgue::json. A std:: instantiation over a Morgue type counts as Morgue's.
#   - Any other symbol must be a vague-linkage one (nm type W, V or u: template
#     instantiations of the standard library, typeinfo of Xapian's exception classes that
#     Morgue catches, static locals of inline library functions). The C++ ABI makes these
#     process-wide whatever the visibility, and they carry no Morgue code.
#   - So every strong definition (T, D, B, R...) is Morgue's public API, and nothing of
#     Morgue's internals (morgue::store::, morgue::searcher::, ...), Xapian, SQLite, xxHash or
#     nlohmann can be called through the library.
# Each REQUIRED_SYMBOL (demangled, matched as a prefix) must be exported too, so that a lost
# MORGUE_API fails as well.
set -euo pipefail

lib=$1
shift
[ -f "$lib" ] || { echo "check_exports: no library $lib" >&2; exit 1; }

api_re='^(morgue::(Searcher|Indexer|EntityStore|Error)::|(typeinfo|typeinfo name|vtable) for morgue::(Searcher|Indexer|EntityStore|Error)$|morgue::to_string\(morgue::ErrorCode\)$|morgue::json::[a-z_]+(\[abi:cxx11\])?\()'
impl_re='^morgue::[A-Za-z]+::Impl::'

bad=()
exported=()
vague=0
while read -r type mangled; do
  if [[ "$mangled" == morgue_* ]]; then
    exported+=("$mangled")
    continue
  fi
  demangled=$(c++filt "$mangled")
  if [[ "$mangled" == *6morgue* ]]; then
    exported+=("$demangled")
    if [[ ! "$demangled" =~ $api_re ]] || [[ "$demangled" =~ $impl_re ]]; then
      bad+=("$type $demangled")
    fi
  elif [[ "$type" == [WVu] ]]; then
    vague=$((vague + 1))
  else
    bad+=("$type $demangled")
  fi
done < <(nm -D --defined-only "$lib" | awk '{print $(NF-1), $NF}')

missing=()
for required in "$@"; do
  found=0
  for e in "${exported[@]}"; do
    if [[ "$e" == "$required"* ]]; then found=1; break; fi
  done
  [ "$found" -eq 1 ] || missing+=("$required")
done

status=0
if [ ${#bad[@]} -gt 0 ]; then
  echo "$(basename "$lib") exports symbols outside the public API:"
  printf '  %s\n' "${bad[@]}"
  status=1
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "$(basename "$lib") does not export these public API symbols:"
  printf '  %s\n' "${missing[@]}"
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "$(basename "$lib"): ${#exported[@]} public API symbols and $vague vague-linkage ones"
fi
exit "$status"
