// SPDX-License-Identifier: GPL-2.0-or-later
// The whole Reuters-21578 collection indexes: 21,578 articles, each retrievable by its NEWID.
#include <xapian.h>

#include <catch2/catch.hpp>

#include "morgue/indexer.h"
#include "morgue/internal/sqlite.h"
#include "morgue/searcher.h"
#include "test_support.h"

using namespace morgue;
namespace fs = std::filesystem;

TEST_CASE("all of Reuters-21578 indexes and every NEWID is retrievable", "[corpus]") {
  test::TempDir tmp;
  const fs::path corpus = fs::path(MORGUE_SHARED_DIR) / "corpora" / "reuters21578";
  IndexReport report;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.batch_size = 5000});
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(corpus)) {
      if (e.path().extension() == ".sgm") files.push_back(e.path());
    }
    report = indexer.index_paths(files);
  }
  CHECK(report.ok());
  // NEWID 12793 has no text; it is indexed with its metadata and said so.
  REQUIRE(report.repaired.size() == 1);
  CHECK_THAT(report.repaired[0].reason, Catch::Contains("NEWID 12793"));
  CHECK(report.files_indexed == 22);
  CHECK(report.articles_new == 21578);

  Xapian::Database db((tmp / "idx" / "xapian").string());
  CHECK(db.get_doccount() == 21578);
  std::size_t missing = 0;
  for (int id = 1; id <= 21578; ++id) {
    if (!db.term_exists("Q" + std::to_string(id))) ++missing;
  }
  CHECK(missing == 0);
  auto sql =
      sqlite::Database::open(tmp / "idx" / "morgue.sqlite", sqlite::Database::Mode::kReadOnly);
  auto st = sql.prepare("SELECT count(*), count(DISTINCT content_hash) FROM articles");
  REQUIRE(st.step());
  CHECK(st.column_int(0) == 21578);
  // The collection holds a few hundred exact duplicates.
  CHECK(st.column_int(0) - st.column_int(1) > 100);

  Searcher searcher = Searcher::open(tmp / "idx");
  CHECK(searcher.article("21578").id == "21578");
  // The article with the raw 0xFC byte is whole and searchable on both sides of it.
  const SearchResults r = searcher.search({.query = "\"side measures to boost growth\""});
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].id == "17980");
  CHECK(searcher.search({.query = "\"world economic growth\" AND lawson"}).hits.size() >= 1);
  CHECK(searcher.search({.query = "topic:cocoa"}).total_estimated > 50);
}
