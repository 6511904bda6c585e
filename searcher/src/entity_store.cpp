// SPDX-License-Identifier: GPL-2.0-or-later
// The EntityStore handle: look-ups in the SQLite entity tables, and entity facets of a query.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "morgue/entities.h"
#include "morgue/error.h"
#include "morgue/internal/entity_key.h"
#include "morgue/internal/sqlite.h"
#include "morgue/internal/store.h"
#include "morgue/schema.h"
#include "morgue/searcher.h"

namespace morgue {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kRelated = 10;

void check_type(const std::string& type) {
  if (type.empty()) return;
  const auto types = schema::entity_types();
  if (std::find(types.begin(), types.end(), type) == types.end()) {
    std::string known;
    for (const std::string_view t : types) known += (known.empty() ? "" : ", ") + std::string(t);
    throw Error(ErrorCode::kInvalidArgument,
                "unknown entity type \"" + type + "\" (known: " + known + ")");
  }
}

void check_limit(std::size_t limit) {
  if (limit == 0 || limit > kMaxEntityLimit) {
    throw Error(ErrorCode::kInvalidArgument,
                "limit must be between 1 and " + std::to_string(kMaxEntityLimit));
  }
}

// "YYYY-MM" of the month after `month`.
std::string next_month(const std::string& month) {
  int year = std::stoi(month.substr(0, 4));
  int m = std::stoi(month.substr(5, 2)) + 1;
  if (m > 12) {
    m = 1;
    ++year;
  }
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d", year, m);
  return buf.data();
}

}  // namespace

struct EntityStore::Impl {
  fs::path index_dir;
  store::Layout layout;
  sqlite::Database db;

  explicit Impl(const fs::path& dir)
      : index_dir(dir), layout(store::Layout::of(dir)), db(open_checked(layout)) {}

  static sqlite::Database open_checked(const store::Layout& layout) {
    if (!fs::exists(layout.sqlite)) {
      throw Error(ErrorCode::kNotFound,
                  "no index at " + layout.root.string() + " (run morgue index first)");
    }
    return store::open_sqlite(layout, sqlite::Database::Mode::kReadOnly);
  }

  std::vector<EntityCount> top_all(const EntityListRequest& request);
  std::vector<EntityCount> top_of_query(const EntityListRequest& request);
  std::vector<EntityAlias> aliases_of(std::int64_t entity, const std::string& article);
};

std::vector<EntityCount> EntityStore::Impl::top_all(const EntityListRequest& request) {
  sqlite::Statement st = db.prepare(R"sql(
    SELECT e.type, e.name, COUNT(*) AS n FROM mentions m JOIN entities e ON e.id = m.entity
    WHERE ?1 = '' OR e.type = ?1
    GROUP BY m.entity ORDER BY n DESC, e.name LIMIT ?2)sql");
  st.bind(1, request.type).bind(2, static_cast<std::int64_t>(request.limit));
  std::vector<EntityCount> out;
  while (st.step()) {
    out.push_back(
        {st.column_text(0), st.column_text(1), static_cast<std::size_t>(st.column_int(2))});
  }
  return out;
}

// The entity facets of the query's whole result set, one list per type merged by count.
std::vector<EntityCount> EntityStore::Impl::top_of_query(const EntityListRequest& request) {
  SearchRequest search{.query = request.query, .limit = 0, .snippet_bytes = 0};
  search.collapse_duplicates = false;  // count every article, as top_all does
  search.suggest = false;
  search.facet_limit = request.limit;
  if (request.type.empty()) {
    search.facets = {"person", "org", "place"};
  } else {
    if (!schema::entity_field(request.type)) {
      throw Error(ErrorCode::kInvalidArgument,
                  "entities of type " + request.type + " cannot be counted for a query");
    }
    search.facets = {request.type};
  }
  Searcher searcher = Searcher::open(index_dir);
  const SearchResults results = searcher.search(search);
  std::vector<EntityCount> out;
  for (const Facet& facet : results.facets) {
    for (const FacetValue& v : facet.values) out.push_back({facet.name, v.value, v.count});
  }
  std::stable_sort(out.begin(), out.end(), [](const EntityCount& a, const EntityCount& b) {
    return a.articles != b.articles ? a.articles > b.articles : a.name < b.name;
  });
  if (out.size() > request.limit) out.resize(request.limit);
  return out;
}

std::vector<EntityAlias> EntityStore::Impl::aliases_of(std::int64_t entity,
                                                       const std::string& article) {
  sqlite::Statement st = db.prepare(R"sql(
    SELECT surface, SUM(count) AS n FROM article_aliases
    WHERE entity = ?1 AND (?2 = '' OR article = ?2)
    GROUP BY surface ORDER BY n DESC, surface)sql");
  st.bind(1, entity).bind(2, article);
  std::vector<EntityAlias> out;
  while (st.step()) out.push_back({st.column_text(0), static_cast<unsigned>(st.column_int(1))});
  return out;
}

EntityStore::EntityStore(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
EntityStore::EntityStore(EntityStore&&) noexcept = default;
EntityStore& EntityStore::operator=(EntityStore&&) noexcept = default;
EntityStore::~EntityStore() = default;

EntityStore EntityStore::open(const fs::path& index_dir) {
  return EntityStore(std::make_unique<Impl>(index_dir));
}

std::vector<EntityCount> EntityStore::top(const EntityListRequest& request) {
  check_type(request.type);
  check_limit(request.limit);
  return request.query.empty() ? impl_->top_all(request) : impl_->top_of_query(request);
}

EntityProfile EntityStore::about(const std::string& name, const std::string& type) {
  check_type(type);
  const std::string key = entity::name_key(name);
  if (key.empty()) throw Error(ErrorCode::kInvalidArgument, "no entity name given");
  // By canonical name key, then by any alias; most mentioned first.
  sqlite::Statement find = impl_->db.prepare(R"sql(
    SELECT e.id, e.type, e.name,
           (SELECT COUNT(*) FROM mentions m WHERE m.entity = e.id) AS n
    FROM entities e
    WHERE (e.key = ?1 OR e.id IN (SELECT entity FROM article_aliases WHERE key = ?1))
      AND (?2 = '' OR e.type = ?2)
    ORDER BY e.type IN ('person', 'org', 'place') DESC, (e.key = ?1) DESC, n DESC, e.name
    LIMIT 1)sql");
  find.bind(1, key).bind(2, type);
  if (!find.step()) {
    throw Error(ErrorCode::kNotFound,
                "no " + (type.empty() ? std::string("entity") : type) + " called \"" + name + "\"");
  }
  EntityProfile p;
  const std::int64_t id = find.column_int(0);
  p.type = find.column_text(1);
  p.name = find.column_text(2);
  p.articles = static_cast<std::size_t>(find.column_int(3));
  p.aliases = impl_->aliases_of(id, {});

  sqlite::Statement facts = impl_->db.prepare(R"sql(
    SELECT COALESCE(SUM(m.count), 0), MIN(a.date), MAX(a.date)
    FROM mentions m JOIN articles a ON a.id = m.article WHERE m.entity = ?1)sql");
  facts.bind(1, id);
  if (facts.step()) {
    p.mentions = static_cast<std::size_t>(facts.column_int(0));
    if (!facts.column_is_null(1)) p.first_date = facts.column_text(1);
    if (!facts.column_is_null(2)) p.last_date = facts.column_text(2);
  }

  sqlite::Statement related = impl_->db.prepare(R"sql(
    SELECT e.type, e.name, COUNT(*) AS n
    FROM mentions m1 JOIN mentions m2 ON m2.article = m1.article AND m2.entity <> m1.entity
                     JOIN entities e ON e.id = m2.entity
    WHERE m1.entity = ?1 GROUP BY m2.entity ORDER BY n DESC, e.name LIMIT ?2)sql");
  related.bind(1, id).bind(2, static_cast<std::int64_t>(kRelated));
  while (related.step()) {
    p.related.push_back({related.column_text(0), related.column_text(1),
                         static_cast<std::size_t>(related.column_int(2))});
  }

  sqlite::Statement months = impl_->db.prepare(R"sql(
    SELECT substr(a.date, 1, 7) AS month, COUNT(*)
    FROM mentions m JOIN articles a ON a.id = m.article
    WHERE m.entity = ?1 AND a.date IS NOT NULL GROUP BY month ORDER BY month)sql");
  months.bind(1, id);
  std::map<std::string, std::size_t> counts;
  while (months.step()) {
    counts[months.column_text(0)] = static_cast<std::size_t>(months.column_int(1));
  }
  if (!counts.empty()) {
    const std::string last = counts.rbegin()->first;
    for (std::string m = counts.begin()->first;; m = next_month(m)) {
      const auto it = counts.find(m);
      p.timeline.push_back({m, it == counts.end() ? 0 : it->second});
      if (m >= last) break;
    }
  }
  return p;
}

std::vector<ArticleEntity> EntityStore::of_article(const std::string& id) {
  sqlite::Statement exists = impl_->db.prepare("SELECT 1 FROM articles WHERE id = ?1");
  exists.bind(1, id);
  if (!exists.step()) throw Error(ErrorCode::kNotFound, "no article with id " + id);
  sqlite::Statement st = impl_->db.prepare(R"sql(
    SELECT e.id, e.type, e.name, m.count, m.first_position
    FROM mentions m JOIN entities e ON e.id = m.entity
    WHERE m.article = ?1 ORDER BY m.first_position, e.name)sql");
  st.bind(1, id);
  std::vector<ArticleEntity> out;
  while (st.step()) {
    ArticleEntity e;
    e.type = st.column_text(1);
    e.name = st.column_text(2);
    e.count = static_cast<unsigned>(st.column_int(3));
    e.first_position = static_cast<unsigned>(st.column_int(4));
    e.aliases = impl_->aliases_of(st.column_int(0), id);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace morgue
