// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue entities` run as a program: lists, profiles, an article's entities, errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_support.h"

using namespace morgue;
using Json = nlohmann::json;

namespace {

const test::TempDir& indexed_samples() {
  static test::TempDir dir;
  static const bool done = [] {
    const test::Run r =
        test::run_morgue(dir, {"index", "--db", "idx", test::samples_dir().string()});
    INFO("morgue index said: " << r.out << r.err);
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)done;
  return dir;
}

}  // namespace

TEST_CASE("morgue entities lists the most mentioned entities with article counts", "[cli]") {
  const test::TempDir& dir = indexed_samples();
  const test::Run r =
      test::run_morgue(dir, {"entities", "--db", "idx", "--type", "place", "--json", "-n", "5"});
  REQUIRE(r.status == 0);
  const Json j = Json::parse(r.out);
  REQUIRE(j["entities"].size() == 5);
  CHECK(j["entities"][0]["name"] == "United States");
  for (std::size_t i = 1; i < 5; ++i) {
    CHECK(j["entities"][i]["type"] == "place");
    CHECK(j["entities"][i - 1]["articles"].get<int>() >= j["entities"][i]["articles"].get<int>());
  }

  // With a query: only the articles that match it.
  const test::Run q = test::run_morgue(dir, {"entities", "--db", "idx", "--json", "huawei"});
  REQUIRE(q.status == 0);
  // Parsed into a variable: ranging over a member of a temporary would dangle.
  const Json listed = Json::parse(q.out);
  std::vector<std::string> names;
  for (const Json& e : listed["entities"]) {
    CHECK(e["articles"] == 1);  // only the seed article mentions Huawei
    names.push_back(e["name"]);
  }
  CHECK_THAT(names, Catch::VectorContains(std::string("Mike Pompeo")));
  CHECK_THAT(names, Catch::VectorContains(std::string("Huawei")));
}

TEST_CASE("morgue entities --about profiles an entity found by any alias", "[cli]") {
  const test::TempDir& dir = indexed_samples();
  const test::Run r =
      test::run_morgue(dir, {"entities", "--db", "idx", "--about", "@SecPompeo", "--json"});
  REQUIRE(r.status == 0);
  const Json j = Json::parse(r.out);
  CHECK(j["name"] == "Mike Pompeo");
  CHECK(j["type"] == "person");
  CHECK(j["articles"] == 1);
  CHECK(j["first_date"] == "2019-05-08");
  CHECK(j["timeline"] == Json::parse(R"([{"month":"2019-05","articles":1}])"));
  std::vector<std::string> aliases;
  for (const Json& a : j["aliases"]) aliases.push_back(a["surface"]);
  CHECK_THAT(aliases, Catch::VectorContains(std::string("Mr Pompeo")));
  CHECK_THAT(aliases, Catch::VectorContains(std::string("Secretary Pompeo")));

  const test::Run text = test::run_morgue(dir, {"entities", "--db", "idx", "--about", "Mr Pompeo"});
  REQUIRE(text.status == 0);
  CHECK_THAT(text.out, Catch::StartsWith("Mike Pompeo (person)\n"));
  CHECK_THAT(text.out, Catch::Contains("2019-05 \u2588"));

  const test::Run missing = test::run_morgue(dir, {"entities", "--db", "idx", "--about", "Nobody"});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("no entity called \"Nobody\""));
}

TEST_CASE("morgue entities --article lists one article's entities with their aliases", "[cli]") {
  const test::TempDir& dir = indexed_samples();
  const test::Run r = test::run_morgue(
      dir, {"entities", "--db", "idx", "--article", "seed/000_e5e6e8b9b571241e.txt", "--json"});
  REQUIRE(r.status == 0);
  const Json j = Json::parse(r.out);
  bool huawei = false;
  for (const Json& e : j["entities"]) {
    if (e["name"] != "Huawei") continue;
    huawei = true;
    std::vector<std::string> aliases;
    for (const Json& a : e["aliases"]) aliases.push_back(a["surface"]);
    CHECK_THAT(aliases, Catch::VectorContains(std::string("Huawai")));
  }
  CHECK(huawei);

  const test::Run bad = test::run_morgue(dir, {"entities", "--db", "idx", "--type", "planet"});
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("unknown entity type \"planet\""));
  const test::Run both =
      test::run_morgue(dir, {"entities", "--db", "idx", "--about", "x", "--article", "y"});
  CHECK(both.status == 2);
}
