// SPDX-License-Identifier: GPL-2.0-or-later
// Archives (tar, zip) and compressed files (gz, bz2, xz, zst) read in memory through libarchive,
// and a single compressed file decompressed from disk as it is read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

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

/// One regular file inside a container.
struct Member {
  /// Its path inside the archive as stored, without a leading "./" ("05/08/article.html"). For a
  /// single compressed file: the container's file name minus the compression extension.
  std::string name;
  /// Its uncompressed contents.
  std::string bytes;
};

/// Calls `on_member` for each regular file in the container held in `bytes`, in archive order,
/// never touching the disk. `container_name` (a file name or path) selects archive or
/// single-file handling and names the container in messages. Directories, links, devices and
/// entries under a hidden path component (".git/", "__MACOSX/") are skipped silently. Nested
/// containers are delivered as members, not opened: the caller recurses. Limits (above) and
/// oddities that do not stop reading go to `warn`. Throws Error{kInvalidArgument}
/// ("<container_name>: corrupt archive: <reason>") when the archive is corrupt or truncated,
/// after delivering the members before the damage. Exceptions from the callbacks propagate.
void for_each_member(std::string_view bytes, std::string_view container_name,
                     const ContainerLimits& limits, const std::function<void(Member&&)>& on_member,
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
