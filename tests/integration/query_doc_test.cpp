// SPDX-License-Identifier: GPL-2.0-or-later
// Every example of docs/query-syntax.md, run against a real index of the sample archive.
#include <catch2/catch.hpp>
#include <sstream>

#include "morgue/error.h"
#include "morgue/indexer.h"
#include "morgue/internal/store.h"
#include "morgue/searcher.h"
#include "query.h"
#include "test_support.h"

using namespace morgue;

namespace {

constexpr std::string_view kSeedId = "seed/000_e5e6e8b9b571241e.txt";

// One `morgue search ... 'QUERY'  # EXPECTATION` line of the document.
struct Example {
  std::size_t line = 0;
  std::string text;
  std::vector<std::pair<std::string, std::string>> options;  // name (without --), value
  std::string query;
  std::string expectation;
};

std::string trim(const std::string& s) {
  const std::size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    out.push_back(trim(s.substr(start, end - start)));
    if (end == std::string::npos) return out;
    start = end + sep.size();
  }
}

// Throws std::runtime_error for a line that is not of the documented form, so a typo in the
// document fails the test instead of silently skipping an example.
Example parse_example(std::size_t line, const std::string& text) {
  Example ex;
  ex.line = line;
  ex.text = text;
  std::size_t i = std::string("morgue search").size();
  const auto skip_spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  const auto word = [&] {
    skip_spaces();
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    return text.substr(start, i - start);
  };
  skip_spaces();
  while (text.compare(i, 2, "--") == 0) {
    const std::string name = word().substr(2);
    const bool takes_value = name == "db" || name == "match" || name == "since" ||
                             name == "until" || name == "sort" || name == "recent";
    ex.options.emplace_back(name, takes_value ? word() : std::string());
    skip_spaces();
  }
  if (i >= text.size() || text[i] != '\'') throw std::runtime_error("no quoted query");
  const std::size_t close = text.find('\'', i + 1);
  if (close == std::string::npos) throw std::runtime_error("unclosed quote");
  ex.query = text.substr(i + 1, close - i - 1);
  const std::string rest = trim(text.substr(close + 1));
  if (rest.rfind("# ", 0) != 0) throw std::runtime_error("no '# expectation'");
  ex.expectation = trim(rest.substr(2));
  return ex;
}

std::vector<Example> examples_in(const std::filesystem::path& doc) {
  std::istringstream in(test::read_file(doc));
  std::vector<Example> out;
  std::string text;
  bool in_code = false;
  for (std::size_t line = 1; std::getline(in, text); ++line) {
    if (text.rfind("```", 0) == 0) {
      in_code = !in_code;
      continue;
    }
    if (!in_code || trim(text).rfind("morgue search", 0) != 0) continue;
    try {
      out.push_back(parse_example(line, trim(text)));
    } catch (const std::exception& e) {
      FAIL("docs/query-syntax.md line " << line << ": " << e.what() << ": " << text);
    }
  }
  return out;
}

// The seed article's entities, for as long as the indexer does not extract them itself.
std::vector<ArticleEntity> seed_entities() {
  return {
      {"person",
       "Mike Pompeo",
       6,
       0,
       {{"Mr Pompeo", 4}, {"Mike Pompeo", 1}, {"Secretary Pompeo", 1}, {"@SecPompeo", 1}}},
      {"person", "Theresa May", 3, 0, {{"Mrs May", 2}, {"Theresa May", 1}}},
      {"org", "Huawei", 7, 0, {{"Huawei", 6}, {"Huawai", 1}}},
      {"place", "United States", 4, 0, {{"US", 3}, {"United States", 1}}},
      {"place", "United Kingdom", 2, 0, {{"UK", 2}}},
      {"place", "Iran", 3, 0, {{"Iran", 3}}},
      {"place", "Iraq", 2, 0, {{"Iraq", 2}}},
      {"place", "China", 1, 0, {{"China", 1}}},
  };
}

// An index of samples/archive, built once for all examples.
const std::filesystem::path& sample_index() {
  static test::TempDir dir;
  static const bool built = [] {
    Indexer indexer = Indexer::open(dir.path());
    const IndexReport report = indexer.index_paths({test::samples_dir()});
    REQUIRE(report.ok());
    indexer.commit();
    Searcher searcher = Searcher::open(dir.path());
    Article seed = searcher.article(std::string(kSeedId));
    if (seed.entities.empty()) {
      WARN("the indexer extracted no entities from the seed article; using hand-made ones");
      seed.entities = seed_entities();
      indexer.add(seed);
      indexer.commit();
    }
    return true;
  }();
  (void)built;
  return dir.path();
}

void check_example(Searcher& searcher, searcher::QueryBuilder& builder, const Example& ex) {
  SearchRequest request{.query = ex.query, .limit = 1000};
  bool explain = false;
  for (const auto& [name, value] : ex.options) {
    if (name == "db") continue;
    if (name == "explain") {
      explain = true;
    } else if (name == "match") {
      request.match = value == "all"   ? MatchMode::kAll
                      : value == "any" ? MatchMode::kAny
                                       : MatchMode::kAuto;
    } else if (name == "since") {
      request.date_from = value;
    } else if (name == "until") {
      request.date_to = value;
    } else if (name == "sort") {
      request.sort = value == "newest"   ? Sort::kNewest
                     : value == "oldest" ? Sort::kOldest
                                         : Sort::kRelevance;
    } else if (name == "recent") {
      request.recency = std::stod(value);
    } else {
      FAIL("unsupported option --" << name);
    }
  }
  const std::string& want = ex.expectation;
  if (want.rfind("error: ", 0) == 0) {
    try {
      (void)searcher.search(request);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::kBadQuery);
      CHECK(std::string(e.what()) == want.substr(7));
    }
    return;
  }
  if (want.rfind("warns: ", 0) == 0) {
    CHECK(explain);
    const searcher::ParsedQuery parsed = builder.parse(ex.query, request.match);
    CHECK_THAT(parsed.warnings, Catch::Matchers::VectorContains(want.substr(7)));
    return;
  }
  if (want.rfind("suggests: ", 0) == 0) {
    CHECK(builder.suggest(ex.query) == want.substr(10));
    return;
  }
  const SearchResults results = searcher.search(request);
  std::vector<std::string> ids;
  for (const Hit& h : results.hits) ids.push_back(h.id);
  CAPTURE(ids);
  if (want == "finds nothing") {
    CHECK(ids.empty());
    return;
  }
  REQUIRE(want.rfind("finds ", 0) == 0);
  std::string found = want.substr(6);
  std::vector<std::string> absent;
  if (const std::size_t but = found.find(" but not "); but != std::string::npos) {
    absent = split(found.substr(but + 9), ",");
    found.resize(but);
  }
  bool first = false;
  if (found.size() > 6 && found.compare(found.size() - 6, 6, " first") == 0) {
    first = true;
    found.resize(found.size() - 6);
  }
  for (const std::string& id : split(found, ",")) {
    CAPTURE(id);
    CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
  }
  if (first) {
    REQUIRE(!ids.empty());
    CHECK(ids.front() == split(found, ",").front());
  }
  for (const std::string& id : absent) {
    CAPTURE(id);
    CHECK(std::find(ids.begin(), ids.end(), id) == ids.end());
  }
}

}  // namespace

TEST_CASE("every example of docs/query-syntax.md does what the document says", "[query][doc]") {
  const std::vector<Example> examples =
      examples_in(std::filesystem::path(MORGUE_SOURCE_DIR) / "docs" / "query-syntax.md");
  // The extractor found the document's examples (there are dozens).
  REQUIRE(examples.size() >= 50);
  const std::filesystem::path& index = sample_index();
  Searcher searcher = Searcher::open(index);
  const store::Layout layout = store::Layout::of(index);
  const Xapian::Database db = store::open_reader(layout);
  searcher::QueryBuilder builder(db, layout.sqlite);
  for (const Example& ex : examples) {
    CAPTURE(ex.line, ex.text);
    try {
      check_example(searcher, builder, ex);
    } catch (const Error& e) {
      FAIL_CHECK("unexpected error: " << e.what());
    }
  }
}
