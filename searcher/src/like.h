// SPDX-License-Identifier: GPL-2.0-or-later
// "More like this": a query made of the terms that best characterise one article.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace morgue::searcher {

/// Largest number of terms a more-like-this query is made of.
inline constexpr Xapian::termcount kMaxLikeTerms = 40;

/// The query for articles similar to one article, and what it is made of.
struct LikeQuery {
  /// OP_OR of the article's best expand terms (Enquire::get_eset over an RSet holding the
  /// article; prefixed and boolean terms, stems, numbers, short and stop words left out),
  /// OP_AND_NOT the article's own id term.
  Xapian::Query query;
  std::vector<std::string> terms;  ///< The expand terms, best first.
};

/// Throws Error{kNotFound} "no article with id ID". Xapian errors pass through (the caller
/// retries and translates them).
[[nodiscard]] LikeQuery like_query(const Xapian::Database& db, const std::string& id);

}  // namespace morgue::searcher
