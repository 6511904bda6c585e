// SPDX-License-Identifier: GPL-2.0-or-later
// Searching real indexes built from the samples and from small written archives.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "morgue/error.h"
#include "morgue/indexer.h"
#include "morgue/searcher.h"
#include "test_support.h"

using namespace morgue;
namespace fs = std::filesystem;

namespace {

// One index of the bundled samples, built once for all the tests of this file.
const fs::path& samples_index() {
  static test::TempDir dir;
  static const fs::path index = [] {
    const fs::path p = dir / "idx";
    Indexer indexer = Indexer::open(p);
    (void)indexer.index_paths({test::samples_dir()});
    return p;
  }();
  return index;
}

std::vector<std::string> ids(const SearchResults& r) {
  std::vector<std::string> out;
  for (const Hit& h : r.hits) out.push_back(h.id);
  return out;
}

std::string marked(const Hit& h) {
  std::string out;
  for (const auto& s : h.snippet) out += s.match ? "[" + s.text + "]" : s.text;
  return out;
}

auto has_code(ErrorCode code) {
  return Catch::Predicate<Error>([code](const Error& e) { return e.code() == code; },
                                 "has the expected code");
}

}  // namespace

TEST_CASE("Pompeo AND Huawei ranks the seed article first with both terms highlighted",
          "[search]") {
  Searcher s = Searcher::open(samples_index());
  const SearchResults r = s.search({.query = "Pompeo AND Huawei"});
  REQUIRE_FALSE(r.hits.empty());
  const Hit& top = r.hits.front();
  CHECK(top.id == "seed/000_e5e6e8b9b571241e.txt");
  CHECK(top.rank == 1);
  CHECK(top.date == "2019-05-08");
  CHECK(top.date_inferred);
  CHECK(top.title == "Huawei and Iran expected to be on agenda as May meets US secretary of state");
  const std::string snippet = marked(top);
  CAPTURE(snippet);
  CHECK_THAT(snippet, Catch::Contains("[Pompeo]"));
  CHECK_THAT(snippet, Catch::Contains("[Huawei]"));
}

TEST_CASE("operators work in any case", "[search]") {
  Searcher s = Searcher::open(samples_index());
  CHECK(ids(s.search({.query = "pompeo and huawei"})) ==
        ids(s.search({.query = "Pompeo AND Huawei"})));
  // "or" is an operator, not a word to AND in: either term suffices.
  const auto any = s.search({.query = "zeppelin or pompeo"});
  CHECK(ids(any) == std::vector<std::string>{"seed/000_e5e6e8b9b571241e.txt"});
  CHECK(s.search({.query = "pompeo not huawei"}).hits.empty());
}

TEST_CASE("phrases match words in order only", "[search]") {
  Searcher s = Searcher::open(samples_index());
  CHECK(ids(s.search({.query = "\"Theresa May\""})) ==
        std::vector<std::string>{"seed/000_e5e6e8b9b571241e.txt"});
  CHECK(s.search({.query = "\"May Theresa\""}).hits.empty());
}

TEST_CASE("stemming: warns finds warn and warned", "[search]") {
  Searcher s = Searcher::open(samples_index());
  const SearchResults r = s.search({.query = "warns", .limit = 100});
  REQUIRE_FALSE(r.hits.empty());
  CHECK(ids(r)[0] == "seed/000_e5e6e8b9b571241e.txt");
  CHECK_THAT(marked(r.hits[0]), Catch::Contains("[warn"));
}

TEST_CASE("a word in a title outranks one mention in a body", "[search]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx");
    indexer.add({.id = "body",
                 .title = "Markets today",
                 .body = "Traders watched zinc and other metals. Prices were steady overall."});
    indexer.add({.id = "title",
                 .title = "Zinc output rises",
                 .body = "Miners produced more metal this quarter. Prices were steady overall."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  CHECK(ids(s.search({.query = "zinc"})) == std::vector<std::string>{"title", "body"});
  CHECK(ids(s.search({.query = "title:zinc"})) == std::vector<std::string>{"title"});
}

TEST_CASE("offset and limit page through the ranking", "[search]") {
  Searcher s = Searcher::open(samples_index());
  const auto all = ids(s.search({.query = "said", .limit = 20}));
  REQUIRE(all.size() == 20);
  const SearchResults page = s.search({.query = "said", .offset = 5, .limit = 5});
  CHECK(ids(page) == std::vector<std::string>(all.begin() + 5, all.begin() + 10));
  CHECK(page.hits.front().rank == 6);
}

TEST_CASE("result windows are bounded", "[search]") {
  Searcher s = Searcher::open(samples_index());
  CHECK_THROWS_MATCHES(s.search({.query = "said", .limit = kMaxLimit + 1}), Error,
                       has_code(ErrorCode::kInvalidArgument));
  CHECK_THROWS_MATCHES(s.search({.query = "said", .offset = kMaxResultWindow, .limit = 1}), Error,
                       has_code(ErrorCode::kInvalidArgument));
  CHECK_THROWS_MATCHES(s.search({.query = "Pompeo AND ("}), Error, has_code(ErrorCode::kBadQuery));
}

TEST_CASE("articles are fetched by id from the Xapian store alone", "[search]") {
  Searcher s = Searcher::open(samples_index());
  const Article a = s.article("reuters/reuters-00001.txt");
  CHECK(a.title == "BAHIA COCOA REVIEW");
  CHECK(a.source == "Reuters");
  CHECK_THAT(a.body, Catch::StartsWith("Showers continued throughout the week"));
  CHECK_THROWS_MATCHES(s.article("nope"), Error, has_code(ErrorCode::kNotFound));
}

TEST_CASE("stats count both stores", "[search]") {
  Searcher s = Searcher::open(samples_index());
  const IndexStats st = s.stats();
  CHECK(st.article_count >= 100);
  CHECK(st.sqlite_article_count == static_cast<std::int64_t>(st.article_count));
  CHECK(st.uuid.size() == 36);
  CHECK(st.revision > 0);
  CHECK(st.xapian_bytes > 0);
  CHECK(st.sqlite_bytes > 0);
}

TEST_CASE("a searcher sees new commits after reopen", "[search]") {
  test::TempDir tmp;
  Indexer indexer = Indexer::open(tmp / "idx");
  indexer.add({.id = "one", .title = "First", .body = "quartz"});
  indexer.commit();
  Searcher s = Searcher::open(tmp / "idx");
  CHECK(s.search({.query = "quartz"}).hits.size() == 1);
  indexer.add({.id = "two", .title = "Second", .body = "quartz again"});
  indexer.commit();
  CHECK(s.search({.query = "quartz"}).hits.size() == 1);
  s.reopen();
  CHECK(s.search({.query = "quartz"}).hits.size() == 2);
}

TEST_CASE("opening a missing index says how to make one", "[search]") {
  test::TempDir tmp;
  CHECK_THROWS_MATCHES(Searcher::open(tmp / "none"), Error, has_code(ErrorCode::kNotFound));
}

TEST_CASE("trailing wildcards expand within a bound", "[search]") {
  Searcher samples = Searcher::open(samples_index());
  CHECK(ids(samples.search({.query = "huaw*"})) ==
        std::vector<std::string>{"seed/000_e5e6e8b9b571241e.txt"});

  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    std::string body;
    for (int i = 0; i <= 1000; ++i) body += "zz" + std::to_string(i) + " ";
    indexer.add({.id = "many", .title = "Many words", .body = body});
  }
  Searcher s = Searcher::open(tmp / "idx");
  CHECK(s.search({.query = "zz99*"}).hits.size() == 1);
  CHECK_THROWS_MATCHES(s.search({.query = "zz*"}), Error, has_code(ErrorCode::kBadQuery));
  CHECK_THROWS_WITH(s.search({.query = "zz*"}), Catch::Contains("matches more than 1000 words"));
}

TEST_CASE("possessives are found by their base word", "[search]") {
  Searcher s = Searcher::open(samples_index());
  // The seed article writes only "Huawai’s" (sic) and "Trump’s".
  CHECK(ids(s.search({.query = "huawai"})) ==
        std::vector<std::string>{"seed/000_e5e6e8b9b571241e.txt"});
  CHECK(ids(s.search({.query = "\"President Donald Trump\""})) ==
        std::vector<std::string>{"seed/000_e5e6e8b9b571241e.txt"});
}

namespace {

// Four articles about orchids: three dated, one not.
fs::path orchid_index(const test::TempDir& tmp) {
  const fs::path p = tmp / "idx";
  Indexer indexer = Indexer::open(p, {.spelling = false});
  indexer.add({.id = "old", .title = "Orchid show", .date = "1987-02-26", .body = "Orchids."});
  indexer.add({.id = "mid", .title = "Orchid prize", .date = "2019-05-08", .body = "Orchids."});
  indexer.add({.id = "new", .title = "Orchid theft", .date = "2021-01-01", .body = "Orchids."});
  indexer.add({.id = "undated", .title = "Orchid care", .body = "Orchids need light."});
  return p;
}

}  // namespace

TEST_CASE("sort by date puts undated articles last either way", "[search][sort]") {
  test::TempDir tmp;
  Searcher s = Searcher::open(orchid_index(tmp));
  CHECK(ids(s.search({.query = "orchid", .sort = Sort::kNewest})) ==
        std::vector<std::string>{"new", "mid", "old", "undated"});
  CHECK(ids(s.search({.query = "orchid", .sort = Sort::kOldest})) ==
        std::vector<std::string>{"old", "mid", "new", "undated"});
  CHECK(s.search({.query = "orchid", .sort = Sort::kRelevance}).hits.size() == 4);
  // Paging works on the sorted list.
  CHECK(ids(s.search({.query = "orchid", .offset = 1, .limit = 2, .sort = Sort::kNewest})) ==
        std::vector<std::string>{"mid", "old"});
}

TEST_CASE("date ranges are inclusive, open when a bound is empty, and checked", "[search][dates]") {
  test::TempDir tmp;
  Searcher s = Searcher::open(orchid_index(tmp));
  using Ids = std::vector<std::string>;
  const auto range = [&](std::string from, std::string to) {
    return ids(s.search({.query = "orchid",
                         .sort = Sort::kNewest,
                         .date_from = std::move(from),
                         .date_to = std::move(to)}));
  };
  CHECK(range("2019-05-08", "2019-05-08") == Ids{"mid"});
  CHECK(range("2019-05-08", "") == Ids{"new", "mid"});
  CHECK(range("", "2019-05-08") == Ids{"mid", "old"});
  CHECK(range("1900-01-01", "2999-12-31") == Ids{"new", "mid", "old"});  // undated left out
  CHECK(range("2020-01-01", "2019-01-01").empty());
  CHECK(range("", "") == Ids{"new", "mid", "old", "undated"});

  const auto [from, to, bad] = GENERATE(table<const char*, const char*, const char*>({
      {"2019-02-30", "", "date_from \"2019-02-30\""},
      {"", "2019-5-8", "date_to \"2019-5-8\""},
      {"yesterday", "", "date_from \"yesterday\""},
      {"", "20190508", "date_to \"20190508\""},
  }));
  CAPTURE(from, to);
  CHECK_THROWS_MATCHES(range(from, to), Error, has_code(ErrorCode::kInvalidArgument));
  CHECK_THROWS_WITH(range(from, to), Catch::Contains(bad) && Catch::Contains("YYYY-MM-DD"));
}

TEST_CASE("exact duplicates collapse into one hit that counts them", "[search][collapse]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    for (const char* id : {"wire/1", "wire/2", "wire/3"}) {
      indexer.add({.id = id, .title = "Heron returns", .body = "A grey heron came back."});
    }
    indexer.add({.id = "other", .title = "Heron leaves", .body = "The heron flew off."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const SearchResults collapsed = s.search({.query = "heron"});
  REQUIRE(collapsed.hits.size() == 2);
  std::size_t duplicates = 0;
  for (const Hit& h : collapsed.hits) {
    CAPTURE(h.id, h.duplicates);
    CHECK((h.id == "other" ? h.duplicates == 0 : h.duplicates == 2));
    duplicates += h.duplicates;
  }
  CHECK(duplicates == 2);

  const SearchResults all = s.search({.query = "heron", .collapse_duplicates = false});
  CHECK(all.hits.size() == 4);
  for (const Hit& h : all.hits) CHECK(h.duplicates == 0);
}

// ---- Facets, match modes, suggestions, recency, more-like-this, snippets, counts (issue 5).

namespace {

// "value=count" for each value of a facet.
std::vector<std::string> values(const Facet& f) {
  std::vector<std::string> out;
  for (const FacetValue& v : f.values) out.push_back(v.value + "=" + std::to_string(v.count));
  return out;
}

const Facet& facet(const SearchResults& r, const std::string& name) {
  for (const Facet& f : r.facets) {
    if (f.name == name) return f;
  }
  FAIL("no facet " << name);
  throw std::logic_error("unreachable");
}

std::int64_t exact(Searcher& s, SearchRequest request) {
  request.exact_count = true;
  request.limit = 0;
  return s.search(request).total_exact;
}

// "YYYY-MM" -> its last day, "YYYY-MM-DD".
std::string month_end(const std::string& month) {
  const int y = std::stoi(month.substr(0, 4));
  const int m = std::stoi(month.substr(5, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return month + "-" + std::to_string(m == 2 && leap ? 29 : kDays[m - 1]);
}

ArticleEntity entity(const char* type, const char* name) { return {type, name, 1, 0, {}}; }

// Five articles with sources, languages, dates, tags and entities; four mention zinc.
fs::path facet_index(const test::TempDir& tmp) {
  const fs::path p = tmp / "idx";
  Indexer indexer = Indexer::open(p, {.spelling = false});
  indexer.add({.id = "a1",
               .title = "Zinc smelter opens in Ohio",
               .date = "1987-02-26",
               .source = "Reuters",
               .body = "A new zinc smelter opened near Cleveland on Thursday, officials said.",
               .lang = "en",
               .tags = {{"topic", "zinc"}, {"place_tag", "usa"}},
               .entities = {entity("person", "Mike Pompeo"), entity("place", "Iran")}});
  indexer.add({.id = "a2",
               .title = "Miners strike over zinc wages",
               .date = "1987-04-01",
               .source = "Reuters",
               .body = "Workers at three zinc mines walked out demanding higher pay and pensions.",
               .lang = "en",
               .tags = {{"topic", "zinc"}, {"topic", "labour"}},
               .entities = {entity("person", "Mike Pompeo"), entity("org", "Huawei")}});
  indexer.add({.id = "a3",
               .title = "Zinkpreise steigen",
               .date = "1987-04-15",
               .source = "AP",
               .body = "Die Preise für Zink sind gestiegen, zinc traders in Frankfurt reported.",
               .lang = "de",
               .tags = {{"topic", "sugar"}},
               .entities = {entity("org", "Huawei")}});
  indexer.add({.id = "a4",
               .title = "Galvanising plants",
               .source = "AP",
               .body = "Galvanising coats steel with zinc to stop rust from forming quickly.",
               .lang = "en"});
  indexer.add({.id = "a5",
               .title = "Copper output falls",
               .date = "1988-01-02",
               .source = "BBC",
               .body = "Chilean copper production dropped sharply during the winter months.",
               .lang = "en",
               .entities = {entity("person", "Mike Pompeo")}});
  return p;
}

}  // namespace

TEST_CASE("facets count the whole result set, not the page", "[search][facets]") {
  test::TempDir tmp;
  Searcher s = Searcher::open(facet_index(tmp));
  using V = std::vector<std::string>;
  const SearchResults r =
      s.search({.query = "zinc",
                .limit = 1,
                .facets = {"source", "lang", "year", "month", "entities", "topic", "place_tag"}});
  CHECK(r.hits.size() == 1);
  CHECK(r.total_exact == 4);
  std::vector<std::string> names;
  for (const Facet& f : r.facets) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"source", "lang", "year", "month", "person", "org",
                                          "place", "topic", "place_tag"});
  CHECK(values(facet(r, "source")) == V{"ap=2", "reuters=2"});
  CHECK(values(facet(r, "lang")) == V{"en=3", "de=1"});
  CHECK(values(facet(r, "year")) == V{"1987=3"});
  // A timeline: date order, every month between the first and the last, zeros included.
  CHECK(values(facet(r, "month")) == V{"1987-02=1", "1987-03=0", "1987-04=2"});
  CHECK(values(facet(r, "person")) == V{"Mike Pompeo=2"});
  CHECK(values(facet(r, "org")) == V{"Huawei=2"});
  CHECK(values(facet(r, "place")) == V{"Iran=1"});
  CHECK(values(facet(r, "topic")) == V{"zinc=2", "labour=1", "sugar=1"});
  CHECK(values(facet(r, "place_tag")) == V{"usa=1"});

  // Each count equals the exact count of a search filtered on the value.
  for (const FacetValue& v : facet(r, "source").values) {
    CAPTURE(v.value);
    CHECK(exact(s, {.query = "zinc source:" + v.value}) == static_cast<std::int64_t>(v.count));
  }
  for (const FacetValue& v : facet(r, "topic").values) {
    CAPTURE(v.value);
    CHECK(exact(s, {.query = "zinc topic:" + v.value}) == static_cast<std::int64_t>(v.count));
  }
  CHECK(exact(s, {.query = "zinc", .date_from = "1987-04-01", .date_to = "1987-04-30"}) == 2);

  // The limit keeps the most frequent values; it does not cut the timeline.
  const SearchResults one =
      s.search({.query = "zinc", .facets = {"topic", "month"}, .facet_limit = 1});
  CHECK(values(facet(one, "topic")) == V{"zinc=2"});
  CHECK(facet(one, "month").values.size() == 3);
  // An article outside the result set counts for nothing; all articles for "zinc OR copper".
  CHECK(values(facet(s.search({.query = "zinc OR copper", .facets = {"person"}}), "person")) ==
        V{"Mike Pompeo=3"});
}

TEST_CASE("facet counts agree with filtered exact counts on the samples", "[search][facets]") {
  Searcher s = Searcher::open(samples_index());
  const SearchResults r = s.search({.query = "said", .facets = {"month", "year"}});
  REQUIRE(r.total_exact > 0);
  const std::vector<FacetValue>& months = facet(r, "month").values;
  REQUIRE_FALSE(months.empty());
  std::size_t dated = 0;
  for (std::size_t i = 0; i < months.size(); ++i) {
    const FacetValue& m = months[i];
    CAPTURE(m.value);
    dated += m.count;
    if (i > 0) CHECK(months[i - 1].value < m.value);
    if (m.count > 0 || i % 50 == 0) {
      CHECK(exact(s,
                  {.query = "said", .date_from = m.value + "-01", .date_to = month_end(m.value)}) ==
            static_cast<std::int64_t>(m.count));
    }
  }
  CHECK(dated <= static_cast<std::size_t>(r.total_exact));
  std::size_t by_year = 0;
  for (const FacetValue& y : facet(r, "year").values) by_year += y.count;
  CHECK(by_year == dated);
}

TEST_CASE("facets of collapsed results count one per group", "[search][facets][collapse]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    for (const char* id : {"wire/1", "wire/2", "wire/3"}) {
      indexer.add({.id = id,
                   .title = "Heron returns",
                   .date = "2001-05-01",
                   .source = "Wire",
                   .body = "A grey heron came back."});
    }
    indexer.add({.id = "other",
                 .title = "Heron leaves",
                 .date = "2001-05-02",
                 .source = "Wire",
                 .body = "The heron flew off."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const SearchResults collapsed = s.search({.query = "heron", .facets = {"source"}});
  CHECK(collapsed.total_exact == 2);
  CHECK(facet(collapsed, "source").values.at(0).count == 2);
  const SearchResults all =
      s.search({.query = "heron", .collapse_duplicates = false, .facets = {"source"}});
  CHECK(all.total_exact == 4);
  CHECK(facet(all, "source").values.at(0).count == 4);
}

// A Searcher reads the values of a revision's matches on its first facet search and keeps
// every document's facet values from the second on (issue 6): both ways must count the same.
TEST_CASE("facet counts are the same on first and later searches", "[search][facets][collapse]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    // Three copies of one story (one group when collapsing) with different tags and entities,
    // and one other story.
    const std::vector<std::vector<ArticleTag>> tags = {
        {{"topic", "zinc"}}, {{"topic", "labour"}, {"topic", "zinc"}}, {{"place_tag", "usa"}}};
    for (std::size_t i = 0; i < tags.size(); ++i) {
      Article a{.id = "wire/" + std::to_string(i + 1),
                .title = "Heron returns",
                .date = "2001-05-0" + std::to_string(i + 1),
                .source = i == 2 ? "AP" : "Wire",
                .body = "A grey heron came back to the lake on Sunday morning."};
      a.tags = tags[i];
      if (i == 1) a.entities = {entity("person", "Mike Pompeo")};
      indexer.add(a);
    }
    indexer.add({.id = "other",
                 .title = "Heron leaves",
                 .date = "2001-06-02",
                 .source = "Wire",
                 .body = "The heron flew off.",
                 .tags = {{"topic", "zinc"}},
                 .entities = {entity("person", "Mike Pompeo")}});
  }
  Searcher s = Searcher::open(tmp / "idx");
  using V = std::vector<std::string>;
  const std::vector<std::string> names = {"source", "month", "topic", "place_tag", "person"};
  for (int pass = 1; pass <= 3; ++pass) {
    CAPTURE(pass);
    const SearchResults collapsed = s.search({.query = "heron", .facets = names});
    CHECK(collapsed.total_exact == 2);
    CHECK(values(facet(collapsed, "source")) == V{"wire=2", "ap=1"});
    CHECK(values(facet(collapsed, "month")) == V{"2001-05=1", "2001-06=1"});
    CHECK(values(facet(collapsed, "topic")) == V{"zinc=2", "labour=1"});
    CHECK(values(facet(collapsed, "place_tag")) == V{"usa=1"});
    CHECK(values(facet(collapsed, "person")) == V{"Mike Pompeo=2"});
    const SearchResults all =
        s.search({.query = "heron", .collapse_duplicates = false, .facets = names});
    CHECK(all.total_exact == 4);
    CHECK(values(facet(all, "source")) == V{"wire=3", "ap=1"});
    CHECK(values(facet(all, "month")) == V{"2001-05=3", "2001-06=1"});
    CHECK(values(facet(all, "topic")) == V{"zinc=3", "labour=1"});
    CHECK(values(facet(all, "person")) == V{"Mike Pompeo=2"});
  }
}

TEST_CASE("bad facets, limits, snippet counts and recency are refused", "[search]") {
  test::TempDir tmp;
  Searcher s = Searcher::open(facet_index(tmp));
  CHECK_THROWS_MATCHES(s.search({.query = "zinc", .facets = {"colour"}}), Error,
                       has_code(ErrorCode::kInvalidArgument));
  CHECK_THROWS_WITH(s.search({.query = "zinc", .facets = {"colour"}}),
                    Catch::Contains("\"colour\""));
  CHECK_THROWS_MATCHES(
      s.search({.query = "zinc", .facets = {"source"}, .facet_limit = kMaxFacetValues + 1}), Error,
      has_code(ErrorCode::kInvalidArgument));
  CHECK_THROWS_MATCHES(s.search({.query = "zinc", .snippets = kMaxSnippets + 1}), Error,
                       has_code(ErrorCode::kInvalidArgument));
  CHECK_THROWS_MATCHES(s.search({.query = "zinc", .recency = -1}), Error,
                       has_code(ErrorCode::kInvalidArgument));
  CHECK_THROWS_MATCHES(s.search({.query = "zinc", .recency = 1, .recency_half_life_days = 0}),
                       Error, has_code(ErrorCode::kInvalidArgument));
  CHECK_THROWS_MATCHES(s.search({.query = "", .like = "nope"}), Error,
                       has_code(ErrorCode::kNotFound));
}

TEST_CASE("exact_count equals the number of matches", "[search][count]") {
  Searcher s = Searcher::open(samples_index());
  for (const char* q : {"said", "oil OR cocoa", "pompeo"}) {
    CAPTURE(q);
    const SearchResults counted = s.search({.query = q, .limit = 1, .exact_count = true});
    const SearchResults all = s.search({.query = q, .limit = 1000});
    CHECK(counted.total_exact == static_cast<std::int64_t>(all.hits.size()));
    CHECK(all.total_exact == -1);
  }
}

TEST_CASE("results carry the revision and uuid of the index", "[search]") {
  Searcher s = Searcher::open(samples_index());
  const SearchResults r = s.search({.query = "cocoa"});
  const IndexStats st = s.stats();
  CHECK(r.revision == st.revision);
  CHECK(r.uuid == st.uuid);
  CHECK_FALSE(r.parsed_query.empty());
}

TEST_CASE("auto match drops words no article has along with the others, and still ranks",
          "[search][match]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    indexer.add({.id = "both",
                 .title = "Drought hurts cocoa in Bahia",
                 .body = "The drought in Bahia cut the cocoa harvest by a third."});
    indexer.add({.id = "cocoa",
                 .title = "Cocoa prices rise",
                 .body = "Cocoa prices rose on the London market."});
    indexer.add({.id = "none", .title = "Tin talks", .body = "Tin talks resumed."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  // No article has "zeppelin": it is dropped, and "both" (three words) ranks above "cocoa".
  const SearchResults r = s.search({.query = "drought cocoa bahia zeppelin"});
  CHECK(ids(r) == std::vector<std::string>{"both", "cocoa"});
  CHECK(r.dropped_words == std::vector<std::string>{"zeppelin"});
  // Strict modes do not fall back.
  CHECK(s.search({.query = "drought cocoa bahia zeppelin", .match = MatchMode::kAll}).hits.empty());
  const SearchResults any = s.search({.query = "drought zeppelin cocoa", .match = MatchMode::kAny});
  CHECK(ids(any) == std::vector<std::string>{"both", "cocoa"});
  CHECK(any.dropped_words.empty());
  // A query that matches as a whole drops nothing.
  const SearchResults whole = s.search({.query = "drought cocoa"});
  CHECK(ids(whole) == std::vector<std::string>{"both"});
  CHECK(whole.dropped_words.empty());
  // On a later page the dropped words are still those of the best match.
  const SearchResults page2 = s.search({.query = "drought cocoa bahia zeppelin", .offset = 1});
  CHECK(ids(page2) == std::vector<std::string>{"cocoa"});
  CHECK(page2.dropped_words == std::vector<std::string>{"zeppelin"});
}

TEST_CASE("did you mean: Huawai 5G", "[search][suggest]") {
  Searcher s = Searcher::open(samples_index());
  const SearchResults r = s.search({.query = "Huawai 5G"});
  CHECK(r.suggestion == "Huawei 5G");
  CHECK(s.search({.query = "Huawai 5G", .suggest = false}).suggestion.empty());
}

TEST_CASE("recency boost changes the order of otherwise equal articles", "[search][recency]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    // Same words, so the same BM25 score; different dates (and a third, newer article that
    // sets "now").
    indexer.add({.id = "older",
                 .title = "Walrus sighted",
                 .date = "2018-01-01",
                 .body = "A walrus was seen on the beach near the harbour."});
    indexer.add({.id = "newer",
                 .title = "Walrus sighted",
                 .date = "2020-01-01",
                 .body = "A walrus was seen near the harbour on the beach."});
    indexer.add({.id = "latest", .title = "Seal", .date = "2021-01-01", .body = "A seal."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const SearchResults plain = s.search({.query = "walrus", .collapse_duplicates = false});
  REQUIRE(plain.hits.size() == 2);
  CHECK(plain.hits[0].score == Approx(plain.hits[1].score));
  // Ties go to the lower docid: "older" was added first.
  CHECK(ids(plain) == std::vector<std::string>{"older", "newer"});
  const SearchResults boosted = s.search({.query = "walrus",
                                          .collapse_duplicates = false,
                                          .recency = 1,
                                          .recency_half_life_days = 365});
  CHECK(ids(boosted) == std::vector<std::string>{"newer", "older"});
  // The boost is r * 2^(-age/half-life): newer is 366 days old, older 1096.
  const double base = plain.hits[0].score;
  CHECK(boosted.hits[0].score == Approx(base + std::exp2(-366.0 / 365)));
  CHECK(boosted.hits[1].score == Approx(base + std::exp2(-1096.0 / 365)));
}

TEST_CASE("more like this finds the near copy first and never the article itself",
          "[search][like]") {
  test::TempDir tmp;
  const std::string story =
      "Cocoa farmers in the Bahia region of Brazil reported that heavy showers improved "
      "prospects for the temporao crop, while exporters said arrivals at Ilheus port rose to "
      "their highest level since the drought, lifting hopes for bean quality and sales.";
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    indexer.add({.id = "orig", .title = "Bahia cocoa review", .body = story});
    indexer.add({.id = "copy",
                 .title = "Brazil cocoa crop improves",
                 .body = story + " Prices were not given."});
    indexer.add({.id = "cocoa",
                 .title = "Ghana cocoa",
                 .body = "Ghana cocoa farmers expect a good crop after rains in the west."});
    indexer.add({.id = "tin", .title = "Tin talks", .body = "Tin producers met in London."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const SearchResults r = s.search({.collapse_duplicates = false, .like = "orig"});
  REQUIRE(r.hits.size() >= 2);
  CHECK(ids(r)[0] == "copy");
  CHECK(ids(r)[1] == "cocoa");
  for (const Hit& h : r.hits) CHECK(h.id != "orig");
  // With a query, the query filters and similarity ranks.
  CHECK(ids(s.search({.query = "ghana", .like = "orig"})) == std::vector<std::string>{"cocoa"});
  CHECK_THROWS_MATCHES(s.search({.like = "nope"}), Error, has_code(ErrorCode::kNotFound));
}

TEST_CASE("snippets N gives N distinct passages, the first being the snippet", "[search]") {
  test::TempDir tmp;
  std::string body;
  for (int i = 0; i < 12; ++i) {
    body += "Paragraph " + std::to_string(i) + " says little. The ibis flock number " +
            std::to_string(i) + " grew.\n";
  }
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    indexer.add({.id = "birds", .title = "Birds", .body = body});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const SearchResults r = s.search({.query = "ibis", .snippet_bytes = 60, .snippets = 3});
  REQUIRE(r.hits.size() == 1);
  const Hit& h = r.hits[0];
  REQUIRE(h.passages.size() == 3);
  CHECK(h.passages[0] == h.snippet);
  const auto text = [](const std::vector<SnippetSpan>& p) {
    std::string out;
    for (const auto& span : p) out += span.match ? "[" + span.text + "]" : span.text;
    return out;
  };
  // Sentence-aligned windows of up to 60 bytes; equally good ones in text order.
  CHECK(text(h.passages[0]) == "Paragraph 0 says little. The [ibis] flock number 0 grew.…");
  CHECK(text(h.passages[1]) == "…Paragraph 1 says little. The [ibis] flock number 1 grew.…");
  CHECK(text(h.passages[2]) == "…Paragraph 2 says little. The [ibis] flock number 2 grew.…");
  CHECK(s.search({.query = "ibis", .snippets = 0}).hits[0].passages.empty());
}

TEST_CASE("hits carry the article's entities without aliases", "[search][entities]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    indexer.add({.id = "e",
                 .title = "Pompeo in London",
                 .body = "Mr Pompeo met Huawei critics in London.",
                 .entities = {{"person", "Mike Pompeo", 2, 0, {{"Mr Pompeo", 1}, {"Pompeo", 1}}},
                              {"org", "Huawei", 1, 30, {{"Huawei", 1}}}}});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const SearchResults r = s.search({.query = "london"});
  REQUIRE(r.hits.size() == 1);
  const std::vector<ArticleEntity> expected = {{"person", "Mike Pompeo", 2, 0, {}},
                                               {"org", "Huawei", 1, 30, {}}};
  CHECK(r.hits[0].entities == expected);
}
