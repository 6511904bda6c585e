// SPDX-License-Identifier: GPL-2.0-or-later
// Snippets: the best sentence-aligned passage of an article for a query, matches marked.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "morgue/searcher.h"

namespace morgue::searcher {

/// The words of a query that a snippet highlights: exact (unstemmed) forms and stems.
struct SnippetTerms {
  std::unordered_set<std::string> words;
  std::unordered_set<std::string> stems;
  [[nodiscard]] bool empty() const noexcept { return words.empty() && stems.empty(); }

  /// `stemmer(word)`, remembered for the other hits of the same search: the articles of one
  /// result page share most of their words, and a stem costs about 2,000 instructions.
  [[nodiscard]] const std::string& stem_of(const std::string& word,
                                           const Xapian::Stem& stemmer) const {
    auto it = stem_cache_.find(word);
    if (it == stem_cache_.end()) it = stem_cache_.emplace(word, stemmer(word)).first;
    return it->second;
  }

 private:
  // A cache, not part of the value: filled by make_passages() through a const reference.
  // One SnippetTerms serves one search on one thread.
  mutable std::unordered_map<std::string, std::string> stem_cache_;
};

/// Collects the free-text terms of a parsed query; boolean filter terms are left out.
[[nodiscard]] SnippetTerms snippet_terms(const Xapian::Query& query);

/// Bytes of a body that snippets look at: matches further in are not seen. Keeps a snippet's
/// cost bounded for book-length documents (news articles are far shorter).
inline constexpr std::size_t kMaxSnippetScanBytes = std::size_t{64} * 1024;

/// Picks up to `count` passages of `body` (paragraphs separated by '\n'), best first. A
/// passage is a run of whole sentences of about `max_bytes`; passages do not overlap. The
/// first covers the most distinct query terms (then most matches, then earliest); each next
/// one the most terms the ones before it did not cover, then the most distinct terms. Only the
/// first may be without a match: without any match the result is the article's lead alone.
/// Every matching word is marked; adjacent matches separated only by spaces form one span, so
/// a phrase is highlighted whole. Reads at most kMaxSnippetScanBytes of the body; the cost is
/// linear in that, times `count`.
[[nodiscard]] std::vector<std::vector<SnippetSpan>> make_passages(std::string_view body,
                                                                  const SnippetTerms& terms,
                                                                  const Xapian::Stem& stemmer,
                                                                  std::size_t max_bytes,
                                                                  std::size_t count);

/// The best passage: make_passages(body, terms, stemmer, max_bytes, 1), or none.
[[nodiscard]] std::vector<SnippetSpan> make_snippet(std::string_view body,
                                                    const SnippetTerms& terms,
                                                    const Xapian::Stem& stemmer,
                                                    std::size_t max_bytes);

}  // namespace morgue::searcher
