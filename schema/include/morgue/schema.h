// SPDX-License-Identifier: GPL-2.0-or-later
// Morgue's on-disk format: the one place Xapian prefixes, value slots, metadata keys and the
// SQLite DDL are named. The indexer writes and the searcher reads through these names only.
#pragma once

#include <span>
#include <string_view>

namespace morgue::schema {

/// Version of the on-disk format, stored in Xapian metadata (kMetaSchemaVersion) and in SQLite
/// `PRAGMA user_version`. Any change to the tables below bumps it; an index of another version
/// is refused with Error{kSchemaMismatch} naming both versions.
inline constexpr int kSchemaVersion = 1;

/// How a field is indexed in Xapian.
enum class FieldKind {
  kFreeText,  ///< Words, stemmed, with positions; searchable as `name:word`.
  kBoolean,   ///< One exact term per value; a filter that does not affect ranking.
};

/// One searchable field of an article.
struct Field {
  std::string_view name;    ///< Name in the query language ("title").
  std::string_view prefix;  ///< Xapian term prefix ("S").
  FieldKind kind;
  unsigned weight;               ///< Within-document frequency added per word (free text only).
  std::string_view description;  ///< For `morgue help` and docs.
};

/// Every field, in documentation order. Prefixes follow Omega's conventions where one exists.
[[nodiscard]] std::span<const Field> fields() noexcept;
/// The field called `name`, or nullptr.
[[nodiscard]] const Field* find_field(std::string_view name) noexcept;

/// Term prefixes that are not query fields.
namespace prefix {
inline constexpr std::string_view kId = "Q";          ///< Unique id term: "Q" + article id.
inline constexpr std::string_view kYear = "Y";        ///< "Y2019"
inline constexpr std::string_view kMonth = "M";       ///< "M201905"
inline constexpr std::string_view kDay = "D";         ///< "D20190508"
inline constexpr std::string_view kBatch = "XBATCH";  ///< Commit batch that last wrote the doc.
}  // namespace prefix

/// Weight (wdf increment) of title words indexed without a prefix, so that a query word in a
/// title outranks the same word mentioned once in a body.
inline constexpr unsigned kTitleWeight = 3;

/// Xapian value slots.
namespace slot {
inline constexpr unsigned kDate = 0;  ///< "YYYYMMDD", sortable as a string; absent if unknown.
/// Content hash of the normalised text: exact duplicates share it; search collapses on it.
inline constexpr unsigned kDuplicateKey = 1;
}  // namespace slot

/// Xapian metadata keys.
namespace meta {
inline constexpr std::string_view kSchemaVersion = "morgue.schema_version";
/// Number of the last committed batch; SQLite's `meta.batch` must reach the same number.
inline constexpr std::string_view kBatch = "morgue.batch";
/// Ids deleted by the last committed batch, '\n'-separated, so SQLite can replay them.
inline constexpr std::string_view kBatchDeleted = "morgue.batch_deleted";
}  // namespace meta

/// Names of the two stores inside an index directory.
inline constexpr std::string_view kXapianDirName = "xapian";
inline constexpr std::string_view kSqliteFileName = "morgue.sqlite";

/// The SQLite DDL that creates a version-kSchemaVersion database, ending with
/// `PRAGMA user_version`.
[[nodiscard]] std::string_view sqlite_ddl() noexcept;

/// The stemming language used when an article says none or its language has no stemmer.
inline constexpr std::string_view kDefaultLanguage = "english";
/// Its ISO 639-1 code.
inline constexpr std::string_view kDefaultLanguageCode = "en";

}  // namespace morgue::schema
