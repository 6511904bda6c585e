// SPDX-License-Identifier: GPL-2.0-or-later
// Where a large XML file (a feed, a NewsML-G2 message) may be cut into pieces of whole records:
// a scan of its markup, without parsing, which a piece's reader does later with libxml2.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "format_readers.h"

namespace morgue::indexer {
namespace {

// The records of the XML formats: RSS items, Atom entries, NewsML-G2 news items.
constexpr std::array<std::string_view, 3> kRecordNames = {"item", "entry", "newsItem"};

// Deeper than any feed; a file nested deeper is not cut (read whole).
constexpr std::size_t kMaxDepth = 64;

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

bool is_record(std::string_view qualified_name) {
  const std::size_t colon = qualified_name.rfind(':');
  const std::string_view local =
      colon == std::string_view::npos ? qualified_name : qualified_name.substr(colon + 1);
  for (const std::string_view name : kRecordNames) {
    if (local == name) return true;
  }
  return false;
}

// The end of the markup that starts at `at` ('<'), just after its closing '>', or npos when it
// does not end within `bytes`. A tag's quoted attribute values may hold '>'; a DOCTYPE's
// internal subset ("[...]") may hold whole declarations.
std::size_t markup_end(std::string_view bytes, std::size_t at) {
  const std::string_view rest = bytes.substr(at);
  const auto after = [&](std::string_view close) {
    const std::size_t found = bytes.find(close, at + 2);
    return found == std::string_view::npos ? found : found + close.size();
  };
  if (rest.starts_with("<!--")) return after("-->");
  if (rest.starts_with("<![CDATA[")) return after("]]>");
  if (rest.starts_with("<?")) return after("?>");
  char quote = 0;
  int brackets = 0;
  for (std::size_t i = at + 1; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++brackets;
    } else if (c == ']') {
      --brackets;
    } else if (c == '>' && brackets <= 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

XmlCut xml_cut(std::string_view bytes, std::size_t depth) {
  XmlCut cut;
  const bool first = depth == 0;
  if (first && (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
                bytes.starts_with(std::string_view("<\0", 2)) ||
                bytes.starts_with(std::string_view("\0<", 2)))) {
    cut.never = true;  // UTF-16 or UTF-32: no byte is markup on its own
    return cut;
  }
  cut.depth = depth;
  // Elements open around the scan position: their names in the first piece (for the end tags
  // a piece lacks), only their number in a later one, which starts between two records.
  std::vector<std::string_view> open;
  std::size_t level = first ? 0 : depth - 1;
  std::size_t at = 0;
  while ((at = bytes.find('<', at)) != std::string_view::npos) {
    if (at + 1 == bytes.size()) break;
    const char next = bytes[at + 1];
    const bool closing = next == '/';
    const std::size_t name_start = at + (closing ? 2 : 1);
    std::size_t name_end = name_start;
    while (name_end < bytes.size() && is_name_char(bytes[name_end])) ++name_end;
    // A stray '<' in text, which libxml2's recovery keeps as text, starts no markup.
    if (next != '!' && next != '?' && name_end == name_start) {
      ++at;
      continue;
    }
    const std::size_t end = markup_end(bytes, at);
    if (end == std::string_view::npos) break;  // the rest comes with the next bytes
    const std::string_view name = bytes.substr(name_start, name_end - name_start);
    const std::size_t start = at;
    at = end;
    // Comments, CDATA, declarations and processing instructions name no element.
    if (next == '!' || next == '?') continue;
    if (closing) {
      if (level == 0) break;  // more end tags than start tags: no place to cut after this
      --level;
      if (first && cut.depth == 0 && !open.empty()) open.pop_back();
      if (cut.depth != 0 && level == cut.depth - 1 && is_record(name)) {
        ++cut.records;
        cut.end = end;
      }
      continue;
    }
    const bool empty_element = bytes[end - 2] == '/';
    if (cut.depth == 0 && is_record(name)) {
      // The file's first record: what lies before it is the head of every later piece, and
      // the elements open around it are closed at the end of every piece but the last.
      cut.depth = level + 1;
      cut.head_end = start;
      for (std::size_t i = open.size(); i > 0; --i) {  // innermost first
        cut.close.append("</").append(open[i - 1]).append(">");
      }
    }
    if (empty_element) {
      if (cut.depth != 0 && level == cut.depth - 1 && is_record(name)) {
        ++cut.records;
        cut.end = end;
      }
      continue;
    }
    ++level;
    if (level > kMaxDepth) break;
    if (first && cut.depth == 0) open.push_back(name);
  }
  return cut;
}

}  // namespace morgue::indexer
