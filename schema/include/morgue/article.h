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

/// One surface form under which an entity appears in an article ("Mr Pompeo").
struct EntityAlias {
  std::string surface;  ///< As written, whitespace collapsed.
  unsigned count = 0;   ///< Times it appears in the article.
  /// Equal when both members are.
  friend bool operator==(const EntityAlias&, const EntityAlias&) = default;
};

/// A person, organisation, place, social media handle, hashtag or URL an article mentions, with the
/// mentions inside that article resolved to one canonical name.
struct ArticleEntity {
  /// "person", "org", "place", "handle", "hashtag" or "url" (the schema's entity fields).
  std::string type;
  std::string name;    ///< Canonical name ("Mike Pompeo", "United Kingdom", "\@SecPompeo").
  unsigned count = 0;  ///< Mentions in the article, over all aliases.
  unsigned first_position = 0;       ///< Byte offset of the first mention in title + '\n' + body.
  std::vector<EntityAlias> aliases;  ///< The forms it was written in, most frequent first.
  /// Equal when all members are.
  friend bool operator==(const ArticleEntity&, const ArticleEntity&) = default;
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
  /// People, organisations, places and the like it mentions; the indexer extracts them when
  /// empty.
  std::vector<ArticleEntity> entities;
};

}  // namespace morgue
