// SPDX-License-Identifier: GPL-2.0-or-later
// Golden Query::get_description() strings for query building, and positioned parse errors.
#include "query.h"

#include <catch2/catch.hpp>

#include "morgue/error.h"

using namespace morgue;

namespace {
std::string describe(const std::string& query) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  searcher::QueryBuilder builder(db, {});
  return builder.parse(query).description;
}
std::string error_of(const std::string& query) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  searcher::QueryBuilder builder(db, {});
  try {
    (void)builder.parse(query);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::kBadQuery);
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("queries parse to the expected Xapian queries", "[query]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      // Capitalised words are taken as names and not stemmed (Xapian's STEM_SOME).
      {"Pompeo AND Huawei", "Query((pompeo@1 AND huawei@2))"},
      {"pompeo and huawei", "Query((Zpompeo@1 AND Zhuawei@2))"},
      {"pompeo huawei", "Query((Zpompeo@1 AND Zhuawei@2))"},
      {"iran OR iraq", "Query((Ziran@1 OR Ziraq@2))"},
      {"huawei NOT iran", "Query((Zhuawei@1 AND_NOT Ziran@2))"},
      {"\"Theresa May\"", "Query((theresa@1 PHRASE 2 may@2))"},
      {"title:cocoa", "Query(ZScocoa@1)"},
      {"+cocoa -coffee", "Query((Zcocoa@1 AND_NOT Zcoffe@2))"},
      {"(iran OR iraq) AND pompeo", "Query(((Ziran@1 OR Ziraq@2) AND Zpompeo@3))"},
      {"warns", "Query(Zwarn@1)"},
  }));
  CAPTURE(input);
  CHECK(describe(input) == expected);
}

TEST_CASE("bad queries are refused with the position", "[query]") {
  CHECK(error_of("Pompeo AND (") ==
        "cannot parse query \"Pompeo AND (\": unclosed '(' at position 12");
  CHECK(error_of("a) b") == "cannot parse query \"a) b\": unmatched ')' at position 2");
  CHECK(error_of("say \"hello") ==
        "cannot parse query \"say \"hello\": unclosed '\"' at position 5");
  CHECK(error_of("Pompeo AND") ==
        "cannot parse query \"Pompeo AND\": 'AND' at position 8 needs a term after it");
  CHECK(error_of("OR huawei") ==
        "cannot parse query \"OR huawei\": 'OR' at position 1 needs a term before it");
  CHECK(error_of("   ") == "empty query");
}
