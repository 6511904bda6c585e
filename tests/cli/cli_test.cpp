// SPDX-License-Identifier: GPL-2.0-or-later
// Runs the real `morgue` binary: output, JSON, exit statuses, error messages.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "cli_support.h"

using namespace morgue;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

using test::Run;
using test::run_morgue;

// Builds an index of the samples once per test run.
const test::TempDir& indexed() {
  static test::TempDir dir;
  static const bool done = [] {
    const Run r = run_morgue(dir, {"index", "--db", "idx", test::samples_dir().string()});
    INFO("morgue index said: " << r.out << r.err);  // a rare failure under ASan: keep its words
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
  CHECK_THAT(r.out,
             Catch::StartsWith("Indexed 121 articles (121 new, 0 updated) from 121 of 121 files "
                               "into idx in "));
  CHECK_THAT(r.out, Catch::Contains("\nUnchanged 0 files; removed 0 articles; failed 0 files\n"));
  // A second run finds nothing changed.
  const Run again = run_morgue(dir, {"index", "--db", "idx", test::samples_dir().string()});
  CHECK(again.status == 0);
  CHECK_THAT(again.out, Catch::StartsWith("Indexed 0 articles (0 new, 0 updated) from 0 of 121 "
                                          "files into idx in "));
  CHECK_THAT(again.out, Catch::Contains("\nUnchanged 121 files; removed 0 articles"));
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
  CHECK_THAT(r.out, Catch::Contains("Indexed 1 article (1 new, 0 updated) from 1 of 2 files"));
  CHECK_THAT(r.out, Catch::Contains("Skipped 1 with errors:\n  "));
  CHECK_THAT(r.out, Catch::Contains("empty.txt: empty file"));
  const Run j = run_morgue(dir, {"index", "--db", "idx2", "--json", "in"});
  CHECK(j.status == 1);
  const Json summary = Json::parse(j.out);
  CHECK(summary["articles_indexed"] == 1);
  CHECK(summary["articles_new"] == 1);
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
  CHECK_THAT(r.out, Catch::Contains("Schema version:  2\n"));
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

// kill -9 in the middle of bulk runs, at random moments, then a run to completion: nothing
// committed is lost and both stores hold exactly the same articles.
TEST_CASE("kill -9 during bulk indexing loses nothing committed", "[cli][crash]") {
  test::TempDir dir;
  const fs::path corpus = fs::path(MORGUE_SHARED_DIR) / "corpora" / "reuters21578";
  fs::create_directories(dir / "in");
  for (const char* name : {"reut2-000.sgm", "reut2-001.sgm", "reut2-002.sgm", "reut2-003.sgm"}) {
    fs::copy_file(corpus / name, dir / "in" / name);
  }
  const unsigned seed = std::random_device{}();
  CAPTURE(seed);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(20, 900);
  std::size_t previous = 0;
  for (int round = 0; round < 4; ++round) {
    const int delay = delay_ms(rng);
    CAPTURE(round, delay);
    const std::string cmd = "cd '" + dir.path().string() + "' && { '" + MORGUE_BINARY +
                            "' index --db idx --batch-size 100 in >/dev/null 2>&1 & pid=$!; "
                            "sleep " +
                            std::to_string(delay / 1000.0) +
                            "; kill -9 $pid; wait $pid; } 2>/dev/null; true";
    REQUIRE(std::system(cmd.c_str()) == 0);
    if (!fs::exists(dir / "idx" / "xapian")) continue;
    // The index opens, and committed articles never go away.
    const Run stats = run_morgue(dir, {"stats", "--db", "idx", "--json"});
    REQUIRE(stats.status == 0);
    const auto now = Json::parse(stats.out)["articles"].get<std::size_t>();
    CHECK(now >= previous);
    previous = now;
  }
  const Run last = run_morgue(dir, {"index", "--db", "idx", "in"});
  CHECK(last.status == 0);
  const Json stats = Json::parse(run_morgue(dir, {"stats", "--db", "idx", "--json"}).out);
  CHECK(stats["articles"] == 4000);
  CHECK(stats["sqlite_articles"] == 4000);
}

TEST_CASE("exact duplicates collapse into one hit unless --no-collapse", "[cli][duplicates]") {
  test::TempDir dir;
  const auto record = [](int id, const std::string& date, const std::string& body) {
    return "<REUTERS NEWID=\"" + std::to_string(id) + "\">\n<DATE>" + date +
           " 10:00:00.00</DATE>\n<TEXT>&#2;\n<TITLE>TIN TALKS</TITLE>\n<BODY>" + body +
           "\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n";
  };
  test::write_file(dir / "in" / "a.sgm",
                   record(1, "2-MAR-1987", "Tin talks resumed in London.") +
                       record(2, "5-MAR-1987", "Tin talks failed in London."));
  // The same story again under another id, with other spacing and case: a syndicated copy.
  test::write_file(dir / "in" / "b.sgm", record(3, "3-MAR-1987", "Tin  talks RESUMED in London."));
  REQUIRE(run_morgue(dir, {"index", "--db", "idx", "in"}).status == 0);

  const Run collapsed = run_morgue(dir, {"search", "--db", "idx", "tin talks resumed"});
  CHECK_THAT(collapsed.out, Catch::Contains("  (1 similar article)\n"));
  CHECK_THAT(collapsed.out, Catch::Contains("Hits 1-1 of about 1."));
  const Run all = run_morgue(dir, {"search", "--db", "idx", "--no-collapse", "tin talks resumed"});
  CHECK_THAT(all.out, Catch::Contains("Hits 1-2 of about 2."));
  // Both copies stay retrievable by their own ids.
  CHECK(run_morgue(dir, {"show", "--db", "idx", "1"}).status == 0);
  CHECK(run_morgue(dir, {"show", "--db", "idx", "3"}).status == 0);

  const Json stats = Json::parse(run_morgue(dir, {"stats", "--db", "idx", "--json"}).out);
  CHECK(stats["duplicate_articles"] == 1);

  const Json oldest = Json::parse(run_morgue(dir, {"search", "--db", "idx", "--json", "--sort",
                                                   "oldest", "--no-collapse", "tin"})
                                      .out);
  REQUIRE(oldest["hits"].size() == 3);
  CHECK(oldest["hits"][0]["id"] == "1");
  CHECK(oldest["hits"][2]["id"] == "2");
  const Json since = Json::parse(
      run_morgue(dir, {"search", "--db", "idx", "--json", "--since", "1987-03-04", "tin"}).out);
  REQUIRE(since["hits"].size() == 1);
  CHECK(since["hits"][0]["id"] == "2");
  CHECK(run_morgue(dir, {"search", "--db", "idx", "--sort", "sideways", "tin"}).status == 2);
  CHECK(run_morgue(dir, {"search", "--db", "idx", "--since", "March", "tin"}).status == 2);
}

TEST_CASE("prune removes articles of deleted files and the summary says so", "[cli]") {
  test::TempDir dir;
  test::write_file(dir / "in" / "a.txt", "Alpha\n\nFirst story.\n");
  test::write_file(dir / "in" / "b.txt", "Beta\n\nSecond story.\n");
  REQUIRE(run_morgue(dir, {"index", "--db", "idx", "in"}).status == 0);
  fs::remove(dir / "in" / "b.txt");
  const Run r = run_morgue(dir, {"index", "--db", "idx", "--prune", "in"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("Unchanged 1 file; removed 1 article; failed 0 files"));
  CHECK(run_morgue(dir, {"show", "--db", "idx", "b.txt"}).status == 2);
}

// ---- morgue search: facets, month chart, explain, match modes, like, counts (issue 5).

namespace {

// Three dated stories about tin (one in February, two in April 1987) and one about copper.
const test::TempDir& tin_archive() {
  static test::TempDir dir;
  static const bool done = [] {
    test::write_file(
        dir / "in" / "a.txt",
        "Tin talks open\nDate: 1987-02-10\nSource: Reuters\n\nTin producers met in London to "
        "discuss the buffer stock.\n");
    test::write_file(
        dir / "in" / "b.txt",
        "Tin price falls\nDate: 1987-04-02\nSource: Reuters\n\nThe tin price fell sharply after "
        "the council failed to agree.\n");
    test::write_file(
        dir / "in" / "c.txt",
        "Bolivia tin mines\nDate: 1987-04-20\nSource: Reuters\n\nBolivian miners said tin output "
        "would drop this year.\n");
    test::write_file(
        dir / "in" / "d.txt",
        "Copper strike\nDate: 1987-03-05\nSource: Reuters\n\nChilean copper workers went on "
        "strike for higher wages.\n");
    const Run r = run_morgue(dir, {"index", "--db", "idx", "in"});
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)done;
  return dir;
}

}  // namespace

TEST_CASE("morgue search --facets month draws a timeline chart", "[cli][facets]") {
  const Run r =
      run_morgue(tin_archive(), {"search", "--db", "idx", "--facets", "month,source", "tin"});
  REQUIRE(r.status == 0);
  CAPTURE(r.out);
  std::string bar40;
  std::string bar20;
  for (int i = 0; i < 40; ++i) bar40 += "█";
  for (int i = 0; i < 20; ++i) bar20 += "█";
  CHECK_THAT(r.out, Catch::Contains("\nmonth:\n  1987-02 " + bar20 +
                                    " 1\n  1987-03 0\n"
                                    "  1987-04 " +
                                    bar40 + " 2\n"));
  CHECK_THAT(r.out, Catch::Contains("Hits 1-3 of 3. Index revision "));
  CHECK(run_morgue(tin_archive(), {"search", "--db", "idx", "--facets", "colour", "tin"}).status ==
        2);
  const Json j = Json::parse(
      run_morgue(tin_archive(), {"search", "--db", "idx", "--json", "--facets", "month", "tin"})
          .out);
  CHECK(j["facets"]["month"].size() == 3);
  CHECK(j["facets"]["month"][1] == Json::parse(R"({"value":"1987-03","count":0})"));
  CHECK(j["total_exact"] == 3);
}

TEST_CASE("morgue search --explain prints the parsed query first", "[cli][explain]") {
  const Run r = run_morgue(tin_archive(), {"search", "--db", "idx", "--explain", "tin OR copper"});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("Parsed query: Query("));
  const std::string first_line = r.out.substr(0, r.out.find('\n'));
  CHECK_THAT(first_line, Catch::Contains("tin") && Catch::Contains("copper"));
  CHECK_THAT(r.out, Catch::Contains("\n\n1. "));
}

TEST_CASE("morgue search names dropped words, and --match all does not drop them", "[cli][match]") {
  const Run r = run_morgue(tin_archive(), {"search", "--db", "idx", "tin", "london", "zeppelin"});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("(dropped: zeppelin)"));
  CHECK_THAT(r.out, Catch::Contains("1. Tin talks open\n"));
  const Run all =
      run_morgue(tin_archive(), {"search", "--db", "idx", "--match", "all", "tin", "zeppelin"});
  CHECK(all.status == 0);
  CHECK_THAT(all.out, Catch::StartsWith("No matches for \"tin zeppelin\"."));
  CHECK(run_morgue(tin_archive(), {"search", "--db", "idx", "--match", "most", "tin"}).status == 2);
}

TEST_CASE("morgue search --like, --exact-count, --snippets and --recent", "[cli][like]") {
  const Run like = run_morgue(tin_archive(), {"search", "--db", "idx", "--like", "a.txt"});
  REQUIRE(like.status == 0);
  // The other tin stories, not the article itself, nor the copper one.
  CHECK_THAT(like.out, !Catch::Contains("Tin talks open") && !Catch::Contains("Copper"));
  CHECK_THAT(like.out, Catch::Contains(". Tin price falls\n") &&
                           Catch::Contains(". Bolivia tin mines\n") &&
                           Catch::Contains("Hits 1-2 of about 2."));
  const Run missing = run_morgue(tin_archive(), {"search", "--db", "idx", "--like", "nope"});
  CHECK(missing.status == 2);
  CHECK(missing.err == "morgue search: no article with id nope\n");
  const Run counted =
      run_morgue(tin_archive(), {"search", "--db", "idx", "--exact-count", "-n", "1", "tin"});
  CHECK_THAT(counted.out, Catch::Contains("Hits 1-1 of 3. Index revision "));
  CHECK(run_morgue(tin_archive(), {"search", "--db", "idx", "--snippets", "11", "tin"}).status ==
        2);
  // The newest tin story first with a strong recency boost.
  const Run recent = run_morgue(
      tin_archive(), {"search", "--db", "idx", "--recent", "100", "--half-life", "30", "tin"});
  CHECK_THAT(recent.out, Catch::StartsWith("1. Bolivia tin mines\n"));
  CHECK(run_morgue(tin_archive(), {"search", "--db", "idx", "--recent", "-1", "tin"}).status == 2);
}

TEST_CASE("morgue search says when a hit stands for similar articles", "[cli][duplicates]") {
  test::TempDir dir;
  test::write_file(dir / "in" / "a.txt", "Heron returns\n\nA grey heron came back to the lake.\n");
  test::write_file(dir / "in" / "b.txt", "Heron returns\n\nA grey heron came back to the lake.\n");
  test::write_file(dir / "in" / "c.txt", "Heron returns\n\nA grey heron came back to the lake.\n");
  REQUIRE(run_morgue(dir, {"index", "--db", "idx", "in"}).status == 0);
  const Run r = run_morgue(dir, {"search", "--db", "idx", "heron"});
  CHECK_THAT(r.out, Catch::Contains("  (2 similar articles)\n"));
}
