// SPDX-License-Identifier: GPL-2.0-or-later
// Reads WARC 1.0/1.1 files: each HTML page a crawler fetched becomes an article.
#include <zlib.h>

#include <climits>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charset.h"
#include "format_readers.h"
#include "morgue/date.h"
#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"

namespace morgue::indexer {
namespace {

// No news page comes near this; a larger decoded body is a compression bomb.
constexpr std::size_t kMaxPayloadBytes = std::size_t{64} * 1024 * 1024;

bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

bool equals_ascii_ci(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Header fields of a WARC record or an HTTP message; names compare case-insensitively. Values
// point into the source bytes, except folded values, which are joined in `folded_`.
class Headers {
 public:
  void add(std::string_view name, std::string_view value) { fields_.emplace_back(name, value); }
  void fold(std::string_view continuation) {
    if (fields_.empty()) return;
    folded_.push_back(std::string(fields_.back().second) + " " +
                      std::string(text::trim(continuation)));
    fields_.back().second = folded_.back();
  }
  [[nodiscard]] std::string_view get(std::string_view name) const {
    for (const auto& [field, value] : fields_) {
      if (equals_ascii_ci(field, name)) return value;
    }
    return {};
  }

 private:
  std::vector<std::pair<std::string_view, std::string_view>> fields_;
  std::deque<std::string> folded_;  // a deque: growing it never moves the strings viewed
};

// The next line of `text` from `pos` without its "\r\n" or "\n"; advances `pos` past it.
// nullopt when no line end is left.
std::optional<std::string_view> next_line(std::string_view text, std::size_t& pos) {
  const std::size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view line = text.substr(pos, end - pos);
  if (line.ends_with('\r')) line.remove_suffix(1);
  pos = end + 1;
  return line;
}

// Reads "Name: value" lines from `pos` up to and including the blank line that ends them.
// Returns false when the text ends first or a line is not a field.
bool read_header_fields(std::string_view text, std::size_t& pos, Headers& headers) {
  for (;;) {
    const std::optional<std::string_view> line = next_line(text, pos);
    if (!line) return false;
    if (line->empty()) return true;
    if (is_space_or_tab(line->front())) {
      headers.fold(*line);
      continue;
    }
    const std::size_t colon = line->find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    headers.add(text::trim(line->substr(0, colon)), text::trim(line->substr(colon + 1)));
  }
}

std::optional<std::size_t> parse_decimal(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  std::size_t value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

struct WarcRecord {
  Headers headers;
  std::string_view block;
};

// One step of the record parser: a record, the end of the file, or why reading must stop.
struct ParseStep {
  std::optional<WarcRecord> record;
  std::string error;  // empty with no record: the end of the file
};

// Parses the record starting at `pos` and advances `pos` past it and its "\r\n\r\n".
ParseStep parse_record(std::string_view warc, std::size_t& pos) {
  ParseStep step;
  const std::optional<std::string_view> version = next_line(warc, pos);
  if (!version || !version->starts_with("WARC/")) {
    step.error = "not a WARC record";
    return step;
  }
  WarcRecord record;
  if (!read_header_fields(warc, pos, record.headers)) {
    step.error = "truncated or malformed header";
    return step;
  }
  const std::optional<std::size_t> length = parse_decimal(record.headers.get("Content-Length"));
  if (!length) {
    step.error = "missing or bad Content-Length";
    return step;
  }
  if (warc.size() - pos < *length) {
    step.error = "truncated: Content-Length " + std::to_string(*length) + " but " +
                 std::to_string(warc.size() - pos) + " bytes left";
    return step;
  }
  record.block = warc.substr(pos, *length);
  pos += *length;
  // The spec ends each record with "\r\n\r\n"; some writers use bare line feeds.
  for (int i = 0; i < 4 && pos < warc.size() && (warc[pos] == '\r' || warc[pos] == '\n'); ++i) {
    ++pos;
  }
  step.record = std::move(record);
  return step;
}

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string_view body;
};

std::optional<HttpResponse> parse_http_response(std::string_view block) {
  std::size_t pos = 0;
  const std::optional<std::string_view> status_line = next_line(block, pos);
  if (!status_line || !status_line->starts_with("HTTP/")) return std::nullopt;
  const std::size_t space = status_line->find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::optional<std::size_t> status = parse_decimal(status_line->substr(space + 1, 3));
  if (!status) return std::nullopt;
  HttpResponse response;
  response.status = static_cast<int>(*status);
  if (!read_header_fields(block, pos, response.headers)) return std::nullopt;
  response.body = block.substr(pos);
  return response;
}

// Removes "Transfer-Encoding: chunked" framing. nullopt when the framing is broken.
std::optional<std::string> dechunk(std::string_view body) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    const std::optional<std::string_view> line = next_line(body, pos);
    if (!line) return std::nullopt;
    std::string_view size_text = line->substr(0, line->find(';'));
    size_text = text::trim(size_text);
    if (size_text.empty() || size_text.size() > 15) return std::nullopt;
    std::size_t size = 0;
    for (const char c : size_text) {
      int digit = 0;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return std::nullopt;
      }
      size = size * 16 + static_cast<std::size_t>(digit);
    }
    if (size == 0) return out;  // trailer fields, if any, carry nothing we use
    if (body.size() - pos < size || out.size() + size > kMaxPayloadBytes) return std::nullopt;
    out.append(body.substr(pos, size));
    pos += size;
    if (body.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (body.substr(pos, 1) == "\n") {
      pos += 1;
    } else {
      return std::nullopt;
    }
  }
}

struct InflateEnd {
  z_stream* stream;
  ~InflateEnd() { inflateEnd(stream); }
};

// Inflates `compressed` with zlib's `window_bits` (15 + 32: zlib or gzip header; -15: raw
// deflate). A stream cut short gives what it held, as crawlers truncate large pages; nullopt
// on corrupt data or more than kMaxPayloadBytes.
std::optional<std::string> inflate_body(std::string_view compressed, int window_bits) {
  if (compressed.size() > UINT_MAX) return std::nullopt;
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK) return std::nullopt;
  const InflateEnd cleanup{&stream};
  // zlib's API is not const-correct; it never writes to its input.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  std::string buffer(std::size_t{64} * 1024, '\0');
  for (;;) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
    stream.avail_out = static_cast<uInt>(buffer.size());
    const int status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer.data(), buffer.size() - stream.avail_out);
    if (out.size() > kMaxPayloadBytes) return std::nullopt;
    if (status == Z_STREAM_END) {
      // Some servers send several gzip members back to back.
      if (stream.avail_in >= 2 && stream.next_in[0] == 0x1F && stream.next_in[1] == 0x8B &&
          inflateReset(&stream) == Z_OK) {
        continue;
      }
      return out;
    }
    if (status == Z_BUF_ERROR && stream.avail_in == 0) {
      if (out.empty()) return std::nullopt;
      return out;
    }
    if (status != Z_OK) return std::nullopt;
  }
}

bool looks_like_markup(std::string_view body) {
  const std::string_view head = text::trim(body.substr(0, 512));
  return head.starts_with('<') || head.starts_with("\xEF\xBB\xBF<");
}

// The media type of a Content-Type value, lower-cased, and its charset parameter.
std::pair<std::string, std::string_view> parse_content_type(std::string_view value) {
  const std::size_t semicolon = value.find(';');
  std::string media_type = text::ascii_lower(text::trim(value.substr(0, semicolon)));
  if (semicolon == std::string_view::npos) return {std::move(media_type), std::string_view()};
  const std::string parameters = text::ascii_lower(value.substr(semicolon));
  const std::size_t key = parameters.find("charset=");
  if (key == std::string::npos) return {std::move(media_type), std::string_view()};
  std::string_view charset = value.substr(semicolon + key + 8);
  charset = charset.substr(0, charset.find(';'));
  charset = text::trim(charset);
  if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"') {
    charset = charset.substr(1, charset.size() - 2);
  }
  return {std::move(media_type), charset};
}

// WARC 1.0's grammar wrote the target URI in angle brackets, and some writers still do.
std::string_view target_uri(const Headers& headers) {
  std::string_view uri = headers.get("WARC-Target-URI");
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    uri = uri.substr(1, uri.size() - 2);
  }
  return uri;
}

// Reads one response record. Returns the article, or nullopt for a record that is not an HTML
// page (skipped silently) and for one that cannot be read (`problem` then says why).
std::optional<Article> read_response(const WarcRecord& record, std::string& problem) {
  const std::optional<HttpResponse> response = parse_http_response(record.block);
  if (!response || response->status != 200) return std::nullopt;
  const auto [media_type, charset] = parse_content_type(response->headers.get("Content-Type"));
  // A page served without a Content-Type is taken as HTML when its body is markup.
  const bool untyped = media_type.empty();
  if (!untyped && media_type != "text/html" && media_type != "application/xhtml+xml") {
    return std::nullopt;
  }

  std::string body(response->body);
  if (text::ascii_lower(response->headers.get("Transfer-Encoding")).find("chunked") !=
      std::string::npos) {
    std::optional<std::string> joined = dechunk(body);
    if (!joined) {
      problem = "broken chunked transfer encoding";
      return std::nullopt;
    }
    body = std::move(*joined);
  }
  const std::string encoding =
      text::ascii_lower(text::trim(response->headers.get("Content-Encoding")));
  if (!encoding.empty() && encoding != "identity") {
    std::optional<std::string> decoded;
    if (encoding == "gzip" || encoding == "x-gzip") {
      decoded = inflate_body(body, 15 + 32);
    } else if (encoding == "deflate") {
      // "deflate" should mean a zlib stream, but many servers send raw deflate data.
      decoded = inflate_body(body, 15 + 32);
      if (!decoded) decoded = inflate_body(body, -15);
    } else {
      problem = "unsupported Content-Encoding " + encoding;
      return std::nullopt;
    }
    if (decoded) {
      body = std::move(*decoded);
    } else if (!looks_like_markup(body)) {
      // Some crawlers store the decoded body but keep the header; markup is taken as such.
      problem = "cannot decode Content-Encoding " + encoding;
      return std::nullopt;
    }
  }
  if (untyped && !looks_like_markup(body)) return std::nullopt;

  // The HTTP charset only matters when the page declares none: read_html_article reads a page
  // without a declaration as UTF-8, so a page in another charset is converted first.
  if (!charset.empty() && html_meta_charset(body).empty() && xml_declared_encoding(body).empty()) {
    body = decode_text(body, charset).utf8;
  }
  try {
    return read_html_article(body);
  } catch (const Error& e) {
    problem = e.what();
    return std::nullopt;
  }
}

// Headers longer than this are no WARC headers: a parse that has not found their end by then
// is malformed, not waiting for more bytes.
constexpr std::size_t kMaxHeaderBytes = std::size_t{1} << 20;

}  // namespace

WarcCut warc_cut(std::string_view bytes) {
  WarcCut cut;
  std::size_t pos = 0;
  for (;;) {
    while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n')) ++pos;
    if (pos >= bytes.size()) {
      cut.end = bytes.size();
      return cut;
    }
    const std::size_t start = pos;
    const ParseStep step = parse_record(bytes, pos);
    if (step.record) {
      ++cut.records;
      cut.end = pos;
      continue;
    }
    const std::string_view rest = bytes.substr(start);
    const bool in_first_line = rest.find('\n') == std::string_view::npos;
    const bool may_grow =
        step.error.starts_with("truncated:") ||
        (step.error == "truncated or malformed header" && rest.size() < kMaxHeaderBytes) ||
        (step.error == "not a WARC record" && in_first_line &&
         (rest.starts_with("WARC/") || std::string_view("WARC/").starts_with(rest)));
    if (!may_grow) {
      cut.end = bytes.size();
      cut.malformed = true;
    }
    return cut;
  }
}

void read_warc(const Source& source, const ReadContext& context, const ArticleSink& sink) {
  const auto warn = [&context](std::string message) {
    if (context.warn) context.warn(std::move(message));
  };
  const std::string_view warc = source.bytes;
  std::size_t pos = 0;
  std::size_t records = 0;
  std::size_t html_pages = 0;
  std::size_t articles = 0;
  std::string stop_reason;
  for (;;) {
    while (pos < warc.size() && (warc[pos] == '\r' || warc[pos] == '\n')) ++pos;
    if (pos >= warc.size()) break;
    const std::size_t offset = pos;
    ParseStep step = parse_record(warc, pos);
    if (!step.record) {
      stop_reason = "WARC record at byte " + std::to_string(context.bytes_before + offset) + ": " +
                    step.error;
      warn(stop_reason);
      break;
    }
    ++records;
    const WarcRecord& record = *step.record;
    if (!equals_ascii_ci(record.headers.get("WARC-Type"), "response")) continue;
    std::string problem;
    std::optional<Article> article = read_response(record, problem);
    const std::string_view uri = target_uri(record.headers);
    if (!article) {
      if (!problem.empty()) {
        ++html_pages;
        warn("record " + std::to_string(context.records_before + records) + " (" +
             std::string(uri) + "): " + problem);
      }
      continue;
    }
    ++html_pages;
    article->id = std::string(uri);
    if (article->url.empty()) article->url = std::string(uri);
    if (article->date.empty()) {
      // The crawl date only bounds the publication date from above, hence "inferred".
      if (std::optional<std::string> crawled = date::parse(record.headers.get("WARC-Date"))) {
        article->date = std::move(*crawled);
        article->date_inferred = true;
      }
    }
    ++articles;
    sink(std::move(*article));
  }
  if (articles > 0) return;
  if (records == 0) {
    throw Error(ErrorCode::kInvalidArgument,
                stop_reason.empty() ? "empty WARC file" : "no WARC record: " + stop_reason);
  }
  if (html_pages == 0) {
    throw Error(ErrorCode::kInvalidArgument,
                "no HTML response among " + std::to_string(records) + " WARC records");
  }
  throw Error(ErrorCode::kInvalidArgument,
              "none of " + std::to_string(html_pages) + " HTML responses has article text");
}

}  // namespace morgue::indexer
