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
#include "morgue/export.h"

namespace morgue {

/// Largest `limit` a request may ask for.
inline constexpr std::size_t kMaxLimit = 1000;
/// Largest `offset + limit`: deeper pages cost more than they are worth (cf. Elasticsearch's
/// index.max_result_window).
inline constexpr std::size_t kMaxResultWindow = 10000;

/// Order of the hits of a search.
enum class Sort {
  kRelevance,  ///< Best BM25 score first (the default).
  kNewest,     ///< Latest date first; equal dates by relevance; undated articles last.
  kOldest,     ///< Earliest date first; equal dates by relevance; undated articles last.
};

/// One search. A plain aggregate; every member has a default, so designated initializers
/// name only what they change: `searcher.search({.query = "huawei", .limit = 20})`.
/// Facets and entity filters are not part of it yet.
struct SearchRequest {
  /// The query, in Morgue's query language (docs/query-syntax.md): words, "phrases",
  /// AND/OR/NOT/XOR in any case, +/-, brackets, title: and author: fields. Words are ANDed.
  std::string query;
  std::size_t offset = 0;  ///< Hits to skip.
  std::size_t limit = 10;  ///< Hits to return, at most kMaxLimit.
  /// Approximate length of a snippet in bytes (UTF-8); 0 means no snippet.
  std::size_t snippet_bytes = 240;
  /// Order of the hits; relevance by default.
  Sort sort = Sort::kRelevance;
  /// Earliest date, "YYYY-MM-DD", inclusive; empty (the default) means no lower bound. A
  /// non-empty range leaves out articles of unknown date.
  std::string date_from;
  /// Latest date, "YYYY-MM-DD", inclusive; empty (the default) means no upper bound.
  std::string date_to;
  /// Show one hit per set of exact duplicates (equal content hash), the best ranked one; the
  /// others are counted in Hit::duplicates. Default true.
  bool collapse_duplicates = true;
};

/// A piece of snippet text; `match` is true for a word (or phrase) the query matched.
struct SnippetSpan {
  std::string text;    ///< Plain UTF-8 text, not escaped.
  bool match = false;  ///< Whether the query matched this text.
};

/// One ranked article.
struct Hit {
  std::size_t rank = 0;        ///< 1-based position in the whole result list.
  std::string id;              ///< The article's stable id (for Searcher::article()).
  std::string title;           ///< Plain text.
  std::string date;            ///< "YYYY-MM-DD" or empty.
  bool date_inferred = false;  ///< The date was read from the text, not from metadata.
  std::string path;            ///< Where the article came from, as indexed.
  double score = 0;            ///< BM25 weight; comparable within one result list only.
  /// The best passage for the query, as plain text spans (not escaped); a leading or
  /// trailing "…" span marks a cut.
  std::vector<SnippetSpan> snippet;
  /// How many other articles with the same content were collapsed into this hit (always 0
  /// without SearchRequest::collapse_duplicates). A lower bound: Xapian may skip duplicates
  /// it can prove rank too low to count them.
  std::size_t duplicates = 0;
  /// Names of the people, organisations and places the article mentions. Always empty for
  /// now: entity extraction does not exist yet.
  std::vector<std::string> entities;
};

/// The answer to a SearchRequest.
struct SearchResults {
  std::string query;                ///< The query as given.
  std::size_t offset = 0;           ///< Hits skipped, as requested.
  std::size_t total_estimated = 0;  ///< Xapian's estimate of all matches.
  std::vector<Hit> hits;            ///< At most `limit` hits, best first.
};

/// Facts about an index, for `morgue stats`.
struct IndexStats {
  std::filesystem::path index_dir;         ///< The directory given to Searcher::open().
  int schema_version = 0;                  ///< Version of the on-disk format.
  std::uint64_t article_count = 0;         ///< Documents in the Xapian store.
  std::int64_t sqlite_article_count = -1;  ///< Rows in SQLite `articles`; -1 if absent.
  /// Articles that are exact duplicates of another (same content hash); -1 without SQLite.
  std::int64_t duplicate_articles = -1;
  std::uint64_t revision = 0;      ///< Xapian revision (changes at every commit).
  std::string uuid;                ///< Xapian database UUID.
  std::uint64_t xapian_bytes = 0;  ///< Size of the Xapian database on disk.
  std::uint64_t sqlite_bytes = 0;  ///< Size of the SQLite file on disk.
  double average_length = 0;       ///< Average document length in terms.
};

/// Read-only view of an index. Move-only. Not thread-safe: use one Searcher per thread
/// (opening one is cheap); different Searchers may be used at once from different threads and
/// processes, also while an Indexer writes. It sees the index as of open() or the last
/// reopen(); search() and article() reopen by themselves when a concurrent writer's commits
/// invalidate what they were reading, and then see the latest commit.
class MORGUE_API Searcher {
 public:
  /// Opens the index in `index_dir` read-only. Throws Error{kNotFound} "no index at DIR (run
  /// morgue index first)", Error{kSchemaMismatch} naming both versions for an index of
  /// another schema version, Error{kCorrupt | kIo}.
  [[nodiscard]] static Searcher open(const std::filesystem::path& index_dir);

  /// Takes over `other`'s index; `other` may only be assigned to or destroyed afterwards.
  Searcher(Searcher&& other) noexcept;
  /// Takes over `other`'s index, closing this one's.
  Searcher& operator=(Searcher&& other) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  /// Closes the index.
  ~Searcher();

  /// Runs one search. Throws Error{kBadQuery} when the query cannot be parsed (the message
  /// names the position) or is empty, Error{kInvalidArgument} when limit or offset exceed the
  /// bounds or a date is not a valid "YYYY-MM-DD" (the message names it), Error{kIo} when the
  /// index keeps changing under it or cannot be read.
  [[nodiscard]] SearchResults search(const SearchRequest& request);

  /// The article with this id, body included. Throws Error{kNotFound}.
  [[nodiscard]] Article article(const std::string& id);

  /// Counts and sizes. Reads the SQLite file too when it is there.
  [[nodiscard]] IndexStats stats();

  /// Moves to the latest committed revision. Throws Error{kIo | kCorrupt}.
  void reopen();

 private:
  struct MORGUE_HIDDEN Impl;
  explicit Searcher(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace morgue
