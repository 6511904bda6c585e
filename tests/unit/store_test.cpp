// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of opening stores: schema versions in both stores, missing indexes, id terms.
#include "morgue/internal/store.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "morgue/error.h"
#include "morgue/schema.h"
#include "test_support.h"

using namespace morgue;

namespace {
auto has_code(ErrorCode code) {
  return Catch::Predicate<Error>([code](const Error& e) { return e.code() == code; },
                                 "has the expected code");
}
}  // namespace

TEST_CASE("a missing index names the directory and what to do", "[store]") {
  test::TempDir dir;
  const auto layout = store::Layout::of(dir / "nothing-here");
  CHECK_THROWS_MATCHES(store::open_reader(layout), Error,
                       Catch::Matchers::Message("no index at " + (dir / "nothing-here").string() +
                                                " (run morgue index first)"));
}

TEST_CASE("both stores carry the schema version", "[store]") {
  test::TempDir dir;
  const auto layout = store::Layout::of(dir / "idx");
  {
    auto writer = store::open_writer(layout);
    CHECK(writer.get_metadata(std::string(schema::meta::kSchemaVersion)) ==
          std::to_string(schema::kSchemaVersion));
  }
  auto db = store::open_sqlite(layout, sqlite::Database::Mode::kReadWriteCreate);
  CHECK(db.user_version() == schema::kSchemaVersion);
  CHECK_NOTHROW(store::open_reader(layout));
}

TEST_CASE("an index of another schema version is refused naming both versions", "[store]") {
  test::TempDir dir;
  const auto layout = store::Layout::of(dir / "idx");
  std::filesystem::create_directories(layout.root);
  {
    Xapian::WritableDatabase db(layout.xapian.string(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(std::string(schema::meta::kSchemaVersion), "99");
    db.commit();
  }
  CHECK_THROWS_MATCHES(store::open_reader(layout), Error, has_code(ErrorCode::kSchemaMismatch));
  CHECK_THROWS_WITH(store::open_reader(layout),
                    Catch::Contains("schema version 99") &&
                        Catch::Contains("reads version " + std::to_string(schema::kSchemaVersion)));
  CHECK_THROWS_MATCHES(store::open_writer(layout), Error, has_code(ErrorCode::kSchemaMismatch));
}

TEST_CASE("a SQLite store of another version is refused", "[store]") {
  test::TempDir dir;
  const auto layout = store::Layout::of(dir / "idx");
  std::filesystem::create_directories(layout.root);
  {
    auto db = sqlite::Database::open(layout.sqlite, sqlite::Database::Mode::kReadWriteCreate);
    db.exec("PRAGMA user_version = 7");
  }
  CHECK_THROWS_MATCHES(store::open_sqlite(layout, sqlite::Database::Mode::kReadWriteCreate), Error,
                       has_code(ErrorCode::kSchemaMismatch));
}

TEST_CASE("a new SQLite store appears whole, never half-created", "[store]") {
  test::TempDir dir;
  const auto layout = store::Layout::of(dir / "idx");
  std::filesystem::create_directories(layout.root);
  {
    auto db = store::open_sqlite(layout, sqlite::Database::Mode::kReadWriteCreate);
    CHECK(db.user_version() == schema::kSchemaVersion);
  }
  // Created under its staging name and renamed in: nothing else is left beside it.
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(layout.root)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(layout.sqlite.filename().string() + "-")) names.push_back(name);
  }
  CHECK(names == std::vector<std::string>{layout.sqlite.filename().string()});
  // A reader opens it as it is.
  CHECK(store::open_sqlite(layout, sqlite::Database::Mode::kReadOnly).user_version() ==
        schema::kSchemaVersion);
}

TEST_CASE("a SQLite file whose creation never committed is created again by a writer", "[store]") {
  test::TempDir dir;
  const auto layout = store::Layout::of(dir / "idx");
  std::filesystem::create_directories(layout.root);
  { std::ofstream{layout.sqlite}; }  // what a kill mid-creation left before staging
  auto db = store::open_sqlite(layout, sqlite::Database::Mode::kReadWriteCreate);
  CHECK(db.user_version() == schema::kSchemaVersion);
  CHECK(db.prepare("SELECT count(*) FROM articles").step());
}

TEST_CASE("only a staging name whose process is gone is stale", "[store]") {
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  const std::filesystem::path final_path = "/x/morgue.sqlite";
  const std::string dead = final_path.string() + ".new-" + std::to_string(child);
  CHECK(store::is_stale_staging(dead));
  CHECK_FALSE(store::is_stale_staging(store::staging_path(final_path)));  // this process
  CHECK_FALSE(store::is_stale_staging(final_path.string() + ".new-" + std::to_string(getppid())));
  CHECK_FALSE(store::is_stale_staging(final_path));
  CHECK_FALSE(store::is_stale_staging("/x/morgue.sqlite.new-12ab"));
  CHECK_FALSE(store::is_stale_staging("/x/morgue.sqlite.new-"));
  CHECK_FALSE(store::is_stale_staging("/x/morgue.sqlite.new-99999999999999999999"));
  CHECK_FALSE(store::is_stale_staging("/x/notes.new-" + std::to_string(child)));  // not a store
  CHECK(store::is_stale_staging("/x/xapian.new-" + std::to_string(child)));
}

TEST_CASE("a second writer is told the index is locked", "[store]") {
  test::TempDir dir;
  const auto layout = store::Layout::of(dir / "idx");
  auto first = store::open_writer(layout);
  CHECK_THROWS_MATCHES(store::open_writer(layout), Error, has_code(ErrorCode::kLocked));
  CHECK_THROWS_WITH(store::open_writer(layout), Catch::Contains("locked by another writer"));
}

TEST_CASE("id terms stay within Xapian's term limit and stay distinct", "[store]") {
  CHECK(store::id_term("a/b.txt") == "Qa/b.txt");
  const std::string long_a(400, 'a');
  const std::string long_b = long_a + "b";
  CHECK(store::id_term(long_a).size() <= 240);
  CHECK(store::id_term(long_a) != store::id_term(long_b));
}
