// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue show`: one article with its metadata and body.
#include <iostream>

#include "cli.h"
#include "morgue/json_output.h"

namespace po = boost::program_options;

namespace morgue::cli {

int run_show(int argc, char** argv) {
  constexpr const char* kSynopsis = "[--db DIR] [--json] ID";
  po::options_description options("Options");
  add_db_option(options);
  options.add_options()("help,h", "show this help")("json", "print one JSON object");
  po::options_description hidden;
  hidden.add_options()("id", po::value<std::string>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("id", 1);

  po::variables_map vm;
  try {
    vm = parse(argc, argv, all, positional);
  } catch (const po::error& e) {
    std::cerr << "morgue show: " << e.what() << '\n';
    return kExitUsage;
  }
  if (vm.count("help") != 0) {
    print_help(std::cout, "show", kSynopsis, "Prints one article: metadata, then its text.",
               options);
    return kExitOk;
  }
  if (vm.count("id") == 0) {
    std::cerr << "morgue show: no ID given\nusage: morgue show " << kSynopsis << '\n';
    return kExitUsage;
  }
  const bool as_json = vm.count("json") != 0;
  try {
    Searcher searcher = Searcher::open(index_dir(vm));
    const Article a = searcher.article(vm["id"].as<std::string>());
    if (as_json) {
      std::cout << json::article(a) << '\n';
      return kExitOk;
    }
    std::cout << a.title << "\n\n";
    const auto field = [](const char* name, const std::string& value) {
      if (!value.empty()) std::cout << name << value << '\n';
    };
    field("Id:     ", a.id);
    field("Date:   ", a.date.empty() ? a.date : a.date + (a.date_inferred ? " (inferred)" : ""));
    field("By:     ", a.author);
    field("Source: ", a.source);
    field("URL:    ", a.url);
    field("Path:   ", a.path);
    std::cout << '\n';
    std::size_t start = 0;
    while (start <= a.body.size()) {
      std::size_t end = a.body.find('\n', start);
      if (end == std::string::npos) end = a.body.size();
      std::cout << a.body.substr(start, end - start) << "\n\n";
      start = end + 1;
    }
    return kExitOk;
  } catch (const Error& e) {
    return report_error("show", e, as_json);
  }
}

}  // namespace morgue::cli
