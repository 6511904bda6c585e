// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the document-data record encoding and of the keyed lists of value slots.
#include "morgue/internal/record.h"

#include <catch2/catch.hpp>

#include "morgue/error.h"
#include "morgue/internal/keyed_list.h"

using namespace morgue;

TEST_CASE("a record round-trips every field", "[record]") {
  Article a;
  a.id = "2019/05/pompeo.txt";
  a.path = "/archive/2019/05/pompeo.txt";
  a.title = "Huawei and Iran";
  a.date = "2019-05-08";
  a.date_inferred = true;
  a.author = "Jane Doe";
  a.source = "The Paper";
  a.url = "https://example.org/a";
  a.content_hash = "00112233445566778899aabbccddeeff";
  a.body = std::string(300, 'x') + "\nsecond paragraph £";
  a.lang = "en";
  a.tags = {{"topic", "cocoa"}, {"place_tag", "el-salvador"}, {"place_tag", "usa"}};
  const Article b = record::decode(record::encode(a));
  CHECK(b.id == a.id);
  CHECK(b.path == a.path);
  CHECK(b.title == a.title);
  CHECK(b.date == a.date);
  CHECK(b.date_inferred);
  CHECK(b.author == a.author);
  CHECK(b.source == a.source);
  CHECK(b.url == a.url);
  CHECK(b.content_hash == a.content_hash);
  CHECK(b.body == a.body);
  CHECK(b.lang == "en");
  CHECK(b.tags == a.tags);
}

TEST_CASE("decoding skips unknown tags from a newer writer", "[record]") {
  std::string data = record::encode(Article{.id = "x", .title = "T"});
  data +=
      "z\x03"
      "abc";
  const Article a = record::decode(data);
  CHECK(a.id == "x");
  CHECK(a.title == "T");
}

TEST_CASE("decoding refuses what is not a record", "[record]") {
  auto bad = GENERATE(as<std::string>{}, "", "omega sample=...",
                      "MR1t\x7F"
                      "short",
                      "MR1t\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF");
  CAPTURE(bad);
  CHECK_THROWS_AS(record::decode(bad), Error);
}

TEST_CASE("keyed lists of value slots round-trip, skipping malformed records", "[record]") {
  std::string list;
  keyed_list::append(list, "person", "Mike Pompeo");
  keyed_list::append(list, "place", "United Kingdom");
  keyed_list::append(list, "topic", "");
  std::vector<std::pair<std::string, std::string>> seen;
  const auto collect = [&](std::string_view key, std::string_view value) {
    seen.emplace_back(key, value);
  };
  keyed_list::for_each(list, collect);
  CHECK(seen == std::vector<std::pair<std::string, std::string>>{
                    {"person", "Mike Pompeo"}, {"place", "United Kingdom"}, {"topic", ""}});
  seen.clear();
  keyed_list::for_each(std::string("no separator\x1eorg\x1fHuawei\x1e"), collect);
  CHECK(seen == std::vector<std::pair<std::string, std::string>>{{"org", "Huawei"}});
}
