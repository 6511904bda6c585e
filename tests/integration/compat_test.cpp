// SPDX-License-Identifier: GPL-2.0-or-later
// API stability: indexes of another schema version are refused through every public entry
// point with both versions named; the JSON and C API versions change only on purpose.
#include <sqlite3.h>
#include <xapian.h>

#include <catch2/catch.hpp>

#include "morgue/error.h"
#include "morgue/indexer.h"
#include "morgue/json_output.h"
#include "morgue/morgue.h"
#include "morgue/schema.h"
#include "morgue/searcher.h"
#include "test_support.h"

using namespace morgue;
namespace fs = std::filesystem;

namespace {

auto has_code(ErrorCode code) {
  return Catch::Predicate<Error>([code](const Error& e) { return e.code() == code; },
                                 "has the expected code");
}

// An index that claims `version` in both stores, as one written by that Morgue would.
void stamp_version(const fs::path& index, int version) {
  {
    Xapian::WritableDatabase db((index / schema::kXapianDirName).string());
    db.set_metadata(std::string(schema::meta::kSchemaVersion), std::to_string(version));
    db.commit();
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((index / schema::kSqliteFileName).c_str(), &db) == SQLITE_OK);
  const std::string pragma = "PRAGMA user_version = " + std::to_string(version);
  const int rc = sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

fs::path small_index(const test::TempDir& tmp) {
  const fs::path index = tmp / "idx";
  Indexer indexer = Indexer::open(index);
  indexer.add({.id = "a", .title = "Quartz prices", .body = "Quartz rose."});
  indexer.commit();
  return index;
}

}  // namespace

TEST_CASE("an index of the previous schema version is refused, naming both versions",
          "[api][compat]") {
  test::TempDir tmp;
  const fs::path index = small_index(tmp);
  const int previous = schema::kSchemaVersion - 1;
  stamp_version(index, previous);
  // Catch2 v2 combined matchers refer to their parts: keep the parts alive.
  const auto old_version = Catch::Contains("schema version " + std::to_string(previous));
  const auto new_version =
      Catch::Contains("reads version " + std::to_string(schema::kSchemaVersion));

  SECTION("Searcher::open") {
    CHECK_THROWS_MATCHES(Searcher::open(index), Error, has_code(ErrorCode::kSchemaMismatch));
    CHECK_THROWS_WITH(Searcher::open(index), old_version && new_version);
  }
  SECTION("Indexer::open") {
    CHECK_THROWS_MATCHES(Indexer::open(index), Error, has_code(ErrorCode::kSchemaMismatch));
    CHECK_THROWS_WITH(Indexer::open(index), old_version && new_version);
  }
  SECTION("the C API") {
    morgue_searcher* s = nullptr;
    CHECK(morgue_searcher_open(index.c_str(), &s) == MORGUE_SCHEMA_MISMATCH);
    CHECK(s == nullptr);
    const std::string message = morgue_last_error_message();
    CHECK_THAT(message, old_version && new_version);
    CHECK(std::string(morgue_status_name(MORGUE_SCHEMA_MISMATCH)) == "schema_mismatch");
  }
  SECTION("nothing else was wrong with it") {
    stamp_version(index, schema::kSchemaVersion);
    Searcher s = Searcher::open(index);
    CHECK(s.search({.query = "quartz"}).hits.size() == 1);
  }
}

TEST_CASE("a SQLite store of the previous schema version is refused by the indexer",
          "[api][compat]") {
  test::TempDir tmp;
  const fs::path index = small_index(tmp);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((index / schema::kSqliteFileName).c_str(), &db) == SQLITE_OK);
  const std::string pragma = "PRAGMA user_version = " + std::to_string(schema::kSchemaVersion - 1);
  CHECK(sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  CHECK_THROWS_MATCHES(Indexer::open(index), Error, has_code(ErrorCode::kSchemaMismatch));
  CHECK_THROWS_WITH(
      Indexer::open(index),
      Catch::Contains("schema version " + std::to_string(schema::kSchemaVersion - 1)));
}

TEST_CASE("the JSON output and the C API change version only on purpose", "[api][compat]") {
  // Bumping either is a breaking change for every consumer: document it in docs/json-output.md
  // or docs/embedding.md, then update this test.
  CHECK(json::kJsonVersion == 1);
  CHECK(MORGUE_C_API_VERSION == 1);
  CHECK(morgue_c_api_version() == MORGUE_C_API_VERSION);
}
