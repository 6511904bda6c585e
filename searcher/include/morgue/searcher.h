// SPDX-License-Identifier: GPL-2.0-or-later
// Reading an index: parse queries, rank articles, cut highlighted snippets, fetch articles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "morgue/article.h"

namespace morgue {

/// Largest `limit` a request may ask for.
inline constexpr std::size_t kMaxLimit = 1000;
/// Largest `offset + limit`: deeper pages cost more than they are worth (cf. Elasticsearch's
/// index.max_result_window).
inline constexpr std::size_t kMaxResultWindow = 10000;

/// One search. A plain aggregate; every member has a default.
struct SearchRequest {
  /// The query, in Morgue's query language (docs/query-syntax.md): words, "phrases",
  /// AND/OR/NOT/XOR in any case, +/-, brackets, title: and author: fields. Words are ANDed.
  std::string query;
  std::size_t offset = 0;  ///< Hits to skip.
  std::size_t limit = 10;  ///< Hits to return, at most kMaxLimit.
  /// Approximate length of a snippet in bytes (UTF-8); 0 means no snippet.
  std::size_t snippet_bytes = 240;
};

/// A piece of snippet text; `match` is true for a word (or phrase) the query matched.
struct SnippetSpan {
  std::string text;
  bool match = false;
};

/// One ranked article.
struct Hit {
  std::size_t rank = 0;  ///< 1-based position in the whole result list.
  std::string id;
  std::string title;
  std::string date;  ///< "YYYY-MM-DD" or empty.
  bool date_inferred = false;
  std::string path;
  double score = 0;  ///< BM25 weight; comparable within one result list only.
  /// The best passage for the query, as plain text spans (not escaped); a leading or
  /// trailing "…" span marks a cut.
  std::vector<SnippetSpan> snippet;
};

/// The answer to a SearchRequest.
struct SearchResults {
  std::string query;
  std::size_t offset = 0;
  std::size_t total_estimated = 0;  ///< Xapian's estimate of all matches.
  std::vector<Hit> hits;
};

/// Facts about an index, for `morgue stats`.
struct IndexStats {
  std::filesystem::path index_dir;
  int schema_version = 0;
  std::uint64_t article_count = 0;         ///< Documents in the Xapian store.
  std::int64_t sqlite_article_count = -1;  ///< Rows in SQLite `articles`; -1 if absent.
  std::uint64_t revision = 0;              ///< Xapian revision (changes at every commit).
  std::string uuid;                        ///< Xapian database UUID.
  std::uint64_t xapian_bytes = 0;
  std::uint64_t sqlite_bytes = 0;
  double average_length = 0;  ///< Average document length in terms.
};

/// Read-only view of an index. Move-only. Not thread-safe: use one Searcher per thread
/// (opening one is cheap). It sees the index as of open() or the last reopen(); search()
/// reopens by itself when a concurrent writer's commit invalidates what it was reading.
class Searcher {
 public:
  /// Throws Error{kNotFound} "no index at DIR (run morgue index first)",
  /// Error{kSchemaMismatch | kCorrupt | kIo}.
  [[nodiscard]] static Searcher open(const std::filesystem::path& index_dir);

  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  ~Searcher();

  /// Throws Error{kBadQuery} when the query cannot be parsed (the message names the
  /// position) or is empty, Error{kInvalidArgument} when limit or offset exceed the bounds.
  [[nodiscard]] SearchResults search(const SearchRequest& request);

  /// The article with this id. Throws Error{kNotFound}.
  [[nodiscard]] Article article(const std::string& id);

  /// Counts and sizes. Reads the SQLite file too when it is there.
  [[nodiscard]] IndexStats stats();

  /// Moves to the latest committed revision.
  void reopen();

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace morgue
