// SPDX-License-Identifier: GPL-2.0-or-later
// Shared pieces of the `morgue` program: subcommands, exit codes, the index location, output.
#pragma once

#include <boost/program_options.hpp>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "morgue/error.h"
#include "morgue/searcher.h"

namespace morgue::cli {

/// Exit statuses, documented in the README.
enum ExitCode : int {
  kExitOk = 0,
  kExitSomeFailed = 1,  ///< The run finished but some files could not be indexed.
  kExitUsage = 2,       ///< Bad options, a query that does not parse, no index.
  kExitError = 3,       ///< The index is locked, damaged, or the system refused I/O.
};

/// Where the index lives when --db is not given: $MORGUE_DB, else ./morgue-index.
[[nodiscard]] std::filesystem::path default_index_dir();

/// Adds --db to a subcommand's options.
void add_db_option(boost::program_options::options_description& options);

/// The --db value, or default_index_dir().
[[nodiscard]] std::filesystem::path index_dir(const boost::program_options::variables_map& vm);

/// Parses argv of one subcommand (argv[0] is the subcommand name) with positionals.
/// Throws boost::program_options::error on bad options.
boost::program_options::variables_map parse(
    int argc, char** argv, const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional);

/// A subcommand's parsed command line: its options and its free words (QUERY..., PATH...), or
/// the exit status to return at once (after --help, or a usage error reported on stderr).
struct CommandLine {
  boost::program_options::variables_map vm;
  std::vector<std::string> words;
  std::optional<int> exit;
  /// The free words joined by spaces: a query.
  [[nodiscard]] std::string joined() const;
};

/// Parses the options of subcommand `name` plus any number of free words, and handles --help
/// (which `options` must define) and bad options.
[[nodiscard]] CommandLine parse_command(int argc, char** argv, const std::string& name,
                                        const std::string& synopsis, const std::string& summary,
                                        const boost::program_options::options_description& options);

/// Prints "usage: morgue NAME SYNOPSIS", a summary line and the options.
void print_help(std::ostream& out, const std::string& name, const std::string& synopsis,
                const std::string& summary,
                const boost::program_options::options_description& options);

/// Whether to emit ANSI colour on stdout: --color=always|never|auto; auto means stdout is a
/// terminal, TERM is not "dumb" and NO_COLOR is unset or empty.
[[nodiscard]] bool use_colour(const std::string& mode);

/// A snippet for people: matches in bold when `colour`, else between [ and ].
[[nodiscard]] std::string render_snippet(const std::vector<SnippetSpan>& snippet, bool colour);

/// Prints "morgue CMD: message" (or a JSON error object when `json`) to stderr and returns the
/// exit status for the error: kExitUsage for bad queries, arguments and missing indexes,
/// kExitError otherwise.
int report_error(const std::string& command, const Error& error, bool json);

// Subcommands. Each parses its own options and returns an exit status.
int run_entities(int argc, char** argv);
int run_index(int argc, char** argv);
int run_search(int argc, char** argv);
int run_show(int argc, char** argv);
int run_stats(int argc, char** argv);

}  // namespace morgue::cli
