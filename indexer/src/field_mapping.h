// SPDX-License-Identifier: GPL-2.0-or-later
// Turning the fields of structured records (JSON objects, CSV rows, XML elements) into clean
// article fields; shared by the JSON, CSV, news XML and feed readers.
#pragma once

#include <libxml/tree.h>

#include <array>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats.h"
#include "libxml_support.h"
#include "morgue/article.h"

namespace morgue::indexer {

// ---------------------------------------------------------------------------------------------
// Clean field values.

/// A title: markup removed, white space collapsed.
[[nodiscard]] std::string clean_title(std::string_view utf8);

/// A body: HTML goes through html_fragment_text(); plain text is split on its line breaks and
/// cleaned by clean_body().
[[nodiscard]] std::string clean_body_text(std::string_view utf8);

/// An author or byline: white space collapsed, a leading "By " or "By: " dropped.
[[nodiscard]] std::string clean_author(std::string_view utf8);

/// A date value: what date::parse() reads, ISO 8601 basic ("20190508T101500Z"), or a UNIX
/// timestamp in seconds or milliseconds ("1557310500", "1557310500123"). "YYYY-MM-DD" or nullopt.
[[nodiscard]] std::optional<std::string> parse_date_value(std::string_view value);

/// The ISO 639-1 code of a language tag ("en-US" -> "en"), or empty when it is not one.
[[nodiscard]] std::string language_code(std::string_view tag);

/// True when `s` holds an HTML or XML tag ("<p>", "</div>", "<br/>").
[[nodiscard]] bool looks_like_html(std::string_view s) noexcept;

/// A plain-text body: split on its line breaks and cleaned by clean_body(), markup or not.
[[nodiscard]] std::string clean_plain_body(std::string_view utf8);

/// Last touches for every article read: a first body paragraph repeating the title is dropped,
/// and when the metadata gave no date, the first full date written in the body is used, marked
/// inferred (as the text and HTML readers do).
void finish_article(Article& article);

/// Makes `bytes` valid UTF-8, warning through `context` when some bytes were not.
[[nodiscard]] std::string decode_utf8(std::string_view bytes, const ReadContext& context);

// ---------------------------------------------------------------------------------------------
// Records with named fields (JSON objects, CSV rows).

/// One record as FieldMapper sees it. Both functions return a field's value as text, empty when
/// the record has none; a list value is joined with `list_separator`.
struct RecordFields {
  /// The field whose name equals `lower_name` ignoring ASCII case.
  std::function<std::string(std::string_view lower_name, std::string_view list_separator)> by_name;
  /// The field a user's override names: a field name or a dotted path ("meta.headline").
  std::function<std::string(std::string_view path, std::string_view list_separator)> by_path;
};

/// Builds articles from records: each article field is looked up under its usual names
/// ("title", "headline", ...) in priority order, unless the user's FieldMap names a field or
/// path for it, which then replaces those names. Immutable, so one may serve several threads.
class FieldMapper {
 public:
  /// Throws Error{kInvalidArgument} when an override names no article field.
  explicit FieldMapper(const FieldMap& overrides);

  /// The article `record` holds, with `id` left empty when it has neither an id nor a URL; or
  /// nullopt when it has neither title nor text.
  [[nodiscard]] std::optional<Article> map(const RecordFields& record) const;

  /// Whether `record` has a non-empty field that maps to the title or the body.
  [[nodiscard]] bool has_title_or_body(const RecordFields& record) const;

  /// Whether a record's field called `name` (any case) would be read for some article field,
  /// by its usual name or as the first step of an override's path.
  [[nodiscard]] bool is_field_name(std::string_view name) const;

 private:
  enum Field : std::size_t { kId, kTitle, kBody, kDate, kAuthor, kSource, kUrl, kLang, kCount };
  [[nodiscard]] std::string value(Field field, const RecordFields& record) const;

  std::array<std::optional<std::string>, kCount> overrides_;
};

// ---------------------------------------------------------------------------------------------
// XML documents (NITF, NewsML-G2, RSS, Atom).

/// Parses an XML document without loading DTDs, expanding or fetching external entities, or
/// using the network, and without writing to stderr; errors are recovered from. The declared
/// encoding is honoured (Latin-1 and Windows-1252 read as Windows-1252, undeclared or broken
/// UTF-8 repaired with a warning). Throws Error{kInvalidArgument} when there is no root element.
[[nodiscard]] XmlDocPtr parse_xml(std::string_view bytes, const ReadContext& context);

/// An element's name without its namespace prefix.
[[nodiscard]] std::string_view local_name(const xmlNode* node) noexcept;

/// The namespace URI of an element, empty when it has none.
[[nodiscard]] std::string_view namespace_uri(const xmlNode* node) noexcept;

/// The first child element called `name` (local name, any namespace), or nullptr.
[[nodiscard]] const xmlNode* child_element(const xmlNode* parent, std::string_view name);

/// Every child element called `name` (local name, any namespace), in document order.
[[nodiscard]] std::vector<const xmlNode*> child_elements(const xmlNode* parent,
                                                         std::string_view name);

/// The element at `path` below `parent`, one local name per step ({"docdata", "doc-id"}), taking
/// the first match at each step; nullptr when there is none.
[[nodiscard]] const xmlNode* element_at(const xmlNode* parent,
                                        std::initializer_list<std::string_view> path);

/// Every element called `name` below `root` (not `root` itself) in document order, not looking
/// inside a match. Iterative, so depth costs no stack.
[[nodiscard]] std::vector<const xmlNode*> descendants(const xmlNode* root, std::string_view name);

/// The value of an attribute without namespace (`xml:lang` and other namespaced attributes
/// need xmlNodeGetLang), empty when absent.
[[nodiscard]] std::string attribute(const xmlNode* node, const char* name);

/// The language in scope at `node` (xml:lang on it or an ancestor), as an ISO 639-1 code.
[[nodiscard]] std::string xml_language(const xmlNode* node);

/// All text below `node` (text and CDATA), except inside elements named in `skip`. An entity
/// reference gives the character of the HTML entity of that name ("nbsp", "mdash") and nothing
/// otherwise, whatever the document declares: no amplification, and no external entity.
[[nodiscard]] std::string element_text(const xmlNode* node,
                                       std::initializer_list<std::string_view> skip = {});

/// Lines of text below `node`: an element named in `blocks` ends the line before it and its own
/// line; elements named in `skip` are left out; text as in element_text(). Lines are not cleaned.
[[nodiscard]] std::vector<std::string> element_lines(const xmlNode* node,
                                                     std::initializer_list<std::string_view> blocks,
                                                     std::initializer_list<std::string_view> skip);

/// The children of `node` serialised as XML markup, for HTML text extraction (XHTML content).
[[nodiscard]] std::string inner_xml(const xmlNode* node);

}  // namespace morgue::indexer
