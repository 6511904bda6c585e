// SPDX-License-Identifier: GPL-2.0-or-later
// Choosing a format by name or content, and dispatching to its reader.
#include "formats.h"

#include <array>
#include <utility>

#include "charset.h"
#include "format_readers.h"
#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"

namespace morgue::indexer {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

// Plain text carries no declaration. Valid UTF-8 is taken as is. UTF-8 with stray bytes (valid
// multi-byte sequences around them) is repaired byte by byte, so one bad byte costs one
// character; text with no valid multi-byte sequence is in a legacy charset, found by detection.
void read_single_text(const Source& source, const ReadContext& context, const ArticleSink& sink) {
  text::Utf8Repair utf8 = text::repair_utf8(source.bytes);
  if (utf8.invalid_bytes == 0) return sink(read_text_article(utf8.text));
  if (utf8.multibyte_sequences > 0) {
    if (context.warn) {
      context.warn("invalid UTF-8 at byte " + std::to_string(*utf8.first_invalid_byte) + " (" +
                   std::to_string(utf8.invalid_bytes) +
                   (utf8.invalid_bytes == 1 ? " byte" : " bytes") + " read as Windows-1252)");
    }
    return sink(read_text_article(utf8.text));
  }
  const DecodedText decoded = decode_text(source.bytes);
  if (context.warn) {
    context.warn("not UTF-8: read as " + decoded.charset + (decoded.guessed ? " (detected)" : "") +
                 (decoded.replaced > 0
                      ? ", " + std::to_string(decoded.replaced) + " sequences replaced"
                      : std::string()));
  }
  sink(read_text_article(decoded.utf8));
}

}  // namespace

std::string_view format_name(Format format) noexcept {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kHtml:
      return "html";
    case Format::kReutersSgml:
      return "reuters-sgml";
    case Format::kJsonLines:
      return "json-lines";
    case Format::kJson:
      return "json";
    case Format::kCsv:
      return "csv";
    case Format::kNewsXml:
      return "news-xml";
    case Format::kFeed:
      return "feed";
    case Format::kWarc:
      return "warc";
  }
  return "unknown";
}

std::optional<Format> format_from_name(std::string_view file_name) {
  const std::string name = text::ascii_lower(file_name);
  static constexpr std::array<std::pair<std::string_view, Format>, 14> kExtensions = {{
      {".txt", Format::kText},
      {".text", Format::kText},
      {".html", Format::kHtml},
      {".htm", Format::kHtml},
      {".xhtml", Format::kHtml},
      {".sgm", Format::kReutersSgml},
      {".sgml", Format::kReutersSgml},
      {".jsonl", Format::kJsonLines},
      {".ndjson", Format::kJsonLines},
      {".json", Format::kJson},
      {".csv", Format::kCsv},
      {".rss", Format::kFeed},
      {".atom", Format::kFeed},
      {".warc", Format::kWarc},
  }};
  for (const auto& [extension, format] : kExtensions) {
    if (ends_with(name, extension)) return format;
  }
  return std::nullopt;
}

std::optional<Format> sniff_format(std::string_view bytes) {
  std::string_view head = text::trim(bytes.substr(0, 4096));
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.substr(0, 5) == "WARC/") return Format::kWarc;
  if (head.empty()) return std::nullopt;
  // Markup formats must start with markup: a script or a note that merely mentions "<html>"
  // is not a page.
  if (head[0] == '<') {
    if (contains(head, "<REUTERS")) return Format::kReutersSgml;
    const std::string lower = text::ascii_lower(head);
    if (contains(lower, "<rss") || contains(lower, "<feed ") || contains(lower, "<feed>") ||
        contains(lower, "<rdf:rdf")) {
      return Format::kFeed;
    }
    if (contains(lower, "<nitf") || contains(lower, "<newsitem") ||
        contains(lower, "<newsmessage")) {
      return Format::kNewsXml;
    }
    if (contains(lower, "<!doctype html") || contains(lower, "<html")) return Format::kHtml;
    return std::nullopt;
  }
  if (head[0] == '{' || head[0] == '[') {
    // One object per line, or one document.
    const std::size_t newline = head.find('\n');
    if (head[0] == '{' && newline != std::string_view::npos &&
        text::trim(head.substr(0, newline)).back() == '}') {
      return Format::kJsonLines;
    }
    return Format::kJson;
  }
  return std::nullopt;
}

void read_source(Format format, const Source& source, const ReadContext& context,
                 const ArticleSink& sink) {
  switch (format) {
    case Format::kText:
      return read_single_text(source, context, sink);
    case Format::kHtml:
      return sink(read_html_article(source.bytes));
    case Format::kReutersSgml:
      return read_reuters_sgml(source, context, sink);
    case Format::kJsonLines:
      return read_json_lines(source, context, sink);
    case Format::kJson:
      return read_json(source, context, sink);
    case Format::kCsv:
      return read_csv(source, context, sink);
    case Format::kNewsXml:
      return read_news_xml(source, context, sink);
    case Format::kFeed:
      return read_feed(source, context, sink);
    case Format::kWarc:
      return read_warc(source, context, sink);
    default:
      throw Error(ErrorCode::kInvalidArgument,
                  "no reader for " + std::string(format_name(format)) + " yet");
  }
}

}  // namespace morgue::indexer
