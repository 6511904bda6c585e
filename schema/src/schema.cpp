// SPDX-License-Identifier: GPL-2.0-or-later
// The field table and SQLite DDL of schema version 1.
#include "morgue/schema.h"

#include <array>

namespace morgue::schema {
namespace {

constexpr std::array<Field, 17> kFields = {{
    {"title", "S", FieldKind::kFreeText, 1, "words of the headline"},
    {"body", "", FieldKind::kFreeText, 1, "words of the article (headline included)"},
    {"author", "A", FieldKind::kFreeText, 1, "words of the byline"},
    {"source", "XSOURCE", FieldKind::kBoolean, 0, "publisher, lower-cased, exact"},
    {"year", "Y", FieldKind::kBoolean, 0, "publication year, e.g. year:2019"},
    {"lang", "L", FieldKind::kBoolean, 0, "ISO 639-1 language code, e.g. lang:de"},
    {"topic", "XTOPIC", FieldKind::kBoolean, 0, "archive topic tag, e.g. Reuters topic:cocoa"},
    {"place_tag", "XTPLACE", FieldKind::kBoolean, 0, "archive place tag, e.g. place_tag:usa"},
    {"person_tag", "XTPERSON", FieldKind::kBoolean, 0,
     "archive person tag, e.g. person_tag:reagan"},
    {"org_tag", "XTORG", FieldKind::kBoolean, 0, "archive organisation tag, e.g. org_tag:opec"},
    {"exchange", "XTEXCH", FieldKind::kBoolean, 0,
     "archive stock exchange tag, e.g. exchange:nyse"},
    {"file", "XFILE", FieldKind::kBoolean, 0, "the file an article came from (internal)"},
    {"person", "XEP", FieldKind::kEntity, 0,
     "a person the article mentions, by any alias: person:pompeo, person:\"Mr Pompeo\""},
    {"org", "XEO", FieldKind::kEntity, 0, "an organisation the article mentions: org:huawei"},
    {"place", "XEL", FieldKind::kEntity, 0, "a place the article mentions: place:iran"},
    {"handle", "XEH", FieldKind::kEntity, 0, "a social media @handle: handle:@secpompeo"},
    {"hashtag", "XEG", FieldKind::kEntity, 0, "a #hashtag: hashtag:#5g"},
}};

// "url" entities are kept in SQLite and document data only: a query field over URLs would
// be of little use and their terms long.
constexpr std::array<std::string_view, 6> kEntityTypes = {"person", "org",     "place",
                                                          "handle", "hashtag", "url"};

// Version 2. Every statement that writes these tables binds its parameters.
constexpr std::string_view kDdl = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS articles (
  id            TEXT PRIMARY KEY,   -- same as the Xapian unique term minus its "Q"
  path          TEXT NOT NULL,      -- where it came from; "a.tar.gz!/b.html" inside a container
  file          TEXT NOT NULL,      -- the file on disk it came from (absolute)
  lang          TEXT,               -- ISO 639-1
  title         TEXT NOT NULL,
  date          TEXT,               -- ISO 8601 YYYY-MM-DD, NULL when unknown
  date_inferred INTEGER NOT NULL DEFAULT 0,
  author        TEXT,
  source        TEXT,
  url           TEXT,
  content_hash  TEXT NOT NULL,      -- hex XXH3-128 of title and body
  cluster       TEXT,               -- near-duplicate cluster key (Xapian slot kDuplicateKey)
  indexed_at    TEXT NOT NULL,      -- UTC, ISO 8601
  batch         INTEGER NOT NULL    -- commit batch that wrote the row
);

-- Labels the archive gave an article (Reuters TOPICS, PLACES, ...), by schema field name.
CREATE TABLE IF NOT EXISTS article_tags (
  article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  field   TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (article, field, value)
) WITHOUT ROWID;

-- Files seen by `morgue index`, so an unchanged file is skipped on the next run.
CREATE TABLE IF NOT EXISTS files (
  path         TEXT PRIMARY KEY,    -- absolute
  size         INTEGER NOT NULL,
  mtime_ns     INTEGER NOT NULL,
  content_hash TEXT NOT NULL,       -- hex XXH3-128 of the bytes
  articles     INTEGER NOT NULL,    -- articles it gave
  indexed_at   TEXT NOT NULL
) WITHOUT ROWID;

-- Entities found by extraction. A row lives as long as some article mentions it.
CREATE TABLE IF NOT EXISTS entities (
  id   INTEGER PRIMARY KEY,
  type TEXT NOT NULL,                -- person | org | place | handle | hashtag | url
  name TEXT NOT NULL,                -- canonical name
  key  TEXT NOT NULL,                -- entity_key(name): what queries match
  UNIQUE (type, name)
);

CREATE TABLE IF NOT EXISTS mentions (
  article        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity         INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  count          INTEGER NOT NULL,
  first_position INTEGER NOT NULL,  -- byte offset in title + newline + body
  PRIMARY KEY (article, entity)
) WITHOUT ROWID;

-- The surface forms of an entity in one article; `aliases` sums them over the archive, so
-- its counts stay right when an article is re-indexed or removed.
CREATE TABLE IF NOT EXISTS article_aliases (
  article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  surface TEXT NOT NULL,             -- a form seen in text ("Mr Pompeo")
  key     TEXT NOT NULL,             -- entity_key(surface)
  count   INTEGER NOT NULL,
  PRIMARY KEY (article, entity, surface)
) WITHOUT ROWID;

CREATE VIEW IF NOT EXISTS aliases (entity, surface, count) AS
  SELECT entity, surface, SUM(count) FROM article_aliases GROUP BY entity, surface;

PRAGMA user_version = 2;
)sql";

// Secondary indexes, apart from the tables: a bulk build drops them and creates them once at its
// end, which sorts each index in one go instead of inserting into it row by row (issue 6).
constexpr std::string_view kIndexDdl = R"sql(
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE INDEX IF NOT EXISTS articles_file ON articles(file);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster);
CREATE INDEX IF NOT EXISTS article_tags_value ON article_tags(field, value);
CREATE INDEX IF NOT EXISTS entities_key ON entities(key);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE INDEX IF NOT EXISTS article_aliases_key ON article_aliases(key);
CREATE INDEX IF NOT EXISTS article_aliases_entity ON article_aliases(entity);
)sql";

}  // namespace

std::span<const Field> fields() noexcept { return kFields; }

const Field* find_field(std::string_view name) noexcept {
  for (const Field& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view sqlite_ddl() noexcept { return kDdl; }

std::string_view sqlite_index_ddl() noexcept { return kIndexDdl; }

std::span<const std::string_view> entity_types() noexcept { return kEntityTypes; }

const Field* entity_field(std::string_view type) noexcept {
  const Field* f = find_field(type);
  return f != nullptr && f->kind == FieldKind::kEntity ? f : nullptr;
}

}  // namespace morgue::schema
