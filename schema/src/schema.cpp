// SPDX-License-Identifier: GPL-2.0-or-later
// The field table and SQLite DDL of schema version 1.
#include "morgue/schema.h"

#include <array>

namespace morgue::schema {
namespace {

constexpr std::array<Field, 11> kFields = {{
    {"title", "S", FieldKind::kFreeText, 1, "words of the headline"},
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
}};

// Version 1. Every statement that writes these tables binds its parameters.
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
  indexed_at    TEXT NOT NULL,      -- UTC, ISO 8601
  batch         INTEGER NOT NULL    -- commit batch that wrote the row
);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE INDEX IF NOT EXISTS articles_file ON articles(file);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);

-- Labels the archive gave an article (Reuters TOPICS, PLACES, ...), by schema field name.
CREATE TABLE IF NOT EXISTS article_tags (
  article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  field   TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (article, field, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_tags_value ON article_tags(field, value);

-- Files seen by `morgue index`, so an unchanged file is skipped on the next run.
CREATE TABLE IF NOT EXISTS files (
  path         TEXT PRIMARY KEY,    -- absolute
  size         INTEGER NOT NULL,
  mtime_ns     INTEGER NOT NULL,
  content_hash TEXT NOT NULL,       -- hex XXH3-128 of the bytes
  articles     INTEGER NOT NULL,    -- articles it gave
  indexed_at   TEXT NOT NULL
) WITHOUT ROWID;

-- Filled by entity extraction; defined now so the schema is whole from version 1.
CREATE TABLE IF NOT EXISTS entities (
  id   INTEGER PRIMARY KEY,
  type TEXT NOT NULL,                -- person | org | place | handle | hashtag | url
  name TEXT NOT NULL,                -- canonical name
  UNIQUE (type, name)
);
CREATE TABLE IF NOT EXISTS aliases (
  entity  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  surface TEXT NOT NULL,             -- a form seen in text ("Mr Pompeo")
  count   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (entity, surface)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_surface ON aliases(surface COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS mentions (
  article        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity         INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  count          INTEGER NOT NULL,
  first_position INTEGER NOT NULL,
  PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);

PRAGMA user_version = 1;
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

}  // namespace morgue::schema
