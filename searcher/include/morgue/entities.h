// SPDX-License-Identifier: GPL-2.0-or-later
// Reading the entity table of an index: top entities, one entity's profile, an article's
// entities. The people, organisations and places the indexer recognised.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "morgue/article.h"
#include "morgue/export.h"

namespace morgue {

/// Largest `limit` of an entity list.
inline constexpr std::size_t kMaxEntityLimit = 1000;

/// An entity and the number of articles that mention it.
struct EntityCount {
  std::string type;          ///< "person", "org", "place", "handle", "hashtag" or "url".
  std::string name;          ///< Canonical name.
  std::size_t articles = 0;  ///< Articles (of the query's result set, if any) mentioning it.
};

/// What `EntityStore::top` lists. A plain aggregate with defaults.
struct EntityListRequest {
  /// Only the articles matching this query (Morgue's query language); empty means all.
  std::string query;
  /// Only this type; empty means person, org and place (with a query) or every type.
  std::string type;
  std::size_t limit = 20;  ///< At most kMaxEntityLimit.
};

/// Articles mentioning an entity in one month.
struct EntityMonth {
  std::string month;         ///< "YYYY-MM".
  std::size_t articles = 0;  ///< May be 0: the timeline has no gaps.
};

/// Everything the index knows of one entity.
struct EntityProfile {
  std::string type;
  std::string name;
  std::vector<EntityAlias> aliases;   ///< Over the whole archive, most frequent first.
  std::size_t articles = 0;           ///< Articles mentioning it.
  std::size_t mentions = 0;           ///< Mentions over all articles.
  std::string first_date;             ///< Earliest dated article mentioning it, or empty.
  std::string last_date;              ///< Latest dated article mentioning it, or empty.
  std::vector<EntityCount> related;   ///< Entities it appears with most (articles in common).
  std::vector<EntityMonth> timeline;  ///< First to last month, one entry per month.
};

/// Read-only view of an index's entity table (SQLite) and, for queries, its Xapian side.
/// Move-only; not thread-safe: one per thread.
class MORGUE_API EntityStore {
 public:
  /// Throws Error{kNotFound} when the index or its SQLite store is missing,
  /// Error{kSchemaMismatch}, Error{kCorrupt | kIo}.
  [[nodiscard]] static EntityStore open(const std::filesystem::path& index_dir);

  EntityStore(EntityStore&& other) noexcept;
  EntityStore& operator=(EntityStore&& other) noexcept;
  EntityStore(const EntityStore&) = delete;
  EntityStore& operator=(const EntityStore&) = delete;
  ~EntityStore();

  /// The most mentioned entities, by number of articles, ties by name. Throws
  /// Error{kInvalidArgument} for an unknown type or a limit above kMaxEntityLimit,
  /// Error{kBadQuery} for a query that does not parse.
  [[nodiscard]] std::vector<EntityCount> top(const EntityListRequest& request);

  /// One entity, found by canonical name or any alias, in any case ("pompeo", "Mr Pompeo",
  /// "\@SecPompeo"); `type` narrows the search when not empty. When several entities answer to
  /// the name, the one in most articles. Throws Error{kNotFound}.
  [[nodiscard]] EntityProfile about(const std::string& name, const std::string& type = {});

  /// The entities of one article in order of first mention, with their aliases in it.
  /// Throws Error{kNotFound} for an unknown id.
  [[nodiscard]] std::vector<ArticleEntity> of_article(const std::string& id);

 private:
  struct MORGUE_HIDDEN Impl;
  explicit EntityStore(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace morgue
