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

/// Largest number of passages per hit (SearchRequest::snippets).
inline constexpr std::size_t kMaxSnippets = 10;
/// Largest number of values per facet (SearchRequest::facet_limit).
inline constexpr std::size_t kMaxFacetValues = 1000;

/// How the words of a query combine.
enum class MatchMode {
  /// Every word must match; when no article matches them all, rank by how many and which
  /// words match and report the dropped words (SearchResults::dropped_words). The default.
  kAuto,
  kAll,  ///< Every word must match; no fallback.
  kAny,  ///< Any word may match; articles with more (and rarer) words rank first.
};

/// One search. A plain aggregate; every member has a default, so designated initializers
/// name only what they change: `searcher.search({.query = "huawei", .limit = 20})`.
struct SearchRequest {
  /// The query, in Morgue's query language (docs/query-syntax.md): words, "phrases",
  /// AND/OR/NOT/XOR in any case, +/-, brackets, NEAR/n, ADJ/n, wildcards, fields (title:,
  /// body:, author:, source:, lang:, date:, person:, org:, place:, entity: ...). Words are
  /// ANDed. May be empty only when `like` is set.
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
  /// others are counted in Hit::duplicates. Default true. Near duplicates (syndicated copies
  /// with small edits) are collapsed with exact ones.
  bool collapse_duplicates = true;
  /// How words combine; see MatchMode.
  MatchMode match = MatchMode::kAuto;
  /// Passages per hit, at most kMaxSnippets (else Error{kInvalidArgument}); Hit::snippet is
  /// the first, Hit::passages all. 0 means no snippet.
  std::size_t snippets = 1;
  /// Facets to count over the whole result set (not just the page): "source", "year",
  /// "month" (a timeline), "lang", the entity types ("person", "org", "place", "handle",
  /// "hashtag", "url"), "entities" (short for "person", "org" and "place", which it adds to
  /// SearchResults::facets in that order), and the archive tag fields ("topic", "place_tag",
  /// "person_tag", "org_tag", "exchange"). Unknown names throw Error{kInvalidArgument} naming
  /// the name. Facets make the search look at every match (like exact_count).
  std::vector<std::string> facets;
  /// Values per facet, most frequent first, 1 to kMaxFacetValues (else
  /// Error{kInvalidArgument}); the "year" and "month" timelines are in date order and whole.
  std::size_t facet_limit = 10;
  /// Recency boost: 0 (the default) ranks by BM25 alone; r > 0 adds r * 2^(-age/half-life)
  /// to each score, age measured from the newest article of the index
  /// (docs/query-syntax.md, "Ranking").
  double recency = 0;
  /// Half-life of the recency boost in days; must be > 0 (and recency >= 0), else
  /// Error{kInvalidArgument}. Articles without a date get no boost.
  double recency_half_life_days = 365;
  /// Count the matches exactly (SearchResults::total_exact) instead of estimating.
  bool exact_count = false;
  /// "More like this": the id of an article; hits are then the articles most similar to it
  /// (never the article itself), ranked by similarity alone; a non-empty `query` only filters
  /// them. Throws Error{kNotFound} for an unknown id.
  std::string like;
  /// Offer a spelling correction (SearchResults::suggestion). Default true.
  bool suggest = true;
};

/// A piece of snippet text; `match` is true for a word (or phrase) the query matched.
struct SnippetSpan {
  std::string text;    ///< Plain UTF-8 text, not escaped.
  bool match = false;  ///< Whether the query matched this text.
  /// Equal when both members are.
  friend bool operator==(const SnippetSpan&, const SnippetSpan&) = default;
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
  /// Up to SearchRequest::snippets passages, best first, not overlapping, each with a match
  /// (fewer when the article has fewer); the first equals `snippet`. Only matches in the first
  /// 64 KiB of a body are looked for.
  std::vector<std::vector<SnippetSpan>> passages;
  /// How many other articles with the same or nearly the same text were collapsed into this
  /// hit (always 0 without SearchRequest::collapse_duplicates). A lower bound: Xapian may skip
  /// duplicates it can prove rank too low to count them.
  std::size_t duplicates = 0;
  /// The people, organisations and places (and handles, hashtags, URLs) the article mentions,
  /// in order of first mention; aliases left out.
  std::vector<ArticleEntity> entities;
};

/// One value of a facet and the number of matching articles that have it.
struct FacetValue {
  std::string value;  ///< "reuters", "2019", "2019-05", "Mike Pompeo" ...
  /// Matching articles that have the value. With SearchRequest::collapse_duplicates, a group
  /// of collapsed duplicates counts once if any of its articles has the value; either way the
  /// count equals the exact count of the same search filtered on the value.
  std::size_t count = 0;
};

/// Counts of one facet over the whole result set.
struct Facet {
  std::string name;  ///< As requested ("month").
  /// Most frequent first, ties by value, at most SearchRequest::facet_limit; "month"
  /// ("YYYY-MM") and "year" ("YYYY") in date order, every period from the first to the last
  /// with a count, zeros included.
  std::vector<FacetValue> values;
};

/// The answer to a SearchRequest.
struct SearchResults {
  std::string query;                ///< The query as given.
  std::size_t offset = 0;           ///< Hits skipped, as requested.
  std::size_t total_estimated = 0;  ///< Xapian's estimate of all matches.
  /// With SearchRequest::exact_count (or facets, which see every match): the exact number of
  /// matches; otherwise -1.
  std::int64_t total_exact = -1;
  std::vector<Hit> hits;  ///< At most `limit` hits, best first.
  /// One per requested facet, in request order ("entities" expanded, repeats left out).
  std::vector<Facet> facets;
  /// Words dropped to find any match (MatchMode::kAuto only): the query matched nothing with
  /// every word, and hits are ranked by how many and which words they match. These are the
  /// words of the query that the best match by relevance does not contain (the same on every
  /// page and in every sort order).
  std::vector<std::string> dropped_words;
  /// "Did you mean": the query with misspelt words corrected, or empty.
  std::string suggestion;
  /// The query as parsed (Xapian's description), for --explain: the relaxed query after a
  /// relaxed match; the similarity query for `like` without a query.
  std::string parsed_query;
  /// Where the query may not mean what it seems ("a OR b AND c" is "a OR (b AND c)").
  std::vector<std::string> warnings;
  std::uint64_t revision = 0;  ///< Xapian revision searched: cite it to reproduce a result.
  std::string uuid;            ///< Xapian database UUID.
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
  /// names the position) or is empty without `like`, Error{kInvalidArgument} when limit,
  /// offset, snippets or facet_limit exceed the bounds, a facet is unknown, the recency
  /// arguments are out of range or a date is not a valid "YYYY-MM-DD" (the message names it),
  /// Error{kNotFound} for an unknown `like` id, Error{kIo} when the index keeps changing under
  /// it or cannot be read.
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
