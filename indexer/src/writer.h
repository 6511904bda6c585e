// SPDX-License-Identifier: GPL-2.0-or-later
// The two-store writer: Xapian documents and SQLite rows committed together in batches.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "morgue/article.h"
#include "morgue/internal/sqlite.h"
#include "morgue/internal/store.h"
#include "morgue/schema.h"

namespace morgue::indexer {

/// Batches writes to both stores. Commit order is Xapian, then SQLite. Each Xapian commit
/// records its batch number (metadata morgue.batch, and an XBATCH<n> term on every document it
/// wrote) and the ids it deleted; SQLite records the batch number it reached in `meta`. On
/// open, a SQLite store one batch behind replays that batch from the Xapian documents, and any
/// other disagreement rebuilds the SQLite article rows from Xapian, which is the store of
/// record. So a crash at any point leaves both stores agreeing once the index is reopened.
class StoreWriter {
 public:
  using Hook = std::function<void(std::string_view)>;
  StoreWriter(const store::Layout& layout, std::size_t batch_size, bool spelling, Hook hook);
  StoreWriter(const StoreWriter&) = delete;
  StoreWriter& operator=(const StoreWriter&) = delete;
  ~StoreWriter() = default;

  /// Adds or replaces by id; commits when the batch is full.
  void add(const Article& article);
  bool remove(std::string_view id);
  void commit();
  [[nodiscard]] std::size_t pending() const noexcept { return pending_; }

 private:
  void recover();
  void replay_batch(std::int64_t batch);
  void rebuild_from_xapian(std::int64_t batch);
  void upsert_row(const Article& article, std::int64_t batch);
  void ensure_transaction();
  [[nodiscard]] Xapian::Document build_document(const Article& article);
  void add_possessive_bases(Xapian::Document& doc) const;

  store::Layout layout_;
  Xapian::WritableDatabase xapian_;
  sqlite::Database sqlite_;
  Xapian::Stem stemmer_{std::string(schema::kDefaultLanguage)};
  Xapian::TermGenerator term_generator_;
  std::size_t batch_size_;
  Hook hook_;
  std::int64_t batch_ = 0;  // number of the batch being written
  std::size_t pending_ = 0;
  std::vector<std::string> deleted_;
  bool in_transaction_ = false;
  sqlite::Statement upsert_;
  sqlite::Statement delete_;
};

}  // namespace morgue::indexer
