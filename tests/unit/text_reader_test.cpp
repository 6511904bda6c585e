// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of indexer/src/text_reader.cpp, on the seed article and small written cases.
#include <catch2/catch.hpp>

#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"
#include "test_support.h"

using namespace morgue;

TEST_CASE("the seed article reads cleanly", "[text-reader]") {
  const std::string raw = test::read_file(test::seed_article());
  REQUIRE_FALSE(raw.empty());
  const Article a = indexer::read_text_article(text::repair_utf8(raw).text);
  CHECK(a.title == "Huawei and Iran expected to be on agenda as May meets US secretary of state");
  // No metadata: the signed tweet's date is used, marked as inferred.
  CHECK(a.date == "2019-05-08");
  CHECK(a.date_inferred);
  CHECK_THAT(a.body, Catch::StartsWith("US secretary of state Mike Pompeo is expected"));
  CHECK_THAT(a.body, Catch::Contains("unrelenting force”."));
  // Clutter: captions repeated on their own lines, the advert, the picture link.
  CHECK_THAT(a.body, !Catch::Contains("\nHuawei\n"));
  CHECK_THAT(a.body, !Catch::Contains("\nGavin Williamson\n"));
  CHECK_THAT(a.body, !Catch::Contains("Advertisement"));
  CHECK_THAT(a.body, !Catch::Contains("pic.twitter.com"));
  // The tweet's text and signature are the article's own words and stay.
  CHECK_THAT(a.body, Catch::Contains("ISIS remains defeated."));
  CHECK_THAT(a.body, Catch::Contains("— Secretary Pompeo (@SecPompeo) May 8, 2019"));
}

TEST_CASE("a header block after the title is metadata", "[text-reader]") {
  const Article a = indexer::read_text_article(
      "\n\nBAHIA COCOA REVIEW\nDate: 26-FEB-1987 15:01:01.79\nBy: A. Reporter\nSource: "
      "Reuters\nURL: https://example.org/cocoa\n\nShowers continued in the Bahia cocoa zone.\n");
  CHECK(a.title == "BAHIA COCOA REVIEW");
  CHECK(a.date == "1987-02-26");
  CHECK_FALSE(a.date_inferred);
  CHECK(a.author == "A. Reporter");
  CHECK(a.source == "Reuters");
  CHECK(a.url == "https://example.org/cocoa");
  CHECK(a.body == "Showers continued in the Bahia cocoa zone.");
}

TEST_CASE("a line like a header inside the body stays body text", "[text-reader]") {
  const Article a = indexer::read_text_article("Title\n\nFirst line.\nNote: this stays.\n");
  CHECK(a.body == "First line.\nNote: this stays.");
  CHECK(a.date.empty());
}

TEST_CASE("a file of blank lines has no article", "[text-reader]") {
  CHECK_THROWS_AS(indexer::read_text_article(" \n\t\n"), Error);
}
