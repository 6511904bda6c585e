// SPDX-License-Identifier: GPL-2.0-or-later
// The SerialExecutor's thread start, kept out of line: a lambda local to a non-inline function
// has no linkage, so the std::thread state it instantiates is not exported from the library.
#include "serial_executor.h"

namespace morgue::indexer {

SerialExecutor::SerialExecutor(std::size_t max_queued)
    : max_queued_(max_queued),
      wake_at_(std::min(kWakeBatch, max_queued)),
      thread_([this] { run(); }) {}

}  // namespace morgue::indexer
