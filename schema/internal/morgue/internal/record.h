// SPDX-License-Identifier: GPL-2.0-or-later
// Encoding of an Article as Xapian document data: everything a hit needs, so that a remote
// shard (xapian-tcpsrv) can render results without the SQLite side.
#pragma once

#include <string>
#include <string_view>

#include "morgue/article.h"

namespace morgue::record {

/// Tag-length-value encoding behind a magic "MR1": readers skip tags they do not know, so new
/// fields can be added; a change of meaning bumps schema::kSchemaVersion.
[[nodiscard]] std::string encode(const Article& article);
/// Throws Error{kCorrupt} when `data` is not a record.
[[nodiscard]] Article decode(std::string_view data);

}  // namespace morgue::record
