// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue index`: ingest files, show progress on a terminal, print a summary.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli.h"
#include "morgue/error.h"
#include "morgue/indexer.h"

namespace po = boost::program_options;

namespace morgue::cli {
namespace {

constexpr const char* kSynopsis = "[--db DIR] [options] PATH...";
constexpr const char* kSummary =
    "Ingests files and folders recursively into the index in DIR, creating it on first use.\n"
    "Formats: .txt .html .sgm (Reuters-21578) .json .jsonl .ndjson .csv, NITF and NewsML-G2\n"
    "XML, RSS and Atom feeds, .warc; inside .tar .tar.gz .tgz .zip and .gz .bz2 .xz .zst.\n"
    "Unchanged files are skipped; a changed file's articles are replaced.";

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
    const double rate = mb_per_second(p.bytes_done, p.seconds);
    const double fraction =
        p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                          : 1.0;
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    const double eta =
        rate > 0 ? static_cast<double>(p.bytes_total - p.bytes_done) / 1e6 / rate : 0;
    std::fprintf(stderr,
                 "\r\x1b[K[%s] %3.0f%%  %zu/%zu files  %.1f/%.1f MB  %zu articles  %.0f art/s  "
                 "%.1f MB/s  ETA %.0fs",
                 bar.c_str(), fraction * 100, p.files_done, p.files_total,
                 static_cast<double>(p.bytes_done) / 1e6, static_cast<double>(p.bytes_total) / 1e6,
                 p.articles, p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0, rate,
                 eta);
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

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void print_summary(const IndexReport& r, const std::filesystem::path& dir, bool verbose) {
  std::cout << "Indexed " << plural(r.articles_indexed, "article") << " (" << r.articles_new
            << " new, " << r.articles_updated << " updated) from " << r.files_indexed << " of "
            << plural(r.files_seen, "file") << " into " << dir.string() << " in " << std::fixed
            << std::setprecision(1) << r.seconds << " s\n";
  std::cout << "Unchanged " << plural(r.files_unchanged, "file") << "; removed "
            << plural(r.articles_removed, "article") << "; failed "
            << plural(r.failed.size(), "file") << '\n';
  if (r.files_ignored > 0) {
    std::cout << "Ignored " << plural(r.files_ignored, "file") << " of unsupported formats"
              << (verbose ? ":" : " (--verbose lists them)") << '\n';
    if (verbose) {
      for (const std::string& p : r.ignored) std::cout << "  " << p << '\n';
    }
  }
  if (!r.repaired.empty()) {
    std::cout << "Warnings (" << r.repaired.size() << ")"
              << (verbose || r.repaired.size() <= 20 ? ":" : ", first 20 (--verbose lists all):")
              << '\n';
    std::size_t shown = 0;
    for (const FileIssue& f : r.repaired) {
      if (!verbose && ++shown > 20) break;
      std::cout << "  " << f.path << ": " << f.reason << '\n';
    }
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
                  {"files_unchanged", r.files_unchanged},
                  {"files_ignored", r.files_ignored},
                  {"articles_indexed", r.articles_indexed},
                  {"articles_new", r.articles_new},
                  {"articles_updated", r.articles_updated},
                  {"articles_removed", r.articles_removed},
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
      "no-entities", "do not recognise people, organisations and places")(
      "threads", po::value<unsigned>()->default_value(0)->value_name("N"),
      "worker threads reading and preparing articles (0: one per core)")(
      "shards", po::value<unsigned>()->default_value(0)->value_name("N"),
      "a new index is built in N databases written in parallel, merged at the end (0: one "
      "per core)")("no-bulk", "write a new index batch by batch, visible as it grows")(
      "piece-mb", po::value<std::size_t>()->default_value(8)->value_name("MB"),
      "files of records (JSON Lines, CSV, Reuters SGML, WARC, JSON arrays, feeds, NewsML-G2; "
      "plain, compressed, or in archives) larger than this are read in pieces of this size, so "
      "memory stays bounded (at least 1)")("progress",
                                           "show progress even when stderr is not a terminal")(
      "prune", "remove articles of files under PATH that are gone from disk")(
      "field", po::value<std::vector<std::string>>()->value_name("NAME=PATH"),
      "JSON/CSV source field for an article field, e.g. title=headline or body=meta.text")(
      "json", "print the summary as JSON")("verbose,v", "list ignored files and every warning");
  const CommandLine command = parse_command(argc, argv, "index", kSynopsis, kSummary, options);
  if (command.exit) return *command.exit;
  const po::variables_map& vm = command.vm;
  if (command.words.empty()) {
    std::cerr << "morgue index: no PATH given\nusage: morgue index " << kSynopsis << '\n';
    return kExitUsage;
  }
  const std::vector<std::filesystem::path> inputs(command.words.begin(), command.words.end());
  const std::filesystem::path dir = index_dir(vm);

  try {
    IndexerOptions opts;
    opts.batch_size = vm["batch-size"].as<std::size_t>();
    opts.spelling = vm.count("no-spelling") == 0;
    opts.entities = vm.count("no-entities") == 0;
    opts.threads = vm["threads"].as<unsigned>();
    opts.shards = vm["shards"].as<unsigned>();
    opts.bulk = vm.count("no-bulk") == 0;
    const std::size_t piece_mb = vm["piece-mb"].as<std::size_t>();
    if (piece_mb == 0 || piece_mb > (std::size_t{1} << 20)) {
      std::cerr << "morgue index: --piece-mb must be between 1 and 1048576\n";
      return kExitUsage;
    }
    opts.stream_chunk_bytes = piece_mb << 20;
    if (vm.count("field") != 0) {
      for (const std::string& mapping : vm["field"].as<std::vector<std::string>>()) {
        const std::size_t eq = mapping.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == mapping.size()) {
          std::cerr << "morgue index: --field takes NAME=PATH, not \"" << mapping << "\"\n";
          return kExitUsage;
        }
        opts.field_map[mapping.substr(0, eq)] = mapping.substr(eq + 1);
      }
    }
    const bool prune = vm.count("prune") != 0;
    Indexer indexer = Indexer::open(dir, opts);
    IndexReport report;
    if (vm.count("progress") != 0 || isatty(STDERR_FILENO) != 0) {
      ProgressLine line;
      report = indexer.index_paths(
          inputs, [&line](const IndexProgress& p) { line(p); }, prune);
    } else {
      report = indexer.index_paths(inputs, {}, prune);
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
