// SPDX-License-Identifier: GPL-2.0-or-later
// The Indexer handle: discovering files, skipping unchanged ones, unwrapping containers,
// choosing a reader, reporting, and writing.
#include "morgue/indexer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <set>

#include "container.h"
#include "formats.h"
#include "language.h"
#include "morgue/error.h"
#include "morgue/schema.h"
#include "morgue/text.h"
#include "writer.h"

namespace morgue {
namespace fs = std::filesystem;

namespace {

// Containers inside containers are followed this deep ("a.tar.gz!/b.zip!/c.html" is depth 2).
constexpr int kMaxContainerDepth = 3;

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
std::optional<std::string> slurp(const fs::path& file, std::string& reason,
                                 std::int64_t& mtime_ns) {
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
  if (::fstat(fd, &st) == 0) {
    mtime_ns = std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
    if (st.st_size > 0) bytes.reserve(static_cast<std::size_t>(st.st_size));
  }
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

std::optional<std::int64_t> mtime_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::nullopt;
  return std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
}

std::string relative_id(const Candidate& c) {
  if (c.file == c.root) return c.file.filename().generic_string();
  return c.file.lexically_relative(c.root).generic_string();
}

// The text duplicates are compared on: case and spacing do not make two articles different.
std::string normalised_hash(const Article& a) {
  return text::content_hash(text::ascii_lower(text::collapse_whitespace(a.title)) + '\n' +
                            text::ascii_lower(text::collapse_whitespace(a.body)));
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
  // Reads one source (a file or a container member); returns the articles written.
  std::size_t index_source(const indexer::Source& source, int depth, IndexReport& report,
                           std::set<std::string>& ids_seen, bool& recognised);
  void write(Article&& article, IndexReport& report);
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

void Indexer::Impl::write(Article&& article, IndexReport& report) {
  article.content_hash = normalised_hash(article);
  if (article.lang.empty()) {
    article.lang = indexer::detect_language(article.title + "\n" + article.body);
    if (article.lang.empty()) article.lang = schema::kDefaultLanguageCode;
  }
  if (writer.add(article)) {
    ++report.articles_updated;
  } else {
    ++report.articles_new;
  }
  ++report.articles_indexed;
}

std::size_t Indexer::Impl::index_source(const indexer::Source& source, int depth,
                                        IndexReport& report, std::set<std::string>& ids_seen,
                                        bool& recognised) {
  const std::string name =
      fs::path(source.path.substr(
                   source.path.rfind("!/") == std::string::npos ? 0 : source.path.rfind("!/") + 2))
          .filename()
          .string();
  if (indexer::is_container_name(name)) {
    recognised = true;
    if (depth >= kMaxContainerDepth) {
      report.repaired.push_back({source.path, "container nested too deep; not opened"});
      return 0;
    }
    std::size_t written = 0;
    indexer::for_each_member(
        source.bytes, name, indexer::ContainerLimits{},
        [&](indexer::Member&& member) {
          const indexer::Source inner{source.path + "!/" + member.name,
                                      source.id + "!/" + member.name, member.bytes};
          bool inner_recognised = false;
          try {
            written += index_source(inner, depth + 1, report, ids_seen, inner_recognised);
          } catch (const Error& e) {
            if (e.code() != ErrorCode::kInvalidArgument) throw;
            report.repaired.push_back({inner.path, e.what()});
          }
          if (!inner_recognised) report.ignored.push_back(inner.path);
        },
        [&](std::string message) {
          report.repaired.push_back({source.path, std::move(message)});
        });
    return written;
  }

  std::optional<indexer::Format> format = indexer::format_from_name(name);
  if (!format) format = indexer::sniff_format(source.bytes);
  if (!format) return 0;
  recognised = true;
  if (text::trim(source.bytes).empty()) throw Error(ErrorCode::kInvalidArgument, "empty file");
  // WARC records carry images and other binary payloads among the pages.
  if (*format != indexer::Format::kWarc && text::looks_binary(source.bytes)) {
    throw Error(ErrorCode::kInvalidArgument,
                "binary content behind a " + fs::path(name).extension().string() + " extension");
  }
  indexer::ReadContext context;
  context.field_overrides.insert(options.field_map.begin(), options.field_map.end());
  std::vector<std::string> warnings;
  context.warn = [&](std::string message) { warnings.push_back(std::move(message)); };
  std::size_t written = 0;
  indexer::read_source(*format, source, context, [&](Article&& article) {
    if (article.id.empty()) {
      article.id = written == 0 ? source.id : source.id + "#" + std::to_string(written + 1);
    }
    if (article.path.empty()) article.path = source.path;
    // Two records with one id in one file: the later one wins, as it would across files.
    ids_seen.insert(article.id);
    write(std::move(article), report);
    ++written;
  });
  for (std::string& w : warnings) report.repaired.push_back({source.path, std::move(w)});
  return written;
}

void Indexer::Impl::index_file(const Candidate& c, IndexReport& report) {
  const std::string file = c.file.string();
  const std::optional<indexer::StoreWriter::FileRecord> known = writer.file_record(file);
  const std::optional<std::int64_t> mtime = mtime_of(c.file);
  if (known && mtime && known->size == static_cast<std::int64_t>(c.size) &&
      known->mtime_ns == *mtime) {
    ++report.files_unchanged;
    return;
  }
  std::string reason;
  std::int64_t mtime_ns = 0;
  std::optional<std::string> bytes = slurp(c.file, reason, mtime_ns);
  if (!bytes) {
    report.failed.push_back({file, reason});
    return;
  }
  report.bytes_read += bytes->size();
  indexer::StoreWriter::FileRecord record{file, static_cast<std::int64_t>(bytes->size()), mtime_ns,
                                          text::content_hash(*bytes), 0};
  if (known && known->content_hash == record.content_hash) {
    // Touched but not changed: remember the new time so the next run skips it unread.
    record.articles = known->articles;
    writer.record_file(record);
    ++report.files_unchanged;
    return;
  }

  std::set<std::string> ids_seen;
  bool recognised = false;
  std::size_t written = 0;
  try {
    written = index_source({file, relative_id(c), *bytes}, 0, report, ids_seen, recognised);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kInvalidArgument) throw;
    report.failed.push_back({file, e.what()});
    return;
  }
  if (!recognised) {
    ++report.files_ignored;
    report.ignored.push_back(file);
    return;
  }
  if (written == 0) {
    report.failed.push_back({file, "no article found"});
    return;
  }
  // Articles the file held last time but no longer does.
  if (known) {
    for (const std::string& id : writer.ids_of_file(file)) {
      if (ids_seen.count(id) == 0 && writer.remove(id)) ++report.articles_removed;
    }
  }
  record.articles = static_cast<std::int64_t>(written);
  writer.record_file(record);
  ++report.files_indexed;
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
                                 const ProgressCallback& progress, bool prune) {
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
  if (prune) {
    std::set<std::string> present;
    for (const Candidate& c : candidates) present.insert(c.file.string());
    for (const fs::path& input : inputs) {
      const std::string root = fs::absolute(input).lexically_normal().string();
      for (const std::string& file : impl_->writer.files_under(root)) {
        if (present.count(file) == 0 && !fs::exists(file)) {
          report.articles_removed += impl_->writer.remove_file(file);
        }
      }
    }
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
  IndexReport ignored;
  impl_->write(std::move(article), ignored);
}

bool Indexer::remove(std::string_view id) { return impl_->writer.remove(id); }

void Indexer::commit() { impl_->writer.commit(); }

}  // namespace morgue
