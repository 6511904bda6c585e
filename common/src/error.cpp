// SPDX-License-Identifier: GPL-2.0-or-later
// Names of error codes.
#include "morgue/error.h"

namespace morgue {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kBadQuery:
      return "bad_query";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kLocked:
      return "locked";
    case ErrorCode::kSchemaMismatch:
      return "schema_mismatch";
    case ErrorCode::kCorrupt:
      return "corrupt";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace morgue
