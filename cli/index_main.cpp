// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue-index`: the program behind `morgue index` (see cli/CMakeLists.txt for why it is apart).
#include "cli.h"

int main(int argc, char** argv) { return morgue::cli::run_index(argc, argv); }
