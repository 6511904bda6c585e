// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of schema/src/entity_key.cpp: the name keys and Xapian terms entities are stored under.
#include "morgue/internal/entity_key.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace morgue;

TEST_CASE("name keys", "[entity-key]") {
  using Row = std::tuple<std::string, std::string>;
  auto [name, key] = GENERATE(table<std::string, std::string>({
      Row{"Mike Pompeo", "mike pompeo"},
      Row{"Mr Pompeo", "pompeo"},
      Row{"Mr. Pompeo", "pompeo"},
      Row{"Secretary Pompeo", "pompeo"},
      Row{"Secretary of State Mike Pompeo", "mike pompeo"},
      Row{"Foreign Secretary Jeremy Hunt", "jeremy hunt"},
      Row{"Sir Nigel Lawson", "nigel lawson"},
      Row{"Pres. Salih", "salih"},
      Row{"President", "president"},
      Row{"U.S.", "us"},
      Row{"United States", "united states"},
      Row{"Pompeo's", "pompeo"},
      Row{"Huawei\xE2\x80\x99s", "huawei"},
      Row{"AT&T", "at&t"},
      Row{"@SecPompeo", "@secpompeo"},
      Row{"#5G", "#5g"},
      Row{"  Côte d'Ivoire ", "côte d ivoire"},
      Row{"...", ""},
  }));
  CAPTURE(name);
  CHECK(entity::name_key(name) == key);
}

TEST_CASE("title words", "[entity-key]") {
  for (const char* w : {"mr", "mrs", "ms", "dr", "sir", "president", "secretary", "minister",
                        "chancellor", "sen", "gov", "gen", "pres"}) {
    CAPTURE(w);
    CHECK(entity::is_title_word(w));
  }
  for (const char* w : {"pompeo", "may", "united", "of", "Mr"}) {
    CAPTURE(w);
    CHECK_FALSE(entity::is_title_word(w));
  }
}

TEST_CASE("keys are bounded", "[entity-key]") {
  CHECK(entity::name_key(std::string(500, 'a')).size() == 200);
}

TEST_CASE("terms of a name", "[entity-key]") {
  CHECK(entity::terms("XP", "Mike Pompeo") ==
        std::vector<std::string>{"XPmike pompeo", "XPmike", "XPpompeo"});
  CHECK(entity::terms("XL", "Iran") == std::vector<std::string>{"XLiran"});
  CHECK(entity::terms("XP", "").empty());
}
