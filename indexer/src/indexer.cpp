// SPDX-License-Identifier: GPL-2.0-or-later
// The Indexer handle: discovering files, choosing a reader, reporting, and writing.
#include "morgue/indexer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>

#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"
#include "writer.h"

namespace morgue {
namespace fs = std::filesystem;

namespace {

enum class Format { kText, kHtml };

std::optional<Format> format_of(const fs::path& file) {
  const std::string ext = text::ascii_lower(file.extension().string());
  if (ext == ".txt" || ext == ".text") return Format::kText;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::kHtml;
  return std::nullopt;
}

// One file to read, with the input it was found under (its id is relative to that).
struct Candidate {
  fs::path file;
  fs::path root;
  std::uintmax_t size = 0;
};

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.';
}

// Reads the whole file; sets `reason` (naming the system error) when it cannot.
std::optional<std::string> slurp(const fs::path& file, std::string& reason) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    reason = std::string("cannot open: ") + std::strerror(errno);
    return std::nullopt;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  std::string bytes;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      reason = std::string("read error: ") + std::strerror(errno);
      return std::nullopt;
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

std::string relative_id(const Candidate& c) {
  if (c.file == c.root) return c.file.filename().generic_string();
  return c.file.lexically_relative(c.root).generic_string();
}

}  // namespace

struct Indexer::Impl {
  store::Layout layout;
  IndexerOptions options;
  indexer::StoreWriter writer;

  Impl(const fs::path& dir, IndexerOptions opts)
      : layout(store::Layout::of(dir)),
        options(std::move(opts)),
        writer(layout, options.batch_size, options.spelling, options.commit_hook) {}

  void discover(const fs::path& input, std::vector<Candidate>& out, IndexReport& report) const;
  void index_file(const Candidate& c, IndexReport& report);
};

void Indexer::Impl::discover(const fs::path& input, std::vector<Candidate>& out,
                             IndexReport& report) const {
  std::error_code ec;
  const fs::file_status status = fs::status(input, ec);
  if (ec || !fs::exists(status)) {
    report.failed.push_back({input.string(), "no such file or directory"});
    return;
  }
  const fs::path root = fs::absolute(input).lexically_normal();
  if (fs::is_regular_file(status)) {
    out.push_back({root, root, fs::file_size(root, ec)});
    return;
  }
  const fs::path index_root = fs::weakly_canonical(layout.root, ec);
  auto it =
      fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    report.failed.push_back({input.string(), "cannot list directory: " + ec.message()});
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      report.failed.push_back({it->path().string(), "cannot list: " + ec.message()});
      ec.clear();
      continue;
    }
    const fs::path& p = it->path();
    // Hidden entries (.git, editor files) and the index itself are never articles.
    if (is_hidden(p) || (it->is_directory(ec) && fs::weakly_canonical(p, ec) == index_root)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) out.push_back({p, root, it->file_size(ec)});
  }
}

void Indexer::Impl::index_file(const Candidate& c, IndexReport& report) {
  const std::string shown = c.file.string();
  const std::optional<Format> format = format_of(c.file);
  if (!format) {
    ++report.files_ignored;
    report.ignored.push_back(shown);
    return;
  }
  std::string reason;
  std::optional<std::string> bytes = slurp(c.file, reason);
  if (!bytes) {
    report.failed.push_back({shown, reason});
    return;
  }
  report.bytes_read += bytes->size();
  if (text::trim(*bytes).empty()) {
    report.failed.push_back({shown, "empty file"});
    return;
  }
  if (text::looks_binary(*bytes)) {
    report.failed.push_back(
        {shown, "binary content behind a " + c.file.extension().string() + " extension"});
    return;
  }
  Article article;
  try {
    if (*format == Format::kText) {
      text::Utf8Repair utf8 = text::repair_utf8(*bytes);
      if (utf8.invalid_bytes > 0) {
        report.repaired.push_back(
            {shown, "invalid UTF-8 at byte " + std::to_string(*utf8.first_invalid_byte) + " (" +
                        std::to_string(utf8.invalid_bytes) + " bytes read as Windows-1252)"});
      }
      article = indexer::read_text_article(utf8.text);
    } else {
      article = indexer::read_html_article(*bytes);
    }
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kInvalidArgument) throw;
    report.failed.push_back({shown, e.what()});
    return;
  }
  article.id = relative_id(c);
  article.path = shown;
  article.content_hash = text::content_hash(article.title + '\n' + article.body);
  writer.add(article);
  ++report.files_indexed;
  ++report.articles_indexed;
}

Indexer::Indexer(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

Indexer::~Indexer() {
  if (!impl_) return;
  try {
    impl_->writer.commit();
  } catch (...) {  // NOLINT(bugprone-empty-catch): destructors never throw; see commit()
  }
}

Indexer Indexer::open(const fs::path& index_dir, IndexerOptions options) {
  if (options.batch_size == 0) {
    throw Error(ErrorCode::kInvalidArgument, "batch_size must be at least 1");
  }
  return Indexer(std::make_unique<Impl>(index_dir, std::move(options)));
}

IndexReport Indexer::index_paths(const std::vector<fs::path>& inputs,
                                 const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  IndexReport report;
  std::vector<Candidate> candidates;
  for (const fs::path& input : inputs) impl_->discover(input, candidates, report);
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.file < b.file; });

  IndexProgress state;
  state.files_total = candidates.size();
  for (const Candidate& c : candidates) state.bytes_total += c.size;
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  for (const Candidate& c : candidates) {
    ++report.files_seen;
    impl_->index_file(c, report);
    ++state.files_done;
    state.bytes_done += c.size;
    state.articles = report.articles_indexed;
    state.seconds = elapsed();
    if (progress) progress(state);
  }
  impl_->writer.commit();
  report.seconds = elapsed();
  return report;
}

void Indexer::add(Article article) {
  if (article.id.empty()) throw Error(ErrorCode::kInvalidArgument, "article id is empty");
  if (article.title.empty() && article.body.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "article " + article.id + " has no text");
  }
  article.content_hash = text::content_hash(article.title + '\n' + article.body);
  impl_->writer.add(article);
}

bool Indexer::remove(std::string_view id) { return impl_->writer.remove(id); }

void Indexer::commit() { impl_->writer.commit(); }

}  // namespace morgue
