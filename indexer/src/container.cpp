// SPDX-License-Identifier: GPL-2.0-or-later
// Reads archives and compressed files from memory with libarchive, member by member.
#include "container.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "morgue/error.h"
#include "morgue/text.h"

namespace morgue::indexer {
namespace {

struct ArchiveFree {
  void operator()(archive* handle) const noexcept { archive_read_free(handle); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

constexpr std::array<std::string_view, 9> kArchiveExtensions = {
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".zip"};
constexpr std::array<std::string_view, 4> kCompressionExtensions = {".gz", ".bz2", ".xz", ".zst"};

// Reading in blocks lets a member that lies about its size be caught at the limit.
constexpr std::size_t kReadBlockBytes = std::size_t{64} * 1024;

bool is_archive_name(std::string_view lower_name) {
  for (std::string_view extension : kArchiveExtensions) {
    if (lower_name.ends_with(extension)) return true;
  }
  return false;
}

// The compression extension of a single compressed file ("x.warc.gz" -> ".gz"); empty for
// archives and other names.
std::string_view compression_extension(std::string_view lower_name) {
  if (is_archive_name(lower_name)) return {};
  for (std::string_view extension : kCompressionExtensions) {
    if (lower_name.ends_with(extension)) return extension;
  }
  return {};
}

// The one member of a single compressed file: the container's own file name without its
// compression extension, as gunzip would name it.
std::string single_member_name(std::string_view container_name, std::size_t extension_size) {
  const std::size_t slash = container_name.find_last_of('/');
  std::string_view base =
      slash == std::string_view::npos ? container_name : container_name.substr(slash + 1);
  if (base.size() > extension_size) base.remove_suffix(extension_size);
  return std::string(base);
}

// Hidden files, version-control folders and macOS resource forks ("__MACOSX/") are never
// articles; ".." components would also make ids that look like paths outside the archive.
bool has_hidden_component(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view component = path.substr(start, end - start);
    if (component.starts_with('.') || component == "__MACOSX") return true;
    start = end + 1;
  }
  return false;
}

// The entry's path as stored, without leading "./" or "/". Tar stores names as raw bytes and zip
// as UTF-8 or a legacy code page; libarchive gives whichever form it can, and the bytes are then
// made valid UTF-8 because member names become article ids.
std::string stored_path(archive_entry* entry) {
  const char* path = archive_entry_pathname_utf8(entry);
  if (path == nullptr) path = archive_entry_pathname(entry);
  if (path == nullptr) return {};
  std::string_view view(path);
  for (;;) {
    if (view.starts_with("./")) {
      view.remove_prefix(2);
    } else if (view.starts_with('/')) {
      view.remove_prefix(1);
    } else {
      break;
    }
  }
  return text::repair_utf8(view).text;
}

std::string archive_message(archive* handle) {
  const char* message = archive_error_string(handle);
  return message != nullptr ? message : "unknown error";
}

[[noreturn]] void throw_corrupt(std::string_view container_name, archive* handle) {
  throw Error(ErrorCode::kInvalidArgument,
              std::string(container_name) + ": corrupt archive: " + archive_message(handle));
}

// A single compressed file that libarchive opened through its "none" filter only: not
// compressed at all despite its name.
void check_compressed(archive* handle, std::string_view name, std::string_view compression) {
  if (archive_filter_count(handle) < 2) {
    throw Error(
        ErrorCode::kInvalidArgument,
        std::string(name) + ": corrupt archive: not compressed with " + std::string(compression));
  }
}

}  // namespace

bool is_container_name(std::string_view file_name) {
  const std::string lower = text::ascii_lower(file_name);
  return is_archive_name(lower) || !compression_extension(lower).empty();
}

MemberReader::MemberReader(archive* handle, std::string container, std::string name,
                           const ContainerLimits& limits, std::uint64_t& total_bytes)
    : handle_(handle),
      container_(std::move(container)),
      name_(std::move(name)),
      limits_(limits),
      total_bytes_(total_bytes) {}

void MemberReader::fail(Problem problem, std::string reason) {
  problem_ = problem;
  reason_ = std::move(reason);
  throw Error(ErrorCode::kInvalidArgument, container_ + ": " + name_ + ": " + reason_);
}

std::size_t MemberReader::read_into(std::string& out, std::size_t max) {
  if (problem_ != Problem::kNone) {
    throw Error(ErrorCode::kInvalidArgument, container_ + ": " + name_ + ": " + reason_);
  }
  if (ended_ || max == 0) return 0;
  // Reading in blocks lets a member that lies about its size be caught at the limit.
  max = std::min(max, kReadBlockBytes * 4);
  const std::size_t old = out.size();
  out.resize(old + max);
  const la_ssize_t got = archive_read_data(handle_, out.data() + old, max);
  if (got <= 0) out.resize(old);
  if (got == 0) {
    ended_ = true;
    return 0;
  }
  if (got == ARCHIVE_FATAL) fail(Problem::kCorrupt, archive_message(handle_));
  // One bad member (encrypted, bad checksum) among good ones; the next header may be fine.
  if (got < 0) fail(Problem::kUnreadable, archive_message(handle_));
  const auto size = static_cast<std::size_t>(got);
  if (bytes_ + size > limits_.max_member_bytes) {
    out.resize(old);
    fail(Problem::kOversized,
         "larger than " + std::to_string(limits_.max_member_bytes) + " bytes uncompressed");
  }
  if (total_bytes_ + size > limits_.max_total_bytes) {
    out.resize(old);
    fail(Problem::kTotalExceeded,
         "members exceed " + std::to_string(limits_.max_total_bytes) + " bytes in total");
  }
  out.resize(old + size);
  bytes_ += size;
  total_bytes_ += size;
  return size;
}

std::string MemberReader::read_all() {
  reading_whole_ = true;
  std::string bytes;
  while (read_into(bytes, kReadBlockBytes) > 0) {
  }
  reading_whole_ = false;
  return bytes;
}

// The loop over a container's entries, shared by stream_members() and stream_members_of_file().
struct MemberLoop {
  archive* handle;
  std::string name;  // the container's, for messages
  std::string_view compression;
  const ContainerLimits& limits;
  const std::function<void(MemberReader&)>& on_member;
  const std::function<void(std::string)>& warn;

  void report(std::string message) const {
    if (warn) warn(std::move(message));
  }

  [[nodiscard]] bool single_file() const { return !compression.empty(); }

  // A member's problem, once its callback is done: reported, or thrown for a corrupt archive.
  // Returns whether the next member may be read.
  bool settle(const MemberReader& member) const {
    using Problem = MemberReader::Problem;
    // What was read before a problem was kept only by a callback reading piece by piece.
    const std::string where = member.bytes_ == 0 || member.reading_whole_
                                  ? std::string()
                                  : " after byte " + std::to_string(member.bytes_);
    switch (member.problem_) {
      case Problem::kNone:
        return true;
      case Problem::kCorrupt:
        throw Error(ErrorCode::kInvalidArgument, name + ": corrupt archive: " + member.reason_);
      case Problem::kUnreadable:
      case Problem::kOversized:
        report(name + ": skipped " + (where.empty() ? "" : "the rest of ") + member.name_ + where +
               ": " + member.reason_);
        return true;
      case Problem::kTotalExceeded:
        report(name + ": stopped at " + member.name_ + where + ": " + member.reason_);
        return false;
    }
    return false;
  }

  // The one member of a compressed empty file.
  void deliver_empty(std::uint64_t& total_bytes) const {
    MemberReader member(handle, name, single_member_name(name, compression.size()), limits,
                        total_bytes);
    member.ended_ = true;
    on_member(member);
  }

  void run(std::uint64_t& total_bytes) const {
    std::size_t delivered = 0;
    for (;;) {
      archive_entry* entry = nullptr;
      const int status = archive_read_next_header(handle, &entry);
      if (status == ARCHIVE_EOF) return;
      if (status == ARCHIVE_WARN) {
        report(name + ": " + archive_message(handle));
      } else if (status != ARCHIVE_OK) {
        throw_corrupt(name, handle);
      }
      if (single_file()) check_compressed(handle, name, compression);
      // A tar hard link carries no data: its contents were delivered under the first name.
      if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry) != nullptr) {
        continue;
      }
      std::string member_name =
          single_file() ? single_member_name(name, compression.size()) : stored_path(entry);
      if (member_name.empty() || has_hidden_component(member_name)) continue;

      if (delivered >= limits.max_members) {
        report(name + ": stopped after " + std::to_string(delivered) + " members (limit " +
               std::to_string(limits.max_members) + ")");
        return;
      }
      // The size a tar or zip entry declares: a member over a limit is not started.
      if (archive_entry_size_is_set(entry) != 0 && archive_entry_size(entry) >= 0) {
        const auto declared = static_cast<std::uint64_t>(archive_entry_size(entry));
        if (declared > limits.max_member_bytes) {
          report(name + ": skipped " + member_name + ": larger than " +
                 std::to_string(limits.max_member_bytes) + " bytes uncompressed");
          if (single_file()) return;
          continue;  // libarchive skips the unread data when asked for the next header
        }
        if (total_bytes + declared > limits.max_total_bytes) {
          report(name + ": stopped at " + member_name + ": members exceed " +
                 std::to_string(limits.max_total_bytes) + " bytes in total");
          return;
        }
      }
      ++delivered;
      MemberReader member(handle, name, std::move(member_name), limits, total_bytes);
      try {
        on_member(member);
      } catch (const Error&) {
        if (!member.failed()) throw;
      }
      if (!settle(member) || single_file()) return;  // raw format has one entry
    }
  }
};

namespace {

ArchivePtr new_reader(std::string_view compression) {
  ArchivePtr handle(archive_read_new());
  if (handle == nullptr) throw std::bad_alloc();
  archive_read_support_filter_all(handle.get());
  if (!compression.empty()) {
    // Raw only: with every format enabled, libarchive would open "x.warc.gz" as an archive of
    // WARC records, and could take a compressed text file for an mtree listing.
    archive_read_support_format_raw(handle.get());
  } else {
    archive_read_support_format_all(handle.get());
  }
  return handle;
}

}  // namespace

void stream_members(std::string_view bytes, std::string_view container_name,
                    const ContainerLimits& limits,
                    const std::function<void(MemberReader&)>& on_member,
                    const std::function<void(std::string)>& warn) {
  const std::string_view compression = compression_extension(text::ascii_lower(container_name));
  const ArchivePtr handle = new_reader(compression);
  const MemberLoop loop{handle.get(), std::string(container_name), compression, limits, on_member,
                        warn};
  std::uint64_t total_bytes = 0;
  static constexpr char kEmpty = '\0';
  const void* data = bytes.empty() ? static_cast<const void*>(&kEmpty) : bytes.data();
  if (archive_read_open_memory(handle.get(), data, bytes.size()) != ARCHIVE_OK) {
    // The raw format refuses an empty stream, but a compressed empty file is no corrupt
    // archive: its member is empty, and the caller reports empty files as such.
    if (loop.single_file() && archive_filter_count(handle.get()) >= 2 &&
        archive_filter_bytes(handle.get(), 0) == 0) {
      if (limits.max_members > 0) loop.deliver_empty(total_bytes);
      return;
    }
    throw_corrupt(loop.name, handle.get());
  }
  loop.run(total_bytes);
}

void stream_members_of_file(const std::filesystem::path& file, std::string_view container_name,
                            const ContainerLimits& limits,
                            const std::function<void(MemberReader&)>& on_member,
                            const std::function<void(std::string)>& warn) {
  const std::string_view compression = compression_extension(text::ascii_lower(container_name));
  // Not for single compressed files: DecompressingReader reads those.
  if (!compression.empty()) {
    throw Error(ErrorCode::kInternal,
                "stream_members_of_file: not an archive: " + std::string(container_name));
  }
  const ArchivePtr handle = new_reader(compression);
  const MemberLoop loop{handle.get(), std::string(container_name), compression, limits, on_member,
                        warn};
  // libarchive's own file reader can seek, which its zip reader needs to read the central
  // directory, as it does in memory.
  if (archive_read_open_filename(handle.get(), file.c_str(), kReadBlockBytes * 4) != ARCHIVE_OK) {
    const int error = archive_errno(handle.get());
    if (error == ENOENT || error == EACCES || error == EISDIR) {
      throw Error(ErrorCode::kIo, std::string("cannot open: ") + std::strerror(error));
    }
    throw_corrupt(loop.name, handle.get());
  }
  std::uint64_t total_bytes = 0;
  loop.run(total_bytes);
}

std::string single_compressed_member(std::string_view file_name) {
  const std::string_view compression = compression_extension(text::ascii_lower(file_name));
  if (compression.empty()) return {};
  return single_member_name(file_name, compression.size());
}

struct DecompressingReader::Impl {
  std::string name;  // the file's name, for messages
  int fd = -1;
  std::function<void(std::string_view)> on_file_bytes;
  std::vector<char> block = std::vector<char>(kReadBlockBytes * 4);
  std::uint64_t file_bytes = 0;
  int read_errno = 0;  // set when reading the file failed, as opposed to decompressing it
  ArchivePtr handle;

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  // libarchive's read callback: the next block of the file, seen by on_file_bytes first.
  static la_ssize_t read_block(archive* a, void* self, const void** buffer) {
    auto* impl = static_cast<Impl*>(self);
    const ssize_t n = impl->read_some();
    if (n < 0) {
      archive_set_error(a, impl->read_errno, "read error: %s", std::strerror(impl->read_errno));
      return ARCHIVE_FATAL;
    }
    *buffer = impl->block.data();
    return n;
  }

  ssize_t read_some() {
    ssize_t n = 0;
    do {
      n = ::read(fd, block.data(), block.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      read_errno = errno;
      return n;
    }
    file_bytes += static_cast<std::uint64_t>(n);
    if (n > 0 && on_file_bytes) on_file_bytes({block.data(), static_cast<std::size_t>(n)});
    return n;
  }

  [[noreturn]] void fail() const {
    if (read_errno != 0) {
      throw Error(ErrorCode::kIo, std::string("read error: ") + std::strerror(read_errno));
    }
    throw_corrupt(name, handle.get());
  }
};

DecompressingReader::DecompressingReader(const std::filesystem::path& file,
                                         std::function<void(std::string_view)> on_file_bytes)
    : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.name = file.filename().string();
  impl.on_file_bytes = std::move(on_file_bytes);
  impl.fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (impl.fd < 0) throw Error(ErrorCode::kIo, std::string("cannot open: ") + std::strerror(errno));
  impl.handle.reset(archive_read_new());
  if (!impl.handle) throw std::bad_alloc();
  archive_read_support_filter_all(impl.handle.get());
  archive_read_support_format_raw(impl.handle.get());  // as stream_members() with one file
  if (archive_read_open(impl.handle.get(), &impl, nullptr, &Impl::read_block, nullptr) !=
      ARCHIVE_OK) {
    impl.fail();
  }
  archive_entry* entry = nullptr;
  const int status = archive_read_next_header(impl.handle.get(), &entry);
  if (status != ARCHIVE_OK && status != ARCHIVE_WARN) impl.fail();
  check_compressed(impl.handle.get(), impl.name,
                   compression_extension(text::ascii_lower(impl.name)));
}

DecompressingReader::~DecompressingReader() = default;

std::size_t DecompressingReader::read_into(std::string& out, std::size_t max) {
  const std::size_t old = out.size();
  out.resize(old + max);
  const la_ssize_t got = archive_read_data(impl_->handle.get(), out.data() + old, max);
  if (got < 0) {
    out.resize(old);
    impl_->fail();
  }
  out.resize(old + static_cast<std::size_t>(got));
  return static_cast<std::size_t>(got);
}

std::uint64_t DecompressingReader::finish_file_bytes() {
  while (true) {
    const ssize_t n = impl_->read_some();
    if (n < 0) impl_->fail();
    if (n == 0) return impl_->file_bytes;
  }
}

}  // namespace morgue::indexer
