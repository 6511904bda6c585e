// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of common/src/date.cpp.
#include "morgue/date.h"

#include <catch2/catch.hpp>

using namespace morgue;

TEST_CASE("date::parse reads the common news formats", "[date]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"2019-05-08", "2019-05-08"},
      {"2019-05-08T10:15:00Z", "2019-05-08"},
      {"2019-05-08T23:15:00+01:00", "2019-05-08"},
      {"2019/5/8", "2019-05-08"},
      {"20190508", "2019-05-08"},
      {"Wed, 08 May 2019 10:15:00 GMT", "2019-05-08"},
      {"May 8, 2019", "2019-05-08"},
      {"8 May 2019", "2019-05-08"},
      {"Sept. 3rd, 2020", "2020-09-03"},
      {"26-FEB-1987 15:01:01.79", "1987-02-26"},
      {"  29 February 2020 ", "2020-02-29"},
  }));
  CAPTURE(input);
  const auto parsed = date::parse(input);
  REQUIRE(parsed.has_value());
  CHECK(*parsed == expected);
}

TEST_CASE("date::parse refuses what is not a date", "[date]") {
  auto input = GENERATE(as<std::string>{}, "", "yesterday", "2019-13-01", "2019-02-30",
                        "29 February 2019", "May 2019", "12345678", "Mayday 8 2019x99");
  CAPTURE(input);
  CHECK_FALSE(date::parse(input).has_value());
}

TEST_CASE("date::find_in_text finds the first full date in running text", "[date]") {
  CHECK(date::find_in_text("— Secretary Pompeo (@SecPompeo) May 8, 2019") == "2019-05-08");
  CHECK(date::find_in_text("Mrs May met him in May. On 3 June 2019 and May 8, 2019.") ==
        "2019-06-03");
  CHECK(date::find_in_text("filed 2020-01-31 by staff") == "2020-01-31");
  CHECK_FALSE(date::find_in_text("Theresa May said on Tuesday that 5G matters.").has_value());
}

TEST_CASE("date::find_in_text reads each written form", "[date]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"May 8, 2019", "2019-05-08"},
      {"May 8 2019", "2019-05-08"},
      {"8 May 2019", "2019-05-08"},
      {"8 May, 2019", "2019-05-08"},
      {"2019-05-08", "2019-05-08"},
      {"Wednesday, May 8, 2019", "2019-05-08"},
      {"Wed 8 May 2019", "2019-05-08"},
      {"September 3rd, 2020", "2020-09-03"},
      {"Sept. 3, 2020", "2020-09-03"},
      {"Sep 3 2020", "2020-09-03"},
      {"3rd Sept. 2020", "2020-09-03"},
      {"1st Jan., 2000", "2000-01-01"},
      {"Feb. 29, 2020", "2020-02-29"},
      {"December 31, 2999", "2999-12-31"},
      {"Jan 1, 1000", "1000-01-01"},
      {"May\n8,\t2019", "2019-05-08"},
      {"(8 May 2019)", "2019-05-08"},
      {"\xc2\xab"
       "8 May 2019\xc2\xbb",
       "2019-05-08"},
      {"2019-05-08 10:15 UTC", "2019-05-08"},
      // At the very end of the text.
      {"LONDON, filed May 8, 2019", "2019-05-08"},
      {"on 8 May 2019", "2019-05-08"},
      {"filed 2020-01-31", "2020-01-31"},
      // An impossible date is skipped for a later real one.
      {"February 30, 2019, or rather March 1, 2019", "2019-03-01"},
      {"2019-02-29 then 2020-02-29", "2020-02-29"},
      {"May 8, 3000 and May 9, 2019", "2019-05-09"},
      // The earliest form wins, whichever it is.
      {"2019-01-02, not May 8, 2019", "2019-01-02"},
      {"8 May 2019, not 2019-01-02", "2019-05-08"},
  }));
  CAPTURE(input);
  CHECK(date::find_in_text(input) == expected);
}

TEST_CASE("date::find_in_text ignores what is not a full date", "[date]") {
  auto input =
      GENERATE(as<std::string>{}, "", "May", "May 2019", "8 May", "May 8", "May 8,", "May 8, 201",
               "May 8, 20190", "May 8, 2019x", "May 123, 2019", "123 May 2019", "Mayor 8, 2019",
               "3 Mayor 2019", "XMay 8, 2019", "18May 2019", "May8, 2019", "May 8 , 2019",
               "May 8,2019", "May 0, 2019", "May 32, 2019", "May 8, 0999", "Mayday 8 2019",
               "2019-5-08", "2019-05-0", "12019-05-08", "2019-05-081", "2019/05/08",
               // Month names are case-sensitive in running text, as they always were.
               "MAY 8, 2019", "Theresa may 8 2019");
  CAPTURE(input);
  CHECK_FALSE(date::find_in_text(input).has_value());
}

TEST_CASE("date::find_in_text looks at the first 16 KiB only", "[date]") {
  const std::string date = "May 8, 2019";
  const std::string filler(16 * 1024 - date.size(), 'x');
  // Ends exactly at the 16 KiB mark.
  CHECK(date::find_in_text(std::string(filler.size() - 1, 'x') + " " + date + " more") ==
        "2019-05-08");
  // Starts just past it.
  CHECK_FALSE(date::find_in_text(std::string(16 * 1024, ' ') + date).has_value());
  // Straddles it: the year is cut.
  CHECK_FALSE(date::find_in_text(std::string(filler.size() + 2, ' ') + date).has_value());
}

TEST_CASE("date::find_in_text scans a long text without a date", "[date]") {
  std::string text;
  while (text.size() < 1024 * 1024) {
    text += "Theresa May met the Mayor on 8 Mayday; 2019-05-0, 12345 May 2019 and May 8. ";
  }
  CHECK_FALSE(date::find_in_text(text).has_value());
  CHECK(date::find_in_text("Sept. 3, 2020 " + text) == "2020-09-03");
  CHECK_FALSE(date::find_in_text(text + " Sept. 3, 2020").has_value());
}
