// SPDX-License-Identifier: GPL-2.0-or-later
// Reads one news article out of an HTML page: metadata from the head, body text without clutter.
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clutter.h"
#include "libxml_support.h"
#include "morgue/date.h"
#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"

namespace morgue::indexer {
namespace {

// ---------------------------------------------------------------------------------------------
// libxml2 ownership.

struct EncodingHandlerDeleter {
  // Frees iconv/ICU handlers; built-in ones are static and left alone by libxml2.
  void operator()(xmlCharEncodingHandler* handler) const noexcept { xmlCharEncCloseFunc(handler); }
};
using EncodingHandlerPtr = std::unique_ptr<xmlCharEncodingHandler, EncodingHandlerDeleter>;

// ---------------------------------------------------------------------------------------------
// Decoding.

// Charset labels browsers decode as Windows-1252 (WHATWG Encoding Standard).
constexpr std::array<std::string_view, 15> kWindows1252Labels = {
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",       "latin-1",
    "l1",         "cp819",     "ibm819",     "iso-ir-100",   "csisolatin1",
    "us-ascii",   "ascii",     "cp1252",     "windows-1252", "x-cp1252"};

// UTF-16 labels in an ASCII-readable page are a publishing error; browsers read such pages as
// UTF-8, and so do we.
constexpr std::array<std::string_view, 7> kUtf8Labels = {
    "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be", "unicode"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

// The charset a page declares in a <meta> tag (or an XML declaration) near its start, lower-cased;
// empty when none is declared.
std::string declared_charset(std::string_view bytes) {
  const std::string head = text::ascii_lower(bytes.substr(0, 2048));
  const auto label_after = [&head](std::size_t key_end) -> std::string {
    std::size_t i = key_end;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n')) ++i;
    if (i >= head.size() || head[i] != '=') return {};
    ++i;
    while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    const std::size_t start = i;
    while (i < head.size() && is_label_char(head[i])) ++i;
    return head.substr(start, i - start);
  };
  if (head.starts_with("<?xml")) {
    const std::size_t end = head.find("?>");
    const std::size_t key = head.find("encoding");
    if (key != std::string::npos && key < end) {
      std::string label = label_after(key + 8);
      if (!label.empty()) return label;
    }
  }
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const std::size_t end = std::min(head.find('>', pos), head.size());
    const std::size_t key = head.find("charset", pos);
    if (key != std::string::npos && key < end) {
      std::string label = label_after(key + 7);
      if (!label.empty()) return label;
    }
    pos = end;
  }
  return {};
}

bool has_utf16_bom(std::string_view bytes) {
  return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
}

// The encoding to parse `bytes` with: "UTF-8" for bytes to be repaired into UTF-8 first, empty
// to let libxml2 read a byte order mark, else the page's declared charset.
std::string choose_encoding(std::string_view bytes) {
  if (has_utf16_bom(bytes)) return {};
  const std::string declared = declared_charset(bytes);
  // Unknown charsets also get the UTF-8 repair, which still reads ASCII and Windows-1252 right.
  if (declared.empty() || contains(kUtf8Labels, declared)) return "UTF-8";
  // libxml2's built-in Latin-1 decoder accepts every byte (iconv's Windows-1252 rejects the
  // five undefined ones and would cut the page short); fix_c1_controls() then reads 0x80-0x9F
  // as Windows-1252, as browsers do.
  if (contains(kWindows1252Labels, declared)) return "ISO-8859-1";
  const EncodingHandlerPtr handler(xmlFindCharEncodingHandler(declared.c_str()));
  return handler != nullptr ? declared : "UTF-8";
}

XmlDocPtr parse_html(std::string_view bytes) {
  ensure_parser_initialized();
  const SilentLibxmlErrors silence;

  const std::string encoding = choose_encoding(bytes);
  std::string input = encoding == "UTF-8" ? text::repair_utf8(bytes).text : std::string(bytes);
  if (!encoding.empty()) {
    // libxml2 takes a NUL for the end of the input in places; it never belongs in a page.
    std::erase(input, '\0');
  }
  if (input.size() > static_cast<std::size_t>(INT_MAX)) {
    throw Error(ErrorCode::kInvalidArgument, "HTML file too large to parse");
  }
  constexpr int kOptions =
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  return XmlDocPtr(htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr,
                                  encoding.empty() ? nullptr : encoding.c_str(), kOptions));
}

// libxml2 gives U+0080-U+009F for bytes 0x80-0x9F of a Latin-1 page and for references such as
// "&#150;"; they are never meant as C1 controls but as Windows-1252 punctuation (’ “ ” – …),
// which is what repair_utf8 makes of a lone such byte.
std::string fix_c1_controls(std::string s) {
  if (s.find('\xC2') == std::string::npos) return s;
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\xC2' && i + 1 < s.size()) {
      const auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) {
        out += text::repair_utf8(std::string_view(&s[i + 1], 1)).text;
        ++i;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string clean_field(std::string s) {
  return text::collapse_whitespace(fix_c1_controls(std::move(s)));
}

// ---------------------------------------------------------------------------------------------
// Tree access.

std::string_view as_view(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

bool is_element(const xmlNode* node) { return node->type == XML_ELEMENT_NODE; }

// The HTML parser lower-cases element and attribute names.
std::string_view name_of(const xmlNode* node) { return as_view(node->name); }

std::string attribute(const xmlNode* node, const char* name) {
  const XmlStringPtr value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
  return std::string(as_view(value.get()));
}

bool has_attribute(const xmlNode* node, const char* name) {
  return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// True when the white-space separated, case-insensitive attribute value (rel, itemprop) holds
// `token`.
bool has_token(const xmlNode* node, const char* name, std::string_view token) {
  const std::vector<std::string> words = split_words(text::ascii_lower(attribute(node, name)));
  return std::find(words.begin(), words.end(), token) != words.end();
}

// Visits the subtree of `root` in document order without recursion (tag soup nests deeply).
// `enter` returns whether to descend; `leave` runs for every node entered.
void walk(const xmlNode* root, const std::function<bool(const xmlNode*)>& enter,
          const std::function<void(const xmlNode*)>& leave) {
  const xmlNode* node = root;
  while (node != nullptr) {
    if (enter(node)) {
      if (node->children != nullptr) {
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

// ---------------------------------------------------------------------------------------------
// Clutter.

// Elements that never hold article text. Figures are here because their captions repeat
// what the text says and read badly in snippets.
constexpr std::array<std::string_view, 26> kClutterElements = {
    "script", "style",  "noscript", "template", "nav",    "header", "footer",
    "aside",  "form",   "button",   "iframe",   "svg",    "figure", "figcaption",
    "select", "object", "embed",    "canvas",   "video",  "audio",  "textarea",
    "input",  "dialog", "menu",     "math",     "picture"};

// Words in class and id values that mark page furniture. Bylines are metadata, read separately;
// in the body they would open every snippet.
constexpr std::array<std::string_view, 33> kClutterWords = {
    "ad",         "ads",         "advert",      "advertisement", "share",    "sharing", "social",
    "promo",      "newsletter",  "related",     "comment",       "comments", "cookie",  "subscribe",
    "banner",     "sponsor",     "sponsored",   "outbrain",      "taboola",  "popup",   "modal",
    "breadcrumb", "breadcrumbs", "tags",        "nav",           "menu",     "footer",  "header",
    "sidebar",    "cookies",     "advertising", "skiplink",      "byline"};

// "has-sidebar", "no-ads", "with-comments": layout switches on a wrapper that holds the
// article, not the furniture itself.
constexpr std::array<std::string_view, 4> kModifierWords = {"no", "has", "with", "without"};

constexpr std::array<std::string_view, 10> kClutterRoles = {
    "navigation", "banner",      "contentinfo", "complementary", "search",
    "dialog",     "alertdialog", "menu",        "menubar",       "toolbar"};

// Splits one class name or id into lower-case words at '-', '_' and camelCase humps.
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  char previous = '\0';
  for (const char c : name) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool hump = upper && previous >= 'a' && previous <= 'z';
    if (c == '-' || c == '_' || c == ':' || c == '.' || hump) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    }
    if (c != '-' && c != '_' && c != ':' && c != '.') {
      word.push_back(upper ? static_cast<char>(c - 'A' + 'a') : c);
    }
    previous = c;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Old sites glue words together: "topnav", "mainmenu", "navbar", "leftsidebar".
bool is_clutter_compound(std::string_view word) {
  for (const std::string_view part : {"nav", "navbar", "navigation", "menu", "sidebar"}) {
    if (word.ends_with(part)) return true;
  }
  for (const std::string_view part : {"navbar", "navigation", "navlink", "navlist", "navmenu"}) {
    if (word.starts_with(part)) return true;
  }
  return false;
}

bool names_clutter(std::string_view value) {
  for (const std::string& name : split_words(value)) {
    const std::vector<std::string> words = name_words(name);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const bool clutter = contains(kClutterWords, words[i]) || is_clutter_compound(words[i]);
      if (clutter && (i == 0 || !contains(kModifierWords, words[i - 1]))) return true;
    }
  }
  return false;
}

bool is_clutter(const xmlNode* node) {
  const std::string_view name = name_of(node);
  if (contains(kClutterElements, name)) return true;
  // Page-wide classes on these ("single-post sidebar-right") describe the layout.
  if (name == "html" || name == "body") return false;
  if (has_attribute(node, "hidden")) return true;
  if (contains(kClutterRoles, text::ascii_lower(text::trim(attribute(node, "role"))))) return true;
  return names_clutter(attribute(node, "class")) || names_clutter(attribute(node, "id"));
}

// Calls `fn` on every element under `root` (included) in document order; with `skip_clutter`,
// clutter below `root` is not entered.
void for_each_element(const xmlNode* root, bool skip_clutter,
                      const std::function<void(const xmlNode*)>& fn) {
  walk(
      root,
      [&](const xmlNode* node) {
        if (!is_element(node)) return false;
        if (skip_clutter && node != root && is_clutter(node)) return false;
        fn(node);
        return true;
      },
      [](const xmlNode*) {});
}

// The first element under `root` that `matches`; with `skip_clutter`, nothing inside clutter is
// looked at (a clutter element itself may match: a "byline" box is clutter in the body).
const xmlNode* find_element(const xmlNode* root, bool skip_clutter,
                            const std::function<bool(const xmlNode*)>& matches) {
  const xmlNode* found = nullptr;
  walk(
      root,
      [&](const xmlNode* node) {
        if (found != nullptr || !is_element(node)) return false;
        if (matches(node)) {
          found = node;
          return false;
        }
        return !skip_clutter || node == root || !is_clutter(node);
      },
      [](const xmlNode*) {});
  return found;
}

// The first match inside the article (outside its furniture, then anywhere in it), else the
// first one outside the page's furniture.
const xmlNode* find_preferred(const xmlNode* article_root, const xmlNode* page_root,
                              const std::function<bool(const xmlNode*)>& matches) {
  if (const xmlNode* found = find_element(article_root, true, matches)) return found;
  if (const xmlNode* found = find_element(article_root, false, matches)) return found;
  return find_element(page_root, true, matches);
}

// ---------------------------------------------------------------------------------------------
// Text.

constexpr std::array<std::string_view, 38> kBlockElements = {
    "p",      "div",    "h1",    "h2",      "h3",     "h4",      "h5",         "h6",
    "li",     "ul",     "ol",    "dl",      "dd",     "dt",      "blockquote", "pre",
    "tr",     "table",  "thead", "tbody",   "tfoot",  "caption", "section",    "article",
    "main",   "br",     "hr",    "address", "center", "details", "summary",    "fieldset",
    "legend", "hgroup", "body",  "html",    "title",  "option"};

bool is_block(const xmlNode* node) { return contains(kBlockElements, name_of(node)); }

bool is_cell(const xmlNode* node) { return name_of(node) == "td" || name_of(node) == "th"; }

bool is_text(const xmlNode* node) {
  return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

// Text under `root` with `separator` at block boundaries; scripts, styles and the elements
// named in `skip` are left out.
std::string raw_text(const xmlNode* root, char separator,
                     std::initializer_list<std::string_view> skip) {
  std::string out;
  walk(
      root,
      [&](const xmlNode* node) {
        if (is_text(node)) {
          out += as_view(node->content);
          return false;
        }
        if (!is_element(node)) return false;
        const std::string_view name = name_of(node);
        if (name == "script" || name == "style" || name == "noscript" || name == "template" ||
            name == "svg" || std::find(skip.begin(), skip.end(), name) != skip.end()) {
          return false;
        }
        if (is_block(node)) out.push_back(separator);
        if (is_cell(node)) out.push_back(' ');
        return true;
      },
      [&](const xmlNode* node) {
        if (is_block(node)) out.push_back(separator);
        if (is_cell(node)) out.push_back(' ');
      });
  return out;
}

// Text of an element as one line.
std::string inline_text(const xmlNode* root) { return clean_field(raw_text(root, ' ', {})); }

// The first line of an element's text: "By Tom Baker<br>Staff Writer" -> "By Tom Baker".
std::string first_line_text(const xmlNode* root, std::initializer_list<std::string_view> skip) {
  const std::string raw = raw_text(root, '\n', skip);
  std::size_t start = 0;
  while (start <= raw.size()) {
    const std::size_t end = std::min(raw.find('\n', start), raw.size());
    std::string line = clean_field(raw.substr(start, end - start));
    if (!line.empty()) return line;
    start = end + 1;
  }
  return {};
}

// Lines of article text under `root`: block elements end a line, clutter is skipped.
std::vector<std::string> text_lines(const xmlNode* root) {
  std::vector<std::string> lines;
  std::string line;
  int preformatted = 0;
  const auto end_line = [&] {
    if (!text::trim(line).empty()) lines.push_back(fix_c1_controls(std::move(line)));
    line.clear();
  };
  walk(
      root,
      [&](const xmlNode* node) {
        if (is_text(node)) {
          const std::string_view content = as_view(node->content);
          if (preformatted == 0) {
            line += content;
          } else {
            // Inside <pre> the line breaks are the structure.
            for (const char c : content) {
              if (c == '\n') {
                end_line();
              } else {
                line.push_back(c);
              }
            }
          }
          return false;
        }
        if (!is_element(node)) return false;
        if (node != root && is_clutter(node)) return false;
        if (is_block(node)) end_line();
        if (is_cell(node)) line.push_back(' ');
        if (name_of(node) == "pre") ++preformatted;
        return true;
      },
      [&](const xmlNode* node) {
        if (is_block(node)) end_line();
        if (is_cell(node)) line.push_back(' ');
        if (name_of(node) == "pre") --preformatted;
      });
  end_line();
  return lines;
}

std::string body_text(const xmlNode* root) { return clean_body(text_lines(root)); }

// ---------------------------------------------------------------------------------------------
// Metadata.

// <meta> content by lower-cased property or name ("og:title", "author") and "itemprop:" plus
// lower-cased itemprop; the first non-empty value of each wins.
using MetaTags = std::map<std::string, std::string, std::less<>>;

MetaTags collect_meta(const xmlNode* page) {
  MetaTags meta;
  for_each_element(page, false, [&meta](const xmlNode* node) {
    if (name_of(node) != "meta") return;
    std::string content = clean_field(attribute(node, "content"));
    if (content.empty()) return;
    for (const char* key : {"property", "name"}) {
      const std::string value = text::ascii_lower(text::trim(attribute(node, key)));
      if (!value.empty()) meta.emplace(value, content);
    }
    for (const std::string& item : split_words(text::ascii_lower(attribute(node, "itemprop")))) {
      meta.emplace("itemprop:" + item, content);
    }
  });
  return meta;
}

std::string_view meta_value(const MetaTags& meta, std::string_view key) {
  const auto it = meta.find(key);
  return it == meta.end() ? std::string_view() : std::string_view(it->second);
}

bool looks_like_url(std::string_view s) {
  return s.find("://") != std::string_view::npos || s.starts_with("www.") || s.starts_with("/");
}

// A short run of capitalised words ("Riverside Gazette"), as site names are.
bool looks_like_name(std::string_view s) {
  std::size_t words = 0;
  bool at_word_start = true;
  for (const char c : s) {
    if (c == ' ') {
      at_word_start = true;
      continue;
    }
    if (at_word_start) {
      ++words;
      if (c >= 'a' && c <= 'z') return false;
    }
    at_word_start = false;
  }
  return words > 0 && words <= 4;
}

// "Floods close roads | The Daily Bugle" -> "Floods close roads". A " - " inside a headline is
// common ("Covid-19 - what we know"), so a dash suffix is cut only when it is the site's name,
// looks like a name, or what is left is the page's <h1>; a " | " suffix, the usual site
// separator, when it is short.
std::string strip_site_suffix(const std::string& title, std::string_view site_name,
                              std::string_view h1) {
  constexpr std::array<std::string_view, 4> kSeparators = {" | ", " - ", " \u2013 ", " \u2014 "};
  std::size_t cut = std::string::npos;
  std::size_t separator_size = 0;
  bool is_bar = false;
  for (const std::string_view separator : kSeparators) {
    const std::size_t pos = title.rfind(separator);
    if (pos != std::string::npos && (cut == std::string::npos || pos > cut)) {
      cut = pos;
      separator_size = separator.size();
      is_bar = separator == " | ";
    }
  }
  if (cut == std::string::npos) return title;
  const std::string_view suffix = text::trim(std::string_view(title).substr(cut + separator_size));
  const std::string_view head = text::trim(std::string_view(title).substr(0, cut));
  if (head.empty()) return title;
  const bool names_site =
      !site_name.empty() && text::ascii_lower(suffix) == text::ascii_lower(text::trim(site_name));
  if (names_site || (!h1.empty() && head == h1) ||
      (suffix.size() < 40 && (is_bar || looks_like_name(suffix)))) {
    return std::string(head);
  }
  return title;
}

std::string find_title(const MetaTags& meta, const xmlNode* page, const xmlNode* article_root) {
  if (const std::string_view og = meta_value(meta, "og:title"); !og.empty()) {
    return std::string(og);
  }
  const xmlNode* h1 = find_preferred(article_root, page, [](const xmlNode* node) {
    return name_of(node) == "h1" && !inline_text(node).empty();
  });
  std::string h1_text = h1 != nullptr ? inline_text(h1) : std::string();
  const xmlNode* title_element =
      find_element(page, true, [](const xmlNode* node) { return name_of(node) == "title"; });
  if (title_element != nullptr) {
    std::string title =
        strip_site_suffix(inline_text(title_element), meta_value(meta, "og:site_name"), h1_text);
    if (!title.empty()) return title;
  }
  return h1_text;
}

std::optional<std::string> json_ld_date(const xmlNode* page) {
  constexpr std::string_view kKey = "\"datePublished\"";
  std::optional<std::string> found;
  for_each_element(page, false, [&](const xmlNode* node) {
    if (found || name_of(node) != "script" ||
        text::ascii_lower(attribute(node, "type")).find("ld+json") == std::string::npos) {
      return;
    }
    std::string json;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (is_text(child)) json += as_view(child->content);
    }
    std::size_t pos = 0;
    while (!found && (pos = json.find(kKey, pos)) != std::string::npos) {
      pos += kKey.size();
      while (pos < json.size() && (json[pos] == ' ' || json[pos] == '\n' || json[pos] == ':' ||
                                   json[pos] == '\t' || json[pos] == '\r')) {
        ++pos;
      }
      if (pos >= json.size() || json[pos] != '"') continue;
      const std::size_t end = json.find('"', pos + 1);
      if (end == std::string::npos) break;
      found = date::parse(std::string_view(json).substr(pos + 1, end - pos - 1));
      pos = end;
    }
  });
  return found;
}

std::optional<std::string> find_date(const MetaTags& meta, const xmlNode* page,
                                     const xmlNode* article_root) {
  constexpr std::array<std::string_view, 12> kMetaKeys = {"article:published_time",
                                                          "date",
                                                          "pubdate",
                                                          "publishdate",
                                                          "dc.date",
                                                          "dcterms.date",
                                                          "sailthru.date",
                                                          "parsely-pub-date",
                                                          "itemprop:datepublished",
                                                          "dc.date.issued",
                                                          "dcterms.issued",
                                                          "publish-date"};
  for (const std::string_view key : kMetaKeys) {
    if (auto parsed = date::parse(meta_value(meta, key))) return parsed;
  }
  // Microdata on a visible element: <time itemprop="datePublished" datetime="...">.
  std::optional<std::string> found;
  find_preferred(article_root, page, [&found](const xmlNode* node) {
    if (!has_token(node, "itemprop", "datepublished")) return false;
    for (const char* key : {"content", "datetime"}) {
      found = date::parse(attribute(node, key));
      if (found) return true;
    }
    found = date::parse(inline_text(node));
    return found.has_value();
  });
  if (found) return found;
  if (auto parsed = json_ld_date(page)) return parsed;
  const auto time_element = [&found](const xmlNode* node) {
    if (name_of(node) != "time") return false;
    found = date::parse(attribute(node, "datetime"));
    return found.has_value();
  };
  if (find_preferred(article_root, page, time_element) != nullptr) return found;
  find_element(page, false, time_element);
  return found;
}

std::string strip_by(std::string byline) {
  const std::string lower = text::ascii_lower(byline.substr(0, 4));
  if (lower.starts_with("by: ")) return std::string(text::trim(std::string_view(byline).substr(4)));
  if (lower.starts_with("by ")) return std::string(text::trim(std::string_view(byline).substr(3)));
  return byline;
}

std::string find_author(const MetaTags& meta, const xmlNode* page, const xmlNode* article_root) {
  for (const std::string_view key : {"author", "article:author"}) {
    const std::string_view value = meta_value(meta, key);
    if (!value.empty() && !looks_like_url(value)) return std::string(value);
  }
  const xmlNode* link = find_preferred(article_root, page, [](const xmlNode* node) {
    return name_of(node) != "link" && has_token(node, "rel", "author") &&
           !inline_text(node).empty();
  });
  if (link != nullptr) return strip_by(inline_text(link));
  const auto byline_of = [](const xmlNode* node) {
    return strip_by(first_line_text(node, {"time"}));
  };
  const xmlNode* byline = find_preferred(article_root, page, [&byline_of](const xmlNode* node) {
    return text::ascii_lower(attribute(node, "class")).find("byline") != std::string::npos &&
           !byline_of(node).empty();
  });
  return byline != nullptr ? byline_of(byline) : std::string();
}

std::string find_url(const MetaTags& meta, const xmlNode* page) {
  const xmlNode* canonical = find_element(page, false, [](const xmlNode* node) {
    return name_of(node) == "link" && has_token(node, "rel", "canonical") &&
           !text::trim(attribute(node, "href")).empty();
  });
  if (canonical != nullptr) return clean_field(attribute(canonical, "href"));
  return std::string(meta_value(meta, "og:url"));
}

// ---------------------------------------------------------------------------------------------
// Body.

struct ArticleText {
  const xmlNode* root = nullptr;
  std::string body;
};

// The article's element and its text: the <article> with the most text, else <main>, else the
// articleBody microdata element, else the whole <body>. Candidates inside page furniture
// (teasers in a "related" box) do not count.
ArticleText choose_article(const xmlNode* page) {
  std::vector<const xmlNode*> articles;
  std::vector<const xmlNode*> mains;
  std::vector<const xmlNode*> article_bodies;
  const xmlNode* body = nullptr;
  for_each_element(page, true, [&](const xmlNode* node) {
    const std::string_view name = name_of(node);
    if (name == "article") articles.push_back(node);
    if (name == "main") mains.push_back(node);
    if (name == "body" && body == nullptr) body = node;
    if (has_token(node, "itemprop", "articlebody")) article_bodies.push_back(node);
  });
  ArticleText best;
  for (const xmlNode* article : articles) {
    std::string article_text = body_text(article);
    if (article_text.size() > best.body.size()) best = {article, std::move(article_text)};
  }
  if (!best.body.empty()) return best;
  for (const std::vector<const xmlNode*>* group : {&mains, &article_bodies}) {
    for (const xmlNode* candidate : *group) {
      std::string candidate_text = body_text(candidate);
      if (!candidate_text.empty()) return {candidate, std::move(candidate_text)};
    }
  }
  const xmlNode* fallback = body != nullptr ? body : page;
  return {fallback, body_text(fallback)};
}

// Drops the headline when the body starts by repeating it (an <h1> inside the article).
void drop_repeated_title(std::string& body, std::string_view title) {
  if (title.empty()) return;
  const std::size_t end = body.find('\n');
  const std::string_view first = std::string_view(body).substr(0, end);
  if (first != title) return;
  body.erase(0, end == std::string::npos ? body.size() : end + 1);
}

// A publication date written in the text comes near its start; the regular expressions in
// date::find_in_text cost about a second for every few megabytes of text.
constexpr std::size_t kDateSearchBytes = std::size_t{16} * 1024;

}  // namespace

Article read_html_article(std::string_view bytes) {
  const XmlDocPtr doc = parse_html(bytes);
  const xmlNode* page = doc != nullptr ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (page == nullptr) throw Error(ErrorCode::kInvalidArgument, "no article text in HTML");

  const MetaTags meta = collect_meta(page);
  ArticleText chosen = choose_article(page);
  Article article;
  article.title = find_title(meta, page, chosen.root);
  drop_repeated_title(chosen.body, article.title);
  if (chosen.body.empty()) {
    throw Error(ErrorCode::kInvalidArgument, article.title.empty()
                                                 ? "no article text in HTML"
                                                 : "HTML page has a title but no article text");
  }
  article.body = std::move(chosen.body);

  if (auto published = find_date(meta, page, chosen.root)) {
    article.date = std::move(*published);
  } else if (auto written = date::find_in_text(text::utf8_prefix(article.body, kDateSearchBytes))) {
    article.date = std::move(*written);
    article.date_inferred = true;
  }
  article.author = find_author(meta, page, chosen.root);
  article.source = std::string(meta_value(meta, "og:site_name"));
  article.url = find_url(meta, page);
  return article;
}

std::string html_fragment_text(std::string_view utf8) {
  ensure_parser_initialized();
  const SilentLibxmlErrors silence;
  std::string input(utf8);
  std::erase(input, '\0');
  if (input.size() > static_cast<std::size_t>(INT_MAX)) {
    throw Error(ErrorCode::kInvalidArgument, "HTML fragment too large to parse");
  }
  // The caller has decoded the text already, so the encoding is given, not sniffed.
  constexpr int kOptions =
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  const XmlDocPtr doc(
      htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, "UTF-8", kOptions));
  const xmlNode* root = doc != nullptr ? xmlDocGetRootElement(doc.get()) : nullptr;
  return root != nullptr ? body_text(root) : std::string();
}

}  // namespace morgue::indexer
