// SPDX-License-Identifier: GPL-2.0-or-later
// The article: the unit Morgue indexes, stores and returns.
#pragma once

#include <string>
#include <vector>

namespace morgue {

/// A label an archive itself gave an article (Reuters-21578 TOPICS, PLACES, ...): the name of a
/// boolean field of the schema ("topic", "place_tag") and its value ("cocoa", "usa").
struct ArticleTag {
  std::string field;  ///< Name of a boolean schema field ("topic").
  std::string value;  ///< The label ("cocoa").
  /// Equal when both members are.
  friend bool operator==(const ArticleTag&, const ArticleTag&) = default;
};

/// One news article as read from an archive file or given by a caller. A plain aggregate:
/// every member defaults to empty, and empty means "unknown".
struct Article {
  /// Stable identity: the Xapian unique term and the SQLite primary key. For a file holding
  /// one article, its path relative to the indexed root ("2019/05/pompeo.txt").
  std::string id;
  /// Where the article came from (the file's path as given to the indexer).
  std::string path;
  std::string title;  ///< Headline, plain text.
  /// ISO 8601 calendar date "YYYY-MM-DD", or empty.
  std::string date;
  /// True when `date` was read from the running text, not from metadata.
  bool date_inferred = false;
  std::string author;  ///< Byline, as written.
  std::string source;  ///< Publisher ("Reuters").
  std::string url;     ///< Where it was published, if known.
  /// Clean text: paragraphs separated by one '\n', no markup or page clutter.
  std::string body;
  /// Hex XXH3-128 of the normalised title and body; set by the indexer. Articles with equal
  /// hashes are exact duplicates.
  std::string content_hash;
  /// ISO 639-1 language code ("en"), or empty for unknown; the indexer detects it when empty.
  std::string lang;
  /// Labels from the archive, searchable as boolean fields.
  std::vector<ArticleTag> tags;
};

}  // namespace morgue
