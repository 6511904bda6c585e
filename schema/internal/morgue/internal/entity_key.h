// SPDX-License-Identifier: GPL-2.0-or-later
// Name keys of entities: the normal form that Xapian entity terms and SQLite alias look-ups
// are built from, shared by the indexer (writing terms) and the searcher (parsing person:...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace morgue::entity {

/// True for a lower-case word that titles or addresses a person and is not part of a name:
/// "mr", "mrs", "ms", "dr", "sir", "president", "secretary", "minister", "chancellor", "sen",
/// "gov", "gen", ... (the honorifics and offices the extractor also recognises).
[[nodiscard]] bool is_title_word(std::string_view lower_word) noexcept;

/// The key of a name or surface form: lower-cased (ASCII letters; other UTF-8 kept), dots
/// dropped ("U.S." -> "us"), a trailing "'s" dropped, other punctuation except '@', '#' and
/// '&' turned into spaces, leading title words and "of"/"the" after them dropped ("Secretary
/// of State Mike Pompeo" -> "mike pompeo", "Mr Pompeo" -> "pompeo"), spaces collapsed; at
/// most 200 bytes. Empty when nothing is left.
[[nodiscard]] std::string name_key(std::string_view name);

/// The Xapian terms of an entity: prefix + name_key(name), and for a name of several words
/// also prefix + each word, so that `person:pompeo` matches "Mike Pompeo".
[[nodiscard]] std::vector<std::string> terms(std::string_view prefix, std::string_view name);

}  // namespace morgue::entity
