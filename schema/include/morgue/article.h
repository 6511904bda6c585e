// SPDX-License-Identifier: GPL-2.0-or-later
// The article: the unit Morgue indexes, stores and returns.
#pragma once

#include <string>

namespace morgue {

/// One news article as read from an archive file or given by a caller. A plain aggregate:
/// every member defaults to empty, and empty means "unknown".
struct Article {
  /// Stable identity: the Xapian unique term and the SQLite primary key. For a file holding
  /// one article, its path relative to the indexed root ("2019/05/pompeo.txt").
  std::string id;
  /// Where the article came from (the file's path as given to the indexer).
  std::string path;
  std::string title;
  /// ISO 8601 calendar date "YYYY-MM-DD", or empty.
  std::string date;
  /// True when `date` was read from the running text, not from metadata.
  bool date_inferred = false;
  std::string author;
  std::string source;
  std::string url;
  /// Clean text: paragraphs separated by one '\n', no markup or page clutter.
  std::string body;
  /// Hex XXH3-128 of title and body; set by the indexer.
  std::string content_hash;
};

}  // namespace morgue
