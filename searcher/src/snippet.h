// SPDX-License-Identifier: GPL-2.0-or-later
// Snippets: the best sentence-aligned passage of an article for a query, matches marked.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "morgue/searcher.h"

namespace morgue::searcher {

/// The words of a query that a snippet highlights: exact (unstemmed) forms and stems.
struct SnippetTerms {
  std::unordered_set<std::string> words;
  std::unordered_set<std::string> stems;
  [[nodiscard]] bool empty() const noexcept { return words.empty() && stems.empty(); }
};

/// Collects the free-text terms of a parsed query; boolean filter terms are left out.
[[nodiscard]] SnippetTerms snippet_terms(const Xapian::Query& query);

/// Picks the run of whole sentences of `body` (paragraphs separated by '\n') that covers the
/// most distinct query terms within about `max_bytes`, earliest first on ties, and marks every
/// matching word; adjacent matches separated only by spaces form one span, so a phrase is
/// highlighted whole. Without any match, the article's lead. Linear in the body's length.
[[nodiscard]] std::vector<SnippetSpan> make_snippet(std::string_view body,
                                                    const SnippetTerms& terms,
                                                    const Xapian::Stem& stemmer,
                                                    std::size_t max_bytes);

}  // namespace morgue::searcher
