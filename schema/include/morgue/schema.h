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
inline constexpr int kSchemaVersion = 2;

/// How a field is indexed in Xapian.
enum class FieldKind {
  kFreeText,  ///< Words, stemmed, with positions; searchable as `name:word`.
  kBoolean,   ///< One exact term per value; a filter that does not affect ranking.
  /// Boolean terms of one entity type: the name key (entity_key.h) of the canonical name and
  /// of each of its words, so `person:"Mike Pompeo"` and `person:pompeo` both match. The
  /// query side also resolves aliases ("Mr Pompeo", "@SecPompeo") through SQLite.
  kEntity,
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
// "XMH" is retired: near-duplicate band terms, written by indexes built before 2026-11-29 and
// ignored since (the writer keeps the bands in memory). Do not reuse it.
}  // namespace prefix

/// Weight (wdf increment) of title words indexed without a prefix, so that a query word in a
/// title outranks the same word mentioned once in a body.
inline constexpr unsigned kTitleWeight = 3;

/// Xapian value slots.
namespace slot {
inline constexpr unsigned kDate = 0;  ///< "YYYYMMDD", sortable as a string; absent if unknown.
/// Near-duplicate cluster key: the content hash of the first article of the cluster. Exact
/// duplicates share it, and so do near duplicates (estimated shingle resemblance at least
/// kNearDuplicateResemblance); search collapses on it.
inline constexpr unsigned kDuplicateKey = 1;
inline constexpr unsigned kSource = 2;  ///< Source, lower-cased (the source: term's value).
inline constexpr unsigned kLang = 3;    ///< ISO 639-1 language code.
/// The article's entities for facets: "type\x1fname" records separated by '\x1e'.
inline constexpr unsigned kEntities = 4;
/// MinHash signature of the body's 3-word shingles: kMinhashSize 32-bit minimums, each 4 bytes
/// little-endian (binary).
inline constexpr unsigned kMinhash = 5;
/// The archive tags for facets: "field\x1fvalue" records separated by '\x1e', values as in
/// their terms (lower-cased). A value stream is far cheaper to read per match than a termlist.
inline constexpr unsigned kTags = 6;
}  // namespace slot

/// Minimums in a MinHash signature, and the LSH bands they are cut into (4 rows each).
inline constexpr unsigned kMinhashSize = 64;
inline constexpr unsigned kMinhashBands = 16;
/// Two articles are near duplicates when at least this share of their signatures' minimums
/// agree (an estimate of the Jaccard resemblance of their shingle sets).
inline constexpr double kNearDuplicateResemblance = 0.55;

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

/// The SQLite DDL that creates the tables and views of a version-kSchemaVersion database, ending
/// with `PRAGMA user_version`.
[[nodiscard]] std::string_view sqlite_ddl() noexcept;
/// The DDL of its secondary indexes (`CREATE INDEX IF NOT EXISTS`, so it can run again): part of
/// the schema, kept apart so that a bulk build can create them once at its end.
[[nodiscard]] std::string_view sqlite_index_ddl() noexcept;

/// Names of the entity types, as in ArticleEntity::type and the kEntity fields.
[[nodiscard]] std::span<const std::string_view> entity_types() noexcept;
/// The kEntity field of an entity type ("person" -> field person), or nullptr for a type
/// without query field.
[[nodiscard]] const Field* entity_field(std::string_view type) noexcept;

/// The stemming language used when an article says none or its language has no stemmer.
inline constexpr std::string_view kDefaultLanguage = "english";
/// Its ISO 639-1 code.
inline constexpr std::string_view kDefaultLanguageCode = "en";

}  // namespace morgue::schema
