// SPDX-License-Identifier: GPL-2.0-or-later
// The one exception type that crosses Morgue's public API, with a machine-readable code.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "morgue/export.h"

/// Morgue's C++ API: Searcher and Indexer (thin handles over one index directory), their
/// option and result structs, and Error, the one exception type. See docs/embedding.md.
/// Thread safety: Searcher and Indexer are single-thread handles (see each); every other type
/// is a plain value with no shared state, safe to copy and to use from any thread.
namespace morgue {

/// What went wrong, for callers that branch on it. Stable: new codes are only appended.
enum class ErrorCode {
  kInvalidArgument,  ///< A caller passed a value outside the documented contract.
  kBadQuery,         ///< A query string could not be parsed; the message names the position.
  kNotFound,         ///< An index, article or file does not exist.
  kLocked,           ///< Another writer holds the index.
  kSchemaMismatch,   ///< The index was written by another schema version.
  kCorrupt,          ///< The index is damaged or its two stores disagree beyond repair.
  kIo,               ///< The operating system refused a read or write.
  kInternal,         ///< A bug in Morgue or a dependency; please report it.
};

/// Short stable name of a code ("bad_query"), for logs and JSON.
[[nodiscard]] MORGUE_API std::string_view to_string(ErrorCode code) noexcept;

/// Thrown by every public Morgue function that can fail. Xapian, SQLite and system errors are
/// translated into it at the library boundary, so callers never see a dependency's exception.
/// Thread-safe to read; copies are independent. Exported (typeinfo included) so that callers
/// can catch it across the shared library boundary.
class MORGUE_API Error : public std::runtime_error {
 public:
  /// An error with `code` and a message for people (what()).
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /// What kind of failure this is.
  [[nodiscard]] ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace morgue
