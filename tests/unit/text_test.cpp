// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of common/src/text.cpp.
#include "morgue/text.h"

#include <catch2/catch.hpp>

using namespace morgue;

TEST_CASE("repair_utf8 keeps valid UTF-8 untouched", "[text]") {
  const std::string s = "Huawei’s 5G — £5 café";
  const text::Utf8Repair r = text::repair_utf8(s);
  CHECK(r.text == s);
  CHECK(r.invalid_bytes == 0);
  CHECK_FALSE(r.first_invalid_byte.has_value());
}

TEST_CASE("repair_utf8 reads stray bytes as Windows-1252", "[text]") {
  auto [input, expected, first_bad] = GENERATE(table<std::string, std::string, std::size_t>({
      {"price \xA3"
       "5",
       "price £5", 6},                                                 // Latin-1 pound
      {"caf\xE9 ok", "café ok", 3},                                    // Latin-1 e-acute
      {"\x93quoted\x94", "“quoted”", 0},                               // cp1252 smart quotes
      {"ok \xC3(", "ok Ã(", 3},                                        // truncated sequence
      {"over\xC0\xAFlong", "overÀ¯long", 4},                           // overlong '/' is invalid
      {"sur\xED\xA0\x80rogate", "surí\xC2\xA0\xE2\x82\xACrogate", 3},  // UTF-16 surrogate
  }));
  CAPTURE(input);
  const text::Utf8Repair r = text::repair_utf8(input);
  CHECK(r.text == expected);
  REQUIRE(r.first_invalid_byte.has_value());
  CHECK(*r.first_invalid_byte == first_bad);
}

TEST_CASE("repair_utf8 drops a byte order mark", "[text]") {
  CHECK(text::repair_utf8("\xEF\xBB\xBFTitle").text == "Title");
}

TEST_CASE("looks_binary spots NULs and control noise but not text", "[text]") {
  CHECK(text::looks_binary(std::string("PK\x03\x04\0\0", 6)));
  CHECK(text::looks_binary(std::string(100, '\x01')));
  CHECK_FALSE(text::looks_binary("Plain text\twith tabs\r\nand lines\n"));
  CHECK_FALSE(text::looks_binary("Ünïcödé is text"));
}

TEST_CASE("trim and collapse_whitespace handle Unicode spaces", "[text]") {
  CHECK(text::trim("  \t a b \n") == "a b");
  CHECK(text::trim("\xC2\xA0word\xE2\x80\x89") == "word");
  CHECK(text::trim("   ").empty());
  CHECK(text::collapse_whitespace(" a \n\n b\xC2\xA0\tc ") == "a b c");
}

TEST_CASE("html_escape escapes markup and quotes", "[text]") {
  CHECK(text::html_escape("<b>\"A&B\"</b> 'x'") ==
        "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;");
}

TEST_CASE("utf8_prefix never splits a character", "[text]") {
  CHECK(text::utf8_prefix("££££", 3) == "£");
  CHECK(text::utf8_prefix("abc", 10) == "abc");
}

TEST_CASE("content_hash is 32 hex digits and changes with the text", "[text]") {
  const std::string a = text::content_hash("same text");
  CHECK(a.size() == 32);
  CHECK(a == text::content_hash("same text"));
  CHECK(a != text::content_hash("same text."));
}
