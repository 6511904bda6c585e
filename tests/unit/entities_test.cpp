// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of indexer/src/entities.cpp: the seed article's people, organisations and places,
// alias resolution, garbage that must not become an entity, and edge cases.
#include "entities.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "entity_places.h"
#include "format_readers.h"
#include "morgue/text.h"
#include "reader_test_support.h"
#include "readers.h"

using namespace morgue;

namespace {

const ArticleEntity* find(const std::vector<ArticleEntity>& es, std::string_view type,
                          std::string_view name) {
  const auto it = std::find_if(es.begin(), es.end(), [&](const ArticleEntity& e) {
    return e.type == type && e.name == name;
  });
  return it == es.end() ? nullptr : &*it;
}

std::size_t count_named(const std::vector<ArticleEntity>& es, std::string_view name) {
  return static_cast<std::size_t>(
      std::count_if(es.begin(), es.end(), [&](const ArticleEntity& e) { return e.name == name; }));
}

bool has_alias(const ArticleEntity& e, std::string_view surface) {
  return std::any_of(e.aliases.begin(), e.aliases.end(),
                     [&](const EntityAlias& a) { return a.surface == surface; });
}

std::vector<ArticleEntity> extract(std::string_view title, std::string_view body) {
  return indexer::EntityExtractor::shared().extract(title, body);
}

// The seed article as the indexer reads it (text reader, clutter removed).
const std::vector<ArticleEntity>& seed_entities() {
  static const std::vector<ArticleEntity> entities = [] {
    const std::string raw = test::read_file(test::seed_article());
    const Article a = indexer::read_text_article(text::repair_utf8(raw).text);
    return extract(a.title, a.body);
  }();
  return entities;
}

}  // namespace

TEST_CASE("the seed article's people, organisation and places, each once", "[entities]") {
  const auto& es = seed_entities();
  REQUIRE_FALSE(es.empty());
  using Row = std::tuple<std::string, std::string>;
  auto [type, name] = GENERATE(table<std::string, std::string>(
      {Row{"person", "Mike Pompeo"}, Row{"person", "Theresa May"}, Row{"person", "Jeremy Hunt"},
       Row{"person", "Gavin Williamson"}, Row{"person", "Donald Trump"},
       Row{"person", "John Bolton"}, Row{"org", "Huawei"}, Row{"place", "United Kingdom"},
       Row{"place", "United States"}, Row{"place", "Iran"}, Row{"place", "Iraq"},
       Row{"place", "China"}}));
  CAPTURE(type, name);
  CHECK(find(es, type, name) != nullptr);
  CHECK(count_named(es, name) == 1);
}

TEST_CASE("the seed article yields no garbage entities", "[entities]") {
  const auto& es = seed_entities();
  for (const ArticleEntity& e : es) {
    CAPTURE(e.type, e.name);
    CHECK(e.name != "Advertisement");
    CHECK(e.name != "Visited Iraq");
    CHECK(e.name != "Visited");
    CHECK(e.name != "Tensions");
    CHECK(e.name != "PM");
    CHECK(e.name != "May");
    CHECK(e.name != "Mrs May");
    CHECK(e.name != "Prime Minister");
    CHECK(e.name != "Abraham Lincoln");
    for (const char* calendar : {"Monday", "Friday", "March", "May 8"}) CHECK(e.name != calendar);
    CHECK(e.count > 0);
    CHECK_FALSE(e.aliases.empty());
  }
  // Ordered by first position, which points at a mention.
  CHECK(std::is_sorted(es.begin(), es.end(), [](const auto& a, const auto& b) {
    return a.first_position < b.first_position;
  }));
}

TEST_CASE("the seed article's aliases resolve to one entity", "[entities]") {
  const auto& es = seed_entities();
  const ArticleEntity* pompeo = find(es, "person", "Mike Pompeo");
  REQUIRE(pompeo != nullptr);
  CHECK(has_alias(*pompeo, "Mr Pompeo"));
  CHECK(has_alias(*pompeo, "Secretary Pompeo"));
  CHECK(has_alias(*pompeo, "@SecPompeo"));
  CHECK(pompeo->aliases.front().surface == "Mr Pompeo");  // most frequent first
  CHECK(find(es, "handle", "@SecPompeo") != nullptr);

  const ArticleEntity* may = find(es, "person", "Theresa May");
  REQUIRE(may != nullptr);
  CHECK(has_alias(*may, "Mrs May"));
  CHECK(has_alias(*may, "Theresa May"));

  const ArticleEntity* huawei = find(es, "org", "Huawei");
  REQUIRE(huawei != nullptr);
  CHECK(has_alias(*huawei, "Huawai"));

  const ArticleEntity* us = find(es, "place", "United States");
  REQUIRE(us != nullptr);
  CHECK(has_alias(*us, "US"));
  CHECK(has_alias(*us, "U.S."));
  CHECK(has_alias(*us, "United States"));

  const ArticleEntity* trump = find(es, "person", "Donald Trump");
  REQUIRE(trump != nullptr);
  CHECK(has_alias(*trump, "Mr Trump"));

  // Demonyms name their country.
  CHECK(has_alias(*find(es, "place", "China"), "Chinese"));
  CHECK(has_alias(*find(es, "place", "Iran"), "Iranian"));
}

TEST_CASE("counts and first positions are byte offsets in title + newline + body", "[entities]") {
  const std::string title = "Iran talks";
  const std::string body = "Officials met in Tehran. Iran said little.";
  const auto es = extract(title, body);
  const ArticleEntity* iran = find(es, "place", "Iran");
  REQUIRE(iran != nullptr);
  CHECK(iran->count == 2);
  CHECK(iran->first_position == 0);
  const ArticleEntity* tehran = find(es, "place", "Tehran");
  REQUIRE(tehran != nullptr);
  CHECK(tehran->first_position == title.size() + 1 + body.find("Tehran"));
}

TEST_CASE("month names followed by a day or year are dates", "[entities]") {
  const auto es = extract("Talks", "Theresa May spoke on May 8, 2019. In May she resigned.");
  const ArticleEntity* may = find(es, "person", "Theresa May");
  REQUIRE(may != nullptr);
  CHECK(may->count == 1);
  CHECK(count_named(es, "May") == 0);
  // Alone, a month is no one.
  CHECK(extract("", "The report came out in May and again on March 3.").empty());
}

TEST_CASE("handles, hashtags and URLs", "[entities]") {
  const auto es = extract("",
                          "Follow @Reuters and #5G news at https://example.com/a?b=1. "
                          "Also www.example.org, mail me@example.com.");
  CHECK(find(es, "handle", "@Reuters") != nullptr);
  CHECK(find(es, "hashtag", "#5G") != nullptr);
  CHECK(find(es, "url", "https://example.com/a?b=1") != nullptr);
  CHECK(find(es, "url", "www.example.org") != nullptr);
  CHECK(find(es, "handle", "@example") == nullptr);  // an e-mail address is no handle
}

TEST_CASE("demonyms, titles and organisation cues", "[entities]") {
  const auto es = extract(
      "",
      "West German Finance Minister Gerhard Stoltenberg met Japanese officials and the "
      "International Monetary Fund. Bundesbank President Karl Otto Poehl agreed. Acme Widget "
      "Corp said its chairman, Mr. Smith, would stay. Smith declined to comment.");
  CHECK(find(es, "place", "West Germany") != nullptr);
  CHECK(find(es, "place", "Japan") != nullptr);
  CHECK(find(es, "person", "Gerhard Stoltenberg") != nullptr);
  CHECK(find(es, "person", "Karl Otto Poehl") != nullptr);
  CHECK(find(es, "org", "International Monetary Fund") != nullptr);
  CHECK(find(es, "org", "Bundesbank") != nullptr);
  CHECK(find(es, "org", "Acme Widget Corp") != nullptr);
  const ArticleEntity* smith = find(es, "person", "Smith");
  REQUIRE(smith != nullptr);
  CHECK(smith->count == 2);
  CHECK(has_alias(*smith, "Mr. Smith"));
  CHECK(find(es, "person", "Finance Minister Gerhard Stoltenberg") == nullptr);
}

TEST_CASE("a Reuters article and its tags", "[entities]") {
  // A record in the collection's format (modelled on its monetary stories).
  const std::string sgml =
      "<REUTERS TOPICS=\"YES\" NEWID=\"90001\"><DATE>26-FEB-1987 15:01:01.79</DATE>"
      "<TOPICS><D>money-fx</D></TOPICS><PLACES><D>usa</D><D>japan</D></PLACES>"
      "<PEOPLE><D>james-baker</D><D>miyazawa</D></PEOPLE><ORGS><D>imf</D></ORGS>"
      "<TEXT><TITLE>U.S. TREASURY'S BAKER SAYS JAPAN TALKS USEFUL</TITLE>\n"
      "<DATELINE>    WASHINGTON, Feb 26 - </DATELINE><BODY>Treasury Secretary James Baker said "
      "his talks with Japanese Finance Minister Kiichi Miyazawa were useful.\n"
      "    Baker told reporters the IMF would review exchange rates. Miyazawa returns to "
      "Tokyo on Friday.\n Reuter\n&#3;</BODY></TEXT></REUTERS>";
  const auto read = test::read_with(indexer::read_reuters_sgml, sgml, "reut2-test.sgm");
  REQUIRE(read.articles.size() == 1);
  const Article& a = read.articles[0];
  const auto es = extract(a.title, a.body);
  const ArticleEntity* baker = find(es, "person", "James Baker");
  REQUIRE(baker != nullptr);
  CHECK(baker->count == 3);  // BAKER (title), James Baker, Baker
  CHECK(find(es, "person", "Kiichi Miyazawa") != nullptr);
  CHECK(find(es, "place", "United States") != nullptr);
  CHECK(find(es, "place", "Japan") != nullptr);
  CHECK(find(es, "place", "Washington") != nullptr);
  CHECK(find(es, "place", "Tokyo") != nullptr);
  CHECK(find(es, "org", "International Monetary Fund") != nullptr);
  CHECK(indexer::country_of_place("Tokyo") == "Japan");
  CHECK(indexer::country_of_place("Japan") == "Japan");
  CHECK(count_named(es, "Friday") == 0);
  CHECK(count_named(es, "Treasury") == 0);
}

TEST_CASE("all-caps headlines give no garbage", "[entities]") {
  const auto es = extract("U.S. TREASURY SAYS IT WILL SELL 9.75 BILLION DLRS OF NOTES IN MAY", "");
  REQUIRE(es.size() == 1);
  CHECK(es[0].type == "place");
  CHECK(es[0].name == "United States");
  CHECK(extract("WHO SAID US TRADE DEFICIT WIDENED IN APRIL", "").empty());
}

TEST_CASE("edge cases", "[entities]") {
  CHECK(extract("", "").empty());
  CHECK(extract("", "\n\n   \n").empty());
  CHECK(extract("a", "b c d e. f").empty());
  CHECK(extract("", "The. A, In: On! '’s’ — “”").empty());
  // Lone punctuation and odd bytes do not crash or produce names.
  for (const ArticleEntity& e : extract("@", "# http:// www. @@ ## Mr. Dr. U.S")) {
    CAPTURE(e.type, e.name);
    CHECK(e.type != "person");
    CHECK(e.type != "handle");
    CHECK(e.type != "hashtag");
  }
  // A long text is handled.
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "Mr Pompeo met officials in Tehran. ";
  const auto es = extract("", big);
  const ArticleEntity* pompeo = find(es, "person", "Pompeo");
  REQUIRE(pompeo != nullptr);
  CHECK(pompeo->count == 2000);
}

TEST_CASE("a missing gazetteer is reported by name", "[entities]") {
  indexer::GazetteerPaths paths;
  paths.zone_tab = "/nonexistent/zone1970.tab";
  const auto error = test::error_from([&] { indexer::EntityExtractor extractor(paths); });
  REQUIRE(error);
  CHECK(error->code() == ErrorCode::kNotFound);
  CHECK_THAT(error->what(), Catch::Contains("/nonexistent/zone1970.tab"));
}
