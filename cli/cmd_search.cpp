// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue search`: ranked hits with highlighted snippets, as text or JSON.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "morgue/json_output.h"

namespace po = boost::program_options;

namespace morgue::cli {
namespace {

constexpr const char* kSynopsis = "[--db DIR] [options] QUERY...";
constexpr const char* kSummary =
    "Searches the index. Words are ANDed; AND, OR, NOT, XOR (any case), \"phrases\", +word,\n"
    "-word, brackets, title:word and author:word work as in docs/query-syntax.md.";

void print_text(const SearchResults& r, bool colour) {
  const std::string bold_on = colour ? "\x1b[1m" : "";
  const std::string dim_on = colour ? "\x1b[2m" : "";
  const std::string off = colour ? "\x1b[0m" : "";
  if (r.hits.empty()) {
    std::cout << "No matches for \"" << r.query << "\".\n";
    return;
  }
  for (const Hit& h : r.hits) {
    std::ostringstream score;
    score << std::fixed << std::setprecision(2) << h.score;
    std::cout << h.rank << ". " << bold_on << h.title << off << '\n';
    std::cout << "   " << dim_on << (h.date.empty() ? "no date" : h.date)
              << (h.date_inferred ? " (inferred)" : "") << "  " << h.id << "  score "
              << score.str();
    if (h.duplicates > 0) {
      std::cout << "  +" << h.duplicates << " duplicate" << (h.duplicates == 1 ? "" : "s");
    }
    std::cout << off << '\n';
    if (!h.snippet.empty()) std::cout << "   " << render_snippet(h.snippet, colour) << '\n';
    std::cout << '\n';
  }
  std::cout << "Hits " << r.hits.front().rank << "-" << r.hits.back().rank << " of about "
            << r.total_estimated << ".\n";
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
      "no-collapse", "show every exact duplicate instead of one hit per text")(
      "json", "print one JSON object (docs/json-output.md)")(
      "color", po::value<std::string>()->default_value("auto")->value_name("WHEN"),
      "highlight with bold: auto, always or never (NO_COLOR is respected)");
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  po::variables_map vm;
  try {
    vm = parse(argc, argv, all, positional);
  } catch (const po::error& e) {
    std::cerr << "morgue search: " << e.what() << '\n';
    return kExitUsage;
  }
  if (vm.count("help") != 0) {
    print_help(std::cout, "search", kSynopsis, kSummary, options);
    return kExitOk;
  }
  const std::string colour_mode = vm["color"].as<std::string>();
  if (colour_mode != "auto" && colour_mode != "always" && colour_mode != "never") {
    std::cerr << "morgue search: --color must be auto, always or never\n";
    return kExitUsage;
  }
  if (vm.count("query") == 0) {
    std::cerr << "morgue search: no QUERY given\nusage: morgue search " << kSynopsis << '\n';
    return kExitUsage;
  }
  SearchRequest request;
  for (const std::string& word : vm["query"].as<std::vector<std::string>>()) {
    if (!request.query.empty()) request.query.push_back(' ');
    request.query += word;
  }
  const std::string sort = vm["sort"].as<std::string>();
  if (sort == "newest") {
    request.sort = Sort::kNewest;
  } else if (sort == "oldest") {
    request.sort = Sort::kOldest;
  } else if (sort != "relevance") {
    std::cerr << "morgue search: --sort must be relevance, newest or oldest\n";
    return kExitUsage;
  }
  if (vm.count("since") != 0) request.date_from = vm["since"].as<std::string>();
  if (vm.count("until") != 0) request.date_to = vm["until"].as<std::string>();
  request.collapse_duplicates = vm.count("no-collapse") == 0;
  request.limit = vm["limit"].as<std::size_t>();
  request.offset = vm["offset"].as<std::size_t>();
  const bool as_json = vm.count("json") != 0;

  try {
    Searcher searcher = Searcher::open(index_dir(vm));
    const SearchResults results = searcher.search(request);
    if (as_json) {
      std::cout << json::search_results(results) << '\n';
    } else {
      print_text(results, use_colour(colour_mode));
    }
    return kExitOk;
  } catch (const Error& e) {
    return report_error("search", e, as_json);
  }
}

}  // namespace morgue::cli
