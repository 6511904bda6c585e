// SPDX-License-Identifier: GPL-2.0-or-later
// Running the real `morgue` binary from tests: exit status, stdout and stderr.
#pragma once

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "test_support.h"

namespace morgue::test {

/// What one run of the binary gave.
struct Run {
  int status;
  std::string out;
  std::string err;
};

/// `s` quoted for /bin/sh.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (const char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs MORGUE_BINARY with `args` in `cwd`, without $MORGUE_DB; `env` is prepended to the
/// command (e.g. "NO_COLOR=1").
inline Run run_morgue(const TempDir& cwd, const std::vector<std::string>& args,
                      const std::string& env = "") {
  std::string cmd = "cd " + shell_quote(cwd.path().string()) + " && env -u MORGUE_DB " + env + " " +
                    shell_quote(MORGUE_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote((cwd / "stdout").string()) + " 2>" +
         shell_quote((cwd / "stderr").string()) + " </dev/null";
  const int raw = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(raw));
  return {WEXITSTATUS(raw), read_file(cwd / "stdout"), read_file(cwd / "stderr")};
}

}  // namespace morgue::test
