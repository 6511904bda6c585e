// SPDX-License-Identifier: GPL-2.0-or-later
// Field names, value cleaning and safe XML access shared by the structured-format readers.
#include "field_mapping.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "clutter.h"
#include "morgue/date.h"
#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"

namespace morgue::indexer {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_name_char(char c) {
  return is_ascii_letter(c) || is_ascii_digit(c) || c == '-' || c == ':' || c == '_';
}

// Block-level HTML elements: when a value has none of them, its line breaks are its paragraphs.
constexpr std::array<std::string_view, 22> kHtmlBlockTags = {
    "p",  "div",   "br", "li",      "ul",      "ol", "h1", "h2",         "h3",  "h4", "h5",
    "h6", "table", "tr", "section", "article", "dd", "dt", "blockquote", "pre", "hr", "figure"};

bool has_block_tag(std::string_view html) {
  std::size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    ++pos;
    if (pos < html.size() && html[pos] == '/') ++pos;
    const std::size_t start = pos;
    while (pos < html.size() && (is_ascii_letter(html[pos]) || is_ascii_digit(html[pos]))) ++pos;
    const std::string name = text::ascii_lower(html.substr(start, pos - start));
    if (std::find(kHtmlBlockTags.begin(), kHtmlBlockTags.end(), name) != kHtmlBlockTags.end()) {
      return true;
    }
  }
  return false;
}

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t start = 0;
  std::size_t pos = 0;
  while ((pos = s.find(from, start)) != std::string_view::npos) {
    out.append(s.substr(start, pos - start));
    out.append(to);
    start = pos + from.size();
  }
  out.append(s.substr(start));
  return out;
}

std::optional<std::string> format_date(int year, unsigned month, unsigned day) {
  if (!date::is_valid(year, static_cast<int>(month), static_cast<int>(day))) return std::nullopt;
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", year, month, day);
  return std::string(buf.data(), 10);
}

// Seconds (or, from 10^11 on, milliseconds: 10^11 s is past year 5000) since 1970.
std::optional<std::string> date_from_timestamp(std::string_view digits) {
  std::int64_t value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  if (value >= 100'000'000'000) value /= 1000;
  const std::chrono::sys_seconds time{std::chrono::seconds{value}};
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(time)};
  return format_date(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

// How much of a body finish_article() searches for a date written in the text.
constexpr std::size_t kDateSearchBytes = 2048;

// ---------------------------------------------------------------------------------------------
// Field names.

// Lower-case source field names for each article field, in priority order, in FieldMapper::Field
// order; empty names pad the rows.
constexpr std::array<std::array<std::string_view, 12>, 8> kDefaultNames = {{
    {"id", "guid", "uuid", "_id"},
    {"title", "headline", "name"},
    // content_html and content_text are JSON Feed's.
    {"body", "text", "content", "content_html", "content_text", "article", "article_body",
     "articlebody", "description", "summary"},
    {"date", "published", "published_at", "publishedat", "pubdate", "datepublished",
     "date_published", "created_at", "timestamp"},
    {"author", "byline", "creator", "authors"},
    {"source", "publisher", "site", "site_name", "outlet"},
    {"url", "link", "canonical_url", "permalink"},
    {"lang", "language"},
}};

// The article field names a FieldMap may use, in FieldMapper::Field order.
constexpr std::array<std::string_view, 8> kArticleFields = {"id",     "title",  "body", "date",
                                                            "author", "source", "url",  "lang"};

struct XmlBufferDeleter {
  void operator()(xmlBuffer* buffer) const noexcept { xmlBufferFree(buffer); }
};
using XmlBufferPtr = std::unique_ptr<xmlBuffer, XmlBufferDeleter>;

struct EncodingHandlerDeleter {
  // Frees iconv/ICU handlers; built-in ones are static and left alone by libxml2.
  void operator()(xmlCharEncodingHandler* handler) const noexcept { xmlCharEncCloseFunc(handler); }
};
using EncodingHandlerPtr = std::unique_ptr<xmlCharEncodingHandler, EncodingHandlerDeleter>;

std::string_view as_view(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

// ---------------------------------------------------------------------------------------------
// XML decoding.

constexpr std::array<std::string_view, 15> kWindows1252Labels = {
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",       "latin-1",
    "l1",         "cp819",     "ibm819",     "iso-ir-100",   "csisolatin1",
    "us-ascii",   "ascii",     "cp1252",     "windows-1252", "x-cp1252"};

// UTF-16 declared in a file without a UTF-16 byte order or BOM is a mislabelled UTF-8 file.
constexpr std::array<std::string_view, 6> kUtf8Labels = {"utf-8",    "utf8",     "utf-16",
                                                         "utf-16le", "utf-16be", "unicode"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

// UTF-16 or UTF-32 by byte order mark or by the NULs around the first '<'.
bool is_wide_encoding(std::string_view bytes) {
  return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
         bytes.starts_with(std::string_view("<\0", 2)) ||
         bytes.starts_with(std::string_view("\0<", 2));
}

// The encoding label of the XML declaration, lower-cased; empty when there is none.
std::string declared_encoding(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (!bytes.starts_with("<?xml")) return {};
  const std::string_view declaration = bytes.substr(0, bytes.find("?>"));
  const std::size_t key = declaration.find("encoding");
  if (key == std::string_view::npos) return {};
  std::size_t i = key + 8;
  while (i < declaration.size() && (declaration[i] == ' ' || declaration[i] == '=' ||
                                    declaration[i] == '"' || declaration[i] == '\'')) {
    ++i;
  }
  const std::size_t start = i;
  while (i < declaration.size() && (is_name_char(declaration[i]) || declaration[i] == '.')) ++i;
  return text::ascii_lower(declaration.substr(start, i - start));
}

// Latin-1 files are nearly always Windows-1252 ("smart quotes" in 0x80-0x9F); repair_utf8
// maps a lone byte exactly so.
std::string windows_1252_to_utf8(std::string_view bytes) {
  static const std::array<std::string, 128> high_bytes = [] {
    std::array<std::string, 128> table;
    for (std::size_t i = 0; i < table.size(); ++i) {
      const char byte = static_cast<char>(0x80 + i);
      table[i] = text::repair_utf8(std::string_view(&byte, 1)).text;
    }
    return table;
  }();
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else {
      out += high_bytes[byte - 0x80U];
    }
  }
  return out;
}

void append_utf8(std::string& out, unsigned int code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x110000) {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// An entity reference left in the tree (documents are parsed without substitution): the HTML
// entity of that name, as news XML written against an external DTD uses ("&nbsp;"). What the
// document itself declares is ignored, so a "billion laughs" or an external entity gives nothing.
void append_entity_text(const xmlNode* reference, std::string& out) {
  const htmlEntityDesc* entity = htmlEntityLookup(reference->name);
  if (entity != nullptr) append_utf8(out, entity->value);
}

bool is_text_node(const xmlNode* node) {
  return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

bool in_list(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Visits the subtree of `root` in document order without recursion. `enter` returns whether to
// descend; `leave` runs for every node entered. Entity references are never descended into:
// their children are the entity's declaration, whose parent is the DTD.
void walk(const xmlNode* root, const std::function<bool(const xmlNode*)>& enter,
          const std::function<void(const xmlNode*)>& leave) {
  const xmlNode* node = root;
  while (node != nullptr) {
    if (enter(node)) {
      if (node->children != nullptr && node->type == XML_ELEMENT_NODE) {
        node = node->children;
        continue;
      }
      leave(node);
    }
    while (node != root && node->next == nullptr) {
      node = node->parent;
      leave(node);
    }
    if (node == root) return;
    node = node->next;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Clean field values.

bool looks_like_html(std::string_view s) noexcept {
  std::size_t pos = 0;
  while ((pos = s.find('<', pos)) != std::string_view::npos) {
    std::size_t i = pos + 1;
    if (s.substr(i, 3) == "!--") return s.find("-->", i) != std::string_view::npos;
    if (i < s.size() && s[i] == '/') ++i;
    if (i < s.size() && is_ascii_letter(s[i])) {
      while (i < s.size() && is_name_char(s[i])) ++i;
      if (i < s.size() && (s[i] == '>' || s[i] == '/' || s[i] == ' ' || s[i] == '\t' ||
                           s[i] == '\n' || s[i] == '\r')) {
        return s.find('>', i) != std::string_view::npos;
      }
    }
    pos = i;
  }
  return false;
}

std::string clean_title(std::string_view utf8) {
  if (looks_like_html(utf8)) return text::collapse_whitespace(html_fragment_text(utf8));
  return text::collapse_whitespace(utf8);
}

std::string clean_body_text(std::string_view utf8) {
  if (looks_like_html(utf8)) {
    // "<b>Lead</b> text.\n\nMore text." keeps its paragraphs only if its breaks become <br>.
    if (!has_block_tag(utf8)) return html_fragment_text(replace_all(utf8, "\n", "<br>\n"));
    return html_fragment_text(utf8);
  }
  return clean_plain_body(utf8);
}

std::string clean_plain_body(std::string_view utf8) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= utf8.size()) {
    const std::size_t end = std::min(utf8.find('\n', start), utf8.size());
    std::string_view line = utf8.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.emplace_back(line);
    start = end + 1;
  }
  return clean_body(lines);
}

std::string clean_author(std::string_view utf8) {
  std::string author = text::collapse_whitespace(utf8);
  const std::string lower = text::ascii_lower(std::string_view(author).substr(0, 4));
  for (const std::string_view prefix : {"by: ", "by "}) {
    if (lower.starts_with(prefix)) {
      return std::string(text::trim(std::string_view(author).substr(prefix.size())));
    }
  }
  return author;
}

std::optional<std::string> parse_date_value(std::string_view value) {
  const std::string_view s = text::trim(value);
  std::size_t digits = 0;
  while (digits < s.size() && is_ascii_digit(s[digits])) ++digits;
  // A UNIX timestamp, maybe with a fraction; 8 digits are YYYYMMDD and go to date::parse.
  const bool fraction_only =
      digits < s.size() && s[digits] == '.' &&
      std::all_of(s.begin() + static_cast<std::ptrdiff_t>(digits) + 1, s.end(), is_ascii_digit);
  if (digits >= 9 && digits <= 13 && (digits == s.size() || fraction_only)) {
    return date_from_timestamp(s.substr(0, digits));
  }
  // ISO 8601 basic format, as NITF's norm attributes use: 20190508T101500-0400.
  if (digits == 8 && s.size() > 8 && (s[8] == 'T' || s[8] == 't')) {
    return date::parse(s.substr(0, 8));
  }
  return date::parse(s);
}

std::string language_code(std::string_view tag) {
  const std::string_view trimmed = text::trim(tag);
  const std::string_view primary = trimmed.substr(0, trimmed.find_first_of("-_"));
  if (primary.size() != 2 || !is_ascii_letter(primary[0]) || !is_ascii_letter(primary[1])) {
    return {};
  }
  return text::ascii_lower(primary);
}

void finish_article(Article& article) {
  if (!article.title.empty() && article.body.starts_with(article.title) &&
      (article.body.size() == article.title.size() || article.body[article.title.size()] == '\n')) {
    article.body.erase(0, std::min(article.body.size(), article.title.size() + 1));
  }
  if (!article.date.empty()) return;
  // A record's own date, when its text gives one, is in the dateline or first lines. Looking
  // no further keeps the regular expressions of find_in_text (about 0.4 s per MB) from
  // dominating the reading of a large undated JSON or CSV export.
  if (auto written = date::find_in_text(text::utf8_prefix(article.body, kDateSearchBytes))) {
    article.date = std::move(*written);
    article.date_inferred = true;
  }
}

std::string decode_utf8(std::string_view bytes, const ReadContext& context) {
  text::Utf8Repair utf8 = text::repair_utf8(bytes);
  if (utf8.invalid_bytes > 0 && context.warn) {
    // A piece of a large file names the byte's offset in the file.
    context.warn("invalid UTF-8 at byte " +
                 std::to_string(context.bytes_before + *utf8.first_invalid_byte) + " (" +
                 std::to_string(utf8.invalid_bytes) + " bytes read as Windows-1252)");
  }
  return std::move(utf8.text);
}

// ---------------------------------------------------------------------------------------------
// FieldMapper.

FieldMapper::FieldMapper(const FieldMap& overrides) {
  for (const auto& [field, path] : overrides) {
    const auto it = std::find(kArticleFields.begin(), kArticleFields.end(), field);
    if (it == kArticleFields.end()) {
      throw Error(ErrorCode::kInvalidArgument,
                  "unknown article field \"" + field +
                      "\" in a field mapping (known: id, title, body, date, author, source, url, "
                      "lang)");
    }
    overrides_[static_cast<std::size_t>(it - kArticleFields.begin())] = path;
  }
}

std::string FieldMapper::value(Field field, const RecordFields& record) const {
  // A body list holds paragraphs; any other list holds names ("authors").
  const std::string_view separator = field == kBody ? "\n" : ", ";
  if (overrides_[field]) return record.by_path(*overrides_[field], separator);
  for (const std::string_view name : kDefaultNames[field]) {
    if (name.empty()) break;
    std::string found = record.by_name(name, separator);
    if (!text::trim(found).empty()) return found;
  }
  return {};
}

bool FieldMapper::is_field_name(std::string_view name) const {
  const std::string lower = text::ascii_lower(name);
  for (std::size_t field = 0; field < kCount; ++field) {
    if (overrides_[field]) {
      const std::string_view path = *overrides_[field];
      if (text::ascii_lower(path.substr(0, path.find('.'))) == lower) return true;
    } else if (std::find(kDefaultNames[field].begin(), kDefaultNames[field].end(), lower) !=
               kDefaultNames[field].end()) {
      return true;
    }
  }
  return false;
}

bool FieldMapper::has_title_or_body(const RecordFields& record) const {
  return !text::trim(value(kTitle, record)).empty() || !text::trim(value(kBody, record)).empty();
}

std::optional<Article> FieldMapper::map(const RecordFields& record) const {
  Article article;
  article.title = clean_title(value(kTitle, record));
  article.body = clean_body_text(value(kBody, record));
  if (article.title.empty() && article.body.empty()) return std::nullopt;
  article.id = text::collapse_whitespace(value(kId, record));
  if (auto parsed = parse_date_value(value(kDate, record))) article.date = std::move(*parsed);
  article.author = clean_author(value(kAuthor, record));
  article.source = text::collapse_whitespace(value(kSource, record));
  article.url = text::collapse_whitespace(value(kUrl, record));
  article.lang = language_code(value(kLang, record));
  if (article.id.empty()) article.id = article.url;
  finish_article(article);
  return article;
}

// ---------------------------------------------------------------------------------------------
// XML documents.

XmlDocPtr parse_xml(std::string_view bytes, const ReadContext& context) {
  ensure_parser_initialized();
  const SilentLibxmlErrors silence;

  // Never XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID or XINCLUDE: with them libxml2 would read
  // the files and URLs that external entities and DTDs name (XXE).
  int options = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  // A piece of a large file is read after the file's head and before the end tags it lacks
  // (xml_cut() in format_readers.h); the head's encoding and warnings came with the first piece.
  const std::string_view head = context.head;
  const std::string_view declared = head.empty() ? bytes : head;
  const auto raw = [&] { return std::string(head) + std::string(bytes); };
  std::string input;
  const char* encoding = nullptr;
  if (is_wide_encoding(declared)) {
    input = raw();
  } else {
    const std::string label = declared_encoding(declared);
    bool to_utf8 = true;
    if (contains(kWindows1252Labels, label)) {
      input = windows_1252_to_utf8(head) + windows_1252_to_utf8(bytes);
    } else if (label.empty() || contains(kUtf8Labels, label)) {
      input = text::repair_utf8(head).text + decode_utf8(bytes, context);
    } else if (const EncodingHandlerPtr handler(xmlFindCharEncodingHandler(label.c_str()));
               handler != nullptr) {
      input = raw();
      to_utf8 = false;
    } else {
      if (context.warn && head.empty()) {
        context.warn("unknown encoding \"" + label + "\", read as UTF-8");
      }
      input = text::repair_utf8(head).text + decode_utf8(bytes, context);
    }
    if (to_utf8) {
      // The text is UTF-8 now, whatever the declaration says.
      encoding = "UTF-8";
      options |= XML_PARSE_IGNORE_ENC;
      std::erase(input, '\0');
    }
  }
  input += context.xml_close;
  if (input.size() > static_cast<std::size_t>(INT_MAX)) {
    throw Error(ErrorCode::kInvalidArgument, "XML file too large to parse");
  }
  XmlDocPtr doc(
      xmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, encoding, options));
  if (doc == nullptr || xmlDocGetRootElement(doc.get()) == nullptr) {
    throw Error(ErrorCode::kInvalidArgument, "not an XML document (no root element)");
  }
  return doc;
}

std::string_view local_name(const xmlNode* node) noexcept { return as_view(node->name); }

std::string_view namespace_uri(const xmlNode* node) noexcept {
  return node->ns != nullptr ? as_view(node->ns->href) : std::string_view();
}

const xmlNode* child_element(const xmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && local_name(child) == name) return child;
  }
  return nullptr;
}

std::vector<const xmlNode*> child_elements(const xmlNode* parent, std::string_view name) {
  std::vector<const xmlNode*> found;
  if (parent == nullptr) return found;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && local_name(child) == name) found.push_back(child);
  }
  return found;
}

const xmlNode* element_at(const xmlNode* parent, std::initializer_list<std::string_view> path) {
  const xmlNode* node = parent;
  for (const std::string_view step : path) {
    node = child_element(node, step);
    if (node == nullptr) return nullptr;
  }
  return node;
}

std::vector<const xmlNode*> descendants(const xmlNode* root, std::string_view name) {
  std::vector<const xmlNode*> found;
  walk(
      root,
      [&](const xmlNode* node) {
        if (node->type != XML_ELEMENT_NODE) return false;
        if (node != root && local_name(node) == name) {
          found.push_back(node);
          return false;
        }
        return true;
      },
      [](const xmlNode*) {});
  return found;
}

std::string attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return {};
  const XmlStringPtr value(xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name)));
  return std::string(as_view(value.get()));
}

std::string xml_language(const xmlNode* node) {
  const XmlStringPtr lang(xmlNodeGetLang(node));
  return language_code(as_view(lang.get()));
}

std::vector<std::string> element_lines(const xmlNode* node,
                                       std::initializer_list<std::string_view> blocks,
                                       std::initializer_list<std::string_view> skip) {
  std::vector<std::string> lines;
  std::string line;
  const auto end_line = [&] {
    if (!text::trim(line).empty()) lines.push_back(std::move(line));
    line.clear();
  };
  if (node == nullptr) return lines;
  walk(
      node,
      [&](const xmlNode* current) {
        if (is_text_node(current)) {
          line += as_view(current->content);
          return false;
        }
        if (current->type == XML_ENTITY_REF_NODE) {
          append_entity_text(current, line);
          return false;
        }
        if (current->type != XML_ELEMENT_NODE) return false;
        if (current != node && in_list(skip, local_name(current))) return false;
        if (in_list(blocks, local_name(current))) end_line();
        return true;
      },
      [&](const xmlNode* current) {
        if (in_list(blocks, local_name(current))) end_line();
      });
  end_line();
  return lines;
}

std::string element_text(const xmlNode* node, std::initializer_list<std::string_view> skip) {
  std::string joined;
  for (const std::string& line : element_lines(node, {}, skip)) joined += line;
  return joined;
}

std::string inner_xml(const xmlNode* node) {
  const XmlBufferPtr buffer(xmlBufferCreate());
  if (buffer == nullptr || node == nullptr) return {};
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    // Fails only past INT_MAX bytes or out of memory; what was written so far is kept.
    if (xmlNodeDump(buffer.get(), node->doc, child, 0, 0) < 0) break;
  }
  return std::string(as_view(xmlBufferContent(buffer.get())));
}

}  // namespace morgue::indexer
