// SPDX-License-Identifier: GPL-2.0-or-later
// Building Xapian documents from articles and keeping the SQLite store in step with them.
#include "writer.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "morgue/internal/entity_key.h"
#include "morgue/internal/record.h"
#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::indexer {
namespace {

constexpr std::string_view kUpsertSql = R"sql(
INSERT INTO articles (id, path, title, date, date_inferred, author, source, url, content_hash,
                      indexed_at, batch, file, lang, cluster)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
ON CONFLICT (id) DO UPDATE SET
  path = excluded.path, file = excluded.file, lang = excluded.lang, cluster = excluded.cluster,
  title = excluded.title, date = excluded.date,
  date_inferred = excluded.date_inferred, author = excluded.author, source = excluded.source,
  url = excluded.url, content_hash = excluded.content_hash, indexed_at = excluded.indexed_at,
  batch = excluded.batch)sql";

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::array<char, 32> buf{};
  std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf.data();
}

std::int64_t parse_batch(const std::string& s) {
  if (s.empty()) return 0;
  try {
    return std::stoll(s);
  } catch (const std::exception&) {
    throw Error(ErrorCode::kCorrupt, "batch number is not a number: " + s);
  }
}

// Spelling data is what TermGenerator's FLAG_SPELLING would record, the unprefixed words, less
// those with a digit: "Did you mean" never corrects them (QueryBuilder::suggest), nor should it
// offer one ("1987" for "1988"). They were a third of Reuters' spelling words and of the time
// a bulk build spends writing them, on one core at its end (issue 6).
bool is_spelling_term(const std::string& term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && term.size() <= 64 &&
         std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

using SpellingCounts = std::unordered_map<std::string, std::int64_t>;

// Adds (`sign` 1) or takes back (-1) the wdf of the spelling words among the terms of a
// document, or of the index's termlist of one.
template <typename Terms>
void count_spelling(Terms begin, Terms end, SpellingCounts& counts, std::int64_t sign) {
  for (auto t = begin; t != end; ++t) {
    const std::string& term = *t;
    if (is_spelling_term(term)) counts[term] += sign * static_cast<std::int64_t>(t.get_wdf());
  }
}

void write_spelling(Xapian::WritableDatabase& db, SpellingCounts& counts) {
  for (const auto& [word, count] : counts) {
    if (count > 0) {
      db.add_spelling(word, static_cast<Xapian::termcount>(count));
    } else if (count < 0) {
      db.remove_spelling(word, static_cast<Xapian::termcount>(-count));
    }
  }
  counts.clear();
}

// A replaced or deleted document's words no longer count: without this, "did you mean" would
// weigh the words of every version an article ever had (a bulk build counts the last only).
void uncount_spelling(const Xapian::WritableDatabase& db, Xapian::docid docid,
                      SpellingCounts& counts) {
  count_spelling(db.termlist_begin(docid), db.termlist_end(docid), counts, -1);
}

// The spelling data of a database built in one go: what count_spelling() would have summed over
// its documents is each word's collection frequency (the sum of its wdf). Reading it once from
// the merged index replaced a count per document and per shard commit, which was a sixth of a
// bulk build's CPU time (issue 6).
void write_spelling_from_frequencies(Xapian::WritableDatabase& db) {
  auto t = db.allterms_begin();
  while (t != db.allterms_end()) {
    const std::string term = *t;
    if (term[0] >= 'A' && term[0] <= 'Z') {
      t.skip_to("[");  // past every prefixed term, in one step: '[' follows 'Z'
      continue;
    }
    if (is_spelling_term(term)) db.add_spelling(term, db.get_collection_freq(term));
    ++t;
  }
}

// The batch a database holds and the ids that batch deleted, for recovery (see writer.h).
void set_batch_metadata(Xapian::WritableDatabase& db, const std::string& batch,
                        const std::string& deleted) {
  db.set_metadata(std::string(schema::meta::kBatch), batch);
  db.set_metadata(std::string(schema::meta::kBatchDeleted), deleted);
}

constexpr std::string_view kShardDirPrefix = "xapian.shard-";
// Documents a shard buffers between its commits. Xapian's in-memory inverter slows down as it
// grows: see kShardCommitEvery's measurements in bench/README.md.
constexpr Xapian::doccount kShardCommitEvery = 300;
// Documents of one shard database (a segment). Each commit rewrites the block holding the
// last posting chunk of every term the batch used, and as a database grows those chunks
// spread over more blocks: at scale 10 (bench/peers.sh, 108,000 documents per shard) a shard
// read and wrote about five times the bytes per document it did at the start. Past this many
// documents a shard starts a new database, so every one is written at the cost of a small one,
// and the merge (a compaction, linear in its input) joins them all. Measured at scale 10 with 2
// shards (bench/README.md): one database per shard 102.5 s (29.5 s system time), 16384 91.9 s,
// 8192 87.3 s, 4096 85.0 s (10.9 s), scale 1 unchanged; 8192 keeps the merge's inputs fewer.
constexpr Xapian::doccount kDefaultSegmentDocs = 8192;
constexpr int kShardBlockSize = 65536;  // glass's largest
constexpr std::string_view kOldDirPrefix = "xapian.old-";
constexpr std::string_view kMergedDirPrefix = "xapian.merged-";

// Databases one compaction reads at most. Each open database holds a file descriptor per table
// (often 1024 in all per process) and some buffers: a bulk build of millions of documents has
// hundreds of segments.
constexpr std::size_t kMergeFanIn = 64;

// Compacts `inputs`, in order, into `output`: in one go when they are at most kMergeFanIn,
// else in rounds of consecutive groups of at most kMergeFanIn, whose results are named
// `temporary` + round + "-" + group. Each round's inputs are deleted once read (the inputs of the
// first round too: they are the shards' segments, of no use once merged).
void merge_in_rounds(std::vector<std::filesystem::path> inputs, const std::filesystem::path& output,
                     const std::string& temporary) {
  const auto compact = [](const std::vector<std::filesystem::path>& from,
                          const std::filesystem::path& to, int block_size) {
    Xapian::Database all;
    for (const auto& dir : from) all.add_database(Xapian::Database(dir.string()));
    std::error_code ec;
    std::filesystem::remove_all(to, ec);  // left by an earlier run of this pid
    all.compact(to.string(), 0, block_size);
  };
  std::error_code ec;
  for (int round = 0; inputs.size() > kMergeFanIn; ++round) {
    std::vector<std::filesystem::path> next;
    for (std::size_t first = 0; first < inputs.size(); first += kMergeFanIn) {
      const auto last = inputs.begin() +
                        static_cast<std::ptrdiff_t>(std::min(inputs.size(), first + kMergeFanIn));
      next.emplace_back(temporary + std::to_string(round) + "-" + std::to_string(next.size()));
      // Read once more, as the shards are: their large blocks.
      compact({inputs.begin() + static_cast<std::ptrdiff_t>(first), last}, next.back(),
              kShardBlockSize);
    }
    for (const auto& dir : inputs) std::filesystem::remove_all(dir, ec);
    inputs = std::move(next);
  }
  compact(inputs, output, 0);  // 0: Xapian's default block size
  for (const auto& dir : inputs) std::filesystem::remove_all(dir, ec);
}

}  // namespace

// One writer thread of a bulk build and the temporary databases (segments) it writes: the
// shard's documents 1 to segment_docs go to segment 0, the next ones to segment 1... Apart
// from next_docid, everything here is used on `thread` only.
struct StoreWriter::Shard {
  Shard(const std::filesystem::path& root, unsigned number, Xapian::doccount docs_per_segment)
      : prefix(root / (std::string(kShardDirPrefix) + std::to_string(number) + "-")),
        segment_docs(docs_per_segment) {}

  [[nodiscard]] std::filesystem::path segment_path(std::size_t segment) const {
    return prefix.string() + std::to_string(segment);
  }
  [[nodiscard]] std::vector<std::filesystem::path> paths() const {
    std::vector<std::filesystem::path> out;
    for (std::size_t s = 0; s < segments; ++s) out.push_back(segment_path(s));
    return out;
  }

  void replace(Xapian::docid docid, const Xapian::Document& document) {
    const auto [segment, local] = locate(docid);
    Xapian::WritableDatabase& db = database(segment);
    db.replace_document(local, document);
    if (&db == &current && ++uncommitted == kShardCommitEvery) {
      current.commit();  // not synced: the merge is
      uncommitted = 0;
    }
  }
  void remove(Xapian::docid docid) {
    const auto [segment, local] = locate(docid);
    database(segment).delete_document(local);
  }
  // Commits and closes every segment: the merge reads them.
  void finish() {
    close_earlier();
    if (segments > 0) close(current);
  }

  const std::filesystem::path prefix;  // segment s is prefix + s
  const Xapian::doccount segment_docs;
  Xapian::docid next_docid = 1;      // the writer's: the shard's next document
  std::size_t segments = 0;          // created so far; the last is `current`
  Xapian::WritableDatabase current;  // the segment new documents go to
  Xapian::doccount uncommitted = 0;  // in `current`
  // An earlier segment, opened to replace or delete a document of it (rare: an id seen twice
  // in one run) and kept open until another one is needed or the build ends.
  Xapian::WritableDatabase earlier;
  std::optional<std::size_t> earlier_segment;  // nullopt: none open
  // A queued document holds all its terms: a short queue bounds memory.
  SerialExecutor thread{256};

 private:
  [[nodiscard]] std::pair<std::size_t, Xapian::docid> locate(Xapian::docid docid) const {
    return {(docid - 1) / segment_docs, (docid - 1) % segment_docs + 1};
  }
  static void close(Xapian::WritableDatabase& db) {
    db.commit();
    db.close();
  }
  void close_earlier() {
    if (earlier_segment) close(earlier);
    earlier_segment.reset();
  }
  // A shard lives for one run and is thrown away if the run does not finish, so it needs
  // neither syncs nor copy-on-write (DB_DANGEROUS updates blocks in place). Large blocks mean
  // fewer reads and writes per commit. Together about 15% off a bulk build (bench/README.md);
  // the merged index gets Xapian's default 8 KB blocks.
  static constexpr int kFlags = Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS;
  Xapian::WritableDatabase& database(std::size_t segment) {
    if (segment + 1 == segments) return current;
    if (segment == segments) {  // the current one is full (documents come in docid order)
      if (segments > 0) close(current);
      current = Xapian::WritableDatabase(segment_path(segment).string(),
                                         Xapian::DB_CREATE_OR_OVERWRITE | kFlags, kShardBlockSize);
      ++segments;
      uncommitted = 0;
      return current;
    }
    if (segment != earlier_segment) {
      close_earlier();
      earlier = Xapian::WritableDatabase(segment_path(segment).string(), Xapian::DB_OPEN | kFlags);
      earlier_segment = segment;
    }
    return earlier;
  }
};

StoreWriter::StoreWriter(const store::Layout& layout, std::size_t batch_size, bool spelling,
                         BulkPlan bulk, Hook hook)
    : layout_(layout),
      // A new index is built in bulk: its commits skip fsync and commit_and_sync() syncs once,
      // which saves about a tenth of the time of a first run (bench/index_reuters.sh).
      durability_(std::filesystem::exists(layout.xapian) ? store::Durability::kEachCommit
                                                         : store::Durability::kAtEnd),
      xapian_(store::open_writer(layout, durability_)),
      sqlite_(store::open_sqlite(layout, sqlite::Database::Mode::kReadWriteCreate)),
      batch_size_(batch_size),
      spelling_(spelling),
      hook_(std::move(hook)),
      upsert_(sqlite_.prepare(kUpsertSql)),
      delete_(sqlite_.prepare("DELETE FROM articles WHERE id = ?1")),
      delete_tags_(sqlite_.prepare("DELETE FROM article_tags WHERE article = ?1")),
      insert_tag_(sqlite_.prepare(
          "INSERT OR IGNORE INTO article_tags (article, field, value) VALUES (?1, ?2, ?3)")),
      insert_entity_(sqlite_.prepare("INSERT INTO entities (type, name, key) VALUES (?1, ?2, ?3) "
                                     "ON CONFLICT (type, name) DO NOTHING")),
      select_entity_(sqlite_.prepare("SELECT id FROM entities WHERE type = ?1 AND name = ?2")),
      delete_mentions_(sqlite_.prepare("DELETE FROM mentions WHERE article = ?1")),
      delete_aliases_(sqlite_.prepare("DELETE FROM article_aliases WHERE article = ?1")),
      insert_mention_(sqlite_.prepare(
          "INSERT OR REPLACE INTO mentions (article, entity, count, first_position) "
          "VALUES (?1, ?2, ?3, ?4)")),
      insert_alias_(
          sqlite_.prepare("INSERT INTO article_aliases (article, entity, surface, key, count) "
                          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (article, entity, surface) "
                          "DO UPDATE SET count = count + excluded.count")) {
  // The writer's lookups (entities, mentions, upserts) would otherwise re-read their pages
  // through the kernel: SQLite's default cache is 2 MB. 64 MB bounds it.
  sqlite_.exec("PRAGMA cache_size = -65536");
  // A bulk build that crashed left its tables without their secondary indexes: put them back
  // (a no-op when they are there) before recovery deletes through them.
  sqlite_.exec(schema::sqlite_index_ddl());
  remove_stale_bulk_dirs();
  recover();
  if (bulk.shards > 0 &&
      store::translating("opening the index", [&] { return xapian_.get_lastdocid() == 0; })) {
    start_bulk(bulk);
  }
}

StoreWriter::~StoreWriter() {
  if (!bulk()) return;
  // An unfinished bulk build (the caller never committed): its shards are of no use. Once
  // their threads have run what they had queued (destroying them does), every segment is on
  // disk, and this writer still holds the lock: remove them as a crashed build's.
  shards_.clear();
  remove_stale_bulk_dirs();
}

void StoreWriter::remove_stale_bulk_dirs() {
  // This writer holds the index's lock: shards and old copies left by a crash are stale, and
  // so are stores staged by a process that is gone.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(layout_.root, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kShardDirPrefix) || name.starts_with(kOldDirPrefix) ||
        name.starts_with(kMergedDirPrefix) || store::is_stale_staging(entry.path())) {
      std::filesystem::remove_all(entry.path(), ec);
    }
  }
}

void StoreWriter::start_bulk(BulkPlan plan) {
  // The SQLite tables are empty (recovery made them agree with the empty Xapian index): fill
  // them without their secondary indexes, and create those once in finish_bulk(): sorting
  // each index once costs less than inserting into ten of them row by row (issue 6).
  std::vector<std::string> indexes;
  {
    sqlite::Statement st =
        sqlite_.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
    while (st.step()) indexes.push_back(st.column_text(0));
  }
  for (const std::string& name : indexes) sqlite_.exec("DROP INDEX \"" + name + "\"");
  // Each shard creates its first database with its first document.
  const Xapian::doccount segment_docs =
      plan.segment_docs != 0 ? plan.segment_docs : kDefaultSegmentDocs;
  for (unsigned k = 0; k < plan.shards; ++k) {
    shards_.push_back(std::make_unique<Shard>(layout_.root, k, segment_docs));
  }
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
      const Xapian::Document doc = xapian_.get_document(*it);
      upsert_row(record::decode(doc.get_data()), batch, doc.get_value(schema::slot::kDuplicateKey));
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
  forget_orphan_entities();
  sqlite_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('batch', ?1)")
      .bind(1, std::to_string(batch))
      .run();
  txn.commit();
}

void StoreWriter::rebuild_from_xapian(std::int64_t batch) {
  sqlite::Transaction txn(sqlite_);
  sqlite_.exec("DELETE FROM articles");  // cascades to tags, mentions and aliases
  // The files whose articles Xapian lacks must be read again: forget them all.
  sqlite_.exec("DELETE FROM files");
  store::translating("rebuilding the SQLite store from Xapian", [&] {
    const std::string all;  // the empty term lists every document
    for (auto it = xapian_.postlist_begin(all); it != xapian_.postlist_end(all); ++it) {
      const Xapian::Document doc = xapian_.get_document(*it);
      upsert_row(record::decode(doc.get_data()), batch, doc.get_value(schema::slot::kDuplicateKey));
    }
  });
  forget_orphan_entities();
  sqlite_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('batch', ?1)")
      .bind(1, std::to_string(batch))
      .run();
  txn.commit();
}

void StoreWriter::upsert_row(const Article& a, std::int64_t batch, std::string_view cluster,
                             bool is_new) {
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
      .bind_optional(14, cluster)
      .run();
  // The stores agree, so an article new to Xapian has no rows to delete.
  if (!is_new) delete_tags_.bind(1, a.id).run();
  for (const ArticleTag& tag : a.tags) {
    insert_tag_.bind(1, a.id).bind(2, tag.field).bind(3, tag.value).run();
  }
  write_entities(a, is_new);
}

void StoreWriter::write_entities(const Article& a, bool is_new) {
  if (!is_new) {
    delete_mentions_.bind(1, a.id).run();
    delete_aliases_.bind(1, a.id).run();
  }
  for (const ArticleEntity& e : a.entities) {
    const std::int64_t id = entity_id(e);
    insert_mention_.bind(1, a.id)
        .bind(2, id)
        .bind(3, std::int64_t{e.count})
        .bind(4, std::int64_t{e.first_position})
        .run();
    for (const EntityAlias& alias : e.aliases) {
      insert_alias_.bind(1, a.id)
          .bind(2, id)
          .bind(3, alias.surface)
          .bind(4, entity::name_key(alias.surface))
          .bind(5, std::int64_t{alias.count})
          .run();
    }
  }
}

std::int64_t StoreWriter::entity_id(const ArticleEntity& e) {
  auto key = std::make_pair(e.type, e.name);
  const auto cached = entity_ids_.find(key);
  if (cached != entity_ids_.end()) return cached->second;
  insert_entity_.bind(1, e.type).bind(2, e.name).bind(3, entity::name_key(e.name)).run();
  select_entity_.bind(1, e.type).bind(2, e.name);
  if (!select_entity_.step()) {
    select_entity_.reset();
    throw Error(ErrorCode::kInternal, "entity " + e.name + " vanished from SQLite");
  }
  const std::int64_t id = select_entity_.column_int(0);
  select_entity_.reset();
  entity_ids_.emplace(std::move(key), id);
  return id;
}

// An entity row lives as long as an article mentions it, so `morgue entities` never lists a
// name no article has any more.
void StoreWriter::forget_orphan_entities() {
  sqlite_.exec(
      "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM mentions WHERE entity = entities.id)");
  entity_ids_.clear();
}

std::string StoreWriter::cluster_of(const PreparedArticle& p, std::uint32_t self) {
  if (p.minhash.empty()) return p.article.content_hash;
  // Candidates share an LSH band with the article: with 16 bands of 4 minimums, two texts of
  // resemblance 0.55 share one with probability 0.78, of 0.7 with 0.99, of 0.3 with 0.12. The
  // signatures then estimate the resemblance; the closest qualifying article gives the cluster.
  std::optional<std::string> cluster =
      near_duplicates_.closest(p.minhash, self, schema::kNearDuplicateResemblance);
  if (cluster) return std::move(*cluster);
  return p.article.content_hash;
}

void StoreWriter::ensure_transaction() {
  if (in_transaction_) return;
  // The near-duplicate index reads the committed index once, before this writer's changes.
  if (!near_duplicates_loaded_) {
    if (!bulk()) near_duplicates_.load(xapian_);
    near_duplicates_loaded_ = true;
  }
  // A Xapian transaction keeps Xapian from committing on its own (its flush threshold) or on
  // destruction, so nothing of an unfinished batch ever reaches disk in one store only. A bulk
  // build writes its shards instead.
  if (!bulk()) store::translating("starting a batch", [&] { xapian_.begin_transaction(true); });
  sqlite_thread_.post([this] { sqlite_.exec("BEGIN IMMEDIATE"); });
  in_transaction_ = true;
}

// A person named by surname only ("Mr Pompeo") in an article becomes the one person of the
// archive with that surname and a full name ("Mike Pompeo"), when there is exactly one: what
// a reader would assume, and what makes the entity's counts whole. Earlier articles are not
// revisited, so the result depends on order only when the surname comes first; the query side
// matches both (person:pompeo finds the surname term and the full name's word term).
bool StoreWriter::resolve_across_archive(Article& a) {
  if (!people_loaded_) {
    sqlite_thread_.drain();  // the connection is idle: read it from this thread
    sqlite::Statement st = sqlite_.prepare("SELECT name FROM entities WHERE type = 'person'");
    while (st.step()) remember_person(st.column_text(0));
    people_loaded_ = true;
  }
  bool changed = false;
  for (ArticleEntity& e : a.entities) {
    if (e.type != "person") continue;
    const std::string key = entity::name_key(e.name);
    if (key.empty() || key.find(' ') != std::string::npos) continue;
    const auto it = people_by_surname_.find(key);
    if (it == people_by_surname_.end() || it->second.size() != 1) continue;
    const std::string& full = it->second.front();
    // The article may name the person in full elsewhere: merge into that entry instead.
    const auto same = std::find_if(a.entities.begin(), a.entities.end(), [&](const auto& o) {
      return o.type == "person" && o.name == full;
    });
    if (same != a.entities.end()) continue;
    e.name = full;
    changed = true;
  }
  for (const ArticleEntity& e : a.entities) {
    if (e.type == "person") remember_person(e.name);
  }
  return changed;
}

void StoreWriter::remember_person(const std::string& name) {
  const std::string key = entity::name_key(name);
  const std::size_t space = key.rfind(' ');
  if (space == std::string::npos) return;
  std::vector<std::string>& names = people_by_surname_[key.substr(space + 1)];
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

bool StoreWriter::add(PreparedArticle&& p) {
  ensure_transaction();
  std::string cluster;
  const bool existed = store::translating("indexing " + p.article.id, [&] {
    const std::string id_term = store::id_term(p.article.id);
    if (resolve_across_archive(p.article)) {
      // Terms of the new names (the old ones stay: they are words of the new names too).
      for (const ArticleEntity& e : p.article.entities) {
        const schema::Field* field = schema::entity_field(e.type);
        if (field == nullptr) continue;
        for (const std::string& term : entity::terms(field->prefix, e.name)) {
          p.document.add_boolean_term(term);
        }
      }
      p.document.add_value(schema::slot::kEntities, entity_slot_value(p.article.entities));
      p.document.set_data(record::encode(p.article));
    }
    bool had = false;
    std::uint32_t handle = 0;  // the article's name in near_duplicates_; 0 if new
    BulkPlace place{};
    if (bulk()) {
      const auto [it, fresh] = bulk_places_.try_emplace(p.article.id, BulkPlace{next_shard_, 0});
      if (fresh) {
        // Round robin keeps the shards' threads equally busy.
        it->second.docid = shards_[next_shard_]->next_docid++;
        next_shard_ = (next_shard_ + 1) % static_cast<unsigned>(shards_.size());
      }
      had = !fresh;
      place = it->second;
      handle = bulk_handle(place);
    } else {
      const Xapian::PostingIterator own = xapian_.postlist_begin(id_term);
      had = own != xapian_.postlist_end(id_term);
      if (had) handle = *own;
    }
    cluster = cluster_of(p, had ? handle : 0);
    Xapian::Document& doc = p.document;
    doc.add_value(schema::slot::kDuplicateKey, cluster);
    doc.add_boolean_term(std::string(schema::prefix::kBatch) + std::to_string(batch_));
    if (bulk()) {
      Shard& shard = *shards_[place.shard];
      shard.thread.post(
          [&shard, docid = place.docid, document = std::move(doc)] {
            store::translating("writing " + shard.prefix.string() + "*",
                               [&] { shard.replace(docid, document); });
          },
          SerialExecutor::Wake::kBatched);
    } else {
      if (spelling_) {
        if (had) uncount_spelling(xapian_, handle, spelling_counts_);
        count_spelling(doc.termlist_begin(), doc.termlist_end(), spelling_counts_, 1);
      }
      handle = xapian_.replace_document(id_term, doc);
    }
    near_duplicates_.insert(handle, p.minhash, cluster);
    return had;
  });
  if (existed) orphans_possible_ = true;
  sqlite_thread_.post(
      [this, article = std::move(p.article), batch = batch_, cluster = std::move(cluster),
       is_new = !existed] { upsert_row(article, batch, cluster, is_new); },
      SerialExecutor::Wake::kBatched);
  if (++pending_ >= batch_size_) commit_batch();
  return existed;
}

std::optional<StoreWriter::FileRecord> StoreWriter::file_record(const std::string& path) {
  sqlite_thread_.drain();  // the connection is idle: read it from this thread
  sqlite::Statement st =
      sqlite_.prepare("SELECT size, mtime_ns, content_hash, articles FROM files WHERE path = ?1");
  st.bind(1, path);
  if (!st.step()) return std::nullopt;
  return FileRecord{path, st.column_int(0), st.column_int(1), st.column_text(2), st.column_int(3)};
}

void StoreWriter::record_file(const FileRecord& record) {
  ensure_transaction();
  sqlite_thread_.post([this, r = record] {
    sqlite_
        .prepare(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, content_hash, articles, "
            "indexed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, r.path)
        .bind(2, r.size)
        .bind(3, r.mtime_ns)
        .bind(4, r.content_hash)
        .bind(5, r.articles)
        .bind(6, utc_now())
        .run();
  });
}

std::vector<std::string> StoreWriter::ids_of_file(const std::string& file) {
  if (bulk()) commit();  // the articles are in the shards: merge them first (rarely needed)
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
  sqlite_thread_.drain();  // the connection is idle: read it from this thread
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
  sqlite_thread_.post(
      [this, file] { sqlite_.prepare("DELETE FROM files WHERE path = ?1").bind(1, file).run(); });
  return removed;
}

bool StoreWriter::remove(std::string_view id) {
  const std::string term = store::id_term(id);
  ensure_transaction();
  const bool existed = store::translating("removing " + std::string(id), [&] {
    if (bulk()) {
      const auto it = bulk_places_.find(std::string(id));
      if (it == bulk_places_.end()) return false;
      const BulkPlace place = it->second;
      bulk_places_.erase(it);
      near_duplicates_.erase(bulk_handle(place));
      Shard& shard = *shards_[place.shard];
      shard.thread.post([&shard, docid = place.docid] {
        store::translating("writing " + shard.prefix.string() + "*", [&] { shard.remove(docid); });
      });
      return true;
    }
    const Xapian::PostingIterator own = xapian_.postlist_begin(term);
    if (own == xapian_.postlist_end(term)) return false;
    const Xapian::docid docid = *own;
    if (spelling_) uncount_spelling(xapian_, docid, spelling_counts_);
    xapian_.delete_document(docid);
    near_duplicates_.erase(docid);
    return true;
  });
  if (!existed) return false;
  sqlite_thread_.post([this, doomed = std::string(id)] { delete_.bind(1, doomed).run(); });
  orphans_possible_ = true;
  deleted_.emplace_back(id);
  ++pending_;
  return true;
}

void StoreWriter::commit() {
  commit_batch();
  if (bulk()) finish_bulk();
}

void StoreWriter::commit_batch() {
  // A batch may hold no article but file rows (record_file of touched files): commit those too,
  // or closing the connection rolls them back and the next run reads the files again.
  if (!in_transaction_) return;
  std::string deleted;
  for (const std::string& id : deleted_) {
    if (!deleted.empty()) deleted.push_back('\n');
    deleted += id;
  }
  if (bulk()) {
    // The shards are merged into the index at the end; its metadata then names this batch.
    last_batch_deleted_ = std::move(deleted);
  } else {
    store::translating("committing to " + layout_.xapian.string(), [&] {
      write_spelling(xapian_, spelling_counts_);
      set_batch_metadata(xapian_, std::to_string(batch_), deleted);
      xapian_.commit_transaction();
    });
    if (hook_) hook_("xapian-committed");
  }
  // SQLite commits only after Xapian has: the order recovery relies on.
  // A bulk build's tables have no secondary index until its end, and finding orphans needs
  // mentions_entity: it looks for them once, at the end.
  if (bulk()) bulk_orphans_possible_ = bulk_orphans_possible_ || orphans_possible_;
  sqlite_thread_.post([this, orphans = orphans_possible_ && !bulk(), batch = batch_] {
    if (orphans) forget_orphan_entities();
    sqlite_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('batch', ?1)")
        .bind(1, std::to_string(batch))
        .run();
    sqlite_.exec("COMMIT");
  });
  sqlite_thread_.drain();
  orphans_possible_ = false;
  in_transaction_ = false;
  if (hook_) hook_("sqlite-committed");
  ++batch_;
  pending_ = 0;
  deleted_.clear();
}

// Merges the shards into one database beside the index, gives it the index's metadata, syncs
// it and swaps it in with two renames, while this writer still holds the old index's lock.
void StoreWriter::finish_bulk() {
  // SQLite's indexes are built on its thread while the shards are merged on this one.
  sqlite_thread_.post([this, orphans = bulk_orphans_possible_] {
    sqlite::Transaction txn(sqlite_);
    sqlite_.exec(schema::sqlite_index_ddl());
    if (orphans) forget_orphan_entities();
    txn.commit();
  });
  bulk_orphans_possible_ = false;
  for (const auto& shard : shards_) {
    shard->thread.post([s = shard.get()] {
      store::translating("finishing " + s->prefix.string() + "*", [&] { s->finish(); });
    });
  }
  for (const auto& shard : shards_) shard->thread.drain();
  // In docid order within each shard, as the shards were always merged.
  std::vector<std::filesystem::path> dirs;
  for (const auto& shard : shards_) {
    for (auto& dir : shard->paths()) dirs.push_back(std::move(dir));
  }
  const bool written = !bulk_places_.empty();
  shards_.clear();
  bulk_places_.clear();
  const std::string batch = std::to_string(batch_ - 1);  // the last one committed
  std::error_code ec;
  if (written) {
    const std::string pid = std::to_string(::getpid());
    const std::filesystem::path merged = layout_.root / (std::string(kMergedDirPrefix) + pid);
    store::translating("merging the shards of " + layout_.xapian.string(), [&] {
      merge_in_rounds(dirs, merged, layout_.root / (std::string(kMergedDirPrefix) + pid + "-"));
      Xapian::WritableDatabase out(merged.string(), Xapian::DB_OPEN);
      out.set_metadata(std::string(schema::meta::kSchemaVersion),
                       std::to_string(schema::kSchemaVersion));
      set_batch_metadata(out, batch, last_batch_deleted_);
      if (spelling_) write_spelling_from_frequencies(out);
      out.commit();
      out.close();
    });
    sqlite_thread_.drain();  // the indexes are in, and synced with the rest below
    store::sync_xapian({layout_.root, merged, layout_.sqlite});
    const std::filesystem::path old = layout_.root / (std::string(kOldDirPrefix) + pid);
    std::filesystem::rename(layout_.xapian, old, ec);
    if (!ec) {
      std::filesystem::rename(merged, layout_.xapian, ec);
      std::error_code undo;
      if (ec) std::filesystem::rename(old, layout_.xapian, undo);  // keep an index in place
    }
    if (ec) {
      throw Error(ErrorCode::kIo, "cannot move the merged index into " + layout_.xapian.string() +
                                      ": " + ec.message());
    }
    store::sync_directory(layout_.root);
    xapian_.close();  // the old, empty index: its lock goes with it
    std::filesystem::remove_all(old, ec);
    xapian_ = store::open_writer(layout_);
  } else {
    sqlite_thread_.drain();
    store::translating("committing to " + layout_.xapian.string(), [&] {
      set_batch_metadata(xapian_, batch, last_batch_deleted_);
      xapian_.commit();
    });
  }
  for (const auto& dir : dirs) std::filesystem::remove_all(dir, ec);
  durability_ = store::Durability::kEachCommit;  // synced above
  // Handles named shard places; from now on they are docids of the index.
  near_duplicates_ = NearDuplicateIndex();
  near_duplicates_loaded_ = false;
  last_batch_deleted_.clear();
  if (hook_) hook_("xapian-committed");
}

void StoreWriter::commit_and_sync() {
  commit();
  if (durability_ == store::Durability::kAtEnd) store::sync_xapian(layout_);
}

}  // namespace morgue::indexer
