// SPDX-License-Identifier: GPL-2.0-or-later
// Building Xapian documents from articles and keeping the SQLite store in step with them.
#include "writer.h"

#include <chrono>
#include <ctime>

#include "language.h"
#include "morgue/internal/record.h"
#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::indexer {
namespace {

constexpr std::string_view kUpsertSql = R"sql(
INSERT INTO articles (id, path, title, date, date_inferred, author, source, url, content_hash,
                      indexed_at, batch, file, lang)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
ON CONFLICT (id) DO UPDATE SET
  path = excluded.path, file = excluded.file, lang = excluded.lang,
  title = excluded.title, date = excluded.date,
  date_inferred = excluded.date_inferred, author = excluded.author, source = excluded.source,
  url = excluded.url, content_hash = excluded.content_hash, indexed_at = excluded.indexed_at,
  batch = excluded.batch)sql";

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::int64_t parse_batch(const std::string& s) {
  if (s.empty()) return 0;
  try {
    return std::stoll(s);
  } catch (const std::exception&) {
    throw Error(ErrorCode::kCorrupt, "batch number is not a number: " + s);
  }
}

// The file on disk an article came from: its path up to a container's "!/".
std::string_view file_of(std::string_view path) { return path.substr(0, path.find("!/")); }

// Boolean term for the file an article came from; hashed, since paths can outgrow a term.
std::string file_term(std::string_view file) {
  return std::string(schema::find_field("file")->prefix) + text::content_hash(file);
}

std::string tag_term(const ArticleTag& tag) {
  const schema::Field* field = schema::find_field(tag.field);
  if (field == nullptr || field->kind != schema::FieldKind::kBoolean) {
    throw Error(ErrorCode::kInvalidArgument, "unknown tag field \"" + tag.field + "\"");
  }
  return std::string(field->prefix) +
         std::string(
             text::utf8_prefix(text::ascii_lower(text::collapse_whitespace(tag.value)), 200));
}

std::string compact_date(std::string_view iso) {
  std::string out;
  for (const char c : iso) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

}  // namespace

StoreWriter::StoreWriter(const store::Layout& layout, std::size_t batch_size, bool spelling,
                         Hook hook)
    : layout_(layout),
      xapian_(store::open_writer(layout)),
      sqlite_(store::open_sqlite(layout, sqlite::Database::Mode::kReadWriteCreate)),
      batch_size_(batch_size),
      hook_(std::move(hook)),
      upsert_(sqlite_.prepare(kUpsertSql)),
      delete_(sqlite_.prepare("DELETE FROM articles WHERE id = ?1")),
      delete_tags_(sqlite_.prepare("DELETE FROM article_tags WHERE article = ?1")),
      insert_tag_(sqlite_.prepare(
          "INSERT OR IGNORE INTO article_tags (article, field, value) VALUES (?1, ?2, ?3)")) {
  store::translating("preparing the indexer", [&] {
    term_generator_.set_stemmer(stemmer_);
    term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    if (spelling) {
      term_generator_.set_database(xapian_);
      term_generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    }
  });
  recover();
}

void StoreWriter::recover() {
  const std::int64_t xapian_batch = store::translating("reading batch number", [&] {
    return parse_batch(xapian_.get_metadata(std::string(schema::meta::kBatch)));
  });
  sqlite::Statement st = sqlite_.prepare("SELECT value FROM meta WHERE key = 'batch'");
  const std::int64_t sqlite_batch = st.step() ? parse_batch(st.column_text(0)) : 0;
  if (xapian_batch == sqlite_batch + 1) {
    replay_batch(xapian_batch);
  } else if (xapian_batch != sqlite_batch) {
    rebuild_from_xapian(xapian_batch);
  }
  batch_ = xapian_batch + 1;
}

void StoreWriter::replay_batch(std::int64_t batch) {
  sqlite::Transaction txn(sqlite_);
  store::translating("replaying batch " + std::to_string(batch), [&] {
    const std::string term = std::string(schema::prefix::kBatch) + std::to_string(batch);
    for (auto it = xapian_.postlist_begin(term); it != xapian_.postlist_end(term); ++it) {
      upsert_row(record::decode(xapian_.get_document(*it).get_data()), batch);
    }
    const std::string deleted = xapian_.get_metadata(std::string(schema::meta::kBatchDeleted));
    std::size_t start = 0;
    while (start < deleted.size()) {
      std::size_t end = deleted.find('\n', start);
      if (end == std::string::npos) end = deleted.size();
      delete_.bind(1, std::string_view(deleted).substr(start, end - start)).run();
      start = end + 1;
    }
  });
  sqlite_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('batch', ?1)")
      .bind(1, std::to_string(batch))
      .run();
  txn.commit();
}

void StoreWriter::rebuild_from_xapian(std::int64_t batch) {
  sqlite::Transaction txn(sqlite_);
  sqlite_.exec("DELETE FROM articles");
  store::translating("rebuilding the SQLite store from Xapian", [&] {
    const std::string all;  // the empty term lists every document
    for (auto it = xapian_.postlist_begin(all); it != xapian_.postlist_end(all); ++it) {
      upsert_row(record::decode(xapian_.get_document(*it).get_data()), batch);
    }
  });
  sqlite_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('batch', ?1)")
      .bind(1, std::to_string(batch))
      .run();
  txn.commit();
}

void StoreWriter::upsert_row(const Article& a, std::int64_t batch) {
  upsert_.bind(1, a.id)
      .bind(2, a.path)
      .bind(3, a.title)
      .bind_optional(4, a.date)
      .bind(5, std::int64_t{a.date_inferred ? 1 : 0})
      .bind_optional(6, a.author)
      .bind_optional(7, a.source)
      .bind_optional(8, a.url)
      .bind(9, a.content_hash)
      .bind(10, utc_now())
      .bind(11, batch)
      .bind(12, file_of(a.path))
      .bind_optional(13, a.lang)
      .run();
  delete_tags_.bind(1, a.id).run();
  for (const ArticleTag& tag : a.tags)
    insert_tag_.bind(1, a.id).bind(2, tag.field).bind(3, tag.value).run();
}

const Xapian::Stem& StoreWriter::stemmer_for(const std::string& lang) {
  auto it = stemmers_.find(lang);
  if (it == stemmers_.end()) {
    const std::string_view name = indexer::snowball_stemmer_for(lang);
    it = stemmers_
             .emplace(lang,
                      Xapian::Stem(std::string(name.empty() ? schema::kDefaultLanguage : name)))
             .first;
  }
  return it->second;
}

void StoreWriter::ensure_transaction() {
  if (in_transaction_) return;
  // A Xapian transaction keeps Xapian from committing on its own (its flush threshold) or on
  // destruction, so nothing of an unfinished batch ever reaches disk in one store only.
  store::translating("starting a batch", [&] { xapian_.begin_transaction(true); });
  try {
    sqlite_.exec("BEGIN IMMEDIATE");
  } catch (...) {
    xapian_.cancel_transaction();
    throw;
  }
  in_transaction_ = true;
}

Xapian::Document StoreWriter::build_document(const Article& a) {
  Xapian::Document doc;
  stemmer_ = stemmer_for(a.lang);
  term_generator_.set_stemmer(stemmer_);
  term_generator_.set_document(doc);
  // Title words twice: under the title prefix for `title:` queries, and unprefixed with a
  // higher wdf so that a query word in the headline outranks one mention in the body.
  term_generator_.index_text(a.title, 1, std::string(schema::find_field("title")->prefix));
  term_generator_.increase_termpos();
  term_generator_.index_text(a.title, schema::kTitleWeight);
  term_generator_.increase_termpos();
  term_generator_.index_text(a.body);
  if (!a.author.empty()) {
    term_generator_.increase_termpos();
    term_generator_.index_text(a.author, 1, std::string(schema::find_field("author")->prefix));
  }
  add_possessive_bases(doc);
  doc.add_boolean_term(store::id_term(a.id));
  doc.add_boolean_term(std::string(schema::prefix::kBatch) + std::to_string(batch_));
  doc.add_boolean_term(file_term(file_of(a.path)));
  if (!a.lang.empty())
    doc.add_boolean_term(std::string(schema::find_field("lang")->prefix) + a.lang);
  for (const ArticleTag& tag : a.tags) doc.add_boolean_term(tag_term(tag));
  doc.add_value(schema::slot::kDuplicateKey, a.content_hash);
  if (!a.source.empty()) {
    const std::string source = text::ascii_lower(text::collapse_whitespace(a.source));
    doc.add_boolean_term(std::string(schema::find_field("source")->prefix) +
                         std::string(text::utf8_prefix(source, 200)));
  }
  if (!a.date.empty()) {
    const std::string ymd = compact_date(a.date);
    doc.add_value(schema::slot::kDate, ymd);
    doc.add_boolean_term(std::string(schema::prefix::kYear) + ymd.substr(0, 4));
    doc.add_boolean_term(std::string(schema::prefix::kMonth) + ymd.substr(0, 6));
    doc.add_boolean_term(std::string(schema::prefix::kDay) + ymd);
  }
  doc.set_data(record::encode(a));
  return doc;
}

// Xapian indexes "Trump's" as the one term "trump's", so a search for Trump would miss every
// possessive, which news text is full of ("China's", "Huawei's"). Index the base word too, at
// the same positions (phrases still match), with its stem.
void StoreWriter::add_possessive_bases(Xapian::Document& doc) const {
  std::vector<std::pair<std::string, std::vector<Xapian::termpos>>> bases;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.size() < 4 || term[0] == 'Z' || term.compare(term.size() - 2, 2, "'s") != 0) continue;
    std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
    bases.emplace_back(term.substr(0, term.size() - 2), std::move(positions));
  }
  for (const auto& [base, positions] : bases) {
    for (const Xapian::termpos pos : positions) doc.add_posting(base, pos);
    std::size_t prefix_end = 0;
    while (prefix_end < base.size() && base[prefix_end] >= 'A' && base[prefix_end] <= 'Z') {
      ++prefix_end;
    }
    if (prefix_end == base.size()) continue;
    doc.add_term("Z" + base.substr(0, prefix_end) + stemmer_(base.substr(prefix_end)),
                 static_cast<Xapian::termcount>(positions.size()));
  }
}

bool StoreWriter::add(const Article& article) {
  ensure_transaction();
  const bool existed = store::translating("indexing " + article.id, [&] {
    const std::string id_term = store::id_term(article.id);
    const bool had = xapian_.term_exists(id_term);
    Xapian::Document doc = build_document(article);
    xapian_.replace_document(id_term, doc);
    return had;
  });
  upsert_row(article, batch_);
  if (++pending_ >= batch_size_) commit();
  return existed;
}

std::optional<StoreWriter::FileRecord> StoreWriter::file_record(const std::string& path) {
  sqlite::Statement st =
      sqlite_.prepare("SELECT size, mtime_ns, content_hash, articles FROM files WHERE path = ?1");
  st.bind(1, path);
  if (!st.step()) return std::nullopt;
  return FileRecord{path, st.column_int(0), st.column_int(1), st.column_text(2), st.column_int(3)};
}

void StoreWriter::record_file(const FileRecord& r) {
  ensure_transaction();
  sqlite_
      .prepare(
          "INSERT OR REPLACE INTO files (path, size, mtime_ns, content_hash, articles, indexed_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, r.path)
      .bind(2, r.size)
      .bind(3, r.mtime_ns)
      .bind(4, r.content_hash)
      .bind(5, r.articles)
      .bind(6, utc_now())
      .run();
}

std::vector<std::string> StoreWriter::ids_of_file(const std::string& file) {
  return store::translating("listing articles of " + file, [&] {
    std::vector<std::string> ids;
    const std::string term = file_term(file);
    for (auto it = xapian_.postlist_begin(term); it != xapian_.postlist_end(term); ++it) {
      ids.push_back(record::decode(xapian_.get_document(*it).get_data()).id);
    }
    return ids;
  });
}

std::vector<std::string> StoreWriter::files_under(const std::string& root) {
  // A prefix range on the primary key; the '/' boundary keeps "/a/bc" out of "/a/b".
  sqlite::Statement st =
      sqlite_.prepare("SELECT path FROM files WHERE path = ?1 OR (path > ?2 AND path < ?3)");
  const std::string dir = root.empty() || root.back() == '/' ? root : root + "/";
  st.bind(1, root).bind(2, dir).bind(3, dir.substr(0, dir.size() - 1) + "0");
  std::vector<std::string> paths;
  while (st.step()) paths.push_back(st.column_text(0));
  return paths;
}

std::size_t StoreWriter::remove_file(const std::string& file) {
  std::size_t removed = 0;
  for (const std::string& id : ids_of_file(file)) {
    if (remove(id)) ++removed;
  }
  ensure_transaction();
  sqlite_.prepare("DELETE FROM files WHERE path = ?1").bind(1, file).run();
  return removed;
}

bool StoreWriter::remove(std::string_view id) {
  const std::string term = store::id_term(id);
  ensure_transaction();
  const bool existed = store::translating("removing " + std::string(id), [&] {
    if (!xapian_.term_exists(term)) return false;
    xapian_.delete_document(term);
    return true;
  });
  if (!existed) return false;
  delete_.bind(1, id).run();
  deleted_.emplace_back(id);
  ++pending_;
  return true;
}

void StoreWriter::commit() {
  if (pending_ == 0) return;
  std::string deleted;
  for (const std::string& id : deleted_) {
    if (!deleted.empty()) deleted.push_back('\n');
    deleted += id;
  }
  store::translating("committing to " + layout_.xapian.string(), [&] {
    xapian_.set_metadata(std::string(schema::meta::kBatch), std::to_string(batch_));
    xapian_.set_metadata(std::string(schema::meta::kBatchDeleted), deleted);
    xapian_.commit_transaction();
  });
  if (hook_) hook_("xapian-committed");
  sqlite_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('batch', ?1)")
      .bind(1, std::to_string(batch_))
      .run();
  sqlite_.exec("COMMIT");
  in_transaction_ = false;
  if (hook_) hook_("sqlite-committed");
  ++batch_;
  pending_ = 0;
  deleted_.clear();
}

}  // namespace morgue::indexer
