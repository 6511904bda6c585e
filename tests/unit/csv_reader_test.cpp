// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the CSV reader: RFC 4180 quoting, separators, encodings, bad rows, overrides.
#include <algorithm>
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

TEST_CASE("CSV: the separator is the header row's, after blank lines", "[formats]") {
  // The first line is blank: the separator used to be guessed from it (a comma).
  const ReadResult result = read_csv_bytes("\r\n  \ntitle;text\nA; B, C\n");
  REQUIRE(result.articles.size() == 1);
  CHECK(result.articles[0].title == "A");
  CHECK(result.articles[0].body == "B, C");
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

TEST_CASE("a CSV file is cut only after whole rows", "[formats][stream]") {
  using morgue::indexer::csv_cut;
  // A blank line, the header, a quoted field over two lines, a lone CR ending a row.
  const std::string head = "\r\nid,title,text\r\n";
  const std::string rows = "1,a,\"x, \"\"y\"\"\nz\"\r\n2,b,\"w\"\r3,c,v\n";
  const std::string file = head + rows;

  const auto first = csv_cut(file, "");
  CHECK(first.header_end == head.size());
  CHECK(first.end == file.size());
  CHECK(first.lines == 6);  // 2 before the rows, 2 for row 1, 1 each for rows 2 and 3

  // Every prefix: never inside the header or a quoted field, never between "\r" and "\n".
  for (std::size_t n = 0; n <= file.size(); ++n) {
    CAPTURE(n);
    const auto cut = csv_cut(std::string_view(file).substr(0, n), "");
    if (n < head.size() + 1) CHECK(cut.end == 0);
    const std::size_t row_ends[] = {0, head.size() + 18, head.size() + 26, file.size()};
    CHECK(std::find(std::begin(row_ends), std::end(row_ends), cut.end) != std::end(row_ends));
    CHECK(cut.end <= n);
  }
  // "\r" last, "\n" still to come: the row before it is the last whole one.
  CHECK(csv_cut(std::string_view(file).substr(0, head.size() + 17), "").end == 0);

  // A later piece: the header comes from the file's beginning; only its rows count.
  const auto later = csv_cut(rows, head);
  CHECK(later.header_end == 0);
  CHECK(later.end == rows.size());
  CHECK(later.lines == 4);
  // The separator is the header's: a ';' file's quoted field starts after ';'.
  CHECK(csv_cut("a;\"b\nc\";d\n", "x;y;z\n").end == 10);
  CHECK(csv_cut("a;\"b\nc", "x;y;z\n").end == 0);
}
