// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the RAII SQLite wrappers on a real database file.
#include "morgue/internal/sqlite.h"

#include <catch2/catch.hpp>

#include "morgue/error.h"
#include "test_support.h"

using namespace morgue;

TEST_CASE("bound parameters are stored verbatim and never spliced", "[sqlite]") {
  test::TempDir dir;
  auto db = sqlite::Database::open(dir / "t.sqlite", sqlite::Database::Mode::kReadWriteCreate);
  db.exec("CREATE TABLE t (a TEXT, b INTEGER)");
  const std::string nasty = "x'); DROP TABLE t; --";
  db.prepare("INSERT INTO t VALUES (?1, ?2)").bind(1, nasty).bind(2, std::int64_t{42}).run();
  auto st = db.prepare("SELECT a, b FROM t");
  REQUIRE(st.step());
  CHECK(st.column_text(0) == nasty);
  CHECK(st.column_int(1) == 42);
  CHECK_FALSE(st.step());
}

TEST_CASE("a transaction rolls back unless committed", "[sqlite]") {
  test::TempDir dir;
  auto db = sqlite::Database::open(dir / "t.sqlite", sqlite::Database::Mode::kReadWriteCreate);
  db.exec("CREATE TABLE t (a INTEGER)");
  {
    sqlite::Transaction txn(db);
    db.exec("INSERT INTO t VALUES (1)");
  }
  {
    sqlite::Transaction txn(db);
    db.exec("INSERT INTO t VALUES (2)");
    txn.commit();
  }
  auto st = db.prepare("SELECT group_concat(a) FROM t");
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "2");
}

TEST_CASE("errors become morgue::Error with a code", "[sqlite]") {
  test::TempDir dir;
  CHECK_THROWS_MATCHES(
      sqlite::Database::open(dir / "missing.sqlite", sqlite::Database::Mode::kReadOnly), Error,
      Catch::Predicate<Error>([](const Error& e) { return e.code() == ErrorCode::kNotFound; }));
  test::write_file(dir / "junk.sqlite", std::string(4096, 'j'));
  auto db = sqlite::Database::open(dir / "junk.sqlite", sqlite::Database::Mode::kReadOnly);
  CHECK_THROWS_MATCHES(
      db.exec("SELECT * FROM sqlite_master"), Error,
      Catch::Predicate<Error>([](const Error& e) { return e.code() == ErrorCode::kCorrupt; }));
}
