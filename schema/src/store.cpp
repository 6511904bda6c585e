// SPDX-License-Identifier: GPL-2.0-or-later
// Opening an index's Xapian and SQLite stores; the boundary where Xapian errors are translated.
#include "morgue/internal/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>  // kill(pid, 0)
#include <cstring>

#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::store {
namespace {

std::string version_text(const std::string& stored) { return stored.empty() ? "none" : stored; }

}  // namespace

Layout Layout::of(const std::filesystem::path& index_dir) {
  return {index_dir, index_dir / schema::kXapianDirName, index_dir / schema::kSqliteFileName};
}

void rethrow(const Xapian::Error& e, std::string_view context) {
  const std::string message = std::string(context) + ": " + e.get_msg();
  const std::string_view type = e.get_type();
  if (type == "DatabaseLockError") {
    throw Error(ErrorCode::kLocked, std::string(context) + ": index is locked by another writer");
  }
  if (type == "DatabaseNotFoundError") throw Error(ErrorCode::kNotFound, message);
  if (type == "DatabaseCorruptError") throw Error(ErrorCode::kCorrupt, message);
  if (type == "DatabaseVersionError") throw Error(ErrorCode::kSchemaMismatch, message);
  if (type == "QueryParserError") throw Error(ErrorCode::kBadQuery, message);
  if (type == "WildcardError") {
    throw Error(ErrorCode::kBadQuery,
                std::string(context) + ": a wildcard matches too many words; make it longer");
  }
  if (type == "InvalidArgumentError" || type == "RangeError") {
    throw Error(ErrorCode::kInvalidArgument, message);
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseError" ||
      type == "DatabaseModifiedError" || type == "NetworkError" || type == "NetworkTimeoutError") {
    throw Error(ErrorCode::kIo, message);
  }
  throw Error(ErrorCode::kInternal, message + " (" + std::string(type) + ")");
}

void check_version(const Xapian::Database& db, const Layout& layout) {
  const std::string stored = db.get_metadata(std::string(schema::meta::kSchemaVersion));
  if (stored != std::to_string(schema::kSchemaVersion)) {
    throw Error(ErrorCode::kSchemaMismatch,
                "index at " + layout.root.string() + " has schema version " + version_text(stored) +
                    "; this Morgue reads version " + std::to_string(schema::kSchemaVersion));
  }
}

Xapian::Database open_reader(const Layout& layout) {
  if (!std::filesystem::exists(layout.xapian)) {
    throw Error(ErrorCode::kNotFound,
                "no index at " + layout.root.string() + " (run morgue index first)");
  }
  return translating("opening " + layout.xapian.string(), [&] {
    Xapian::Database db(layout.xapian.string());
    check_version(db, layout);
    return db;
  });
}

Xapian::WritableDatabase open_writer(const Layout& layout, Durability durability) {
  std::error_code ec;
  std::filesystem::create_directories(layout.root, ec);
  if (ec) {
    throw Error(ErrorCode::kIo,
                "cannot create index directory " + layout.root.string() + ": " + ec.message());
  }
  if (!std::filesystem::exists(layout.xapian)) {
    // Create the database beside its final place and rename it in, so that a crash during
    // creation never leaves a database without its schema version for readers to trip on.
    const std::filesystem::path staging = staging_path(layout.xapian);
    std::filesystem::remove_all(staging, ec);
    translating("creating " + layout.xapian.string(), [&] {
      Xapian::WritableDatabase fresh(staging.string(), Xapian::DB_CREATE);
      fresh.set_metadata(std::string(schema::meta::kSchemaVersion),
                         std::to_string(schema::kSchemaVersion));
      fresh.commit();
      fresh.close();
    });
    std::filesystem::rename(staging, layout.xapian, ec);
    if (ec) std::filesystem::remove_all(staging, ec);  // another writer created it first
  }
  return translating("opening " + layout.xapian.string() + " for writing", [&] {
    const int flags = Xapian::DB_OPEN | (durability == Durability::kAtEnd ? Xapian::DB_NO_SYNC : 0);
    Xapian::WritableDatabase db(layout.xapian.string(), flags);
    check_version(db, layout);
    return db;
  });
}

namespace {

void sync(const std::filesystem::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw Error(ErrorCode::kIo, "cannot sync " + p.string() + ": " + reason);
  }
  ::close(fd);
}

}  // namespace

void sync_directory(const std::filesystem::path& dir) { sync(dir, O_RDONLY | O_DIRECTORY); }

void sync_xapian(const Layout& layout) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(layout.xapian, ec)) {
    if (entry.is_regular_file(ec)) sync(entry.path(), O_RDONLY);
  }
  if (ec) {
    throw Error(ErrorCode::kIo, "cannot list " + layout.xapian.string() + ": " + ec.message());
  }
  sync_directory(layout.xapian);
}

std::filesystem::path staging_path(const std::filesystem::path& final_path) {
  return final_path.parent_path() /
         (final_path.filename().string() + std::string(kStagingInfix) + std::to_string(::getpid()));
}

bool is_stale_staging(const std::filesystem::path& entry) {
  const std::string name = entry.filename().string();
  const std::size_t at = name.rfind(kStagingInfix);
  if (at == std::string::npos) return false;
  const std::string_view store = std::string_view(name).substr(0, at);
  if (store != schema::kXapianDirName && store != schema::kSqliteFileName) return false;
  const std::string pid_text = name.substr(at + kStagingInfix.size());
  if (pid_text.empty() || pid_text.size() > 9 ||
      pid_text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  // Its creator may still be at work (creation happens before a writer takes the lock).
  const long pid = std::stol(pid_text);
  return pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

namespace {

// The tables, their indexes and the version, in one transaction: all or nothing.
void write_schema(sqlite::Database& db) {
  sqlite::Transaction txn(db);
  db.exec(schema::sqlite_ddl());
  db.exec(schema::sqlite_index_ddl());
  txn.commit();
}

void create_sqlite(const Layout& layout) {
  // Like the Xapian side: build the file beside its place and rename it in once its DDL and
  // version are committed, so that a kill mid-creation never leaves a store without tables
  // for readers (morgue stats) to take for one of another version.
  const std::filesystem::path staging = staging_path(layout.sqlite);
  std::error_code ec;
  std::filesystem::remove(staging, ec);
  {
    sqlite::Database db = sqlite::Database::open(staging, sqlite::Database::Mode::kReadWriteCreate);
    write_schema(db);
  }  // closed: the rollback journal is gone, the file is whole
  std::filesystem::rename(staging, layout.sqlite, ec);
  if (ec) {
    std::filesystem::remove(staging, ec);
    throw Error(ErrorCode::kIo, "cannot create " + layout.sqlite.string() + ": " + ec.message());
  }
}

}  // namespace

sqlite::Database open_sqlite(const Layout& layout, sqlite::Database::Mode mode) {
  if (mode == sqlite::Database::Mode::kReadWriteCreate && !std::filesystem::exists(layout.sqlite)) {
    create_sqlite(layout);
  }
  sqlite::Database db = sqlite::Database::open(layout.sqlite, mode);
  int version = db.user_version();
  // Version 0 with no tables is a file whose creation never committed (earlier Morgue created
  // it in place, so a kill could leave one): nothing in it to keep.
  if (version == 0 && mode == sqlite::Database::Mode::kReadWriteCreate &&
      !db.prepare("SELECT 1 FROM sqlite_master LIMIT 1").step()) {
    write_schema(db);
    version = db.user_version();
  }
  if (version != schema::kSchemaVersion) {
    throw Error(ErrorCode::kSchemaMismatch, "SQLite store " + layout.sqlite.string() +
                                                " has schema version " + std::to_string(version) +
                                                "; this Morgue reads version " +
                                                std::to_string(schema::kSchemaVersion));
  }
  if (mode == sqlite::Database::Mode::kReadWriteCreate) {
    // WAL lets readers (morgue stats, a server) read while a writer commits.
    db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  }
  return db;
}

}  // namespace morgue::store

namespace morgue::store {

std::string id_term(std::string_view id) {
  // Xapian terms are limited to 245 bytes; keep well inside that.
  constexpr std::size_t kMaxTerm = 240;
  std::string term(schema::prefix::kId);
  if (term.size() + id.size() <= kMaxTerm) return term.append(id);
  const std::string hash = text::content_hash(id);
  term.append(text::utf8_prefix(id, kMaxTerm - term.size() - hash.size() - 1));
  term.push_back('#');
  return term.append(hash);
}

}  // namespace morgue::store
