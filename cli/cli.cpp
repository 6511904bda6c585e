// SPDX-License-Identifier: GPL-2.0-or-later
// Option handling and terminal output shared by the subcommands.
#include "cli.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "morgue/json_output.h"

namespace po = boost::program_options;

namespace morgue::cli {

std::filesystem::path default_index_dir() {
  const char* env = std::getenv("MORGUE_DB");
  if (env != nullptr && *env != '\0') return env;
  return "morgue-index";
}

void add_db_option(po::options_description& options) {
  options.add_options()("db", po::value<std::string>()->value_name("DIR"),
                        "index directory (default: $MORGUE_DB, else ./morgue-index)");
}

std::filesystem::path index_dir(const po::variables_map& vm) {
  if (vm.count("db") != 0) return vm["db"].as<std::string>();
  return default_index_dir();
}

po::variables_map parse(int argc, char** argv, const po::options_description& options,
                        const po::positional_options_description& positional) {
  po::variables_map vm;
  po::store(
      po::command_line_parser(argc, argv)
          .options(options)
          .positional(positional)
          .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
          .run(),
      vm);
  po::notify(vm);
  return vm;
}

void print_help(std::ostream& out, const std::string& name, const std::string& synopsis,
                const std::string& summary, const po::options_description& options) {
  out << "usage: morgue " << name << ' ' << synopsis << "\n\n" << summary << "\n\n" << options;
}

CommandLine parse_command(int argc, char** argv, const std::string& name,
                          const std::string& synopsis, const std::string& summary,
                          const po::options_description& options) {
  po::options_description hidden;
  hidden.add_options()("words", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("words", -1);
  CommandLine line;
  try {
    line.vm = parse(argc, argv, all, positional);
  } catch (const po::error& e) {
    std::cerr << "morgue " << name << ": " << e.what() << '\n';
    line.exit = kExitUsage;
    return line;
  }
  if (line.vm.count("help") != 0) {
    print_help(std::cout, name, synopsis, summary, options);
    line.exit = kExitOk;
    return line;
  }
  if (line.vm.count("words") != 0) line.words = line.vm["words"].as<std::vector<std::string>>();
  return line;
}

std::string CommandLine::joined() const {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  return out;
}

bool use_colour(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && *no_colour != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return isatty(STDOUT_FILENO) != 0;
}

std::string render_snippet(const std::vector<SnippetSpan>& snippet, bool colour) {
  std::string out;
  for (const SnippetSpan& span : snippet) {
    if (!span.match) {
      out += span.text;
    } else if (colour) {
      out += "\x1b[1m" + span.text + "\x1b[22m";
    } else {
      out += "[" + span.text + "]";
    }
  }
  return out;
}

int report_error(const std::string& command, const Error& error, bool json) {
  if (json) {
    std::cerr << json::error(to_string(error.code()), error.what()) << '\n';
  } else {
    std::cerr << "morgue " << command << ": " << error.what() << '\n';
  }
  switch (error.code()) {
    case ErrorCode::kBadQuery:
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
      return kExitUsage;
    default:
      return kExitError;
  }
}

}  // namespace morgue::cli
