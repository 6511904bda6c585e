// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the CSV reader: RFC 4180 quoting, separators, encodings, bad rows, overrides.
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
using morgue::test::ReadResult;

ReadResult read_csv_bytes(std::string_view bytes, FieldMap overrides = {}) {
  return morgue::test::read_with(morgue::indexer::read_csv, bytes, "sample.csv",
                                 std::move(overrides));
}

std::string read_file(const std::string& name) { return morgue::test::read_data("csv/" + name); }

}  // namespace

TEST_CASE("CSV: header row, quoted fields, CRLF", "[formats]") {
  const std::string bytes = read_file("articles.csv");
  const ReadResult result = read_csv_bytes(bytes);
  REQUIRE(result.articles.size() == 3);

  const Article& dredging = result.articles[0];
  CHECK(dredging.id == "csv-001");
  CHECK(dredging.title == "Harbour dredging plan approved");
  // The quoted field holds CRLF line breaks and a blank line.
  CHECK(dredging.body ==
        "The port authority approved a plan to dredge the main channel.\n"
        "Work starts in September, officials said.");
  CHECK(dredging.date == "2019-05-08");
  CHECK(dredging.author == "Maria Lopes");
  CHECK(dredging.source == "Coastal Herald");
  CHECK(dredging.url == "https://coastal-herald.example/harbour");

  const Article& mayor = result.articles[1];
  CHECK(mayor.id == "csv-002");
  CHECK(mayor.title == "Mayor: \"We will not back down\"");
  CHECK(mayor.body == "The mayor said the budget, which cuts 40 posts, would pass.");
  CHECK(mayor.date.empty());  // 08/05/2019 could be either day
  CHECK(mayor.author == "Tom Baker");

  const Article& ferry = result.articles[2];
  CHECK(ferry.id == "https://islands.example/ferries");
  CHECK(ferry.title == "Ferry timetable changes");
  CHECK(ferry.date == "2019-05-08");
  CHECK(ferry.source == "Metro Wire");

  CHECK(result.warnings ==
        std::vector<std::string>{"line 6: 8 fields where the header has 7; row skipped",
                                 "line 7: no title or text"});
}

TEST_CASE("CSV: Latin-1 bytes and a semicolon separator", "[formats]") {
  const std::string bytes = read_file("latin1_semicolon.csv");
  const ReadResult result = read_csv_bytes(bytes);
  REQUIRE(result.articles.size() == 1);
  const Article& levy = result.articles[0];
  CHECK(levy.title ==
        "Caf\u00e9 owners fear \u00a3"
        "2 coffee levy");
  CHECK(levy.body ==
        "Caf\u00e9 owners in the town centre say a \u00a3"
        "2 levy would cost them "
        "customers.");
  CHECK(levy.author == "Ren\u00e9e Dubois");
  CHECK(levy.date == "2019-05-08");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].starts_with("invalid UTF-8 at byte "));
}

TEST_CASE("CSV: tab separator and LF line ends", "[formats]") {
  const std::string bytes = read_file("tabs.csv");
  const ReadResult result = read_csv_bytes(bytes);
  REQUIRE(result.articles.size() == 1);
  CHECK(result.articles[0].title == "Tabs work too");
  CHECK(result.articles[0].body == "A tab-separated export.");
  CHECK(result.articles[0].date == "2019-05-08");
  CHECK(result.warnings.empty());
}

TEST_CASE("CSV: quoting edge cases", "[formats]") {
  const ReadResult result = read_csv_bytes(
      "title,text\n"
      "\"Line\nbreak, \"\"quoted\"\"\",\"Para one.\n\nPara two.\"\n"
      "\n"
      "Plain,\"\"\n"
      "Stray \"quote\" kept,Body\n"
      "Open,\"never closed\nat all");
  REQUIRE(result.articles.size() == 4);
  CHECK(result.articles[0].title == "Line break, \"quoted\"");
  CHECK(result.articles[0].body == "Para one.\nPara two.");
  CHECK(result.articles[1].title == "Plain");
  CHECK(result.articles[1].body.empty());
  CHECK(result.articles[2].title == "Stray \"quote\" kept");
  CHECK(result.articles[3].title == "Open");
  CHECK(result.articles[3].body == "never closed\nat all");
  CHECK(result.warnings ==
        std::vector<std::string>{"line 9: quoted field not closed before the end of the file"});
}

TEST_CASE("CSV: overrides name columns", "[formats]") {
  const std::string bytes = read_file("no_title_column.csv");
  const ReadResult result = read_csv_bytes(bytes, {{"title", "SKU"}, {"id", "sku"}});
  REQUIRE(result.articles.size() == 1);
  CHECK(result.articles[0].title == "A-1");
  CHECK(result.articles[0].id == "A-1");
}

TEST_CASE("CSV: a file with no articles is an error", "[formats]") {
  const auto invalid_reason = [](std::string_view bytes) {
    CAPTURE(bytes);
    const auto error = error_from([&] { read_csv_bytes(bytes); });
    REQUIRE(error);
    CHECK(error->code() == ErrorCode::kInvalidArgument);
    return std::string(error->what());
  };
  CHECK(invalid_reason(read_file("no_title_column.csv")) ==
        "CSV header names no title or text column (columns: sku, price, stock)");
  invalid_reason("");
  invalid_reason("\n\r\n");
  invalid_reason("title,body\n");
  invalid_reason("title,body\n,\n , \n");
}
