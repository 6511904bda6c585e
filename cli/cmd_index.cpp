// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue index`: ingest files, show progress on a terminal, print a summary.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "morgue/error.h"
#include "morgue/indexer.h"

namespace po = boost::program_options;

namespace morgue::cli {
namespace {

constexpr const char* kSynopsis = "[--db DIR] [options] PATH...";
constexpr const char* kSummary =
    "Ingests files and folders recursively (.txt, .html, .htm) into the index in DIR,\n"
    "creating it on first use. Re-indexing a file replaces its article.";

double mb_per_second(std::uint64_t bytes, double seconds) {
  return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
}

// One line, rewritten in place, at most ten times a second.
class ProgressLine {
 public:
  void operator()(const IndexProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (p.files_done != p.files_total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::fprintf(stderr, "\r\x1b[K%zu/%zu files  %zu articles  %.1f MB/s", p.files_done,
                 p.files_total, p.articles, mb_per_second(p.bytes_done, p.seconds));
    std::fflush(stderr);
  }
  ~ProgressLine() {
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
  }
  ProgressLine() = default;
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  std::chrono::steady_clock::time_point last_{};
};

void print_summary(const IndexReport& r, const std::filesystem::path& dir, bool verbose) {
  std::cout << "Indexed " << r.articles_indexed << " article"
            << (r.articles_indexed == 1 ? "" : "s") << " from " << r.files_indexed << " of "
            << r.files_seen << " files into " << dir.string() << '\n';
  if (r.files_ignored > 0) {
    std::cout << "Ignored " << r.files_ignored << " file" << (r.files_ignored == 1 ? "" : "s")
              << " of unsupported formats" << (verbose ? ":" : " (--verbose lists them)") << '\n';
    if (verbose) {
      for (const std::string& p : r.ignored) std::cout << "  " << p << '\n';
    }
  }
  if (!r.repaired.empty()) {
    std::cout << "Repaired " << r.repaired.size() << ":\n";
    for (const FileIssue& f : r.repaired) std::cout << "  " << f.path << ": " << f.reason << '\n';
  }
  if (!r.failed.empty()) {
    std::cout << "Skipped " << r.failed.size() << " with errors:\n";
    for (const FileIssue& f : r.failed) std::cout << "  " << f.path << ": " << f.reason << '\n';
  }
}

void print_json_summary(const IndexReport& r, const std::filesystem::path& dir) {
  using Json = nlohmann::ordered_json;
  const auto issues = [](const std::vector<FileIssue>& list) {
    Json a = Json::array();
    for (const FileIssue& f : list) a.push_back({{"path", f.path}, {"reason", f.reason}});
    return a;
  };
  const Json j = {{"version", 1},
                  {"index", dir.string()},
                  {"files_seen", r.files_seen},
                  {"files_indexed", r.files_indexed},
                  {"files_ignored", r.files_ignored},
                  {"articles_indexed", r.articles_indexed},
                  {"bytes_read", r.bytes_read},
                  {"seconds", r.seconds},
                  {"failed", issues(r.failed)},
                  {"repaired", issues(r.repaired)}};
  std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace

int run_index(int argc, char** argv) {
  po::options_description options("Options");
  add_db_option(options);
  options.add_options()("help,h", "show this help")(
      "batch-size", po::value<std::size_t>()->default_value(1000)->value_name("N"),
      "articles per commit of both stores")("no-spelling", "do not record spelling data")(
      "progress", "show progress even when stderr is not a terminal")(
      "json", "print the summary as JSON")("verbose,v", "list ignored files too");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);

  po::variables_map vm;
  try {
    vm = parse(argc, argv, all, positional);
  } catch (const po::error& e) {
    std::cerr << "morgue index: " << e.what() << '\n';
    return kExitUsage;
  }
  if (vm.count("help") != 0) {
    print_help(std::cout, "index", kSynopsis, kSummary, options);
    return kExitOk;
  }
  if (vm.count("path") == 0) {
    std::cerr << "morgue index: no PATH given\nusage: morgue index " << kSynopsis << '\n';
    return kExitUsage;
  }
  std::vector<std::filesystem::path> inputs;
  for (const std::string& p : vm["path"].as<std::vector<std::string>>()) inputs.emplace_back(p);
  const std::filesystem::path dir = index_dir(vm);

  try {
    IndexerOptions opts;
    opts.batch_size = vm["batch-size"].as<std::size_t>();
    opts.spelling = vm.count("no-spelling") == 0;
    Indexer indexer = Indexer::open(dir, opts);
    IndexReport report;
    if (vm.count("progress") != 0 || isatty(STDERR_FILENO) != 0) {
      ProgressLine line;
      report = indexer.index_paths(inputs, [&line](const IndexProgress& p) { line(p); });
    } else {
      report = indexer.index_paths(inputs);
    }
    if (vm.count("json") != 0) {
      print_json_summary(report, dir);
    } else {
      print_summary(report, dir, vm.count("verbose") != 0);
    }
    return report.ok() ? kExitOk : kExitSomeFailed;
  } catch (const Error& e) {
    std::cerr << "morgue index: " << e.what() << '\n';
    return e.code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitError;
  }
}

}  // namespace morgue::cli
