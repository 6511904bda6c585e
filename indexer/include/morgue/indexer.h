// SPDX-License-Identifier: GPL-2.0-or-later
// Writing an index: ingest archive files, or articles given in memory, into the Xapian
// database and the SQLite store of one index directory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "morgue/article.h"
#include "morgue/export.h"

namespace morgue {

/// Options of an Indexer; every member has a documented default.
struct IndexerOptions {
  /// Articles per commit. Both stores commit together every `batch_size` articles and at the
  /// end; a crash loses at most the batch in flight. Must be at least 1.
  std::size_t batch_size = 1000;
  /// Whether to record spelling data (for "did you mean"). Costs indexing time.
  bool spelling = true;
  /// Whether to recognise people, organisations, places, handles, hashtags and URLs in
  /// articles that carry no entities of their own. Costs indexing time.
  bool entities = true;
  /// Worker threads that read, parse and prepare documents while one thread writes; 0 (the
  /// default) means one per core. Results do not depend on it: articles are written in the
  /// same order whatever the count.
  unsigned threads = 0;
  /// Whether a new (empty) index is built in bulk: into `shards` temporary databases written
  /// by parallel threads, merged with Xapian's compaction into the index at the first commit
  /// (the end of a run). Faster and gives a compact index; until then readers see the index
  /// empty, and a crash loses the build (never an index that had articles). Off: a new index
  /// is written batch by batch, like an existing one.
  bool bulk = true;
  /// Databases of a bulk build; 0 (the default) means one per core.
  unsigned shards = 0;
  /// Tuning: documents each shard of a bulk build writes into one temporary database before
  /// it starts another (all are merged at the end). Adding to a small database costs less
  /// than adding to a large one; more databases make the merge a little longer. 0 (the
  /// default) means 8192.
  unsigned shard_segment_docs = 0;
  /// A JSON Lines, CSV, Reuters SGML, WARC, JSON (an array, or a wrapper object's array of
  /// records), feed (RSS, Atom) or NewsML-G2 file
  /// larger than this many bytes is read in pieces of about this size, each cut after its last
  /// whole record (line, CSV row, `</REUTERS>`, WARC record, array element, `</item>`,
  /// `</entry>`, `</newsItem>`), so that memory stays bounded whatever the file's size: a 1 GB
  /// file is never held whole. One compressed on its own (".jsonl.gz",
  /// ".csv.gz", ".warc.gz"), or a member of an archive, is decompressed piece by piece; an
  /// archive (".tar.gz", ".zip") over a quarter of this size is read from disk member by
  /// member. Ids, warnings and the file's content hash are the same as when reading it whole
  /// (docs/formats.md). Other formats (NITF, HTML, text) are read whole. At least 4096.
  std::size_t stream_chunk_bytes = std::size_t{8} << 20;
  /// Source field for an article field in JSON and CSV input (`--field title=headline`); see
  /// docs/formats.md. Keys: id, title, body, date, author, source, url, lang.
  std::map<std::string, std::string> field_map;
  /// Testing only: called at each commit step ("xapian-committed", "sqlite-committed") so a
  /// test can stop the process between the two stores' commits. Leave empty.
  std::function<void(std::string_view stage)> commit_hook;
};

/// One file that was skipped or repaired, with the reason.
struct FileIssue {
  std::string path;    ///< The file, as found under the inputs.
  std::string reason;  ///< Why, for people ("cannot open: Permission denied").
};

/// Counts of one run. `failed` lists files skipped because they could not be read or parsed.
struct IndexReport {
  std::size_t files_seen = 0;        ///< Files found under the inputs, supported or not.
  std::size_t files_indexed = 0;     ///< Files read that gave at least one article.
  std::size_t files_unchanged = 0;   ///< Files skipped as unchanged since the last run.
  std::size_t files_ignored = 0;     ///< Files of formats Morgue does not read (not an error).
  std::size_t articles_indexed = 0;  ///< Articles written: articles_new + articles_updated.
  std::size_t articles_new = 0;      ///< Articles whose id was not in the index.
  std::size_t articles_updated = 0;  ///< Articles that replaced one with the same id.
  std::size_t articles_removed = 0;  ///< Gone from a changed file, or pruned.
  std::uint64_t bytes_read = 0;      ///< Bytes of the files read.
  std::vector<FileIssue> failed;     ///< Skipped: unreadable, empty, binary, no text.
  std::vector<FileIssue> repaired;   ///< Indexed with a warning: bytes replaced, a bad record.
  std::vector<std::string> ignored;  ///< Paths of ignored files.
  double seconds = 0;                ///< Wall-clock time of the run.
  /// True when no file failed.
  [[nodiscard]] bool ok() const noexcept { return failed.empty(); }
};

/// Progress of a run, passed to the callback after each file.
struct IndexProgress {
  std::size_t files_done = 0;     ///< Files handled so far.
  std::size_t files_total = 0;    ///< Files found under the inputs.
  std::size_t articles = 0;       ///< Articles written so far.
  std::uint64_t bytes_done = 0;   ///< Bytes of the files handled so far.
  std::uint64_t bytes_total = 0;  ///< Bytes of all files found.
  double seconds = 0;             ///< Since the run began.
};
/// Called on the thread running Indexer::index_paths() after each file.
using ProgressCallback = std::function<void(const IndexProgress&)>;

/// The single writer of an index directory. Move-only. Not thread-safe: use it from one
/// thread. Only one Indexer may hold an index at a time, across processes; readers
/// (Searcher) keep working while it writes. Opening repairs a crash between the two stores'
/// commits, so both stores always agree on which articles exist.
class MORGUE_API Indexer {
 public:
  /// Opens or creates the index in `index_dir` (holding `xapian/` and `morgue.sqlite`).
  /// Throws Error{kLocked} ("index is locked by another writer"), Error{kSchemaMismatch},
  /// Error{kCorrupt}, Error{kIo}, Error{kInvalidArgument} for a bad option.
  [[nodiscard]] static Indexer open(const std::filesystem::path& index_dir,
                                    IndexerOptions options = {});

  /// Takes over `other`'s index; `other` may only be assigned to or destroyed afterwards.
  Indexer(Indexer&& other) noexcept;
  /// Takes over `other`'s index; the one this Indexer held is closed.
  Indexer& operator=(Indexer&& other) noexcept;
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;
  /// Commits what is pending; errors are swallowed (call commit() to see them).
  ~Indexer();

  /// Ingests files and folders, recursively and in sorted order. A file holding one article
  /// gets the id of its path relative to the input it was found under (a file given directly:
  /// its name). Bad files are reported in the result, never thrown; the run goes on.
  /// Throws Error{kNotFound} for an input that does not exist, Error{kIo | kCorrupt} when the
  /// index itself cannot be written (what was committed before stays).
  /// A file whose size and modification time (or, failing that, content hash) match the
  /// last run is skipped unread; a changed file's articles are replaced, and those it no
  /// longer holds removed. With `prune`, articles of files under the inputs that are gone from
  /// disk are removed too.
  IndexReport index_paths(const std::vector<std::filesystem::path>& inputs,
                          const ProgressCallback& progress = {}, bool prune = false);

  /// Adds or replaces one article given in memory. `article.id` must be non-empty and
  /// `article.body` or `article.title` too (Error{kInvalidArgument}). The content hash is set
  /// here. Commits when a batch is full.
  void add(Article article);

  /// Removes the article with this id, if present; returns whether it existed.
  bool remove(std::string_view id);

  /// Commits both stores: Xapian first, then SQLite; see ARCHITECTURE.md for the recovery rule.
  void commit();

 private:
  struct MORGUE_HIDDEN Impl;
  explicit Indexer(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace morgue
