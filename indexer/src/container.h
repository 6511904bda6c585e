// SPDX-License-Identifier: GPL-2.0-or-later
// Archives (tar, zip) and compressed files (gz, bz2, xz, zst) read through libarchive, from memory
// or from disk, member by member and each member as it is decompressed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

struct archive;  // libarchive's handle

namespace morgue::indexer {

/// True when `file_name` ends (case-insensitively) in an archive extension (.tar, .tar.gz, .tgz,
/// .tar.bz2, .tbz2, .tar.xz, .txz, .tar.zst, .zip) or a single-file compression extension (.gz,
/// .bz2, .xz, .zst). "x.warc.gz" is a container whose one member is "x.warc".
[[nodiscard]] bool is_container_name(std::string_view file_name);

/// Bounds on what one container may expand to, so a small hostile file (a zip bomb) cannot
/// exhaust memory. Defaults suit real news archives.
struct ContainerLimits {
  /// A member larger than this (uncompressed) is skipped with a warning.
  std::uint64_t max_member_bytes = 1ULL << 30;
  /// Reading stops with a warning before the delivered members would exceed this in total.
  std::uint64_t max_total_bytes = 8ULL << 30;
  /// Reading stops with a warning after this many members.
  std::size_t max_members = 1'000'000;
};

/// One regular file inside a container, decompressed as it is read, so that a member too large
/// to hold whole can be read in pieces (indexer.cpp). Only stream_members() makes one.
class MemberReader {
 public:
  MemberReader(const MemberReader&) = delete;
  MemberReader& operator=(const MemberReader&) = delete;
  ~MemberReader() = default;

  /// Its path inside the archive as stored, without a leading "./" ("05/08/article.html"). For a
  /// single compressed file: the container's file name minus the compression extension.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// Appends up to `max` bytes of the member to `out`; returns how many, 0 at its end. Throws
  /// Error{kInvalidArgument} when the member cannot be read on: its data is corrupt or
  /// encrypted, or it passes a size limit. That problem is the container's to report:
  /// stream_members() reports it (or throws it, for a corrupt archive) once the callback
  /// returns, so a callback may catch it to keep what it read before.
  std::size_t read_into(std::string& out, std::size_t max);
  /// The rest of the member, read whole. Throws as read_into().
  std::string read_all();
  /// True once read_into() or read_all() has thrown.
  [[nodiscard]] bool failed() const noexcept { return problem_ != Problem::kNone; }

 private:
  friend struct MemberLoop;  // container.cpp
  enum class Problem { kNone, kUnreadable, kOversized, kTotalExceeded, kCorrupt };
  MemberReader(archive* handle, std::string container, std::string name,
               const ContainerLimits& limits, std::uint64_t& total_bytes);
  [[noreturn]] void fail(Problem problem, std::string reason);

  archive* handle_;
  std::string container_;  // the container's name, for messages
  std::string name_;
  const ContainerLimits& limits_;
  std::uint64_t& total_bytes_;  // of every member read so far
  std::uint64_t bytes_ = 0;     // of this member read so far
  bool ended_ = false;
  bool reading_whole_ = false;  // in read_all(): nothing read is kept if it fails
  Problem problem_ = Problem::kNone;
  std::string reason_;
};

/// Calls `on_member` for each regular file in the container held in `bytes`, in archive order,
/// never touching the disk. `container_name` (a file name or path) selects archive or
/// single-file handling and names the container in messages. Directories, links, devices and
/// entries under a hidden path component (".git/", "__MACOSX/") are skipped silently. Nested
/// containers are delivered as members, not opened: the caller recurses. Limits (above), members
/// that cannot be read, and oddities that do not stop reading go to `warn`. Throws
/// Error{kInvalidArgument} ("<container_name>: corrupt archive: <reason>") when the archive is
/// corrupt or truncated, after delivering the members before the damage. Exceptions from the
/// callbacks propagate, except a member's own problem (MemberReader::read_into()).
void stream_members(std::string_view bytes, std::string_view container_name,
                    const ContainerLimits& limits,
                    const std::function<void(MemberReader&)>& on_member,
                    const std::function<void(std::string)>& warn);

/// stream_members() for a container read from disk a block at a time, never held whole. Throws
/// Error{kIo} when the file cannot be opened.
void stream_members_of_file(const std::filesystem::path& file, std::string_view container_name,
                            const ContainerLimits& limits,
                            const std::function<void(MemberReader&)>& on_member,
                            const std::function<void(std::string)>& warn);

/// The name of the one member of a single compressed file ("2019.jsonl.gz" -> "2019.jsonl"),
/// or empty when `file_name` is none (an archive, or no compression extension).
[[nodiscard]] std::string single_compressed_member(std::string_view file_name);

/// Decompresses a single compressed file from disk a block at a time, for one too large to hold
/// whole (indexer.cpp reads such files in pieces). Each block of the file's own bytes goes to
/// `on_file_bytes` as it is read, so that a caller can hash the file without reading it twice.
class DecompressingReader {
 public:
  /// Throws Error{kIo} when the file cannot be opened, Error{kInvalidArgument} ("NAME: corrupt
  /// archive: ...") when it is not compressed data.
  DecompressingReader(const std::filesystem::path& file,
                      std::function<void(std::string_view)> on_file_bytes);
  DecompressingReader(const DecompressingReader&) = delete;
  DecompressingReader& operator=(const DecompressingReader&) = delete;
  ~DecompressingReader();

  /// Appends up to `max` decompressed bytes to `out`; returns how many, 0 at the end. Throws
  /// Error{kIo} on a read error, Error{kInvalidArgument} on corrupt or truncated data.
  std::size_t read_into(std::string& out, std::size_t max);
  /// Reads what is left of the file without decompressing it, for `on_file_bytes`: after the
  /// end of the data, or when the caller stops early. Returns the file's size in bytes.
  std::uint64_t finish_file_bytes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace morgue::indexer
