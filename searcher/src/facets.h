// SPDX-License-Identifier: GPL-2.0-or-later
// Facet counts over a whole result set, gathered by Xapian match spies during the match.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "morgue/searcher.h"

namespace morgue::searcher {

/// Counts the facets of one SearchRequest. The spies see only the documents the matcher
/// looks at: the Enquire must check every match (check_at_least = the document count) for
/// the counts to cover the whole result set.
///
/// The spy is Morgue's own MatchSpy subclass (Xapian's ValueCountMatchSpy cannot count a group
/// of collapsed duplicates once, nor read entity lists and termlists): to run against a remote
/// backend (xapian-tcpsrv) it would have to implement name(), serialise() and
/// merge_results() and be registered with the server's Xapian::Registry. Morgue searches
/// local databases only.
/// The facet values of every document of one database revision, kept between searches so that
/// a long-lived Searcher counts facets by docid instead of reading value slots per match
/// (issue 6). Read lazily, one facet at a time, from the second facet search of a revision on,
/// and only for databases of at most kMaxCachedDocuments docids. Not thread-safe: one per
/// Searcher.
class FacetCache {
 public:
  /// Facet searches of a revision before its columns are read: a one-off search (the CLI)
  /// reads only its matches' values.
  static constexpr int kSearchesBeforeCaching = 2;
  /// Above this many docids, facets are always read from the slots (memory stays bounded).
  static constexpr Xapian::docid kMaxCachedDocuments = 4'000'000;

  FacetCache();
  FacetCache(FacetCache&&) noexcept;
  FacetCache& operator=(FacetCache&&) noexcept;
  ~FacetCache();

  struct Column;

 private:
  friend class FacetCollector;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class FacetCollector {
 public:
  /// Throws Error{kInvalidArgument} naming an unknown facet name, or for a `limit` of 0 or
  /// above kMaxFacetValues (when facets are requested).
  FacetCollector(const std::vector<std::string>& names, std::size_t limit);
  FacetCollector(const FacetCollector&) = delete;
  FacetCollector& operator=(const FacetCollector&) = delete;
  ~FacetCollector();

  /// Whether any facet was requested.
  [[nodiscard]] bool empty() const noexcept { return names_.empty(); }

  /// Adds a fresh spy to `enquire` (forgetting counts of an earlier match). With `collapse`
  /// (the search collapses on slot kDuplicateKey), a group of duplicates counts once per
  /// value any of its members has, so that a value's count equals the exact count of the
  /// search filtered on that value; the enquire itself need not collapse. `db` is the
  /// enquire's database; `cache` (may be null) keeps facet values between searches. The
  /// collector and the cache must outlive the enquire's get_mset().
  void attach(Xapian::Enquire& enquire, bool collapse, const Xapian::Database& db,
              FacetCache* cache);

  /// The matches the spy saw in the last match, a group of duplicates once when collapsing:
  /// after a match that checked every document, the exact (collapsed) match count.
  [[nodiscard]] std::size_t matches() const;

  /// The facets, one per requested name ("entities" expanded), in request order.
  [[nodiscard]] std::vector<Facet> results() const;

 private:
  struct Spies;
  std::vector<std::string> names_;  // expanded, validated
  std::size_t limit_;
  std::unique_ptr<Spies> spies_;
};

}  // namespace morgue::searcher
