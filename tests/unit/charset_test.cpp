// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of charset choice and decoding: BOMs, declarations, UTF-8, detection, bad bytes.
#include "charset.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "morgue/text.h"

namespace {

using morgue::indexer::decode_text;
using morgue::indexer::DecodedText;
using morgue::indexer::html_meta_charset;
using morgue::indexer::xml_declared_encoding;

// A realistic paragraph of Russian news, so that detection has enough text to be sure.
constexpr std::string_view kRussian =
    "Центральный банк России в пятницу сохранил ключевую ставку на уровне шестнадцати процентов, "
    "сообщила пресс-служба регулятора. По словам председателя банка, инфляция в стране "
    "замедляется, однако всё ещё остаётся выше целевого уровня. Аналитики ожидают, что снижение "
    "ставки начнётся не раньше осени, если цены на продовольствие и топливо стабилизируются. "
    "Правительство заявило, что продолжит поддерживать малый бизнес и семьи с детьми.";

constexpr std::string_view kPound = "\xC2\xA3";

// UTF-8 to Windows-1251 for ASCII and the Russian alphabet, written out here so that the test
// does not depend on the iconv it is testing.
std::string to_windows_1251(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    REQUIRE(i + 1 < utf8.size());
    const unsigned code = ((c & 0x1FU) << 6U) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3FU);
    if (code >= 0x410 && code <= 0x44F) {
      out += static_cast<char>(code - 0x410 + 0xC0);
    } else if (code == 0x401) {
      out += '\xA8';
    } else if (code == 0x451) {
      out += '\xB8';
    } else {
      FAIL("no Windows-1251 byte for U+" << code);
    }
    i += 2;
  }
  return out;
}

std::string utf16le(std::u16string_view text) {
  std::string out;
  for (const char16_t unit : text) {
    out += static_cast<char>(unit & 0xFFU);
    out += static_cast<char>(unit >> 8U);
  }
  return out;
}

bool is_valid_utf8(std::string_view s) { return morgue::text::repair_utf8(s).invalid_bytes == 0; }

}  // namespace

TEST_CASE("charset: UTF-8 text passes through unchanged", "[charset]") {
  const std::string text = "Zürich, 東京 and Москва: \xE2\x80\x9Cquotes\xE2\x80\x9D";
  const DecodedText decoded = decode_text(text);
  CHECK(decoded.utf8 == text);
  CHECK(decoded.charset == "UTF-8");
  CHECK_FALSE(decoded.guessed);
  CHECK(decoded.replaced == 0);
}

TEST_CASE("charset: a Latin-1 file among UTF-8 ones gives a pound sign", "[charset]") {
  const std::string latin1 =
      "The price of a pint rose to \xA3"
      "4.80 in central London this year, the British Beer and "
      "Pub Association said on Tuesday. Publicans blamed higher energy bills, and a brewer "
      "said the cost of malt had doubled since the spring.\n";
  const std::string utf8_a = "Rates held at 5%, the bank said.\n";
  const std::string utf8_b =
      "Caf\xC3\xA9 owners protest against \xE2\x82\xAC"
      "50 fees.\n";

  CHECK(decode_text(utf8_a).utf8 == utf8_a);
  CHECK(decode_text(utf8_b).utf8 == utf8_b);
  const DecodedText decoded = decode_text(latin1);
  CHECK(decoded.utf8.find(std::string(kPound) + "4.80") != std::string::npos);
  CHECK(decoded.guessed);
  CHECK(decoded.replaced == 0);
  CHECK(is_valid_utf8(decoded.utf8));
}

TEST_CASE("charset: byte order marks decide, and are dropped", "[charset]") {
  const std::u16string text = u"Zürich — 東京 \U0001F4F0";
  const std::string expected = "Zürich — 東京 \xF0\x9F\x93\xB0";

  SECTION("UTF-16LE") {
    const DecodedText decoded = decode_text("\xFF\xFE" + utf16le(text));
    CHECK(decoded.utf8 == expected);
    CHECK(decoded.charset == "UTF-16LE");
    CHECK(decoded.replaced == 0);
  }
  SECTION("UTF-16BE") {
    std::string be;
    for (const char16_t unit : text) {
      be += static_cast<char>(unit >> 8U);
      be += static_cast<char>(unit & 0xFFU);
    }
    const DecodedText decoded = decode_text("\xFE\xFF" + be);
    CHECK(decoded.utf8 == expected);
    CHECK(decoded.charset == "UTF-16BE");
  }
  SECTION("UTF-32LE") {
    const std::u32string wide = U"Zürich — 東京 \U0001F4F0";
    std::string le("\xFF\xFE\x00\x00", 4);
    for (const char32_t unit : wide) {
      for (unsigned shift = 0; shift < 32; shift += 8)
        le += static_cast<char>((unit >> shift) & 0xFFU);
    }
    const DecodedText decoded = decode_text(le);
    CHECK(decoded.utf8 == expected);
    CHECK(decoded.charset == "UTF-32LE");
  }
  SECTION("UTF-8, even against a declaration") {
    const DecodedText decoded = decode_text("\xEF\xBB\xBF" + expected, "windows-1252");
    CHECK(decoded.utf8 == expected);
    CHECK(decoded.charset == "UTF-8");
    CHECK_FALSE(decoded.guessed);
  }
  SECTION("an odd trailing byte of UTF-16 is one replacement") {
    const DecodedText decoded = decode_text("\xFF\xFE" + utf16le(u"ab") + "c");
    CHECK(decoded.utf8 == "ab\xEF\xBF\xBD");
    CHECK(decoded.replaced == 1);
  }
}

TEST_CASE("charset: Windows-1251 Russian with no declaration is detected", "[charset]") {
  const DecodedText decoded = decode_text(to_windows_1251(kRussian));
  CHECK(decoded.utf8 == kRussian);
  CHECK(decoded.charset == "WINDOWS-1251");
  CHECK(decoded.guessed);
  CHECK(decoded.replaced == 0);
}

TEST_CASE("charset: a declared charset is used when iconv knows it", "[charset]") {
  SECTION("Windows-1251 declared") {
    const DecodedText decoded = decode_text(to_windows_1251("Москва"), " Windows-1251 ");
    CHECK(decoded.utf8 == "Москва");
    CHECK(decoded.charset == "WINDOWS-1251");
    CHECK_FALSE(decoded.guessed);
  }
  SECTION("Latin-1 and ASCII labels are read as Windows-1252, as browsers do") {
    const auto label = GENERATE("iso-8859-1", "ISO_8859-1", "latin1", "us-ascii", "\"cp1252\"");
    CAPTURE(label);
    const DecodedText decoded = decode_text(
        "\x93Quoted\x94 \x96 \xA3"
        "5",
        label);
    CHECK(decoded.utf8 ==
          "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x93 \xC2\xA3"
          "5");
    CHECK(decoded.charset == "WINDOWS-1252");
    CHECK_FALSE(decoded.guessed);
  }
  SECTION("an unknown label is ignored") {
    const DecodedText decoded = decode_text("caf\xC3\xA9", "x-no-such-charset");
    CHECK(decoded.utf8 == "caf\xC3\xA9");
    CHECK(decoded.charset == "UTF-8");
  }
  SECTION("a declaration beats the bytes being valid UTF-8") {
    const DecodedText decoded = decode_text("caf\xC3\xA9", "iso-8859-1");
    CHECK(decoded.utf8 == "caf\xC3\x83\xC2\xA9");
  }
}

TEST_CASE("charset: bad sequences become U+FFFD, are counted, and never stop decoding",
          "[charset]") {
  const std::string_view replacement = "\xEF\xBF\xBD";
  SECTION("declared UTF-8 with stray bytes") {
    const DecodedText decoded = decode_text(
        "a\xFF"
        "b\xC3(c\xED\xA0\x80"
        "d",
        "utf-8");
    CHECK(decoded.utf8.starts_with(std::string("a") + std::string(replacement) + "b"));
    CHECK(decoded.utf8.ends_with("d"));
    CHECK(decoded.replaced >= 3);
    CHECK(is_valid_utf8(decoded.utf8));
  }
  SECTION("the five bytes Windows-1252 leaves undefined") {
    const DecodedText decoded = decode_text("x\x81y\x8Dz\x8F\x90\x9D!", "windows-1252");
    CHECK(decoded.replaced == 5);
    CHECK(decoded.utf8.starts_with(std::string("x") + std::string(replacement) + "y"));
    CHECK(decoded.utf8.ends_with("!"));
  }
  SECTION("a sequence cut at the end") {
    const DecodedText decoded = decode_text("ok \xE2\x82", "utf-8");
    CHECK(decoded.utf8 == std::string("ok ") + std::string(replacement));
    CHECK(decoded.replaced == 1);
  }
  SECTION("empty input") {
    const DecodedText decoded = decode_text("");
    CHECK(decoded.utf8.empty());
    CHECK(decoded.replaced == 0);
  }
}

TEST_CASE("charset: the encoding of an XML declaration", "[charset]") {
  const auto [head, expected] = GENERATE(table<std::string, std::string>({
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf/>", "ISO-8859-1"},
      {"<?xml version='1.0' encoding = 'windows-1251' ?>\n<rss>", "windows-1251"},
      {"\xEF\xBB\xBF\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>", "UTF-8"},
      {"<?xml version=\"1.0\"?><rss encoding=\"latin1\">", ""},
      {"<html><?xml version=\"1.0\" encoding=\"UTF-8\"?>", ""},
      {"plain text", ""},
  }));
  CAPTURE(head);
  CHECK(xml_declared_encoding(head) == expected);
}

TEST_CASE("charset: the charset of an HTML <meta> tag", "[charset]") {
  const auto [head, expected] = GENERATE(table<std::string, std::string>({
      {"<html><head><meta charset=\"windows-1251\"><title>", "windows-1251"},
      {"<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">",
       "Shift_JIS"},
      {"<meta name=viewport content=\"width=device-width\"><meta charset=utf-8>", "utf-8"},
      {"<head><title>charset=koi8-r</title></head>", ""},
      {std::string(3000, ' ') + "<meta charset=\"utf-8\">", ""},
  }));
  CAPTURE(head);
  CHECK(html_meta_charset(head) == expected);
}
