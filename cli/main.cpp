// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue`: git-style dispatch to subcommands.
#include <cstring>
#include <iostream>
#include <string>

#include "cli.h"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr Subcommand kSubcommands[] = {
    {"index", morgue::cli::run_index, "ingest files and folders into an index"},
    {"search", morgue::cli::run_search, "search an index; ranked hits with snippets"},
    {"show", morgue::cli::run_show, "print one article"},
    {"stats", morgue::cli::run_stats, "print counts, sizes and versions of an index"},
    {"entities", morgue::cli::run_entities, "people, organisations and places of an index"},
};

void print_usage(std::ostream& out) {
  out << "usage: morgue <command> [options] [args]\n\nCommands:\n";
  for (const Subcommand& c : kSubcommands) {
    out << "  " << c.name << std::string(10 - std::strlen(c.name), ' ') << c.summary << '\n';
  }
  out << "  help      show help for a command\n\n"
         "Run 'morgue help <command>' or 'morgue <command> --help' for its options.\n";
}

const Subcommand* find(const std::string& name) {
  for (const Subcommand& c : kSubcommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(std::cerr);
    return morgue::cli::kExitUsage;
  }
  const std::string command = argv[1];
  if (command == "help" || command == "--help" || command == "-h") {
    if (argc >= 3 && command == "help") {
      if (const Subcommand* c = find(argv[2])) {
        char help_flag[] = "--help";
        char* args[] = {argv[2], help_flag, nullptr};
        return c->run(2, args);
      }
      std::cerr << "morgue: unknown command '" << argv[2] << "'\n";
      return morgue::cli::kExitUsage;
    }
    print_usage(std::cout);
    return morgue::cli::kExitOk;
  }
  if (command == "--version") {
    std::cout << "morgue " MORGUE_VERSION "\n";
    return morgue::cli::kExitOk;
  }
  if (const Subcommand* c = find(command)) return c->run(argc - 1, argv + 1);
  std::cerr << "morgue: unknown command '" << command << "'\n";
  print_usage(std::cerr);
  return morgue::cli::kExitUsage;
}
