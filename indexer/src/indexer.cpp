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
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "container.h"
#include "document_builder.h"
#include "entities.h"
#include "field_mapping.h"
#include "format_readers.h"
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

// What sniff_format() reads of a file whose name does not give its format.
constexpr std::size_t kSniffBytes = 4096;

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

// An open file descriptor, closed on scope exit.
struct Fd {
  int fd = -1;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  explicit Fd(const fs::path& file) : fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  // Appends up to `max` bytes to `out`; returns how many (0 at the end); throws on an error.
  std::size_t read_into(std::string& out, std::size_t max) const {
    const std::size_t old = out.size();
    out.resize(old + max);
    while (true) {
      const ssize_t n = ::read(fd, out.data() + old, max);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        out.resize(old);
        throw Error(ErrorCode::kIo, std::string("read error: ") + std::strerror(errno));
      }
      out.resize(old + static_cast<std::size_t>(n));
      return static_cast<std::size_t>(n);
    }
  }
};

// Hashes what is left of `in` into `hasher`; returns how many bytes that was. Throws Error{kIo}.
std::uint64_t hash_to_end(const Fd& in, text::ContentHasher& hasher) {
  std::uint64_t total = 0;
  std::string block;
  while (true) {
    block.clear();
    const std::size_t n = in.read_into(block, std::size_t{1} << 20);
    if (n == 0) return total;
    hasher.update(block);
    total += n;
  }
}

// The first bytes of a stream, enough for sniff_format(). `Reader` has read_into(out, max).
template <typename Reader>
std::string first_bytes(Reader& reader) {
  std::string head;
  while (head.size() < kSniffBytes && reader.read_into(head, kSniffBytes - head.size()) > 0) {
  }
  return head;
}

// The first bytes of the file, or of the file inside it when `compressed`; empty if it cannot
// be read (reading it whole then reports why).
std::string first_bytes_of(const fs::path& file, bool compressed) {
  try {
    if (compressed) {
      indexer::DecompressingReader reader(file, {});
      return first_bytes(reader);
    }
    const Fd in(file);
    return in.fd < 0 ? std::string() : first_bytes(in);
  } catch (const Error&) {
    return {};
  }
}

// Hashes the whole file into `hasher`; returns its size, or nullopt with `reason` set.
std::optional<std::uint64_t> hash_file(const fs::path& file, text::ContentHasher& hasher,
                                       std::string& reason) {
  const Fd in(file);
  if (in.fd < 0) {
    reason = std::string("cannot open: ") + std::strerror(errno);
    return std::nullopt;
  }
  try {
    return hash_to_end(in, hasher);
  } catch (const Error& e) {
    reason = e.what();
    return std::nullopt;
  }
}

std::int64_t mtime_ns_of(const struct stat& st) {
  return std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
}

// Reads the whole file; sets `reason` (naming the system error) when it cannot.
std::optional<std::string> slurp(const fs::path& file, std::string& reason,
                                 std::int64_t& mtime_ns) {
  const Fd in(file);
  if (in.fd < 0) {
    reason = std::string("cannot open: ") + std::strerror(errno);
    return std::nullopt;
  }
  std::string bytes;
  struct stat st {};
  if (::fstat(in.fd, &st) == 0) {
    mtime_ns = mtime_ns_of(st);
    // Room for the last, empty read too: read_into() grows the string before reading.
    if (st.st_size > 0) {
      bytes.reserve(static_cast<std::size_t>(st.st_size) + (std::size_t{1} << 16));
    }
  }
  try {
    while (in.read_into(bytes, std::size_t{1} << 16) > 0) {
    }
  } catch (const Error& e) {
    reason = e.what();
    return std::nullopt;
  }
  return bytes;
}

std::optional<std::int64_t> mtime_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::nullopt;
  return mtime_ns_of(st);
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

// Files a worker may be ahead of the writer, and prepared articles one file may hold before its
// worker waits for the writer: together they bound the memory of a run, whatever its size.
constexpr std::size_t kFilesAhead = 8;
constexpr std::size_t kArticlesQueued = 256;
// The writer sleeps until this many articles wait (or the file is done): waking it for every
// article, and every waiting worker with it, cost most of a run's context switches (issue 6).
constexpr std::size_t kHandOver = 32;
static_assert(kHandOver <= kArticlesQueued);

// One file's trip through the pipeline: a worker reads it and prepares its articles, the writer
// writes them in discovery order, so results never depend on thread timing.
struct FileJob {
  Candidate candidate;
  std::optional<indexer::StoreWriter::FileRecord> known;  // from an earlier run

  // Filled by the worker; `articles` is drained by the writer while the worker goes on.
  enum class Outcome { kUnchanged, kTouched, kRead, kFailed };
  std::deque<indexer::PreparedArticle> articles;
  bool done = false;
  Outcome outcome = Outcome::kRead;
  indexer::StoreWriter::FileRecord record;
  std::set<std::string> ids_seen;
  std::size_t written = 0;
  bool recognised = false;
  IndexReport notes;  // failed, repaired and ignored entries of this file
  std::exception_ptr error;
};

// Where a piece of a large file starts (Impl::stream_file): what came before it.
struct PieceStart {
  std::size_t articles = 0;
  std::size_t lines = 0;
  std::size_t records = 0;
  std::uint64_t bytes = 0;
  // CSV and XML: the file's beginning, which a later piece lacks: through the header row
  // (csv_cut), or up to the first record (xml_cut).
  std::string head;
  std::string xml_close;      // XML: the end tags that every piece but the last lacks
  std::size_t xml_depth = 0;  // XML: the depth of the records (xml_cut)
  // JSON: the name of the wrapper object's member that holds the records (json_array_cut), or
  // nullopt when the file is an array.
  std::optional<std::string> json_wrapper_key;
  bool piece = false;  // false for a whole source
  bool last = false;   // the piece ends the file
  // A piece's format, chosen for its file: a later piece of an ".xml" file need not look like
  // a feed (sniff_format() wants its root element).
  std::optional<indexer::Format> format;
};

bool is_xml(indexer::Format format) {
  return format == indexer::Format::kFeed || format == indexer::Format::kNewsXml;
}

// The formats whose files read_in_pieces() may cut: one record per line, records closed by a
// tag that cannot occur inside one, records that give their own length, CSV rows (found by the
// CSV parser, as quoted fields may hold line breaks), the elements of a JSON array, or the items
// of a feed or a NewsML-G2 message (found by a scan of the markup).
bool is_cuttable(indexer::Format format) {
  return format == indexer::Format::kJsonLines || format == indexer::Format::kReutersSgml ||
         format == indexer::Format::kWarc || format == indexer::Format::kCsv ||
         format == indexer::Format::kJson || is_xml(format);
}

// Where a piece may end: after the last whole record of `bytes` (0 if there is none yet).
// `last` when nothing after this piece is to be read (a malformed WARC record: see warc_cut).
// For CSV, JSON, XML and WARC, the positions the cut found on the way: `lines` or `records`
// before `end`; in the first piece of a CSV or XML file, where its head ends (and for XML what
// closes a piece, and the records' depth).
struct Cut {
  std::size_t end = 0;
  bool last = false;
  bool never = false;  // the stream cannot be cut at all: read it whole
  std::size_t lines = 0;
  std::size_t head_end = 0;
  std::size_t records = 0;
  std::string close;
  std::size_t depth = 0;
  std::optional<std::string> json_wrapper_key;
};

// `is_field_name`: whether a JSON member of that name holds an article field (FieldMapper), so
// is no wrapper's records.
Cut whole_records(indexer::Format format, std::string_view bytes, const PieceStart& before,
                  const std::function<bool(std::string_view)>& is_field_name) {
  if (format == indexer::Format::kCsv) {
    const indexer::CsvCut cut = indexer::csv_cut(bytes, before.head);
    return {.end = cut.end, .lines = cut.lines, .head_end = cut.header_end};
  }
  if (is_xml(format)) {
    indexer::XmlCut cut = indexer::xml_cut(bytes, before.xml_depth);
    // No record starts in a whole first piece (a NITF document, other XML): read it whole, not
    // scanned again with every block read.
    return {.end = cut.end,
            .never = cut.never || (before.bytes == 0 && cut.depth == 0),
            .head_end = cut.head_end,
            .records = cut.records,
            .close = std::move(cut.close),
            .depth = cut.depth};
  }
  if (format == indexer::Format::kJson) {
    indexer::JsonCut cut = indexer::json_array_cut(bytes, before.bytes == 0, is_field_name);
    return {.end = cut.end,
            .never = cut.not_array,
            .lines = cut.lines,
            .records = cut.records,
            .json_wrapper_key = std::move(cut.wrapper_key)};
  }
  if (format == indexer::Format::kJsonLines) {
    const std::size_t newline = bytes.rfind('\n');
    return {newline == std::string_view::npos ? 0 : newline + 1};
  }
  if (format == indexer::Format::kWarc) {
    const indexer::WarcCut cut = indexer::warc_cut(bytes);
    return {.end = cut.end, .last = cut.malformed, .records = cut.records};
  }
  constexpr std::string_view kClose = "</REUTERS>";
  const std::size_t close = bytes.rfind(kClose);
  return {close == std::string_view::npos ? 0 : close + kClose.size()};
}

// A compressed file is read in pieces from this fraction of the piece size up: news text
// compresses three to ten times.
constexpr std::size_t kCompressedShare = 4;

std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// Reads up to `max` more bytes of a stream into `out`; returns how many, 0 at its end. Throws
// Error{kInvalidArgument} when the stream is damaged or too long, Error{kIo} on a read error.
using ReadMore = std::function<std::size_t(std::string& out, std::size_t max)>;

// What Impl::read_in_pieces() made of a stream.
struct PieceRun {
  std::size_t articles = 0;
  std::string damage;       // why the stream ended early: ReadMore's kInvalidArgument
  std::string first_error;  // of a piece without any article
  // Set when no piece was read: the stream fits in one piece, or cannot be cut (a JSON document
  // that is no array). The bytes read so far; `ended` when that is the whole stream.
  std::optional<std::string> unread;
  bool ended = false;
};

// Walks a container's members, in memory or on disk: stream_members() or
// stream_members_of_file() with the container bound.
using ContainerWalk = std::function<void(const std::function<void(indexer::MemberReader&)>&,
                                         const std::function<void(std::string)>&)>;

}  // namespace

struct Indexer::Impl {
  store::Layout layout;
  IndexerOptions options;
  indexer::StoreWriter writer;
  const indexer::EntityExtractor* extractor = nullptr;
  indexer::DocumentBuilder own_builder;  // for add(), on the caller's thread

  Impl(const fs::path& dir, IndexerOptions opts)
      : layout(store::Layout::of(dir)),
        options(std::move(opts)),
        writer(layout, options.batch_size, options.spelling,
               {.shards = !options.bulk         ? 0U
                          : options.shards != 0 ? options.shards
                                                : std::max(1U, std::thread::hardware_concurrency()),
                .segment_docs = options.shard_segment_docs},
               options.commit_hook),
        extractor(options.entities ? &indexer::EntityExtractor::shared() : nullptr) {}

  void discover(const fs::path& input, std::vector<Candidate>& out, IndexReport& report) const;
  // Worker side: everything that needs no database. Thread-safe.
  void read_file(FileJob& job, indexer::DocumentBuilder& builder,
                 const std::function<void(indexer::PreparedArticle&&)>& emit) const;
  // Reads one source (a file, a container member, or a piece of a large file whose earlier
  // pieces gave `before.articles` articles); returns the articles it gave.
  std::size_t read_source(const indexer::Source& source, int depth, FileJob& job,
                          indexer::DocumentBuilder& builder,
                          const std::function<void(indexer::PreparedArticle&&)>& emit,
                          const PieceStart& before = {}) const;
  // read_file() for a large file of a record format, plain or compressed (then `member` names
  // the file inside, "2019.jsonl" for "2019.jsonl.gz"; `mtime_ns` is the file's), in pieces: see
  // IndexerOptions::stream_chunk_bytes. Returns false, having read nothing, if the file
  // should be read whole after all.
  bool stream_file(FileJob& job, indexer::Format format, const std::string& member,
                   std::int64_t mtime_ns, indexer::DocumentBuilder& builder,
                   const std::function<void(indexer::PreparedArticle&&)>& emit) const;
  // read_file() for a large archive (tar, zip): read from disk member by member, never whole.
  void stream_archive(FileJob& job, std::int64_t mtime_ns, indexer::DocumentBuilder& builder,
                      const std::function<void(indexer::PreparedArticle&&)>& emit) const;
  // Reads the members of the container at `path` (its articles' ids start with `id`), which
  // lies at `depth`; returns the articles they gave. A member's problem is a warning.
  std::size_t read_container(const ContainerWalk& walk, const std::string& path,
                             const std::string& id, int depth, FileJob& job,
                             indexer::DocumentBuilder& builder,
                             const std::function<void(indexer::PreparedArticle&&)>& emit) const;
  // Reads one member at `depth`: a large one of a record format in pieces, any other whole.
  std::size_t read_member(indexer::MemberReader& member, const std::string& outer_path,
                          const std::string& outer_id, int depth, FileJob& job,
                          indexer::DocumentBuilder& builder,
                          const std::function<void(indexer::PreparedArticle&&)>& emit) const;
  // Reads a stream of `format` in pieces cut between records (IndexerOptions::
  // stream_chunk_bytes), each a source named `path` and `id` at `depth`. A kInvalidArgument
  // from `read_more` ends the stream; the whole records before it are read.
  PieceRun read_in_pieces(indexer::Format format, const std::string& path, const std::string& id,
                          int depth, const ReadMore& read_more, FileJob& job,
                          indexer::DocumentBuilder& builder,
                          const std::function<void(indexer::PreparedArticle&&)>& emit) const;
  [[nodiscard]] indexer::PreparedArticle prepare(Article&& article,
                                                 indexer::DocumentBuilder& builder) const;
  // Writer side.
  void write(indexer::PreparedArticle&& prepared, IndexReport& report);
  void finish_file(FileJob& job, IndexReport& report);
  void run_pipeline(std::vector<FileJob>& jobs, IndexReport& report,
                    const std::function<void()>& file_done);
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

indexer::PreparedArticle Indexer::Impl::prepare(Article&& article,
                                                indexer::DocumentBuilder& builder) const {
  article.content_hash = normalised_hash(article);
  if (article.lang.empty()) {
    article.lang = indexer::detect_language(article.title + "\n" + article.body);
    if (article.lang.empty()) article.lang = schema::kDefaultLanguageCode;
  }
  if (article.entities.empty() && extractor != nullptr) {
    article.entities = extractor->extract(article.title, article.body);
  }
  return builder.build(std::move(article));
}

void Indexer::Impl::write(indexer::PreparedArticle&& prepared, IndexReport& report) {
  if (writer.add(std::move(prepared))) {
    ++report.articles_updated;
  } else {
    ++report.articles_new;
  }
  ++report.articles_indexed;
}

std::size_t Indexer::Impl::read_source(const indexer::Source& source, int depth, FileJob& job,
                                       indexer::DocumentBuilder& builder,
                                       const std::function<void(indexer::PreparedArticle&&)>& emit,
                                       const PieceStart& before) const {
  IndexReport& notes = job.notes;
  const std::string name =
      fs::path(source.path.substr(
                   source.path.rfind("!/") == std::string::npos ? 0 : source.path.rfind("!/") + 2))
          .filename()
          .string();
  if (indexer::is_container_name(name)) {
    job.recognised = true;
    if (depth >= kMaxContainerDepth) {
      notes.repaired.push_back({source.path, "container nested too deep; not opened"});
      return 0;
    }
    const ContainerWalk walk = [&](const auto& on_member, const auto& warn) {
      indexer::stream_members(source.bytes, name, indexer::ContainerLimits{}, on_member, warn);
    };
    return read_container(walk, source.path, source.id, depth, job, builder, emit);
  }

  std::optional<indexer::Format> format = before.format;
  if (!format) format = indexer::format_from_name(name);
  if (!format) format = indexer::sniff_format(source.bytes);
  if (!format) return 0;
  job.recognised = true;
  if (text::trim(source.bytes).empty()) throw Error(ErrorCode::kInvalidArgument, "empty file");
  // WARC records carry images and other binary payloads among the pages.
  if (*format != indexer::Format::kWarc && text::looks_binary(source.bytes)) {
    throw Error(ErrorCode::kInvalidArgument,
                "binary content behind a " + fs::path(name).extension().string() + " extension");
  }
  indexer::ReadContext context;
  context.field_overrides.insert(options.field_map.begin(), options.field_map.end());
  context.lines_before = before.lines;
  context.records_before = before.records;
  context.bytes_before = before.bytes;
  context.head = before.head;
  if (!before.last) context.xml_close = before.xml_close;
  context.json_array_piece = before.piece && *format == indexer::Format::kJson;
  if (context.json_array_piece) context.json_wrapper_key = before.json_wrapper_key;
  std::vector<std::string> warnings;
  context.warn = [&](std::string message) { warnings.push_back(std::move(message)); };
  std::size_t written = 0;
  indexer::read_source(*format, source, context, [&](Article&& article) {
    if (article.id.empty()) {
      const std::size_t n = before.articles + written;
      article.id = n == 0 ? source.id : source.id + "#" + std::to_string(n + 1);
    }
    if (article.path.empty()) article.path = source.path;
    // Two records with one id in one file: the later one wins, as it would across files.
    job.ids_seen.insert(article.id);
    emit(prepare(std::move(article), builder));
    ++written;
  });
  for (std::string& w : warnings) notes.repaired.push_back({source.path, std::move(w)});
  return written;
}

void Indexer::Impl::read_file(FileJob& job, indexer::DocumentBuilder& builder,
                              const std::function<void(indexer::PreparedArticle&&)>& emit) const {
  const Candidate& c = job.candidate;
  const std::string file = c.file.string();
  const std::optional<std::int64_t> mtime = mtime_of(c.file);
  if (job.known && mtime && job.known->size == static_cast<std::int64_t>(c.size) &&
      job.known->mtime_ns == *mtime) {
    job.outcome = FileJob::Outcome::kUnchanged;
    return;
  }
  if (c.size > options.stream_chunk_bytes / kCompressedShare) {
    const std::string name = c.file.filename().string();
    const std::string member = indexer::single_compressed_member(name);
    if (member.empty() && indexer::is_container_name(name)) {
      stream_archive(job, mtime.value_or(0), builder, emit);
      return;
    }
    std::optional<indexer::Format> format =
        indexer::format_from_name(member.empty() ? name : member);
    const bool large = !member.empty() || c.size > options.stream_chunk_bytes;
    // An ".xml" file, or one without a known extension: its first bytes tell.
    if (!format && large && !indexer::is_container_name(member)) {
      format = indexer::sniff_format(first_bytes_of(c.file, !member.empty()));
    }
    if (large && format && is_cuttable(*format) &&
        stream_file(job, *format, member, mtime.value_or(0), builder, emit)) {
      return;
    }
  }
  std::string reason;
  std::int64_t mtime_ns = 0;
  std::optional<std::string> bytes = slurp(c.file, reason, mtime_ns);
  if (!bytes) {
    job.outcome = FileJob::Outcome::kFailed;
    job.notes.failed.push_back({file, reason});
    return;
  }
  job.notes.bytes_read = bytes->size();
  job.record = {file, static_cast<std::int64_t>(bytes->size()), mtime_ns,
                text::content_hash(*bytes), 0};
  if (job.known && job.known->content_hash == job.record.content_hash) {
    // Touched but not changed: remember the new time so the next run skips it unread.
    job.record.articles = job.known->articles;
    job.outcome = FileJob::Outcome::kTouched;
    return;
  }
  try {
    job.written = read_source({file, relative_id(c), *bytes}, 0, job, builder, emit);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kInvalidArgument) throw;
    job.outcome = FileJob::Outcome::kFailed;
    job.notes.failed.push_back({file, e.what()});
    return;
  }
  job.outcome = FileJob::Outcome::kRead;
}

bool Indexer::Impl::stream_file(FileJob& job, indexer::Format format, const std::string& member,
                                std::int64_t mtime_ns, indexer::DocumentBuilder& builder,
                                const std::function<void(indexer::PreparedArticle&&)>& emit) const {
  const Candidate& c = job.candidate;
  const std::string file = c.file.string();
  const auto fail = [&](std::string reason) {
    job.outcome = FileJob::Outcome::kFailed;
    job.notes.failed.push_back({file, std::move(reason)});
    return true;
  };
  std::uint64_t size = 0;
  // A file read before: hash it first (xxHash runs at memory speed), so a touched file is not
  // parsed again.
  if (job.known) {
    text::ContentHasher hasher;
    std::string reason;
    const std::optional<std::uint64_t> total = hash_file(c.file, hasher, reason);
    if (!total) return fail(reason);
    const std::string hash = hasher.hex();
    if (job.known->content_hash == hash) {
      job.notes.bytes_read = *total;
      job.record = {file, static_cast<std::int64_t>(*total), mtime_ns, hash, job.known->articles};
      job.outcome = FileJob::Outcome::kTouched;
      return true;
    }
  }

  text::ContentHasher hasher;
  // The file's bytes, or those of the file inside a compressed one; the hash is of the file's
  // own bytes either way.
  std::optional<Fd> plain;
  std::optional<indexer::DecompressingReader> compressed;
  try {
    if (member.empty()) {
      plain.emplace(c.file);
      if (plain->fd < 0) return fail(std::string("cannot open: ") + std::strerror(errno));
    } else {
      compressed.emplace(c.file, [&](std::string_view bytes) { hasher.update(bytes); });
    }
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kIo && e.code() != ErrorCode::kInvalidArgument) throw;
    return fail(e.what());
  }
  // Reading the file inside a compressed one: where its articles say they come from, and the
  // bound on how far it may expand (a small hostile file must not run for ever).
  const std::string source_path = member.empty() ? file : file + "!/" + member;
  const std::string source_id = member.empty() ? relative_id(c) : relative_id(c) + "!/" + member;
  const std::uint64_t max_bytes = indexer::ContainerLimits{}.max_total_bytes;
  std::uint64_t content_bytes = 0;
  const auto read_more = [&](std::string& out, std::size_t max) -> std::size_t {
    if (compressed) {
      const std::size_t n = compressed->read_into(out, max);
      content_bytes += n;
      if (content_bytes > max_bytes) {
        throw Error(ErrorCode::kInvalidArgument,
                    "stopped after " + std::to_string(max_bytes) + " bytes uncompressed");
      }
      return n;
    }
    const std::size_t old = out.size();
    const std::size_t n = plain->read_into(out, max);
    hasher.update(std::string_view(out).substr(old));
    content_bytes += n;
    return n;
  };
  PieceRun run;
  try {
    run = read_in_pieces(format, source_path, source_id, member.empty() ? 0 : 1, read_more, job,
                         builder, emit);
    // The whole file fits in one piece after all, or cannot be cut: the ordinary path reads it.
    if (run.unread) return false;
    // The hash covers the whole file, read to its end or not.
    size =
        compressed ? compressed->finish_file_bytes() : content_bytes + hash_to_end(*plain, hasher);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kIo) throw;
    return fail(e.what());
  }
  job.notes.bytes_read = size;
  job.record = {file, static_cast<std::int64_t>(size), mtime_ns, hasher.hex(), 0};
  if (run.articles == 0) {
    // Nothing readable anywhere: the file fails as a whole, as when read whole.
    std::erase_if(job.notes.repaired, [&](const FileIssue& f) { return f.path == source_path; });
    return fail(!run.damage.empty()       ? run.damage
                : run.first_error.empty() ? "no article"
                                          : run.first_error);
  }
  if (!run.damage.empty()) job.notes.repaired.push_back({file, run.damage});
  job.written = run.articles;
  job.outcome = FileJob::Outcome::kRead;
  return true;
}

void Indexer::Impl::stream_archive(
    FileJob& job, std::int64_t mtime_ns, indexer::DocumentBuilder& builder,
    const std::function<void(indexer::PreparedArticle&&)>& emit) const {
  const Candidate& c = job.candidate;
  const std::string file = c.file.string();
  const auto fail = [&](std::string reason) {
    job.outcome = FileJob::Outcome::kFailed;
    job.notes.failed.push_back({file, std::move(reason)});
  };
  // Hashed in a pass of its own: libarchive seeks about a zip (to its central directory), so its
  // reads are no single pass to hash. The pass also keeps a touched archive from being opened.
  text::ContentHasher hasher;
  std::string reason;
  const std::optional<std::uint64_t> size = hash_file(c.file, hasher, reason);
  if (!size) return fail(reason);
  job.notes.bytes_read = *size;
  job.record = {file, static_cast<std::int64_t>(*size), mtime_ns, hasher.hex(), 0};
  if (job.known && job.known->content_hash == job.record.content_hash) {
    job.record.articles = job.known->articles;
    job.outcome = FileJob::Outcome::kTouched;
    return;
  }
  job.recognised = true;
  const ContainerWalk walk = [&](const auto& on_member, const auto& warn) {
    indexer::stream_members_of_file(c.file, c.file.filename().string(), indexer::ContainerLimits{},
                                    on_member, warn);
  };
  try {
    job.written = read_container(walk, file, relative_id(c), 0, job, builder, emit);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kInvalidArgument && e.code() != ErrorCode::kIo) throw;
    return fail(e.what());
  }
  job.outcome = FileJob::Outcome::kRead;
}

std::size_t Indexer::Impl::read_container(
    const ContainerWalk& walk, const std::string& path, const std::string& id, int depth,
    FileJob& job, indexer::DocumentBuilder& builder,
    const std::function<void(indexer::PreparedArticle&&)>& emit) const {
  std::size_t written = 0;
  walk(
      [&](indexer::MemberReader& member) {
        const std::string member_path = path + "!/" + member.name();
        const bool outer_recognised = job.recognised;
        job.recognised = false;
        try {
          written += read_member(member, path, id, depth + 1, job, builder, emit);
        } catch (const Error& e) {
          if (e.code() != ErrorCode::kInvalidArgument) throw;
          // A member that could not be read is the container's to report (stream_members()).
          if (!member.failed()) job.notes.repaired.push_back({member_path, e.what()});
        }
        if (!job.recognised && !member.failed()) job.notes.ignored.push_back(member_path);
        job.recognised = outer_recognised;
      },
      [&](std::string message) {
        job.notes.repaired.push_back({path, std::move(message)});
      });
  return written;
}

std::size_t Indexer::Impl::read_member(
    indexer::MemberReader& member, const std::string& outer_path, const std::string& outer_id,
    int depth, FileJob& job, indexer::DocumentBuilder& builder,
    const std::function<void(indexer::PreparedArticle&&)>& emit) const {
  const indexer::Source whole{
      outer_path + "!/" + member.name(), outer_id + "!/" + member.name(), {}};
  const std::string name = fs::path(member.name()).filename().string();
  const bool container = indexer::is_container_name(name);
  std::optional<indexer::Format> format =
      container ? std::nullopt : indexer::format_from_name(name);
  // An ".xml" member, or one without a known extension: its first bytes tell.
  std::string first;
  if (!container && !format) {
    first = first_bytes(member);
    format = indexer::sniff_format(first);
  }
  if (!format || !is_cuttable(*format)) {
    const std::string bytes = first + member.read_all();
    return read_source({whole.path, whole.id, bytes}, depth, job, builder, emit);
  }
  job.recognised = true;
  const ReadMore read_more = [&member, &first](std::string& out, std::size_t max) {
    if (first.empty()) return member.read_into(out, max);
    out += first;
    const std::size_t n = first.size();
    first.clear();
    return n;
  };
  PieceRun run =
      read_in_pieces(*format, whole.path, whole.id, depth, read_more, job, builder, emit);
  if (run.unread) {
    std::string bytes = std::move(*run.unread);
    if (!run.ended) bytes += member.read_all();
    return read_source({whole.path, whole.id, bytes}, depth, job, builder, emit);
  }
  if (run.articles == 0) {
    // Nothing readable anywhere: the member fails as a whole, as when read whole.
    std::erase_if(job.notes.repaired, [&](const FileIssue& f) { return f.path == whole.path; });
    throw Error(ErrorCode::kInvalidArgument, !run.damage.empty()       ? run.damage
                                             : run.first_error.empty() ? "no article"
                                                                       : run.first_error);
  }
  return run.articles;
}

PieceRun Indexer::Impl::read_in_pieces(
    indexer::Format format, const std::string& path, const std::string& id, int depth,
    const ReadMore& read_more, FileJob& job, indexer::DocumentBuilder& builder,
    const std::function<void(indexer::PreparedArticle&&)>& emit) const {
  const std::size_t chunk = std::max<std::size_t>(options.stream_chunk_bytes, 4096);
  PieceRun run;
  std::string buffer;  // the bytes read and not yet given to a reader
  PieceStart next{.piece = true, .format = format};
  const indexer::FieldMapper fields(
      indexer::FieldMap(options.field_map.begin(), options.field_map.end()));
  const std::function<bool(std::string_view)> is_field_name = [&fields](std::string_view name) {
    return fields.is_field_name(name);
  };
  bool at_end = false;
  bool stop = false;  // nothing more to read: a malformed record, or the stream was damaged
  while (!stop && (!at_end || !buffer.empty())) {
    // Fill up to one chunk; past it only while the buffer holds no whole record yet. A record
    // larger than a chunk is looked for again only once the buffer has doubled: scanning after
    // every block would make a huge record (a quoted CSV field, a JSON element) cost time
    // quadratic in its size; this way the scans add up to twice its size at most.
    Cut cut;
    std::size_t scan_at = chunk;
    while (!at_end) {
      const std::size_t want = buffer.size() < chunk ? chunk - buffer.size() : chunk;
      std::size_t n = 0;
      try {
        n = read_more(buffer, want);
      } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) throw;
        // The whole records before the damage are read, as stream_members() delivers the
        // members before it; the rest is lost.
        run.damage = e.what();
      }
      at_end = n == 0;
      if (buffer.size() >= scan_at) {
        cut = whole_records(format, buffer, next, is_field_name);
        if (cut.never) {
          run.unread = std::move(buffer);
          return run;
        }
        if (cut.end > 0) break;
        scan_at = buffer.size() * 2;
      }
    }
    if (at_end) {
      // Damaged: the whole records before the damage, with what their cut found.
      if (run.damage.empty()) {
        cut.end = buffer.size();
      } else {
        cut = whole_records(format, buffer, next, is_field_name);
      }
    }
    stop = cut.last || !run.damage.empty();
    if (next.bytes == 0 && cut.end == buffer.size() && at_end && !stop) {
      run.unread = std::move(buffer);
      run.ended = true;
      return run;
    }
    const std::string_view piece = std::string_view(buffer).substr(0, cut.end);
    next.last = at_end && run.damage.empty() && cut.end == buffer.size();
    if (is_xml(format) && next.bytes == 0) {
      // The first piece has the file's head; it lacks the end tags, as every later one does.
      next.xml_close = std::move(cut.close);
      next.xml_depth = cut.depth;
    }
    if (format == indexer::Format::kJson && next.bytes == 0) {
      next.json_wrapper_key = std::move(cut.json_wrapper_key);
    }
    // Whitespace, or an XML file's end tags, after the last record may end up alone in the
    // last piece: nothing to read.
    const bool no_records =
        text::trim(piece).empty() ||
        (is_xml(format) && next.bytes > 0 && indexer::xml_cut(piece, next.xml_depth).records == 0);
    std::size_t written = 0;
    try {
      if (!no_records) {
        written = read_source({path, id, piece}, depth, job, builder, emit, next);
      }
    } catch (const Error& e) {
      if (e.code() != ErrorCode::kInvalidArgument) throw;
      // A piece without a readable article, in a stream that may have others: a warning
      // unless the whole stream turns out to have none.
      if (run.first_error.empty()) run.first_error = e.what();
      job.notes.repaired.push_back({path, "bytes " + std::to_string(next.bytes) + "-" +
                                              std::to_string(next.bytes + piece.size()) + ": " +
                                              e.what()});
    }
    next.articles += written;
    // Each reader numbers what it reports by: JSON Lines and CSV by line, JSON by record and
    // line, SGML, WARC and XML by record. Only a next piece needs them, so only a piece cut by
    // whole_records(), whose CSV, JSON and WARC counts came with the cut (the last piece's, cut at
    // the end, are not).
    if (format == indexer::Format::kCsv) {
      next.lines += cut.lines;
      if (next.bytes == 0) next.head = buffer.substr(0, cut.head_end);
    } else if (is_xml(format)) {
      next.records += cut.records;
      if (next.bytes == 0) next.head = buffer.substr(0, cut.head_end);
    } else if (format == indexer::Format::kJsonLines) {
      next.lines += count_of(piece, "\n");
    } else if (format == indexer::Format::kWarc) {
      next.records += cut.records;
    } else if (format == indexer::Format::kJson) {
      next.lines += cut.lines;
      next.records += cut.records;
    } else {
      next.records += count_of(piece, "<REUTERS");
    }
    next.bytes += piece.size();
    buffer.erase(0, cut.end);
  }
  run.articles = next.articles;
  return run;
}

void Indexer::Impl::finish_file(FileJob& job, IndexReport& report) {
  const std::string file = job.candidate.file.string();
  report.bytes_read += job.notes.bytes_read;
  for (FileIssue& f : job.notes.repaired) report.repaired.push_back(std::move(f));
  for (FileIssue& f : job.notes.failed) report.failed.push_back(std::move(f));
  for (std::string& f : job.notes.ignored) report.ignored.push_back(std::move(f));
  switch (job.outcome) {
    case FileJob::Outcome::kUnchanged:
      ++report.files_unchanged;
      return;
    case FileJob::Outcome::kTouched:
      writer.record_file(job.record);
      ++report.files_unchanged;
      return;
    case FileJob::Outcome::kFailed:
      return;
    case FileJob::Outcome::kRead:
      break;
  }
  if (!job.recognised) {
    ++report.files_ignored;
    report.ignored.push_back(file);
    return;
  }
  if (job.written == 0) {
    report.failed.push_back({file, "no article found"});
    return;
  }
  // Articles the file held last time but no longer does.
  if (job.known) {
    for (const std::string& id : writer.ids_of_file(file)) {
      if (job.ids_seen.count(id) == 0 && writer.remove(id)) ++report.articles_removed;
    }
  }
  job.record.articles = static_cast<std::int64_t>(job.written);
  writer.record_file(job.record);
  ++report.files_indexed;
}

// Workers take files in discovery order, at most kFilesAhead ahead of the writer, and hand over
// prepared articles through each file's bounded queue; this thread writes them in order.
void Indexer::Impl::run_pipeline(std::vector<FileJob>& jobs, IndexReport& report,
                                 const std::function<void()>& file_done) {
  std::mutex mutex;
  std::condition_variable to_writer;   // articles to write, or a file done
  std::condition_variable to_workers;  // room in a file's queue, a file to take, or stop
  std::size_t next = 0;                // next job a worker takes
  std::size_t writing = 0;             // job the writer is on
  bool stop = false;

  const auto work = [&] {
    indexer::DocumentBuilder builder;
    while (true) {
      std::size_t j = 0;
      {
        std::unique_lock lock(mutex);
        to_workers.wait(
            lock, [&] { return stop || next >= jobs.size() || next < writing + kFilesAhead; });
        if (stop || next >= jobs.size()) return;
        j = next++;
      }
      FileJob& job = jobs[j];
      try {
        read_file(job, builder, [&](indexer::PreparedArticle&& prepared) {
          std::unique_lock lock(mutex);
          to_workers.wait(lock, [&] { return stop || job.articles.size() < kArticlesQueued; });
          if (stop) throw std::runtime_error("stopped");
          job.articles.push_back(std::move(prepared));
          if (job.articles.size() == kHandOver) to_writer.notify_one();
        });
      } catch (...) {
        job.error = std::current_exception();
      }
      std::lock_guard lock(mutex);
      job.done = true;
      to_writer.notify_one();
    }
  };

  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  std::vector<std::thread> workers;
  // Stops and joins the workers however this function is left.
  struct Joiner {
    std::vector<std::thread>& workers;
    std::mutex& mutex;
    std::condition_variable& to_workers;
    bool& stop;
    ~Joiner() {
      {
        std::lock_guard lock(mutex);
        stop = true;
      }
      to_workers.notify_all();
      for (std::thread& t : workers) t.join();
    }
  } joiner{workers, mutex, to_workers, stop};
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);

  std::deque<indexer::PreparedArticle> batch;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    FileJob& job = jobs[j];
    while (true) {
      bool finished = false;
      {
        std::unique_lock lock(mutex);
        to_writer.wait(lock, [&] { return job.done || job.articles.size() >= kHandOver; });
        batch.swap(job.articles);
        finished = job.done && batch.empty();
      }
      to_workers.notify_all();  // the queue has room again
      for (indexer::PreparedArticle& prepared : batch) write(std::move(prepared), report);
      batch.clear();
      if (finished) break;
    }
    if (job.error) std::rethrow_exception(job.error);
    finish_file(job, report);
    // Free what the file held; the job itself stays for its counts.
    job.ids_seen.clear();
    {
      std::lock_guard lock(mutex);
      writing = j + 1;
    }
    to_workers.notify_all();
    if (file_done) file_done();
  }
}

Indexer::Indexer(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

Indexer::~Indexer() {
  if (!impl_) return;
  try {
    impl_->writer.commit_and_sync();
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
  std::vector<FileJob> jobs(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    jobs[i].candidate = candidates[i];
    jobs[i].known = impl_->writer.file_record(candidates[i].file.string());
  }
  std::size_t done = 0;
  impl_->run_pipeline(jobs, report, [&] {
    ++report.files_seen;
    ++state.files_done;
    state.bytes_done += candidates[done++].size;
    state.articles = report.articles_indexed;
    state.seconds = elapsed();
    if (progress) progress(state);
  });
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
  impl_->writer.commit_and_sync();
  report.seconds = elapsed();
  return report;
}

void Indexer::add(Article article) {
  if (article.id.empty()) throw Error(ErrorCode::kInvalidArgument, "article id is empty");
  if (article.title.empty() && article.body.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "article " + article.id + " has no text");
  }
  IndexReport ignored;
  impl_->write(impl_->prepare(std::move(article), impl_->own_builder), ignored);
}

bool Indexer::remove(std::string_view id) { return impl_->writer.remove(id); }

void Indexer::commit() { impl_->writer.commit_and_sync(); }

}  // namespace morgue
