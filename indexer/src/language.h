// SPDX-License-Identifier: GPL-2.0-or-later
// Guessing an article's language (CLD2) and the Xapian stemmer that suits it.
#pragma once

#include <string>
#include <string_view>

namespace morgue::indexer {

/// The ISO 639-1 code ("en", "de", "ru") of the language of `utf8_text`, or empty when CLD2 is
/// not confident or the text has fewer than about 200 bytes of letters; callers then assume
/// English. Reads at most the first 16 KiB. Invalid UTF-8 gives empty. Never throws except
/// std::bad_alloc. Thread-safe.
[[nodiscard]] std::string detect_language(std::string_view utf8_text);

/// The name of Xapian's Snowball stemmer for an ISO 639-1 code ("de" -> "german"), or empty
/// when Xapian 1.4 has none for that language. Case-insensitive.
[[nodiscard]] std::string_view snowball_stemmer_for(std::string_view iso639_1) noexcept;

}  // namespace morgue::indexer
