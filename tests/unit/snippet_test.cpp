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

namespace {

std::vector<std::string> passages_for(const std::string& query, std::string_view body,
                                      std::size_t bytes, std::size_t count) {
  Xapian::QueryParser qp;
  const Xapian::Stem stem("english");
  qp.set_stemmer(stem);
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  const Xapian::Query q = qp.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT);
  std::vector<std::string> out;
  for (const auto& p :
       searcher::make_passages(body, searcher::snippet_terms(q), stem, bytes, count)) {
    out.push_back(render(p));
  }
  return out;
}

}  // namespace

TEST_CASE("passages: best first, then the ones covering terms not yet covered", "[snippet]") {
  const std::string body = "Cocoa, sugar, sugar.\nSugar and cocoa.\nCoffee rose.";
  using V = std::vector<std::string>;
  // One sentence per passage at 20 bytes. The first covers two terms with three matches (the
  // second only two); next comes the one with a term not yet covered, though it has only one.
  CHECK(passages_for("cocoa sugar coffee", body, 20, 3) ==
        V{"[Cocoa], [sugar], [sugar].…", "…[Coffee] rose.", "…[Sugar] and [cocoa].…"});
  CHECK(passages_for("cocoa sugar coffee", body, 20, 1) == V{"[Cocoa], [sugar], [sugar].…"});
  // Only passages with a match: asking for more gives what there is.
  CHECK(passages_for("cocoa coffee", body, 20, 10).size() == 3);
  CHECK(passages_for("coffee", body, 20, 10) == V{"…[Coffee] rose."});
  // Without a match, the lead alone.
  CHECK(passages_for("zebra", body, 20, 3) == V{"Cocoa, sugar, sugar.…"});
  CHECK(passages_for("cocoa", body, 20, 0).empty());
}

TEST_CASE("passages never overlap and are distinct", "[snippet]") {
  std::string body;
  for (int i = 0; i < 30; ++i) body += "Sentence " + std::to_string(i) + " mentions tin. ";
  const std::vector<std::string> p = passages_for("tin", body, 70, 5);
  REQUIRE(p.size() == 5);
  for (std::size_t i = 0; i < p.size(); ++i) {
    for (std::size_t j = i + 1; j < p.size(); ++j) CHECK(p[i] != p[j]);
  }
  // Each covers whole sentences: two of about 33 bytes fit in 70.
  CHECK(p[0] == "Sentence 0 mentions [tin]. Sentence 1 mentions [tin].…");
}

TEST_CASE("snippets read a bounded prefix of a long body", "[snippet]") {
  std::string body;
  while (body.size() < searcher::kMaxSnippetScanBytes + 1000) body += "Filler words here. ";
  body += "The needle is here.";
  // The match lies beyond the scanned part: the lead is shown, cut with an ellipsis.
  const std::vector<std::string> p = passages_for("needle", body, 40, 2);
  REQUIRE(p.size() == 1);
  CHECK_THAT(p[0], Catch::StartsWith("Filler words here."));
  CHECK_THAT(p[0], Catch::EndsWith("…"));
}

// Words that no query term starts like are stepped over by a table of ASCII bytes; an
// apostrophe or a letter beyond ASCII hands the word back to the exact rules, so words end where
// the indexer's do.
TEST_CASE("skipped words end where the indexer's words end", "[snippet]") {
  const std::string body =
      "Zürich's café owner, O'Brien, said prices rose; Müller's café_bar did too.";
  CHECK(snippet_for("café", body) ==
        "Zürich's [café] owner, O'Brien, said prices rose; Müller's café_bar did too.");
  CHECK(snippet_for("prices", body) ==
        "Zürich's café owner, O'Brien, said [prices] rose; Müller's café_bar did too.");
  CHECK(snippet_for("brien", body) == snippet_for("nothing", body));  // o'brien is one word
  CHECK(snippet_for("o'brien", body) ==
        "Zürich's café owner, [O'Brien], said prices rose; Müller's café_bar did too.");
  CHECK(snippet_for("bar", body) == snippet_for("nothing", body));  // café_bar is one word
  CHECK(snippet_for("rose", "Prices rosé, then rose.") == "Prices rosé, then [rose].");
}
