// SPDX-License-Identifier: GPL-2.0-or-later
// The JSON documents parse and carry the fields docs/json-output.md promises.
#include "morgue/json_output.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "morgue/indexer.h"
#include "morgue/searcher.h"
#include "test_support.h"

using namespace morgue;
using Json = nlohmann::json;

TEST_CASE("search results JSON has the documented fields and escapes text", "[json]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx");
    indexer.add({.id = "a",
                 .title = "Tags <script>",
                 .date = "2019-05-08",
                 .body = "Use <b>bold</b> & \"quotes\" for Huawei."});
    indexer.add({.id = "b", .title = "Undated", .body = "Huawei again."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const Json j = Json::parse(json::search_results(s.search({.query = "huawei"})));
  CHECK(j["version"] == 1);
  CHECK(j["query"] == "huawei");
  CHECK(j["total_estimated"] == 2);
  REQUIRE(j["hits"].size() == 2);
  for (const auto& hit : j["hits"]) {
    for (const char* key :
         {"rank", "id", "title", "date", "path", "score", "snippet", "duplicates"}) {
      CAPTURE(key);
      CHECK(hit.contains(key));
    }
  }
  const Json& a = j["hits"][0]["id"] == "a" ? j["hits"][0] : j["hits"][1];
  const Json& b = j["hits"][0]["id"] == "b" ? j["hits"][0] : j["hits"][1];
  CHECK(a["date"] == "2019-05-08");
  CHECK(b["date"].is_null());
  CHECK(a["title"] == "Tags <script>");  // JSON strings are plain; only the snippet is HTML
  CHECK(a["snippet"] ==
        "Use &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; for <mark>Huawei</mark>.");
}

TEST_CASE("article and stats JSON parse", "[json]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx");
    indexer.add({.id = "a", .title = "T", .author = "Jo", .body = "Body."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const Json art = Json::parse(json::article(s.article("a")));
  CHECK(art["author"] == "Jo");
  CHECK(art["url"].is_null());
  CHECK(art["body"] == "Body.");
  const Json st = Json::parse(json::stats(s.stats()));
  CHECK(st["articles"] == 1);
  CHECK(st["sqlite_articles"] == 1);
  CHECK(st["schema_version"] == 2);
  const Json err = Json::parse(json::error("bad_query", "oops"));
  CHECK(err["error"]["code"] == "bad_query");
}

TEST_CASE("search results JSON carries facets, counts, explanations and entities", "[json]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.spelling = false});
    indexer.add({.id = "a",
                 .title = "Pompeo in London",
                 .date = "2019-05-08",
                 .source = "Guardian",
                 .body = "Mr Pompeo met officials. He spoke about Huawei. Then he left London.",
                 .entities = {{"person", "Mike Pompeo", 2, 3, {{"Mr Pompeo", 1}}}}});
    indexer.add({.id = "b", .title = "Other", .date = "2019-07-01", .body = "Huawei again."});
  }
  Searcher s = Searcher::open(tmp / "idx");
  const SearchResults r = s.search({.query = "pompeo zeppelin",
                                    .snippets = 2,
                                    .facets = {"month", "person"},
                                    .exact_count = true});
  const Json j = Json::parse(json::search_results(r));
  for (const char* key :
       {"version", "query", "parsed_query", "warnings", "suggestion", "dropped_words", "offset",
        "total_estimated", "total_exact", "revision", "uuid", "facets", "hits"}) {
    CAPTURE(key);
    CHECK(j.contains(key));
  }
  CHECK(j["total_exact"] == 1);
  CHECK(j["dropped_words"] == Json::array({"zeppelin"}));
  CHECK(j["suggestion"].is_null());
  CHECK(j["warnings"].is_array());
  CHECK(j["parsed_query"] == r.parsed_query);
  CHECK(j["revision"] == r.revision);
  CHECK(j["uuid"].get<std::string>().size() == 36);
  CHECK(j["facets"]["month"] == Json::parse(R"([{"value":"2019-05","count":1}])"));
  CHECK(j["facets"]["person"] == Json::parse(R"([{"value":"Mike Pompeo","count":1}])"));
  REQUIRE(j["hits"].size() == 1);
  const Json& hit = j["hits"][0];
  CHECK(hit["passages"].size() == 1);  // one sentence matches
  CHECK(hit["passages"][0] == hit["snippet"]);
  CHECK(hit["entities"] == Json::parse(R"([{"type":"person","name":"Mike Pompeo","count":2}])"));

  // Without exact counts or facets: null and {}.
  const Json plain = Json::parse(json::search_results(s.search({.query = "huawei"})));
  CHECK(plain["total_exact"].is_null());
  CHECK(plain["facets"] == Json::object());
  CHECK(plain["hits"][0]["entities"].is_array());
}
