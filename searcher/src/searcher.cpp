// SPDX-License-Identifier: GPL-2.0-or-later
// The Searcher handle: Enquire over the Xapian store, hits rendered from document data alone.
#include "morgue/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>

#include "facets.h"
#include "like.h"
#include "morgue/date.h"
#include "morgue/error.h"
#include "morgue/internal/record.h"
#include "morgue/internal/sqlite.h"
#include "morgue/internal/store.h"
#include "morgue/schema.h"
#include "morgue/text.h"
#include "query.h"
#include "recency.h"
#include "snippet.h"

namespace morgue {
namespace fs = std::filesystem;

namespace {

// A reader's revision stays readable until a writer has committed twice more. Batches of a
// busy writer can come every few milliseconds, so a long search may need several reopens
// before it finishes within one revision; after that many, give up with Error{kIo}.
constexpr int kMaxReopens = 20;

// "YYYY-MM-DD" -> "YYYYMMDD", the form of value slot kDate. Throws Error{kInvalidArgument}
// naming the member and the value.
std::string slot_date(std::string_view member, const std::string& value) {
  const auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (value[i] < '0' || value[i] > '9') return -1;
      v = v * 10 + (value[i] - '0');
    }
    return v;
  };
  const bool shaped = value.size() == 10 && value[4] == '-' && value[7] == '-';
  if (!shaped || !date::is_valid(digits(0, 4), digits(5, 2), digits(8, 2))) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(member) + " \"" + value + "\" is not a date of the form YYYY-MM-DD");
  }
  return value.substr(0, 4) + value.substr(5, 2) + value.substr(8, 2);
}

// The query restricted to the request's date range, if any.
Xapian::Query with_date_range(Xapian::Query query, const SearchRequest& request) {
  if (request.date_from.empty() && request.date_to.empty()) return query;
  const std::string from =
      request.date_from.empty() ? "" : slot_date("date_from", request.date_from);
  const std::string to = request.date_to.empty() ? "" : slot_date("date_to", request.date_to);
  Xapian::Query range;
  if (from.empty()) {
    range = Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::slot::kDate, to);
  } else if (to.empty()) {
    range = Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot::kDate, from);
  } else {
    range = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate, from, to);
  }
  return {Xapian::Query::OP_FILTER, query, range};
}

// Sort keys for date order. Undated articles have no value in the slot; give them a default
// that sorts last in either direction.
constexpr std::string_view kUndatedOldestFirst = "99999999";

std::uint64_t tree_size(const fs::path& p) {
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return fs::file_size(p, ec);
  std::uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(p, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

}  // namespace

struct Searcher::Impl {
  store::Layout layout;
  Xapian::Database db;
  Xapian::Stem stemmer{std::string(schema::kDefaultLanguage)};
  searcher::QueryBuilder query_builder;

  explicit Impl(const fs::path& dir)
      : layout(store::Layout::of(dir)),
        db(store::open_reader(layout)),
        query_builder(db, layout.sqlite) {
    newest_first.add_value(schema::slot::kDate, true);
    oldest_first.add_value(schema::slot::kDate, false, std::string(kUndatedOldestFirst));
  }

  // Runs f, reopening the database when a writer's commit invalidated the revision we read.
  template <class F>
  decltype(auto) with_retry(std::string_view context, F&& f) {
    for (int attempt = 0;; ++attempt) {
      try {
        return f();
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= kMaxReopens) store::rethrow(e, context);
        reopen_latest();
      } catch (const Xapian::Error& e) {
        store::rethrow(e, context);
      }
    }
  }

  // Opens the newest revision. A writer that commits twice while it is being opened discards
  // it (a reader keeps only the revision it opened), and reopen() then fails as a search
  // would: try again, up to the same bound.
  void reopen_latest() {
    for (int attempt = 0;; ++attempt) {
      try {
        db.reopen();
        return;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= kMaxReopens) store::rethrow(e, "reopening");
      } catch (const Xapian::Error& e) {
        store::rethrow(e, "reopening");
      }
    }
  }

  SearchResults search(const SearchRequest& request);

  // Facet values kept between searches of one revision.
  searcher::FacetCache facet_cache;

  // For date order; Enquire keeps a reference to it.
  Xapian::MultiValueKeyMaker newest_first;
  Xapian::MultiValueKeyMaker oldest_first;
};

namespace {

void validate(const SearchRequest& request) {
  if (request.limit > kMaxLimit) {
    throw Error(ErrorCode::kInvalidArgument,
                "limit " + std::to_string(request.limit) + " exceeds " + std::to_string(kMaxLimit));
  }
  if (request.offset + request.limit > kMaxResultWindow) {
    throw Error(ErrorCode::kInvalidArgument,
                "offset + limit exceeds the result window of " + std::to_string(kMaxResultWindow));
  }
  if (request.snippets > kMaxSnippets) {
    throw Error(ErrorCode::kInvalidArgument, "snippets " + std::to_string(request.snippets) +
                                                 " exceeds " + std::to_string(kMaxSnippets));
  }
  if (!std::isfinite(request.recency) || request.recency < 0) {
    throw Error(ErrorCode::kInvalidArgument, "recency boost must be a number >= 0");
  }
  if (!std::isfinite(request.recency_half_life_days) || request.recency_half_life_days <= 0) {
    throw Error(ErrorCode::kInvalidArgument, "recency half-life must be a number of days > 0");
  }
}

// Whether `doc` holds `term`.
bool has_term(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

}  // namespace

SearchResults Searcher::Impl::search(const SearchRequest& request) {
  validate(request);
  searcher::FacetCollector facets(request.facets, request.facet_limit);
  const bool has_query = !text::trim(request.query).empty();
  // With `like`, the query may be empty; otherwise parse() refuses an empty one.
  searcher::ParsedQuery parsed;
  if (has_query || request.like.empty()) parsed = query_builder.parse(request.query, request.match);
  // An exact count makes the matcher look at every match (facets count them in their own pass).
  const bool check_all = !facets.empty() || request.exact_count;

  return with_retry("searching", [&] {
    SearchResults results;
    results.query = request.query;
    results.offset = request.offset;
    results.revision = db.get_revision();
    results.uuid = db.get_uuid();
    results.warnings = parsed.warnings;
    if (request.suggest && has_query) results.suggestion = query_builder.suggest(request.query);

    searcher::LikeQuery like;
    if (!request.like.empty()) like = searcher::like_query(db, request.like);

    // The query actually run for a user query (strict or relaxed): with `like`, the user query
    // only filters and similarity ranks (a query's own weight would drown the similarity of
    // the one article asked about); then the date range; then the recency boost.
    const auto compose = [&](const Xapian::Query& user) {
      Xapian::Query q = user;
      if (!request.like.empty()) {
        q = has_query ? Xapian::Query(Xapian::Query::OP_FILTER, like.query, user) : like.query;
      }
      q = with_date_range(q, request);
      if (request.recency > 0) {
        q = searcher::with_recency(q, db, request.recency, request.recency_half_life_days);
      }
      return q;
    };
    const auto enquire_for = [&](const Xapian::Query& q, bool sorted) {
      Xapian::Enquire enquire(db);
      enquire.set_query(q);
      if (sorted && request.sort == Sort::kNewest) {
        enquire.set_sort_by_key_then_relevance(&newest_first, false);
      } else if (sorted && request.sort == Sort::kOldest) {
        enquire.set_sort_by_key_then_relevance(&oldest_first, false);
      }
      // Documents without a duplicate key (written before the indexer set one) are never
      // collapsed, so this is safe on any index of this schema version.
      if (request.collapse_duplicates) enquire.set_collapse_key(schema::slot::kDuplicateKey);
      return enquire;
    };
    const auto run = [&](const Xapian::Query& q) {
      if (!facets.empty()) {
        // Facets need every match, the page does not: count in a pass of its own that skips
        // what only ranking needs (weights, sorting, collapsing: the spy counts a group of
        // duplicates once itself), and let the ranking pass stop early (issue 6). The match
        // set does not depend on the weighting: no query here uses OP_ELITE_SET or a cutoff.
        Xapian::Enquire counting(db);
        counting.set_query(q);
        counting.set_weighting_scheme(Xapian::BoolWeight());
        facets.attach(counting, request.collapse_duplicates, db, &facet_cache);
        counting.get_mset(0, 0, db.get_doccount());
      }
      Xapian::Enquire enquire = enquire_for(q, true);
      return enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                              static_cast<Xapian::doccount>(request.limit),
                              check_all && facets.empty() ? db.get_doccount() : 0);
    };
    // The best match by relevance alone, for the dropped words.
    const auto best = [&](const Xapian::Query& q) { return enquire_for(q, false).get_mset(0, 1); };

    Xapian::Query user = parsed.query;
    bool relaxed = false;
    Xapian::MSet mset = run(compose(user));
    if (request.match == MatchMode::kAuto && !parsed.relaxed.empty() && mset.empty()) {
      // An empty page at offset 0 means no match at all; a deeper one may be past the end.
      const bool none = (request.offset == 0 && request.limit > 0) || best(compose(user)).empty();
      if (none) {
        user = parsed.relaxed;
        relaxed = true;
        mset = run(compose(user));
        // Dropped: the words the best match does not contain (stable across pages and sort
        // orders, as the best match by relevance is the same for every page).
        const Xapian::MSet top =
            request.sort == Sort::kRelevance && request.offset == 0 ? mset : best(compose(user));
        if (!top.empty()) {
          const Xapian::Document doc = top.begin().get_document();
          for (const auto& [word, term] : parsed.words) {
            if (has_term(doc, term)) continue;
            if (std::find(results.dropped_words.begin(), results.dropped_words.end(), word) ==
                results.dropped_words.end()) {
              results.dropped_words.push_back(word);
            }
          }
        }
      }
    }
    if (user.empty()) {
      results.parsed_query = like.query.get_description();
    } else if (relaxed || parsed.description.empty()) {
      results.parsed_query = user.get_description();
    } else {
      results.parsed_query = parsed.description;
    }

    if (!facets.empty()) {
      results.total_estimated = facets.matches();
      results.total_exact = static_cast<std::int64_t>(facets.matches());
    } else {
      results.total_estimated = mset.get_matches_estimated();
      if (check_all) {
        results.total_exact = static_cast<std::int64_t>(mset.get_matches_lower_bound());
      }
    }
    results.facets = facets.results();

    // Highlight the user's words; with `like` alone, the terms that made the article similar.
    const searcher::SnippetTerms terms = searcher::snippet_terms(user.empty() ? like.query : user);
    const std::size_t passages = request.snippet_bytes == 0 ? 0 : request.snippets;
    results.hits.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Article a = record::decode(it.get_document().get_data());
      Hit hit;
      hit.rank = request.offset + it.get_rank() - mset.get_firstitem() + 1;
      hit.id = std::move(a.id);
      hit.title = std::move(a.title);
      hit.date = std::move(a.date);
      hit.date_inferred = a.date_inferred;
      hit.path = std::move(a.path);
      hit.score = it.get_weight();
      hit.passages =
          searcher::make_passages(a.body, terms, stemmer, request.snippet_bytes, passages);
      if (!hit.passages.empty()) hit.snippet = hit.passages.front();
      hit.duplicates = it.get_collapse_count();
      hit.entities = std::move(a.entities);
      for (ArticleEntity& e : hit.entities) e.aliases.clear();
      results.hits.push_back(std::move(hit));
    }
    return results;
  });
}

Searcher::Searcher(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Searcher Searcher::open(const fs::path& index_dir) {
  return Searcher(std::make_unique<Impl>(index_dir));
}

SearchResults Searcher::search(const SearchRequest& request) { return impl_->search(request); }

Article Searcher::article(const std::string& id) {
  return impl_->with_retry("reading article " + id, [&] {
    const std::string term = store::id_term(id);
    Xapian::PostingIterator it = impl_->db.postlist_begin(term);
    if (it == impl_->db.postlist_end(term)) {
      throw Error(ErrorCode::kNotFound, "no article with id " + id);
    }
    return record::decode(impl_->db.get_document(*it).get_data());
  });
}

IndexStats Searcher::stats() {
  IndexStats s = impl_->with_retry("reading statistics", [&] {
    IndexStats st;
    st.index_dir = impl_->layout.root;
    st.schema_version = schema::kSchemaVersion;
    st.article_count = impl_->db.get_doccount();
    st.revision = impl_->db.get_revision();
    st.uuid = impl_->db.get_uuid();
    st.average_length = impl_->db.get_avlength();
    return st;
  });
  s.xapian_bytes = tree_size(impl_->layout.xapian);
  if (fs::exists(impl_->layout.sqlite)) {
    s.sqlite_bytes = tree_size(impl_->layout.sqlite);
    sqlite::Database db = store::open_sqlite(impl_->layout, sqlite::Database::Mode::kReadOnly);
    sqlite::Statement st =
        db.prepare("SELECT count(*), count(*) - count(DISTINCT content_hash) FROM articles");
    if (st.step()) {
      s.sqlite_article_count = st.column_int(0);
      s.duplicate_articles = st.column_int(1);
    }
  }
  return s;
}

void Searcher::reopen() {
  impl_->reopen_latest();
  store::translating("reopening", [&] { impl_->query_builder.set_database(impl_->db); });
}

}  // namespace morgue
