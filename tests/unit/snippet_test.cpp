// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of searcher/src/snippet.cpp: passage choice and highlighting.
#include "snippet.h"

#include <catch2/catch.hpp>

#include "morgue/json_output.h"

using namespace morgue;

namespace {

std::string render(const std::vector<SnippetSpan>& spans) {
  std::string out;
  for (const auto& s : spans) out += s.match ? "[" + s.text + "]" : s.text;
  return out;
}

std::string snippet_for(const std::string& query, std::string_view body, std::size_t bytes = 200) {
  Xapian::QueryParser qp;
  const Xapian::Stem stem("english");
  qp.set_stemmer(stem);
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", "S");
  const Xapian::Query q = qp.parse_query(
      query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE);
  return render(searcher::make_snippet(body, searcher::snippet_terms(q), stem, bytes));
}

}  // namespace

TEST_CASE("the sentence with most distinct query terms wins", "[snippet]") {
  const std::string body =
      "Pompeo flew in on Monday.\nHe met officials. Talks covered Huawei and Pompeo's plans.\n"
      "Huawei denied it.";
  CHECK(snippet_for("Pompeo AND Huawei", body, 45) ==
        "…Talks covered [Huawei] and [Pompeo's] plans.…");
}

TEST_CASE("stemmed forms are highlighted", "[snippet]") {
  CHECK(snippet_for("warn", "Mr Pompeo warned earlier this year.") ==
        "Mr Pompeo [warned] earlier this year.");
  CHECK(snippet_for("warns", "He will warn her.") == "He will [warn] her.");
}

TEST_CASE("a phrase match is one highlighted span", "[snippet]") {
  CHECK(snippet_for("\"Theresa May\"", "He will warn Theresa May today.") ==
        "He will warn [Theresa May] today.");
}

TEST_CASE("without a match the snippet is the lead", "[snippet]") {
  CHECK(snippet_for("zebra", "First sentence here. Second one.", 25) == "First sentence here.…");
}

TEST_CASE("a long sentence is cut around its first match at word boundaries", "[snippet]") {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "filler" + std::to_string(i) + " ";
  body += "the cocoa crop ";
  for (int i = 0; i < 40; ++i) body += "tail" + std::to_string(i) + " ";
  body += "end.";
  const std::string s = snippet_for("cocoa", body, 80);
  CHECK_THAT(s, Catch::StartsWith("…"));
  CHECK_THAT(s, Catch::EndsWith("…"));
  CHECK_THAT(s, Catch::Contains("[cocoa]"));
  CHECK(s.size() < 120);
}

TEST_CASE("title: terms highlight in the body; boolean filters do not", "[snippet]") {
  CHECK(snippet_for("title:cocoa", "Bahia cocoa review.") == "Bahia [cocoa] review.");
}

TEST_CASE("snippet HTML escapes text and marks matches", "[snippet]") {
  const std::vector<SnippetSpan> spans = {{"a <b> & ", false}, {"Huawei", true}, {"'s", false}};
  CHECK(json::snippet_html(spans) == "a &lt;b&gt; &amp; <mark>Huawei</mark>&#39;s");
}
