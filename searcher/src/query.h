// SPDX-License-Identifier: GPL-2.0-or-later
// Turning a query string into a Xapian query, with errors that name the position.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "morgue/searcher.h"

namespace morgue::searcher {

/// Upper bound on the terms one trailing wildcard may expand to.
inline constexpr Xapian::termcount kMaxWildcardTerms = 1000;

/// A parsed query and what the searcher needs to know about it.
struct ParsedQuery {
  /// The query to run (MatchMode::kAll/kAuto: words ANDed; kAny: ORed).
  Xapian::Query query;
  /// For MatchMode::kAuto: the same query with its top-level plain words ORed instead of
  /// ANDed (filters, phrases and NOTs kept), to run when `query` matches nothing; empty when
  /// there is nothing to relax.
  Xapian::Query relaxed;
  /// The top-level plain words of the query as typed (lower-cased), with the term each became
  /// ("huawei" -> "Zhuawei"), so the searcher can say which words a relaxed match dropped.
  std::vector<std::pair<std::string, std::string>> words;
  /// Human-readable form of `query` (Xapian's get_description()), for --explain.
  std::string description;
  /// Precedence surprises: "a OR b AND c" parses as "a OR (b AND c)"; a lone NOT.
  std::vector<std::string> warnings;
};

/// Owns a configured Xapian::QueryParser. One per Searcher (not thread-safe).
class QueryBuilder {
 public:
  /// `sqlite` is the index's SQLite file, used to resolve entity aliases (person:"Mr
  /// Pompeo"); when it does not exist, entity fields match canonical names and their words
  /// only.
  QueryBuilder(const Xapian::Database& db, std::filesystem::path sqlite);
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;
  ~QueryBuilder();

  /// Throws Error{kBadQuery} with the 1-based character position of the problem.
  [[nodiscard]] ParsedQuery parse(const std::string& query, MatchMode mode = MatchMode::kAuto);
  /// "Did you mean": `query` with each misspelt word replaced by a far more frequent spelling
  /// from the index's spelling data (also when the misspelling occurs a few times in the
  /// archive); empty when nothing would change.
  [[nodiscard]] std::string suggest(const std::string& query);
  void set_database(const Xapian::Database& db);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace morgue::searcher
