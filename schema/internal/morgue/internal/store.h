// SPDX-License-Identifier: GPL-2.0-or-later
// Opening the two stores of an index directory with their schema checks, and translating
// Xapian exceptions into morgue::Error. Internal to Morgue's libraries.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "morgue/error.h"
#include "morgue/internal/sqlite.h"

namespace morgue::store {

/// Where the stores of an index directory live.
struct Layout {
  std::filesystem::path root;
  std::filesystem::path xapian;
  std::filesystem::path sqlite;
  static Layout of(const std::filesystem::path& index_dir);
};

/// Opens the Xapian side read-only and checks its schema version.
/// Throws Error{kNotFound} "no index at DIR (run morgue index first)", Error{kSchemaMismatch}.
[[nodiscard]] Xapian::Database open_reader(const Layout& layout);

/// When a writer's commits reach the disk.
enum class Durability {
  kEachCommit,  ///< Every commit is synced (Xapian's default).
  /// Commits are not synced; the caller calls sync_xapian() at the end. For building a new
  /// index in bulk: a power failure mid-build can lose it, but never an index that existed.
  kAtEnd,
};

/// Opens (creating when absent) the Xapian side for writing. Throws Error{kLocked} when
/// another writer holds it, Error{kSchemaMismatch} for another version.
[[nodiscard]] Xapian::WritableDatabase open_writer(const Layout& layout,
                                                   Durability durability = Durability::kEachCommit);

/// fsync()s every file of the Xapian database and its directory. Throws Error{kIo}.
void sync_xapian(const Layout& layout);
/// fsync()s a directory, so that entries renamed into it last. Throws Error{kIo}.
void sync_directory(const std::filesystem::path& dir);

/// A store is created under a staging name beside its place (FINAL + kStagingInfix + pid) and
/// renamed in whole, so that readers never see one half-created.
inline constexpr std::string_view kStagingInfix = ".new-";
[[nodiscard]] std::filesystem::path staging_path(const std::filesystem::path& final_path);
/// True for a store's staging file or directory whose creating process is gone (killed
/// mid-creation). Other names, whatever they hold, are not Morgue's to remove.
[[nodiscard]] bool is_stale_staging(const std::filesystem::path& entry);

/// Opens the SQLite side; kReadWriteCreate creates a new file with the DDL (staged, renamed in
/// whole). Checks user_version.
[[nodiscard]] sqlite::Database open_sqlite(const Layout& layout, sqlite::Database::Mode mode);

/// Throws Error{kSchemaMismatch} unless `db` carries kSchemaVersion.
void check_version(const Xapian::Database& db, const Layout& layout);

/// Translates a Xapian exception into morgue::Error with `context` ("searching", "opening
/// /x/y") in front of Xapian's own message.
[[noreturn]] void rethrow(const Xapian::Error& e, std::string_view context);

/// Calls f(), translating any Xapian::Error escaping it.
template <class F>
decltype(auto) translating(std::string_view context, F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const Xapian::Error& e) {
    rethrow(e, context);
  }
}

}  // namespace morgue::store

namespace morgue::store {

/// The unique term of an article id: "Q" + id, or for ids too long for a Xapian term, a prefix
/// of the id plus its hash, so that any id maps to one term.
[[nodiscard]] std::string id_term(std::string_view id);

}  // namespace morgue::store
