// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the Reuters-21578 SGML reader on real records of the collection.
#include <catch2/catch.hpp>
#include <map>

#include "format_readers.h"
#include "morgue/error.h"
#include "test_support.h"

using namespace morgue;
using namespace morgue::indexer;

namespace {

std::filesystem::path reuters_file(const std::string& name) {
  return std::filesystem::path(MORGUE_SHARED_DIR) / "corpora" / "reuters21578" / name;
}

std::map<std::string, Article> read_all(const std::string& bytes,
                                        std::vector<std::string>* warnings = nullptr) {
  std::map<std::string, Article> out;
  ReadContext context;
  context.warn = [&](std::string w) {
    if (warnings != nullptr) warnings->push_back(std::move(w));
  };
  read_reuters_sgml({"reut.sgm", "reut.sgm", bytes}, context,
                    [&](Article&& a) { out.emplace(a.id, std::move(a)); });
  return out;
}

std::vector<std::string> tag_values(const Article& a, const std::string& field) {
  std::vector<std::string> values;
  for (const auto& t : a.tags) {
    if (t.field == field) values.push_back(t.value);
  }
  return values;
}

}  // namespace

TEST_CASE("every record of reut2-000.sgm becomes an article keyed by NEWID", "[sgml]") {
  const auto articles = read_all(test::read_file(reuters_file("reut2-000.sgm")));
  CHECK(articles.size() == 1000);
  const Article& a = articles.at("1");
  CHECK(a.title == "BAHIA COCOA REVIEW");
  CHECK(a.date == "1987-02-26");
  CHECK(a.source == "Reuters");
  CHECK(a.lang == "en");
  CHECK_THAT(a.body, Catch::StartsWith("SALVADOR, Feb 26\nShowers continued throughout the week in "
                                       "the Bahia cocoa zone, alleviating the drought"));
  CHECK_THAT(a.body, Catch::EndsWith("after carnival which ends midday on February 27."));
  CHECK_THAT(a.body, !Catch::Contains("Reuter"));
  CHECK(tag_values(a, "topic") == std::vector<std::string>{"cocoa"});
  CHECK(tag_values(a, "place_tag") == std::vector<std::string>{"el-salvador", "usa", "uruguay"});
  CHECK(tag_values(a, "person_tag").empty());
}

TEST_CASE("records without a BODY keep their title or raw text", "[sgml]") {
  const auto articles = read_all(test::read_file(reuters_file("reut2-000.sgm")));
  // NEWID 30 is TYPE="BRIEF": a title only.
  REQUIRE(articles.count("30") == 1);
  CHECK(articles.at("30").title ==
        "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK");
  CHECK(articles.at("30").body.empty());
  // NEWID 99 is TYPE="UNPROC": unparsed text whose first line is the headline.
  REQUIRE(articles.count("99") == 1);
  CHECK(articles.at("99").title == "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26");
  CHECK_THAT(articles.at("99").body, Catch::Contains("Net free reserves"));
}

TEST_CASE("entities are decoded and the stray 0xFC byte keeps its article intact", "[sgml]") {
  const auto articles = read_all(test::read_file(reuters_file("reut2-017.sgm")));
  const Article& a = articles.at("17980");
  CHECK_THAT(a.body, Catch::Contains("world economic growth.ü side measures to boost growth"));
  CHECK(a.date == "1987-06-02");
  for (const auto& [id, article] : articles) {
    CAPTURE(id);
    CHECK(article.body.find("&lt;") == std::string::npos);
  }
}

TEST_CASE("a truncated record is a warning; the records before it stay", "[sgml]") {
  std::string bytes = test::read_file(reuters_file("reut2-000.sgm"));
  bytes.resize(bytes.find("NEWID=\"3\"") + 200);
  std::vector<std::string> warnings;
  const auto articles = read_all(bytes, &warnings);
  CHECK(articles.size() == 2);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Contains("record 3") && Catch::Contains("no closing </REUTERS>"));
  CHECK_THROWS_AS(read_all("<html>not reuters</html>"), Error);
}
