// SPDX-License-Identifier: GPL-2.0-or-later
// Writing an index: ingest archive files, or articles given in memory, into the Xapian
// database and the SQLite store of one index directory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "morgue/article.h"

namespace morgue {

/// Options of an Indexer; every member has a documented default.
struct IndexerOptions {
  /// Articles per commit. Both stores commit together every `batch_size` articles and at the
  /// end; a crash loses at most the batch in flight. Must be at least 1.
  std::size_t batch_size = 1000;
  /// Whether to record spelling data (for "did you mean"). Costs indexing time.
  bool spelling = true;
  /// Testing only: called at each commit step ("xapian-committed", "sqlite-committed") so a
  /// test can stop the process between the two stores' commits. Leave empty.
  std::function<void(std::string_view stage)> commit_hook;
};

/// One file that was skipped or repaired, with the reason.
struct FileIssue {
  std::string path;
  std::string reason;
};

/// Counts of one run. `failed` lists files skipped because they could not be read or parsed.
struct IndexReport {
  std::size_t files_seen = 0;        ///< Files found under the inputs, supported or not.
  std::size_t files_indexed = 0;     ///< Files that gave at least one article.
  std::size_t files_ignored = 0;     ///< Files of formats Morgue does not read (not an error).
  std::size_t articles_indexed = 0;  ///< Articles written (new or replaced).
  std::uint64_t bytes_read = 0;
  std::vector<FileIssue> failed;     ///< Skipped: unreadable, empty, binary, no text.
  std::vector<FileIssue> repaired;   ///< Indexed after a repair, e.g. invalid UTF-8 replaced.
  std::vector<std::string> ignored;  ///< Paths of ignored files.
  double seconds = 0;
  [[nodiscard]] bool ok() const noexcept { return failed.empty(); }
};

/// Progress of a run, passed to the callback after each file.
struct IndexProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::size_t articles = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
  double seconds = 0;
};
using ProgressCallback = std::function<void(const IndexProgress&)>;

/// The single writer of an index directory. Move-only. Not thread-safe: use it from one
/// thread. Only one Indexer may hold an index at a time, across processes; readers
/// (Searcher) keep working while it writes. Opening repairs a crash between the two stores'
/// commits, so both stores always agree on which articles exist.
class Indexer {
 public:
  /// Opens or creates the index in `index_dir` (holding `xapian/` and `morgue.sqlite`).
  /// Throws Error{kLocked} ("index is locked by another writer"), Error{kSchemaMismatch},
  /// Error{kCorrupt}, Error{kIo}, Error{kInvalidArgument} for a bad option.
  [[nodiscard]] static Indexer open(const std::filesystem::path& index_dir,
                                    IndexerOptions options = {});

  Indexer(Indexer&&) noexcept;
  Indexer& operator=(Indexer&&) noexcept;
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;
  /// Commits what is pending; errors are swallowed (call commit() to see them).
  ~Indexer();

  /// Ingests files and folders, recursively and in sorted order. A file holding one article
  /// gets the id of its path relative to the input it was found under (a file given directly:
  /// its name). Bad files are reported in the result, never thrown; the run goes on.
  /// Throws Error{kNotFound} for an input that does not exist, Error{kIo | kCorrupt} when the
  /// index itself cannot be written (what was committed before stays).
  IndexReport index_paths(const std::vector<std::filesystem::path>& inputs,
                          const ProgressCallback& progress = {});

  /// Adds or replaces one article given in memory. `article.id` must be non-empty and
  /// `article.body` or `article.title` too (Error{kInvalidArgument}). The content hash is set
  /// here. Commits when a batch is full.
  void add(Article article);

  /// Removes the article with this id, if present; returns whether it existed.
  bool remove(std::string_view id);

  /// Commits both stores: Xapian first, then SQLite; see ARCHITECTURE.md for the recovery rule.
  void commit();

 private:
  struct Impl;
  explicit Indexer(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace morgue
