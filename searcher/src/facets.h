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
  /// (the enquire collapses on slot kDuplicateKey), a group of duplicates counts once per
  /// value any of its members has, so that a value's count equals the exact count of the
  /// search filtered on that value. The collector must outlive the enquire's get_mset().
  void attach(Xapian::Enquire& enquire, bool collapse);

  /// The facets, one per requested name ("entities" expanded), in request order.
  [[nodiscard]] std::vector<Facet> results() const;

 private:
  struct Spies;
  std::vector<std::string> names_;  // expanded, validated
  std::size_t limit_;
  std::unique_ptr<Spies> spies_;
};

}  // namespace morgue::searcher
