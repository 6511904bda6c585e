// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue search`: ranked hits with highlighted snippets, facets and a month chart, as text or
// JSON.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "morgue/json_output.h"

namespace po = boost::program_options;

namespace morgue::cli {
namespace {

constexpr const char* kSynopsis =
    "[--db DIR] [options] QUERY...\n       morgue search [--db DIR] [options] --like ID [QUERY...]";
constexpr const char* kSummary =
    "Searches the index. Words are ANDed (when no article has them all, the best partial\n"
    "matches are shown and the dropped words named); AND, OR, NOT, XOR (any case),\n"
    "\"phrases\", +word, -word, brackets and fields such as title:word, author:word,\n"
    "person:pompeo or date:2019-05 work as in docs/query-syntax.md.";

// Width of the longest bar of the month chart, in characters.
constexpr std::size_t kChartWidth = 40;

std::string fixed(double v) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << v;
  return out.str();
}

std::string join(const std::vector<std::string>& words, const char* sep) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

// One line per value: "  1987-03 ████████ 12". Zero counts get no bar.
void print_chart(const Facet& f) {
  std::size_t max = 0;
  std::size_t label_width = 0;
  for (const FacetValue& v : f.values) {
    max = std::max(max, v.count);
    label_width = std::max(label_width, v.value.size());
  }
  for (const FacetValue& v : f.values) {
    std::size_t bar = max == 0 ? 0 : (v.count * kChartWidth + max / 2) / max;
    if (v.count > 0 && bar == 0) bar = 1;
    std::cout << "  " << v.value << std::string(label_width - v.value.size(), ' ') << ' ';
    for (std::size_t i = 0; i < bar; ++i) std::cout << "█";
    std::cout << (bar > 0 ? " " : "") << v.count << '\n';
  }
}

// After the hits: "name: value (count), ..." lines, and year and month as bar charts.
void print_facets(const SearchResults& r) {
  bool after_chart = true;  // a blank line goes before the first facet and around charts
  for (const Facet& f : r.facets) {
    const bool chart = f.name == "month" || f.name == "year";
    if (chart || after_chart) std::cout << '\n';
    after_chart = chart;
    std::cout << f.name << ':';
    if (chart) {
      std::cout << (f.values.empty() ? " (no dated articles)\n" : "\n");
      print_chart(f);
      continue;
    }
    if (f.values.empty()) std::cout << " (none)";
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      std::cout << (i == 0 ? " " : ", ") << f.values[i].value << " (" << f.values[i].count << ")";
    }
    std::cout << '\n';
  }
}

void print_text(const SearchResults& r, bool colour, bool explain) {
  const std::string bold_on = colour ? "\x1b[1m" : "";
  const std::string dim_on = colour ? "\x1b[2m" : "";
  const std::string off = colour ? "\x1b[0m" : "";
  if (explain) {
    std::cout << "Parsed query: " << r.parsed_query << '\n';
    for (const std::string& w : r.warnings) std::cout << "Warning: " << w << '\n';
    std::cout << '\n';
  }
  if (!r.suggestion.empty()) std::cout << "Did you mean: " << r.suggestion << "\n\n";
  if (!r.dropped_words.empty()) {
    std::cout << "No article matches every word; showing the best partial matches (dropped: "
              << join(r.dropped_words, ", ") << ").\n\n";
  }
  if (r.hits.empty()) {
    std::cout << "No matches for \"" << r.query << "\".\n";
  }
  for (const Hit& h : r.hits) {
    std::cout << h.rank << ". " << bold_on << h.title << off << '\n';
    std::cout << "   " << dim_on << (h.date.empty() ? "no date" : h.date)
              << (h.date_inferred ? " (inferred)" : "") << "  " << h.id << "  score "
              << fixed(h.score);
    if (h.duplicates > 0) {
      std::cout << "  (" << h.duplicates << " similar article" << (h.duplicates == 1 ? "" : "s")
                << ")";
    }
    std::cout << off << '\n';
    for (const auto& passage : h.passages) {
      std::cout << "   " << render_snippet(passage, colour) << '\n';
    }
    std::cout << '\n';
  }
  if (!r.hits.empty()) {
    std::cout << "Hits " << r.hits.front().rank << "-" << r.hits.back().rank;
    if (r.total_exact >= 0) {
      std::cout << " of " << r.total_exact;
    } else {
      std::cout << " of about " << r.total_estimated;
    }
    std::cout << ". ";
  } else if (r.total_exact >= 0 && r.total_exact > 0) {
    std::cout << r.total_exact << " matches in all. ";
  }
  std::cout << "Index revision " << r.revision << ".\n";
  print_facets(r);
}

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::string item;
  for (const char c : list + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item.push_back(c);
    }
  }
  return out;
}

}  // namespace

int run_search(int argc, char** argv) {
  po::options_description options("Options");
  add_db_option(options);
  options.add_options()("help,h", "show this help")(
      "limit,n", po::value<std::size_t>()->default_value(10)->value_name("N"),
      "hits to show (at most 1000)")(
      "offset", po::value<std::size_t>()->default_value(0)->value_name("N"), "hits to skip")(
      "sort", po::value<std::string>()->default_value("relevance")->value_name("ORDER"),
      "relevance, newest or oldest")("since", po::value<std::string>()->value_name("DATE"),
                                     "only articles dated on or after DATE")(
      "until", po::value<std::string>()->value_name("DATE"),
      "only articles dated on or before DATE")(
      "match", po::value<std::string>()->default_value("auto")->value_name("MODE"),
      "all: every word must match; any: any word may; auto: all, else the best partial "
      "matches")("recent", po::value<double>()->default_value(0)->value_name("R"),
                 "recency boost: add R * 2^(-age/half-life) to each score (0: off)")(
      "half-life", po::value<double>()->default_value(365)->value_name("DAYS"),
      "half-life of the recency boost")("like", po::value<std::string>()->value_name("ID"),
                                        "articles similar to article ID (QUERY then only filters)")(
      "facets", po::value<std::string>()->value_name("LIST"),
      "count over all matches: source,lang,year,month,person,org,place,entities,topic,...")(
      "facet-limit", po::value<std::size_t>()->default_value(10)->value_name("N"),
      "values per facet (month and year show every period)")(
      "snippets", po::value<std::size_t>()->default_value(1)->value_name("N"),
      "passages per hit (at most 10)")("exact-count", "count all matches exactly")(
      "explain", "print the parsed query and any warnings before the hits")(
      "no-suggest", "do not offer spelling corrections")(
      "no-collapse", "show every near or exact duplicate instead of one hit per story")(
      "json", "print one JSON object (docs/json-output.md)")(
      "color", po::value<std::string>()->default_value("auto")->value_name("WHEN"),
      "highlight with bold: auto, always or never (NO_COLOR is respected)");
  const CommandLine line = parse_command(argc, argv, "search", kSynopsis, kSummary, options);
  if (line.exit) return *line.exit;
  const po::variables_map& vm = line.vm;
  const auto usage = [](const std::string& message) {
    std::cerr << "morgue search: " << message << '\n';
    return kExitUsage;
  };
  const std::string colour_mode = vm["color"].as<std::string>();
  if (colour_mode != "auto" && colour_mode != "always" && colour_mode != "never") {
    return usage("--color must be auto, always or never");
  }
  SearchRequest request;
  if (vm.count("like") != 0) request.like = vm["like"].as<std::string>();
  if (vm.count("words") == 0 && request.like.empty()) {
    std::cerr << "morgue search: no QUERY given\nusage: morgue search " << kSynopsis << '\n';
    return kExitUsage;
  }
  request.query = line.joined();
  const std::string sort = vm["sort"].as<std::string>();
  if (sort == "newest") {
    request.sort = Sort::kNewest;
  } else if (sort == "oldest") {
    request.sort = Sort::kOldest;
  } else if (sort != "relevance") {
    return usage("--sort must be relevance, newest or oldest");
  }
  const std::string match = vm["match"].as<std::string>();
  if (match == "all") {
    request.match = MatchMode::kAll;
  } else if (match == "any") {
    request.match = MatchMode::kAny;
  } else if (match != "auto") {
    return usage("--match must be all, any or auto");
  }
  if (vm.count("since") != 0) request.date_from = vm["since"].as<std::string>();
  if (vm.count("until") != 0) request.date_to = vm["until"].as<std::string>();
  if (vm.count("facets") != 0) request.facets = split_list(vm["facets"].as<std::string>());
  request.facet_limit = vm["facet-limit"].as<std::size_t>();
  request.snippets = vm["snippets"].as<std::size_t>();
  request.recency = vm["recent"].as<double>();
  request.recency_half_life_days = vm["half-life"].as<double>();
  request.exact_count = vm.count("exact-count") != 0;
  request.suggest = vm.count("no-suggest") == 0;
  request.collapse_duplicates = vm.count("no-collapse") == 0;
  request.limit = vm["limit"].as<std::size_t>();
  request.offset = vm["offset"].as<std::size_t>();
  const bool as_json = vm.count("json") != 0;
  const bool explain = vm.count("explain") != 0;

  try {
    Searcher searcher = Searcher::open(index_dir(vm));
    const SearchResults results = searcher.search(request);
    if (as_json) {
      std::cout << json::search_results(results) << '\n';
    } else {
      print_text(results, use_colour(colour_mode), explain);
    }
    return kExitOk;
  } catch (const Error& e) {
    return report_error("search", e, as_json);
  }
}

}  // namespace morgue::cli
