// SPDX-License-Identifier: GPL-2.0-or-later
// Searching real indexes built from the samples and from small written archives.
#include <catch2/catch.hpp>

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
  CHECK_THROWS_WITH(s.search({.query = "zz*"}), Catch::Contains("matches too many words"));
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
