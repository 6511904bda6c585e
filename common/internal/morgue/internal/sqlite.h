// SPDX-License-Identifier: GPL-2.0-or-later
// RAII wrappers over the SQLite C API for Morgue's libraries. Internal: not installed, and the
// only header that includes <sqlite3.h>. Errors become morgue::Error naming the statement.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace morgue::sqlite {

class Statement;

/// One connection. Move-only; one thread at a time.
class Database {
 public:
  enum class Mode { kReadOnly, kReadWriteCreate };
  /// Throws Error{kNotFound} (read-only, missing file), Error{kIo | kCorrupt}.
  static Database open(const std::filesystem::path& file, Mode mode);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  /// Runs one or more statements that take no parameters and return no rows we read.
  void exec(std::string_view sql);
  /// Prepares one statement; its parameters are bound, never spliced into the text.
  [[nodiscard]] Statement prepare(std::string_view sql);
  /// PRAGMA user_version.
  [[nodiscard]] int user_version();
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }

 private:
  explicit Database(sqlite3* db) noexcept : db_(db) {}
  sqlite3* db_ = nullptr;
};

/// A prepared statement. Bind with 1-based indexes, then step().
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) noexcept : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);
  /// Binds the text, or NULL when it is empty.
  Statement& bind_optional(int index, std::string_view value);

  /// True while a row is available; false when done. Throws Error on failure.
  bool step();
  /// Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset() noexcept;

  [[nodiscard]] std::string column_text(int index) const;
  [[nodiscard]] std::int64_t column_int(int index) const;
  [[nodiscard]] bool column_is_null(int index) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

/// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace morgue::sqlite
