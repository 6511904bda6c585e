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
