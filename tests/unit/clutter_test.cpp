// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of indexer/src/clutter.cpp.
#include "clutter.h"

#include <catch2/catch.hpp>

using namespace morgue::indexer;

TEST_CASE("every copy of a repeated caption line is dropped", "[clutter]") {
  const std::string body =
      clean_body({"First paragraph.", "", "Huawei", "Huawei", "", "Second paragraph.",
                  "Gavin Williamson", "Gavin Williamson"});
  CHECK(body == "First paragraph.\nSecond paragraph.");
}

TEST_CASE("a repeated sentence is kept: only label-like lines are captions", "[clutter]") {
  CHECK(clean_body({"He said no.", "He said no."}) == "He said no.\nHe said no.");
}

TEST_CASE("lone advertisement lines go but sentences mentioning adverts stay", "[clutter]") {
  auto line = GENERATE(as<std::string>{}, "Advertisement", "ADVERTISEMENT", " Advertisement ",
                       "Story continues below advertisement", "Sponsored");
  CAPTURE(line);
  CHECK(clean_body({"Text.", line, "More."}) == "Text.\nMore.");
  CHECK(clean_body({"The advertisement ran on TV."}) == "The advertisement ran on TV.");
}

TEST_CASE("pic.twitter.com links are removed from a line", "[clutter]") {
  CHECK(clean_line("ISIS remains defeated. pic.twitter.com/XTkY4APOpz") ==
        "ISIS remains defeated.");
  CHECK(clean_line("see https://pic.twitter.com/abc and more") == "see and more");
  CHECK(clean_line("pic.twitter.com/abc").empty());
}
