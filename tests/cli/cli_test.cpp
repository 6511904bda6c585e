// SPDX-License-Identifier: GPL-2.0-or-later
// Runs the real `morgue` binary: output, JSON, exit statuses, error messages.
#include <sys/wait.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace morgue;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (const char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs morgue with `args` in `cwd`; `env` is prepended to the command (e.g. "NO_COLOR=1").
Run run_morgue(const test::TempDir& cwd, const std::vector<std::string>& args,
               const std::string& env = "") {
  std::string cmd = "cd " + quote(cwd.path().string()) + " && env -u MORGUE_DB " + env + " " +
                    quote(MORGUE_BINARY);
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " >" + quote((cwd / "stdout").string()) + " 2>" + quote((cwd / "stderr").string()) +
         " </dev/null";
  const int raw = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(raw));
  return {WEXITSTATUS(raw), test::read_file(cwd / "stdout"), test::read_file(cwd / "stderr")};
}

// Builds an index of the samples once per test run.
const test::TempDir& indexed() {
  static test::TempDir dir;
  static const bool done = [] {
    const Run r = run_morgue(dir, {"index", "--db", "idx", test::samples_dir().string()});
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)done;
  return dir;
}

}  // namespace

TEST_CASE("morgue index prints a summary and exits 0 on clean input", "[cli]") {
  test::TempDir dir;
  const Run r = run_morgue(dir, {"index", "--db", "idx", test::samples_dir().string()});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("Indexed 121 articles from 121 of 122 files into idx\n"));
  CHECK_THAT(r.out, Catch::Contains("Ignored 1 file of unsupported formats"));
  CHECK(r.err.empty());  // not a terminal: no progress line
  CHECK(fs::exists(dir / "idx" / "xapian"));
  CHECK(fs::exists(dir / "idx" / "morgue.sqlite"));
}

TEST_CASE("morgue index reports bad files and goes on and exits 1", "[cli]") {
  test::TempDir dir;
  test::write_file(dir / "in" / "ok.txt", "Title\n\nBody text.\n");
  test::write_file(dir / "in" / "empty.txt", "");
  const Run r = run_morgue(dir, {"index", "--db", "idx", "in"});
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("Indexed 1 article from 1 of 2 files"));
  CHECK_THAT(r.out, Catch::Contains("Skipped 1 with errors:\n  "));
  CHECK_THAT(r.out, Catch::Contains("empty.txt: empty file"));
  const Run j = run_morgue(dir, {"index", "--db", "idx", "--json", "in"});
  const Json summary = Json::parse(j.out);
  CHECK(summary["articles_indexed"] == 1);
  CHECK(summary["failed"][0]["reason"] == "empty file");
}

TEST_CASE("the index directory defaults to $MORGUE_DB", "[cli]") {
  test::TempDir dir;
  test::write_file(dir / "in" / "ok.txt", "Title\n\nBody text about quokkas.\n");
  CHECK(run_morgue(dir, {"index", "in"}, "MORGUE_DB=envdb").status == 0);
  CHECK(fs::exists(dir / "envdb" / "xapian"));
  const Run r = run_morgue(dir, {"search", "quokkas"}, "MORGUE_DB=envdb NO_COLOR=1");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("[quokkas]"));
}

TEST_CASE("morgue search prints ranked hits with marked snippets", "[cli]") {
  const Run r = run_morgue(indexed(), {"search", "--db", "idx", "Pompeo", "AND", "Huawei"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out,
             Catch::StartsWith(
                 "1. Huawei and Iran expected to be on agenda as May meets US secretary "
                 "of state\n   2019-05-08 (inferred)  seed/000_e5e6e8b9b571241e.txt  score "));
  CHECK_THAT(r.out, Catch::Contains("[Pompeo]"));
  CHECK_THAT(r.out, Catch::Contains("[Huawei]"));
  CHECK_THAT(r.out, !Catch::Contains("\x1b["));
}

TEST_CASE("colour: always uses bold and never or NO_COLOR do not", "[cli]") {
  const Run always = run_morgue(indexed(), {"search", "--db", "idx", "--color=always", "pompeo"});
  CHECK_THAT(always.out, Catch::Contains("\x1b[1mPompeo\x1b[22m"));
  const Run env = run_morgue(indexed(), {"search", "--db", "idx", "pompeo"}, "NO_COLOR=1");
  CHECK_THAT(env.out, !Catch::Contains("\x1b["));
  CHECK(run_morgue(indexed(), {"search", "--db", "idx", "--color=purple", "x"}).status == 2);
}

TEST_CASE("morgue search --json prints the documented object", "[cli]") {
  const Run r = run_morgue(indexed(), {"search", "--db", "idx", "--json", "--limit", "3", "oil"});
  REQUIRE(r.status == 0);
  const Json j = Json::parse(r.out);
  CHECK(j["version"] == 1);
  CHECK(j["query"] == "oil");
  CHECK(j["total_estimated"].get<int>() >= 3);
  REQUIRE(j["hits"].size() == 3);
  CHECK(j["hits"][0]["rank"] == 1);
  CHECK_THAT(j["hits"][0]["snippet"].get<std::string>(), Catch::Contains("<mark>"));
}

TEST_CASE("bad queries and missing indexes exit 2 with a clear message", "[cli]") {
  const Run bad = run_morgue(indexed(), {"search", "--db", "idx", "Pompeo AND ("});
  CHECK(bad.status == 2);
  CHECK(bad.err ==
        "morgue search: cannot parse query \"Pompeo AND (\": unclosed '(' at position 12\n");
  test::TempDir empty;
  const Run missing = run_morgue(empty, {"search", "--db", "nowhere", "x"});
  CHECK(missing.status == 2);
  CHECK(missing.err == "morgue search: no index at nowhere (run morgue index first)\n");
  const Run json = run_morgue(empty, {"search", "--db", "nowhere", "--json", "x"});
  CHECK(Json::parse(json.err)["error"]["code"] == "not_found");
}

TEST_CASE("usage errors exit 2", "[cli]") {
  test::TempDir dir;
  CHECK(run_morgue(dir, {}).status == 2);
  CHECK(run_morgue(dir, {"frobnicate"}).status == 2);
  CHECK(run_morgue(dir, {"index"}).status == 2);
  CHECK(run_morgue(dir, {"search", "--db", "x"}).status == 2);
  CHECK(run_morgue(dir, {"search", "--no-such-option", "x"}).status == 2);
}

TEST_CASE("help is available for every command", "[cli]") {
  test::TempDir dir;
  for (const char* cmd : {"index", "search", "show", "stats"}) {
    CAPTURE(cmd);
    const Run a = run_morgue(dir, {cmd, "--help"});
    CHECK(a.status == 0);
    CHECK_THAT(a.out, Catch::StartsWith(std::string("usage: morgue ") + cmd));
    CHECK(run_morgue(dir, {"help", cmd}).out == a.out);
  }
  CHECK_THAT(run_morgue(dir, {"help"}).out, Catch::Contains("search"));
}

TEST_CASE("morgue show prints one article as text or JSON", "[cli]") {
  const Run r = run_morgue(indexed(), {"show", "--db", "idx", "reuters/reuters-00001.txt"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("BAHIA COCOA REVIEW\n\nId:     reuters/reuters-00001.txt\n"
                                      "Date:   1987-02-26\nSource: Reuters\n"));
  const Json j = Json::parse(
      run_morgue(indexed(), {"show", "--db", "idx", "--json", "seed/000_e5e6e8b9b571241e.txt"})
          .out);
  CHECK(j["date"] == "2019-05-08");
  CHECK(j["date_inferred"] == true);
  const Run missing = run_morgue(indexed(), {"show", "--db", "idx", "nope"});
  CHECK(missing.status == 2);
  CHECK(missing.err == "morgue show: no article with id nope\n");
}

TEST_CASE("morgue stats reports counts and versions", "[cli]") {
  const Run r = run_morgue(indexed(), {"stats", "--db", "idx"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("Articles:        121\n"));
  CHECK_THAT(r.out, Catch::Contains("SQLite articles: 121\n"));
  CHECK_THAT(r.out, Catch::Contains("Schema version:  1\n"));
  const Json j = Json::parse(run_morgue(indexed(), {"stats", "--db", "idx", "--json"}).out);
  CHECK(j["articles"] == 121);
  CHECK(j["xapian_uuid"].get<std::string>().size() == 36);
}

TEST_CASE("a second indexer on the same index fails clearly", "[cli]") {
  test::TempDir dir;
  test::write_file(dir / "in" / "ok.txt", "Title\n\nBody.\n");
  REQUIRE(run_morgue(dir, {"index", "--db", "idx", "in"}).status == 0);
  // Hold the Xapian write lock from this process.
  Xapian::WritableDatabase holder((dir / "idx" / "xapian").string(), Xapian::DB_OPEN);
  const Run r = run_morgue(dir, {"index", "--db", "idx", "in"});
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains("index is locked by another writer"));
  // Searches keep working while a writer holds the lock.
  CHECK(run_morgue(dir, {"search", "--db", "idx", "body"}).status == 0);
}
