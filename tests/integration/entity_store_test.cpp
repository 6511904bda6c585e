// SPDX-License-Identifier: GPL-2.0-or-later
// The entity table through the public API: counts and aliases stay right as articles are
// added, replaced and removed; look-ups by alias; the seed article's entities.
#include <catch2/catch.hpp>

#include "morgue/entities.h"
#include "morgue/error.h"
#include "morgue/indexer.h"
#include "morgue/searcher.h"
#include "test_support.h"

using namespace morgue;

namespace {

Article article(const std::string& id, const std::string& date, const std::string& body) {
  Article a;
  a.id = id;
  a.title = "Report " + id;
  a.date = date;
  a.body = body;
  return a;
}

const EntityAlias* alias(const EntityProfile& p, const std::string& surface) {
  for (const EntityAlias& a : p.aliases) {
    if (a.surface == surface) return &a;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("entity counts follow articles as they are added, replaced and removed", "[entities]") {
  test::TempDir dir;
  const auto idx = dir / "idx";
  {
    Indexer indexer = Indexer::open(idx);
    indexer.add(article("a", "2019-05-08",
                        "US secretary of state Mike Pompeo met Theresa May in London. "
                        "Mr Pompeo warned about Huawei."));
    indexer.add(
        article("b", "2019-07-01", "Mr Pompeo spoke to reporters in Washington about Iran."));
    indexer.add(article("c", "2019-07-02", "Secretary of State Mike Pompeo visited Baghdad."));
    indexer.commit();
  }
  EntityStore store = EntityStore::open(idx);
  EntityProfile p = store.about("pompeo", "person");
  CHECK(p.name == "Mike Pompeo");
  CHECK(p.articles == 3);
  CHECK(p.first_date == "2019-05-08");
  CHECK(p.last_date == "2019-07-02");
  REQUIRE(p.timeline.size() == 3);  // May, June (none), July
  CHECK(p.timeline[1].month == "2019-06");
  CHECK(p.timeline[1].articles == 0);
  CHECK(p.timeline[2].articles == 2);
  REQUIRE(alias(p, "Mr Pompeo") != nullptr);
  CHECK(alias(p, "Mr Pompeo")->count == 2);

  // The query language finds the same articles through any alias.
  Searcher searcher = Searcher::open(idx);
  CHECK(searcher.search({.query = "person:\"Mr Pompeo\""}).hits.size() == 3);

  {
    Indexer indexer = Indexer::open(idx);
    indexer.add(article("b", "2019-07-01", "Reporters in Washington asked about Iran."));
    CHECK(indexer.remove("c"));
    indexer.commit();
  }
  store = EntityStore::open(idx);
  p = store.about("Mike Pompeo");
  CHECK(p.articles == 1);
  REQUIRE(alias(p, "Mr Pompeo") != nullptr);
  CHECK(alias(p, "Mr Pompeo")->count == 1);
  CHECK(p.timeline.size() == 1);
  // Baghdad was only in the removed article: gone from the table, not listed with 0.
  CHECK_THROWS_MATCHES(store.about("Baghdad"), Error, Catch::Predicate<Error>([](const Error& e) {
                         return e.code() == ErrorCode::kNotFound;
                       }));
  for (const EntityCount& c : store.top({})) CHECK(c.articles > 0);
}

TEST_CASE("top entities of a query count the whole result set", "[entities]") {
  test::TempDir dir;
  const auto idx = dir / "idx";
  {
    Indexer indexer = Indexer::open(idx);
    for (int i = 0; i < 30; ++i) {
      indexer.add(
          article("oil" + std::to_string(i), "1987-03-01",
                  "OPEC ministers met in Vienna about crude oil prices with Saudi Arabia."));
    }
    indexer.add(article("other", "1987-03-02", "The IMF met in Washington about debt."));
    indexer.commit();
  }
  EntityStore store = EntityStore::open(idx);
  const std::vector<EntityCount> top = store.top({.query = "crude", .limit = 3});
  REQUIRE_FALSE(top.empty());
  for (const EntityCount& c : top) {
    CHECK(c.articles == 30);
    CHECK(c.name != "IMF");
  }
  const std::vector<EntityCount> all = store.top({.type = "org"});
  REQUIRE(all.size() == 2);
  CHECK(all[0].name == "OPEC");
  CHECK(all[0].articles == 30);
  CHECK(all[1].name == "International Monetary Fund");

  CHECK_THROWS_AS(store.top({.type = "planet"}), Error);
  CHECK_THROWS_AS(store.top({.limit = 0}), Error);
  CHECK_THROWS_AS(store.of_article("nope"), Error);
}

TEST_CASE("the seed article's entities, each once, without garbage", "[entities]") {
  test::TempDir dir;
  const auto idx = dir / "idx";
  {
    Indexer indexer = Indexer::open(idx);
    (void)indexer.index_paths({test::seed_article()});
  }
  EntityStore store = EntityStore::open(idx);
  const std::vector<ArticleEntity> entities =
      store.of_article(test::seed_article().filename().string());
  const auto count = [&](const std::string& type, const std::string& name) {
    std::size_t n = 0;
    for (const ArticleEntity& e : entities) {
      if (e.type == type && e.name == name) ++n;
    }
    return n;
  };
  for (const char* person : {"Mike Pompeo", "Theresa May", "Jeremy Hunt", "Gavin Williamson",
                             "Donald Trump", "John Bolton"}) {
    CHECK(count("person", person) == 1);
  }
  CHECK(count("org", "Huawei") == 1);
  for (const char* place : {"United Kingdom", "United States", "Iran", "Iraq", "China"}) {
    CHECK(count("place", place) == 1);
  }
  for (const ArticleEntity& e : entities) {
    CHECK(e.name != "Advertisement");
    CHECK(e.name != "Visited Iraq");
    CHECK(e.name != "May");
  }
}
