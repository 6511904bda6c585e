// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue stats`: counts, versions and sizes of an index.
#include <iostream>

#include "cli.h"
#include "morgue/json_output.h"

namespace po = boost::program_options;

namespace morgue::cli {

int run_stats(int argc, char** argv) {
  constexpr const char* kSynopsis = "[--db DIR] [--json]";
  po::options_description options("Options");
  add_db_option(options);
  options.add_options()("help,h", "show this help")("json", "print one JSON object");
  po::variables_map vm;
  try {
    vm = parse(argc, argv, options, {});
  } catch (const po::error& e) {
    std::cerr << "morgue stats: " << e.what() << '\n';
    return kExitUsage;
  }
  if (vm.count("help") != 0) {
    print_help(std::cout, "stats", kSynopsis,
               "Prints the article count, schema version, Xapian revision and UUID, and sizes.",
               options);
    return kExitOk;
  }
  const bool as_json = vm.count("json") != 0;
  try {
    Searcher searcher = Searcher::open(index_dir(vm));
    const IndexStats s = searcher.stats();
    if (as_json) {
      std::cout << json::stats(s) << '\n';
      return kExitOk;
    }
    std::cout << "Index:           " << s.index_dir.string() << '\n'
              << "Articles:        " << s.article_count << '\n'
              << "SQLite articles: "
              << (s.sqlite_article_count < 0 ? std::string("(no SQLite store)")
                                             : std::to_string(s.sqlite_article_count))
              << '\n'
              << "Duplicates:      "
              << (s.duplicate_articles < 0 ? std::string("(no SQLite store)")
                                           : std::to_string(s.duplicate_articles))
              << " articles repeat another's text\n"
              << "Schema version:  " << s.schema_version << '\n'
              << "Xapian revision: " << s.revision << '\n'
              << "Xapian UUID:     " << s.uuid << '\n'
              << "Average length:  " << static_cast<long long>(s.average_length) << " terms\n"
              << "Xapian size:     " << s.xapian_bytes << " bytes\n"
              << "SQLite size:     " << s.sqlite_bytes << " bytes\n";
    return kExitOk;
  } catch (const Error& e) {
    return report_error("stats", e, as_json);
  }
}

}  // namespace morgue::cli
