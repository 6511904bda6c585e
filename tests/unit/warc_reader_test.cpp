// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the WARC reader on a hand-built WARC 1.1 file and on damaged and unusual records.
#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "container_support.h"
#include "format_readers.h"
#include "formats.h"
#include "morgue/article.h"
#include "morgue/error.h"
#include "test_support.h"

namespace {

using morgue::Article;
using morgue::Error;
using morgue::ErrorCode;
using morgue::indexer::Format;
using morgue::indexer::ReadContext;
using morgue::indexer::Source;

constexpr std::string_view kHarbour = "http://news.example.com/2024/03/01/harbour.html";
constexpr std::string_view kCouncil = "http://news.example.com/2024/03/02/council.html";
constexpr std::string_view kLibrary = "http://news.example.com/2024/03/03/library.xhtml";

std::string sample_warc() {
  return morgue::test::read_file(std::filesystem::path(MORGUE_TEST_DATA_DIR) / "warc" /
                                 "sample.warc");
}

struct Outcome {
  std::vector<Article> articles;
  std::vector<std::string> warnings;
  std::optional<Error> error;
};

Outcome read(std::string_view bytes) {
  Outcome outcome;
  const Source source{.path = "crawl/sample.warc", .id = "crawl/sample.warc", .bytes = bytes};
  const ReadContext context{.field_overrides = {}, .warn = [&outcome](std::string message) {
                              outcome.warnings.push_back(std::move(message));
                            }};
  try {
    morgue::indexer::read_warc(source, context, [&outcome](Article&& article) {
      outcome.articles.push_back(std::move(article));
    });
  } catch (const Error& e) {
    outcome.error = e;
  }
  return outcome;
}

std::vector<std::string> ids(const Outcome& outcome) {
  std::vector<std::string> result;
  for (const Article& article : outcome.articles) result.push_back(article.id);
  return result;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// One WARC record with a correct Content-Length, as the spec lays it out.
std::string warc_record(std::string_view type, std::string_view uri, std::string_view block,
                        std::string_view date = "2024-05-01T10:00:00Z") {
  std::string record = "WARC/1.0\r\nWARC-Type: " + std::string(type) + "\r\n";
  if (!uri.empty()) record += "WARC-Target-URI: " + std::string(uri) + "\r\n";
  record += "WARC-Date: " + std::string(date) + "\r\n";
  record += "Content-Type: application/http; msgtype=response\r\n";
  record += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  record += block;
  record += "\r\n\r\n";
  return record;
}

std::string http_ok(std::string_view content_type, std::string_view body,
                    std::string_view extra_headers = {}) {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + std::string(content_type) + "\r\n" +
         std::string(extra_headers) + "\r\n" + std::string(body);
}

const std::string kStoryPage =
    "<html><head><title>Ferry timetable changes</title></head><body><article>"
    "<h1>Ferry timetable changes</h1><p>The island ferry will run every two hours from June, "
    "the operator said, after complaints about crowded evening sailings.</p></article>"
    "</body></html>";

// Byte offset of the n-th record (from 1) of a WARC file.
std::size_t record_offset(std::string_view warc, int n) {
  std::size_t pos = 0;
  for (int i = 1; i < n; ++i) pos = warc.find("\r\n\r\nWARC/1.1\r\n", pos) + 4;
  return pos;
}

}  // namespace

TEST_CASE("WARC: only the HTML responses become articles, with ids, urls and dates", "[warc]") {
  const Outcome outcome = read(sample_warc());
  REQUIRE_FALSE(outcome.error.has_value());
  CHECK(outcome.warnings.empty());
  // Skipped: warcinfo, request, metadata, the PNG, the 404 and the revisit.
  REQUIRE(ids(outcome) == std::vector<std::string>{std::string(kHarbour), std::string(kCouncil),
                                                   std::string(kLibrary)});

  const Article& harbour = outcome.articles[0];
  CHECK(harbour.title == "Harbour reopens after storm repairs");
  CHECK(harbour.url == "https://news.example.com/harbour-reopens");  // the canonical URL
  CHECK(harbour.date == "2024-02-28");                               // from the page
  CHECK_FALSE(harbour.date_inferred);
  CHECK(contains(harbour.body, "three months of repairs to the"));
  CHECK_FALSE(contains(harbour.body, "Copyright"));

  // gzip inside chunked transfer encoding; Windows-1252 declared only by HTTP.
  const Article& council = outcome.articles[1];
  CHECK(council.title == "Council approves budget");
  CHECK(council.url == kCouncil);
  CHECK(council.date == "2024-03-02");  // the crawl date ...
  CHECK(council.date_inferred);         // ... which is not the publication date
  CHECK(contains(council.body,
                 "a budget of \xC2\xA3"
                 "12 million"));

  // Deflate-encoded XHTML, target URI in WARC 1.0's angle brackets.
  const Article& library = outcome.articles[2];
  CHECK(library.title == "Library extends opening hours");
  CHECK(library.url == kLibrary);
  CHECK(library.date == "2024-03-03");
  CHECK_FALSE(library.date_inferred);
  CHECK(contains(library.body, "grant from the regional arts council"));
}

TEST_CASE("WARC: format detection and dispatch reach the WARC reader", "[warc]") {
  const std::string bytes = sample_warc();
  CHECK(morgue::indexer::format_from_name("2024/Crawl.WARC") == Format::kWarc);
  CHECK(morgue::indexer::sniff_format(bytes) == Format::kWarc);
  std::vector<Article> articles;
  morgue::indexer::read_source(
      Format::kWarc, Source{.path = "x.warc", .id = "x.warc", .bytes = bytes}, ReadContext{},
      [&articles](Article&& a) { articles.push_back(std::move(a)); });
  CHECK(articles.size() == 3);
}

TEST_CASE("WARC: a .warc.gz unwraps to the same articles", "[warc]") {
  const std::string gz = morgue::test::read_file(std::filesystem::path(MORGUE_TEST_DATA_DIR) /
                                                 "warc" / "sample.warc.gz");
  std::vector<morgue::test::Member> members;
  morgue::test::for_each_member(
      gz, "sample.warc.gz", {},
      [&members](morgue::test::Member&& m) { members.push_back(std::move(m)); }, {});
  REQUIRE(members.size() == 1);
  CHECK(morgue::indexer::format_from_name(members[0].name) == Format::kWarc);
  const Outcome outcome = read(members[0].bytes);
  CHECK(ids(outcome) == std::vector<std::string>{std::string(kHarbour), std::string(kCouncil),
                                                 std::string(kLibrary)});
}

TEST_CASE("WARC: a truncated record stops reading with a warning naming its offset", "[warc]") {
  const std::string warc = sample_warc();
  const std::size_t council_offset = record_offset(warc, 6);
  REQUIRE(std::string_view(warc).substr(council_offset).starts_with("WARC/1.1\r\n"));
  const std::size_t next_offset = record_offset(warc, 7);
  const Outcome outcome =
      read(std::string_view(warc).substr(0, (council_offset + next_offset) / 2));
  REQUIRE_FALSE(outcome.error.has_value());
  CHECK(ids(outcome) == std::vector<std::string>{std::string(kHarbour)});
  REQUIRE(outcome.warnings.size() == 1);
  CHECK(contains(outcome.warnings[0], "byte " + std::to_string(council_offset) + ":"));
  CHECK(contains(outcome.warnings[0], "truncated"));
}

TEST_CASE("WARC: a cut inside the header block is truncated too", "[warc]") {
  const std::string warc = sample_warc();
  const std::size_t offset = record_offset(warc, 4);
  const Outcome outcome = read(std::string_view(warc).substr(0, offset + 40));
  CHECK(ids(outcome) == std::vector<std::string>{std::string(kHarbour)});
  REQUIRE(outcome.warnings.size() == 1);
  CHECK(contains(outcome.warnings[0], "byte " + std::to_string(offset) + ":"));
}

TEST_CASE("WARC: junk between records stops reading with a warning", "[warc]") {
  const std::string warc = sample_warc();
  const std::size_t offset = record_offset(warc, 4);
  const std::string damaged = warc.substr(0, offset) + "garbage line\r\n" + warc.substr(offset);
  const Outcome outcome = read(damaged);
  CHECK(ids(outcome) == std::vector<std::string>{std::string(kHarbour)});
  REQUIRE(outcome.warnings.size() == 1);
  CHECK(contains(outcome.warnings[0], "byte " + std::to_string(offset) + ": not a WARC record"));
}

TEST_CASE("WARC: a bad Content-Length is a malformed record", "[warc]") {
  const std::string warc =
      warc_record("response", "http://a.example/1", http_ok("text/html", kStoryPage)) +
      "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\n";
  const Outcome outcome = read(warc);
  CHECK(ids(outcome) == std::vector<std::string>{"http://a.example/1"});
  REQUIRE(outcome.warnings.size() == 1);
  CHECK(contains(outcome.warnings[0], "Content-Length"));
}

TEST_CASE("WARC: an HTML response with no article text is a warning naming record and URI",
          "[warc]") {
  const std::string warc =
      warc_record("warcinfo", "", "format: WARC File Format 1.0\r\n") +
      warc_record("response", "http://a.example/empty",
                  http_ok("text/html", "<html><head></head><body></body></html>")) +
      warc_record("response", "http://a.example/story",
                  http_ok("text/html; charset=UTF-8", kStoryPage));
  const Outcome outcome = read(warc);
  REQUIRE_FALSE(outcome.error.has_value());
  CHECK(ids(outcome) == std::vector<std::string>{"http://a.example/story"});
  REQUIRE(outcome.warnings.size() == 1);
  CHECK(contains(outcome.warnings[0], "record 2 (http://a.example/empty)"));
}

TEST_CASE("WARC: broken chunked framing is a warning, not the end", "[warc]") {
  const std::string warc =
      warc_record("response", "http://a.example/broken",
                  http_ok("text/html", "zz\r\n<html>", "Transfer-Encoding: chunked\r\n")) +
      warc_record("response", "http://a.example/story", http_ok("text/html", kStoryPage));
  const Outcome outcome = read(warc);
  CHECK(ids(outcome) == std::vector<std::string>{"http://a.example/story"});
  REQUIRE(outcome.warnings.size() == 1);
  CHECK(contains(outcome.warnings[0], "record 1 (http://a.example/broken): "));
  CHECK(contains(outcome.warnings[0], "chunked"));
}

TEST_CASE("WARC: bare line feeds and an untyped HTML body are read", "[warc]") {
  std::string warc = "WARC/1.0\nWARC-Type: response\nWARC-Target-URI: http://a.example/lf\n";
  const std::string block = "HTTP/1.0 200 OK\nServer: old\n\n" + kStoryPage;
  warc += "WARC-Date: 2024-05-01T10:00:00Z\nContent-Length: " + std::to_string(block.size()) +
          "\n\n" + block + "\n\n";
  const Outcome outcome = read(warc);
  REQUIRE(ids(outcome) == std::vector<std::string>{"http://a.example/lf"});
  CHECK(outcome.articles[0].title == "Ferry timetable changes");
  CHECK(outcome.articles[0].date == "2024-05-01");
}

TEST_CASE("WARC: a file with no HTML page throws kInvalidArgument", "[warc]") {
  const auto [name, bytes] = GENERATE(table<std::string, std::string>({
      {"no html", warc_record("warcinfo", "", "format: WARC File Format 1.0\r\n") +
                      warc_record("response", "http://a.example/logo.png",
                                  http_ok("image/png", "\x89PNG\r\n\x1A\n"))},
      {"no text", warc_record("response", "http://a.example/empty",
                              http_ok("text/html", "<html><body></body></html>"))},
      {"not a warc", "<html><body><p>Hello</p></body></html>"},
      {"empty", ""},
  }));
  CAPTURE(name);
  const Outcome outcome = read(bytes);
  CHECK(outcome.articles.empty());
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("WARC: every prefix of a WARC file reads or fails cleanly", "[warc]") {
  const std::string warc = sample_warc();
  for (std::size_t size = 0; size <= warc.size(); size += 23) {
    CAPTURE(size);
    const Outcome outcome = read(std::string_view(warc).substr(0, size));
    if (outcome.error) CHECK(outcome.error->code() == ErrorCode::kInvalidArgument);
    CHECK(outcome.articles.size() <= 3);
  }
}

// Where a WARC file read in pieces may be cut (indexer.cpp): only after whole records.
TEST_CASE("a WARC file is cut only after whole records", "[warc][stream]") {
  using morgue::indexer::warc_cut;
  const std::string warc = sample_warc();
  const auto whole = warc_cut(warc);
  CHECK(whole.end == warc.size());
  CHECK_FALSE(whole.malformed);
  REQUIRE(whole.records >= 3);

  // Every shorter prefix ends at a record boundary at or before it, holding fewer records.
  std::size_t last_end = 0;
  std::size_t boundaries = 0;
  for (std::size_t n = 0; n < warc.size(); n += 7) {
    const auto cut = warc_cut(std::string_view(warc).substr(0, n));
    CAPTURE(n, cut.end, cut.records);
    CHECK_FALSE(cut.malformed);
    CHECK(cut.end <= n);
    CHECK(cut.end >= last_end);
    CHECK(cut.records <= whole.records);
    if (cut.end != last_end) ++boundaries;
    last_end = cut.end;
    // What lies before the cut reads as those records and nothing else.
    CHECK(warc_cut(std::string_view(warc).substr(0, cut.end)).records == cut.records);
  }
  CHECK(boundaries >= whole.records - 1);

  // Bytes that are no WARC record will not become one: the cut takes them, marked malformed.
  const std::string damaged =
      warc.substr(0, warc.find("WARC/", 10)) + "<html>not a record</html>\n";
  const auto bad = warc_cut(damaged);
  CHECK(bad.malformed);
  CHECK(bad.end == damaged.size());
  CHECK(bad.records == 1);
}
