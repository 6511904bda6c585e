// SPDX-License-Identifier: GPL-2.0-or-later
// More-like-this queries from relevance feedback on one document.
#include "like.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

#include "morgue/error.h"
#include "morgue/internal/store.h"

namespace morgue::searcher {
namespace {

// Function words of English, the language most of a news archive is in; the expand weight
// already discounts frequent words, but a short article's "the" can still rank high.
constexpr auto kStopwords = std::to_array<std::string_view>(
    {"about",  "above",   "after",   "again",   "against", "all",     "also",    "and",    "any",
     "are",    "because", "been",    "before",  "being",   "below",   "between", "both",   "but",
     "can",    "could",   "did",     "does",    "doing",   "down",    "during",  "each",   "few",
     "for",    "from",    "further", "had",     "has",     "have",    "having",  "her",    "here",
     "hers",   "herself", "him",     "himself", "his",     "how",     "into",    "its",    "itself",
     "just",   "last",    "more",    "most",    "mr",      "mrs",     "much",    "must",   "new",
     "not",    "now",     "off",     "once",    "one",     "only",    "other",   "our",    "ours",
     "out",    "over",    "own",     "said",    "same",    "says",    "she",     "should", "since",
     "some",   "such",    "than",    "that",    "the",     "their",   "theirs",  "them",   "then",
     "there",  "these",   "they",    "this",    "those",   "through", "too",     "two",    "under",
     "until",  "very",    "was",     "were",    "what",    "when",    "where",   "which",  "while",
     "who",    "whom",    "why",     "will",    "with",    "would",   "year",    "you",    "your",
     "reuter", "per",     "told"});

class Decider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 3) return false;
    const char c = term[0];
    // Prefixed terms (fields, ids, tags, dates, batches) and stems ("Z...") all start with an
    // upper-case letter; a possessive duplicates its base word.
    if (c >= 'A' && c <= 'Z') return false;
    if (term.find('\'') != std::string::npos) return false;
    if (std::all_of(term.begin(), term.end(),
                    [](char ch) { return (ch >= '0' && ch <= '9') || ch == '.' || ch == ','; })) {
      return false;
    }
    return std::find(std::begin(kStopwords), std::end(kStopwords), term) == std::end(kStopwords);
  }
};

}  // namespace

LikeQuery like_query(const Xapian::Database& db, const std::string& id) {
  const std::string id_term = store::id_term(id);
  Xapian::PostingIterator it = db.postlist_begin(id_term);
  if (it == db.postlist_end(id_term)) {
    throw Error(ErrorCode::kNotFound, "no article with id " + id);
  }
  Xapian::RSet rset;
  rset.add_document(*it);
  Xapian::Enquire enquire(db);
  const Decider decider;
  const Xapian::ESet eset = enquire.get_eset(kMaxLikeTerms, rset, &decider);
  LikeQuery out;
  for (auto t = eset.begin(); t != eset.end(); ++t) out.terms.push_back(*t);
  out.query = Xapian::Query(Xapian::Query::OP_AND_NOT,
                            Xapian::Query(Xapian::Query::OP_OR, out.terms.begin(), out.terms.end()),
                            Xapian::Query(id_term));
  return out;
}

}  // namespace morgue::searcher
