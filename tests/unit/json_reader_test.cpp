// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the JSON Lines and JSON readers: field names, overrides, bad records, hostile input.
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format_readers.h"
#include "formats.h"
#include "morgue/article.h"
#include "morgue/error.h"
#include "reader_test_support.h"

namespace {

using morgue::Article;
using morgue::Error;
using morgue::ErrorCode;
using morgue::indexer::FieldMap;
using morgue::indexer::ReadContext;
using morgue::indexer::Source;
using morgue::test::error_from;
using morgue::test::Reader;
using morgue::test::ReadResult;

ReadResult read_bytes(const Reader& reader, std::string_view bytes, FieldMap overrides = {}) {
  return morgue::test::read_with(reader, bytes, "sample", std::move(overrides));
}

std::string read_file(const std::string& name) { return morgue::test::read_data("json/" + name); }

const Reader kJsonLines = morgue::indexer::read_json_lines;
const Reader kJson = morgue::indexer::read_json;

// The titles and warnings of one piece of a JSON file read in pieces (json_array_cut()): the
// bytes and records before it, and the wrapper member holding the records, if any.
std::pair<std::vector<std::string>, std::vector<std::string>> read_json_piece(
    std::string_view bytes, std::size_t bytes_before, std::size_t records_before,
    std::optional<std::string> wrapper_key = std::nullopt) {
  ReadContext context;
  context.json_array_piece = true;
  context.json_wrapper_key = std::move(wrapper_key);
  context.bytes_before = bytes_before;
  context.records_before = records_before;
  context.lines_before = 1;
  std::vector<std::string> titles;
  std::vector<std::string> warnings;
  context.warn = [&warnings](std::string message) { warnings.push_back(std::move(message)); };
  morgue::indexer::read_json(Source{"f.json", "f.json", bytes}, context,
                             [&titles](Article&& a) { titles.push_back(a.title); });
  return {titles, warnings};
}

}  // namespace

TEST_CASE("JSON Lines: news records with the usual field names", "[formats]") {
  const std::string bytes = read_file("articles.jsonl");
  const ReadResult result = read_bytes(kJsonLines, bytes);
  REQUIRE(result.articles.size() == 4);

  const Article& dredging = result.articles[0];
  CHECK(dredging.id == "wire-2019-0508-001");
  CHECK(dredging.title == "Harbour dredging plan approved");
  CHECK(dredging.date == "2019-05-08");
  CHECK_FALSE(dredging.date_inferred);
  CHECK(dredging.author == "Maria Lopes");
  CHECK(dredging.source == "Coastal Herald");
  CHECK(dredging.url == "https://coastal-herald.example/2019/05/08/harbour-dredging");
  CHECK(dredging.lang == "en");
  CHECK(dredging.body ==
        "The port authority approved a plan on Wednesday to dredge the main shipping channel.\n"
        "The work will start in September and last about eight months, officials said.\n"
        "Local fishermen said they had not been consulted.");
  CHECK(dredging.path.empty());

  const Article& library = result.articles[1];
  CHECK(library.id == "wire-2019-0508-002");
  CHECK(library.title == "Council votes to keep library open");
  CHECK(library.date == "2019-05-08");  // 1557331200 = 2019-05-08T16:00:00Z
  CHECK(library.author == "Tom Baker, Ana Ruiz");
  CHECK(library.source == "The Daily Ledger");
  CHECK(library.url == "https://ledger.example/news/library-open");
  CHECK(library.body ==
        "The city council voted 7-2 to keep the Eastside library open.\n"
        "Residents had collected more than 4,000 signatures.");

  const Article& strike = result.articles[2];
  CHECK(strike.id.empty());  // no id and no URL: the caller assigns one
  CHECK(strike.title == "Rail strike called off");
  CHECK(strike.date == "2019-05-09");  // milliseconds: 2019-05-09T16:00:00Z
  CHECK(strike.author == "Jo Park");
  CHECK(strike.source == "Metro Wire");
  CHECK(strike.body == "Unions called off Friday's strike after a late pay offer.");

  const Article& ferry = result.articles[3];
  CHECK(ferry.id == "https://islands.example/ferries");  // the URL stands in for an id
  CHECK(ferry.url == "https://islands.example/ferries");
  CHECK(ferry.date == "2019-05-08");
  CHECK(ferry.body == "Ferries to the islands will run hourly from June.");

  REQUIRE(result.warnings.size() == 2);
  CHECK(result.warnings[0] ==
        "line 4: JSON parse error at column 71: syntax error while parsing object - unexpected "
        "string literal; expected '}'");
  CHECK(result.warnings[1] == "line 6: no title or text");
}

TEST_CASE("JSON Lines: a broken line is a warning and the others still count", "[formats]") {
  const ReadResult result = read_bytes(kJsonLines,
                                       "{\"title\": \"One\", \"body\": \"First.\"}\r\n"
                                       "{\"title\": \"Two\", \"body\": \n"
                                       "\n"
                                       "[1, 2]\n"
                                       "{\"title\": \"Three\", \"body\": \"Third.\"}");
  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[0].title == "One");
  CHECK(result.articles[1].title == "Three");
  REQUIRE(result.warnings.size() == 2);
  CHECK(result.warnings[0] ==
        "line 2: JSON parse error at column 26: syntax error while parsing value - unexpected end "
        "of input; expected '[', '{', or a literal");
  CHECK(result.warnings[1] == "line 4: not a JSON object");
}

TEST_CASE("JSON document: a wrapper object with one array of articles", "[formats]") {
  const std::string bytes = read_file("articles.json");
  const ReadResult result = read_bytes(kJson, bytes);
  REQUIRE(result.articles.size() == 2);

  const Article& storm = result.articles[0];
  CHECK(storm.id == "https://northern-chronicle.example/uk/2020/feb/09/storm-ciara");
  CHECK(storm.title == "Storm Ciara: flights cancelled as winds batter UK");
  CHECK(storm.date == "2020-02-09");
  CHECK(storm.author == "Jane Holloway");
  CHECK(storm.source == "Northern Chronicle");
  CHECK(storm.url == "https://northern-chronicle.example/uk/2020/feb/09/storm-ciara");
  // "content" comes before "description" in the body names; its HTML is reduced to text.
  CHECK(storm.body ==
        "Hundreds of flights have been cancelled and rail passengers warned not to travel as "
        "Storm Ciara brought gusts of more than 90mph.\n"
        "The Met Office issued amber warnings for wind across England and Wales.");

  const Article& floods = result.articles[1];
  CHECK(floods.title == "Flood warnings remain in place");
  CHECK(floods.author.empty());
  CHECK(floods.source == "BBC News");
  CHECK(floods.date == "2020-02-10");
  CHECK(floods.body ==
        "More than 100 flood warnings remained in place on Monday morning.\n"
        "The Environment Agency urged people to stay away from swollen rivers.");

  CHECK(result.warnings == std::vector<std::string>{"record 3: no title or text"});
}

TEST_CASE("JSON document: one object, or an array", "[formats]") {
  const ReadResult one = read_bytes(kJson, R"({"headline": "Alone", "articleBody": "Just one."})");
  REQUIRE(one.articles.size() == 1);
  CHECK(one.articles[0].title == "Alone");
  CHECK(one.articles[0].body == "Just one.");

  const ReadResult array = read_bytes(
      kJson, R"([{"Title": "Upper case keys", "TEXT": "Work too."}, {"name": "Named", "id": 7}])");
  REQUIRE(array.articles.size() == 2);
  CHECK(array.articles[0].title == "Upper case keys");
  CHECK(array.articles[0].body == "Work too.");
  CHECK(array.articles[1].title == "Named");
  CHECK(array.articles[1].id == "7");

  // An article whose only array is a list of authors is not a wrapper.
  const ReadResult authors = read_bytes(
      kJson, R"({"title": "Co-written", "authors": [{"name": "A. One"}, {"name": "B. Two"}]})");
  REQUIRE(authors.articles.size() == 1);
  CHECK(authors.articles[0].author == "A. One, B. Two");

  // JSON Feed 1.1: the feed's own title does not make it an article.
  const ReadResult feed = read_bytes(kJson, R"({"version": "https://jsonfeed.org/version/1.1",
      "title": "Island Times", "home_page_url": "https://islands.example/",
      "items": [{"id": "2", "url": "https://islands.example/2", "title": "Ferries",
                 "content_html": "<p>Hourly from June.</p>",
                 "date_published": "2019-05-09T08:00:00Z",
                 "authors": [{"name": "Lena Vogel"}]}]})");
  REQUIRE(feed.articles.size() == 1);
  CHECK(feed.articles[0].id == "2");
  CHECK(feed.articles[0].title == "Ferries");
  CHECK(feed.articles[0].body == "Hourly from June.");
  CHECK(feed.articles[0].date == "2019-05-09");
  CHECK(feed.articles[0].author == "Lena Vogel");
}

TEST_CASE("JSON: field overrides with dotted paths win over the usual names", "[formats]") {
  const std::string bytes = read_file("nested.json");
  SECTION("defaults") {
    const ReadResult result = read_bytes(kJson, bytes);
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "IGNORED DEFAULT TITLE");
    CHECK(result.articles[0].author == "Lena Vogel, Piet de Boer");
    CHECK(result.articles[0].body.empty());
  }
  SECTION("overrides") {
    const ReadResult result = read_bytes(kJson, bytes,
                                         {{"title", "meta.headline"},
                                          {"date", "meta.filed"},
                                          {"id", "meta.ref"},
                                          {"author", "authors.1.name"},
                                          {"body", "paragraphs"}});
    REQUIRE(result.articles.size() == 1);
    const Article& bridge = result.articles[0];
    CHECK(bridge.title == "Bridge reopens after repairs");
    CHECK(bridge.date == "2021-03-14");
    CHECK(bridge.id == "BR-7731");
    CHECK(bridge.author == "Piet de Boer");
    CHECK(bridge.body ==
          "The Old Town bridge reopened to traffic on Sunday.\n"
          "Repairs took eleven months and cost 4.2 million euros.");
  }
  SECTION("an override replaces the usual names of its field") {
    const ReadResult result =
        read_bytes(kJson, bytes, {{"title", "meta.missing"}, {"body", "paragraphs.0"}});
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title.empty());
    CHECK(result.articles[0].body == "The Old Town bridge reopened to traffic on Sunday.");
  }
  SECTION("an unknown article field is refused") {
    const auto error = error_from([&] { read_bytes(kJson, bytes, {{"headline", "meta.x"}}); });
    REQUIRE(error);
    CHECK(error->code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("JSON: values are cleaned", "[formats]") {
  const ReadResult result =
      read_bytes(kJsonLines, R"({"title": "A <em>marked</em>   up\ntitle",)"
                             R"( "body": "Lead with <b>bold</b>.\n\nSecond paragraph.",)"
                             R"( "byline": "BY  Ann Lee", "language": "fr_CA",)"
                             R"( "date": "Wed, 08 May 2019 10:15:00 GMT"})"
                             "\n"
                             R"({"title": "No date", "body": "Filed on 3 March 2018."})"
                             "\n");
  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[0].title == "A marked up title");
  CHECK(result.articles[0].body == "Lead with bold.\nSecond paragraph.");
  CHECK(result.articles[0].author == "Ann Lee");
  CHECK(result.articles[0].lang == "fr");
  CHECK(result.articles[0].date == "2019-05-08");
  CHECK(result.articles[1].date == "2018-03-03");
  CHECK(result.articles[1].date_inferred);
}

TEST_CASE("JSON: a file with no articles is an error", "[formats]") {
  const auto check_invalid = [](const Reader& reader, std::string_view bytes) {
    CAPTURE(bytes);
    const auto error = error_from([&] { read_bytes(reader, bytes); });
    REQUIRE(error);
    CHECK(error->code() == ErrorCode::kInvalidArgument);
  };
  check_invalid(kJson, read_file("empty_records.json"));
  check_invalid(kJson, "");
  check_invalid(kJson, "{\"title\": ");
  check_invalid(kJson, "[]");
  check_invalid(kJson, "42");
  check_invalid(kJsonLines, "");
  check_invalid(kJsonLines, "\n\n");
  check_invalid(kJsonLines, "not json\n{\"id\": 1}\n");

  std::vector<std::string> warnings;
  const ReadContext context{.field_overrides = {},
                            .warn = [&warnings](std::string m) { warnings.push_back(m); }};
  const std::string bytes = read_file("empty_records.json");
  const Source source{.path = "x", .id = "x", .bytes = bytes};
  CHECK_THROWS_AS(morgue::indexer::read_json(source, context, [](Article&&) {}), Error);
  CHECK(warnings == std::vector<std::string>{"record 1: no title or text",
                                             "record 2: no title or text",
                                             "record 3: not a JSON object"});
}

TEST_CASE("JSON: hostile input", "[formats]") {
  SECTION("invalid UTF-8 is repaired and reported") {
    const ReadResult result = read_bytes(kJsonLines,
                                         "{\"title\": \"Caf\xE9 prices\", \"body\": \"\xA3"
                                         "2 more.\"}\n");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Caf\u00e9 prices");
    CHECK(result.articles[0].body ==
          "\u00a3"
          "2 more.");
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].starts_with("invalid UTF-8 at byte 14"));
  }
  SECTION("deep nesting neither crashes nor reaches a field") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const std::string line = "{\"title\": \"Deep\", \"authors\": " + deep +
                             ", \"source\": " + std::string(50000, '[') + "\"x\"" +
                             std::string(50000, ']') + "}\n";
    const ReadResult result = read_bytes(kJsonLines, line + deep + "\n");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Deep");
    CHECK(result.articles[0].author.empty());
    CHECK(result.articles[0].source.empty());
    CHECK(result.warnings == std::vector<std::string>{"line 2: not a JSON object"});
  }
}

TEST_CASE("a JSON array is cut only after the comma that follows a whole element",
          "[formats][stream]") {
  using morgue::indexer::json_array_cut;
  // Strings holding brackets, braces, commas and escapes; nested arrays and objects.
  const std::string head = "\xEF\xBB\xBF \n[";
  const std::vector<std::string> elements = {
      R"( {"title": "a [b], {c}", "n": [1, [2, 3]]})",
      R"({"title": "quote \" and \\", "x": {"y": ","}})",
      "\n[1, 2]",
      R"( "\\\"],")",
  };
  std::string file = head;
  std::vector<std::size_t> comma_ends;  // just past each comma after an element
  for (std::size_t i = 0; i < elements.size(); ++i) {
    file += elements[i];
    if (i + 1 < elements.size()) {
      file += ",";
      comma_ends.push_back(file.size());
    }
  }
  file += "\n]\n";

  for (std::size_t n = 0; n <= file.size(); ++n) {
    CAPTURE(n);
    const auto cut = json_array_cut(std::string_view(file).substr(0, n), true);
    CHECK_FALSE(cut.not_array);
    CHECK(cut.end <= n);
    // The last comma after a whole element within the prefix, and the elements before it.
    std::size_t expected = 0;
    std::size_t records = 0;
    for (std::size_t i = 0; i < comma_ends.size(); ++i) {
      if (comma_ends[i] <= n) {
        expected = comma_ends[i];
        records = i + 1;
      }
    }
    CHECK(cut.end == expected);
    CHECK(cut.records == records);
  }
  const auto first = json_array_cut(file, true);
  CHECK(first.lines == 2);  // before '[' and in the third element
  // A later piece starts just after a cut, inside the array.
  const std::string rest = file.substr(comma_ends[0]);
  const auto later = json_array_cut(rest, false);
  CHECK(later.end == comma_ends[2] - comma_ends[0]);
  CHECK(later.records == 2);

  // Neither an array nor a wrapper of records: read whole.
  CHECK_FALSE(json_array_cut(file, true).wrapper_key);
  CHECK(json_array_cut(R"({"title": "One", "body": "[{not an array}]"})", true).not_array);
  CHECK(json_array_cut(R"({"articles": [], "items": [1, 2], "more": [[{}]]})", true).not_array);
  CHECK(json_array_cut("\"[1, 2]\"", true).not_array);
  CHECK_FALSE(json_array_cut("  \n", true).not_array);
  CHECK(json_array_cut("  \n", true).end == 0);
}

TEST_CASE("a JSON wrapper object is cut inside its first array of records", "[formats][stream]") {
  using morgue::indexer::json_array_cut;
  // Members before the records: a scalar, an array of objects under an article field's name
  // (an author list is no wrapper's records), an array of strings, an object holding arrays of
  // objects, a string that looks like an array of objects.
  const std::string head =
      "{\"status\": \"ok\", \"authors\": [{\"name\": \"Desk\"}], \"tags\": [\"a\", \"b\"],\n"
      "\"meta\": {\"pages\": [{\"n\": 1}]}, \"note\": \"[{\\\"x\\\": 1}]\",\n"
      "\"art\\u0069cles\": [";
  const std::vector<std::string> elements = {
      R"({"title": "a [b], {c}", "authors": [{"name": "x"}]})",
      R"({"title": "quote \" and \\"})",
      "\n7",
  };
  std::string file = head;
  std::vector<std::size_t> comma_ends;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    file += elements[i];
    if (i + 1 < elements.size()) {
      file += ",";
      comma_ends.push_back(file.size());
    }
  }
  file += "],\n\"total\": 3, \"sources\": [{\"id\": 1}, {\"id\": 2}]}\n";
  const auto is_field_name = [](std::string_view name) { return name == "authors"; };
  // The records start once their array's first '{' is in the prefix.
  const std::size_t records_start = head.size() + 1;
  for (std::size_t n = 0; n <= file.size(); ++n) {
    CAPTURE(n);
    const auto cut = json_array_cut(std::string_view(file).substr(0, n), true, is_field_name);
    if (n < records_start) {
      CHECK(cut.end == 0);
      continue;
    }
    CHECK_FALSE(cut.not_array);
    REQUIRE(cut.wrapper_key);
    CHECK(*cut.wrapper_key == "art\\u0069cles");  // as written
    std::size_t expected = 0;
    std::size_t records = 0;
    for (std::size_t i = 0; i < comma_ends.size(); ++i) {
      if (comma_ends[i] <= n) {
        expected = comma_ends[i];
        records = i + 1;
      }
    }
    // Commas after the array (in the tail) are no cut.
    CHECK(cut.end == expected);
    CHECK(cut.records == records);
  }
  CHECK(json_array_cut(file, true, is_field_name).lines == 2);
  // Without the field names, the author list is the first array of objects.
  CHECK(*json_array_cut(file, true).wrapper_key == "authors");
}

TEST_CASE("JSON: the pieces of a wrapper read like the same records of the whole",
          "[formats][stream]") {
  const std::string first =
      R"({"status": "ok", "authors": [{"name": "Desk"}], "articles": [{"title": "One", )"
      R"("body": "First."}, 7,)";
  const std::string middle = R"({"title": "Three", "body": "Third."},)";
  const std::string last =
      R"({"title": "Four", "body": "Fourth."}], "total": 4, "sources": [{"name": "Wire"}]})";
  const auto read_piece = [](std::string_view bytes, std::size_t bytes_before,
                             std::size_t records_before) {
    return read_json_piece(bytes, bytes_before, records_before, "articles");
  };
  const auto [titles1, warnings1] = read_piece(first, 0, 0);
  CHECK(titles1 == std::vector<std::string>{"One"});
  CHECK(warnings1 == std::vector<std::string>{"record 2: not a JSON object"});
  const auto [titles2, warnings2] = read_piece(middle, first.size(), 2);
  CHECK(titles2 == std::vector<std::string>{"Three"});
  CHECK(warnings2.empty());
  // The wrapper's tail: a second array of objects is named, not read.
  const auto [titles3, warnings3] = read_piece(last, first.size() + middle.size(), 3);
  CHECK(titles3 == std::vector<std::string>{"Four"});
  CHECK(warnings3 ==
        std::vector<std::string>{R"(after the "articles" array: another array of objects )"
                                 R"(("sources") is not read)"});
  // A file cut short after its records: they are read, and the end is reported.
  const auto [titles4, warnings4] = read_piece(
      R"({"title": "Four", "body": "Fourth."}], "total": )", first.size() + middle.size(), 3);
  CHECK(titles4 == std::vector<std::string>{"Four"});
  CHECK(warnings4 == std::vector<std::string>{
                         R"(after the "articles" array: not the end of a JSON object; the rest )"
                         "of the file is not read"});
  const auto [titles5, warnings5] =
      read_piece(R"({"title": "Four", "body": "Fourth."}])", first.size() + middle.size(), 3);
  CHECK(titles5 == std::vector<std::string>{"Four"});
  CHECK(warnings5 == warnings4);
  // Read whole, the same file is a wrapper with two arrays of records: no wrapper, and no
  // article (the object itself has no text). In pieces the first array is the records.
  const std::string whole = first + middle + last;
  CHECK_FALSE(error_from([&] {
                morgue::indexer::read_json({"f.json", "f.json",
                                            first + middle +
                                                R"({"title": )"
                                                R"("Four", "body": "F."}]})"},
                                           ReadContext{}, [](Article&&) {});
              }).has_value());
  CHECK(error_from([&] {
          morgue::indexer::read_json({"f.json", "f.json", whole}, ReadContext{}, [](Article&&) {});
        }).has_value());
}

TEST_CASE("JSON: a piece of an array reads like the same records of the whole",
          "[formats][stream]") {
  const std::string first = R"([{"title": "One", "body": "First."}, 7,)";
  const std::string middle =
      "\n"
      R"({"title": "Three", "body": "Third."}, {"body": ""},)"
      "\n";
  const std::string last = R"({"title": "Five", "body": "Fifth."}] )";
  const auto [titles1, warnings1] = read_json_piece(first, 0, 0);
  CHECK(titles1 == std::vector<std::string>{"One"});
  CHECK(warnings1 == std::vector<std::string>{"record 2: not a JSON object"});
  const auto [titles2, warnings2] = read_json_piece(middle, first.size(), 2);
  CHECK(titles2 == std::vector<std::string>{"Three"});
  CHECK(warnings2 == std::vector<std::string>{"record 4: no title or text"});
  const auto [titles3, warnings3] = read_json_piece(last, first.size() + middle.size(), 4);
  CHECK(titles3 == std::vector<std::string>{"Five"});
  CHECK(warnings3.empty());
  // A syntax error names its line counted from the file's beginning.
  ReadContext broken;
  broken.json_array_piece = true;
  broken.bytes_before = 100;
  broken.lines_before = 40;
  const auto error = error_from([&] {
    morgue::indexer::read_json({"f.json", "f.json", "{\"title\": x},\n"}, broken, [](Article&&) {});
  });
  REQUIRE(error);
  CHECK_THAT(error->what(), Catch::StartsWith("JSON parse error at line 41, column "));
}
