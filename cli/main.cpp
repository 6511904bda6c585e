// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue`: git-style dispatch to subcommands.
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli.h"

namespace {

// `morgue index ARGS` runs `morgue-index ARGS`, found beside this program, in this process
// (exec: same pid, so signals and exit status are the program's own). Only morgue-index loads
// the indexer's libraries, which keeps every search's process start short.
int run_indexer(int argc, char** argv) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path program =
      (ec ? std::filesystem::path(argv[0]).parent_path() : self.parent_path()) / "morgue-index";
  std::vector<char*> args;
  std::string name = program.string();
  args.push_back(name.data());
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(name.c_str(), args.data());
  std::cerr << "morgue: cannot run " << name << ": " << std::strerror(errno) << '\n';
  return morgue::cli::kExitError;
}

struct Subcommand {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr auto kSubcommands = std::to_array<Subcommand>({
    {"index", run_indexer, "ingest files and folders into an index"},
    {"search", morgue::cli::run_search, "search an index; ranked hits with snippets"},
    {"show", morgue::cli::run_show, "print one article"},
    {"stats", morgue::cli::run_stats, "print counts, sizes and versions of an index"},
    {"entities", morgue::cli::run_entities, "people, organisations and places of an index"},
});

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
        std::string help_flag = "--help";
        std::array<char*, 3> args = {argv[2], help_flag.data(), nullptr};
        return c->run(2, args.data());
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
