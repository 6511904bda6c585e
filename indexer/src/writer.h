// SPDX-License-Identifier: GPL-2.0-or-later
// The two-store writer: Xapian documents and SQLite rows committed together in batches.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "document_builder.h"
#include "morgue/article.h"
#include "morgue/internal/sqlite.h"
#include "morgue/internal/store.h"
#include "morgue/schema.h"
#include "near_duplicates.h"
#include "serial_executor.h"

namespace morgue::indexer {

/// Batches writes to both stores. Commit order is Xapian, then SQLite. Each Xapian commit
/// records its batch number (metadata morgue.batch, and an XBATCH<n> term on every document it
/// wrote) and the ids it deleted; SQLite records the batch number it reached in `meta`. On
/// open, a SQLite store one batch behind replays that batch from the Xapian documents, and any
/// other disagreement rebuilds the SQLite article rows from Xapian, which is the store of
/// record. So a crash at any point leaves both stores agreeing once the index is reopened.
///
/// Bulk build: when the Xapian side is empty and `bulk.shards` is not 0, documents go to
/// `bulk.shards` shards, each written by its own thread (Xapian's writes are the costliest part
/// of indexing, and one database takes one writer) into temporary databases of at most
/// `bulk.segment_docs` documents, and the first commit() merges them all with Xapian's
/// compaction into the index, which it replaces in one rename. Until then readers see the
/// empty index, and a crash loses the build, never an earlier index: the next open finds the
/// Xapian side empty and clears the SQLite side to match.
class StoreWriter {  // NOLINT(clang-analyzer-optin.performance.Padding): one per run
 public:
  using Hook = std::function<void(std::string_view)>;
  /// How a new index is built in bulk (see above).
  struct BulkPlan {
    unsigned shards = 0;  ///< 0: not in bulk
    /// Documents of one temporary database of a shard (a segment); 0: the default.
    Xapian::doccount segment_docs = 0;
  };
  StoreWriter(const store::Layout& layout, std::size_t batch_size, bool spelling, BulkPlan bulk,
              Hook hook);
  StoreWriter(const StoreWriter&) = delete;
  StoreWriter& operator=(const StoreWriter&) = delete;
  ~StoreWriter();

  /// Adds or replaces by id; commits when the batch is full. Returns true when an article
  /// with this id existed. Joins the article to the near-duplicate cluster of the indexed
  /// article most resembling it, if one reaches schema::kNearDuplicateResemblance, or starts
  /// a cluster.
  bool add(PreparedArticle&& prepared);
  bool remove(std::string_view id);
  /// Commits the batch in both stores; ends a bulk build (see above).
  void commit();
  /// Commits, and when this writer created the index (whose commits then skip fsync, see
  /// store::Durability), syncs it to disk.
  void commit_and_sync();
  [[nodiscard]] std::size_t pending() const noexcept { return pending_; }
  [[nodiscard]] bool bulk() const noexcept { return !shards_.empty(); }

  /// What the index knows of a file from an earlier run.
  struct FileRecord {
    std::string path;
    std::int64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string content_hash;
    std::int64_t articles = 0;
  };
  [[nodiscard]] std::optional<FileRecord> file_record(const std::string& path);
  /// Records a file as indexed, in the same SQLite transaction as its articles.
  void record_file(const FileRecord& record);
  /// Ids of the articles that came from `file` (the path before any "!/").
  [[nodiscard]] std::vector<std::string> ids_of_file(const std::string& file);
  /// Files recorded under `root` (a directory, or a file itself).
  [[nodiscard]] std::vector<std::string> files_under(const std::string& root);
  /// Forgets a file and removes its articles; returns how many were removed.
  std::size_t remove_file(const std::string& file);

 private:
  void recover();
  void remove_stale_bulk_dirs();
  void replay_batch(std::int64_t batch);
  void rebuild_from_xapian(std::int64_t batch);
  /// `is_new`: the article is not in the index (so it has no rows to replace).
  void upsert_row(const Article& article, std::int64_t batch, std::string_view cluster,
                  bool is_new = false);
  void write_entities(const Article& article, bool is_new);
  [[nodiscard]] std::int64_t entity_id(const ArticleEntity& entity);
  void forget_orphan_entities();
  bool resolve_across_archive(Article& article);
  void remember_person(const std::string& name);
  [[nodiscard]] std::string cluster_of(const PreparedArticle& prepared, std::uint32_t self);
  void ensure_transaction();
  void commit_batch();
  void start_bulk(BulkPlan plan);
  void finish_bulk();

  struct Shard;
  // Where a document of a bulk build lives until the shards are merged.
  struct BulkPlace {
    unsigned shard;
    Xapian::docid docid;
  };
  // The name of a bulk build's document in near_duplicates_: unique across the shards.
  [[nodiscard]] std::uint32_t bulk_handle(BulkPlace place) const {
    return static_cast<std::uint32_t>(place.docid * shards_.size() + place.shard);
  }

  store::Layout layout_;
  store::Durability durability_;
  Xapian::WritableDatabase xapian_;
  sqlite::Database sqlite_;
  std::size_t batch_size_;
  bool spelling_;
  Hook hook_;
  std::int64_t batch_ = 0;  // number of the batch being written
  std::size_t pending_ = 0;
  std::vector<std::string> deleted_;
  bool in_transaction_ = false;
  // Set when a batch replaced or removed articles: entities may have lost their last mention.
  bool orphans_possible_ = false;
  // The same over a bulk build, whose orphans are looked for once at its end.
  bool bulk_orphans_possible_ = false;
  std::map<std::pair<std::string, std::string>, std::int64_t> entity_ids_;  // (type, name)
  // Full names of the people in the index by the key of their last word ("pompeo" -> "Mike
  // Pompeo"), loaded on first use, so "Mr Pompeo" alone in a later article finds him.
  std::map<std::string, std::vector<std::string>, std::less<>> people_by_surname_;
  bool people_loaded_ = false;
  sqlite::Statement upsert_;
  sqlite::Statement delete_;
  sqlite::Statement delete_tags_;
  sqlite::Statement insert_tag_;
  sqlite::Statement insert_entity_;
  sqlite::Statement select_entity_;
  sqlite::Statement delete_mentions_;
  sqlite::Statement delete_aliases_;
  sqlite::Statement insert_mention_;
  sqlite::Statement insert_alias_;
  // Spelling frequencies of the batch, added to Xapian once per word at commit: far fewer
  // calls into Xapian's spelling table than one per word of every document.
  // Signed: a replaced or deleted document takes its words' counts back.
  std::unordered_map<std::string, std::int64_t> spelling_counts_;
  // Signatures of every indexed article, loaded on first use.
  NearDuplicateIndex near_duplicates_;
  bool near_duplicates_loaded_ = false;
  // Bulk build state: empty outside one.
  std::vector<std::unique_ptr<Shard>> shards_;
  std::unordered_map<std::string, BulkPlace> bulk_places_;  // by article id
  unsigned next_shard_ = 0;
  std::string last_batch_deleted_;  // ids deleted by the last batch committed in SQLite
  // Runs every SQLite statement after construction, in order, beside the Xapian work. Last
  // member: destroyed (drained and joined) before the statements and the database it uses.
  SerialExecutor sqlite_thread_;
};

}  // namespace morgue::indexer
