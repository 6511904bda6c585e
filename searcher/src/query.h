// SPDX-License-Identifier: GPL-2.0-or-later
// Turning a query string into a Xapian query, with errors that name the position.
#pragma once

#include <xapian.h>

#include <string>

namespace morgue::searcher {

/// Upper bound on the terms one trailing wildcard may expand to.
inline constexpr Xapian::termcount kMaxWildcardTerms = 1000;

/// Owns a configured Xapian::QueryParser. One per Searcher (not thread-safe).
class QueryBuilder {
 public:
  explicit QueryBuilder(const Xapian::Database& db);
  /// Throws Error{kBadQuery} with the 1-based character position of the problem.
  [[nodiscard]] Xapian::Query parse(const std::string& query);
  void set_database(const Xapian::Database& db) { parser_.set_database(db); }

 private:
  Xapian::QueryParser parser_;
};

}  // namespace morgue::searcher
