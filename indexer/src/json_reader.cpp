// SPDX-License-Identifier: GPL-2.0-or-later
// Reads articles from JSON Lines files (one object per line) and JSON documents.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "field_mapping.h"
#include "format_readers.h"
#include "morgue/error.h"
#include "morgue/text.h"

namespace morgue::indexer {
namespace {

using Json = nlohmann::json;

// News fields are at most a list of objects ("authors": [{"name": ...}]); stopping deeper keeps
// the conversion's recursion bounded whatever the nesting of the input.
constexpr int kMaxValueDepth = 3;

// Members of an object value that hold its text: {"name": "BBC"}, WordPress's
// {"rendered": "<p>...</p>"}, MongoDB's {"$date": ...} and {"$oid": ...}.
constexpr std::array<std::string_view, 7> kTextMembers = {"name",  "rendered", "value",      "text",
                                                          "$date", "$oid",     "$numberlong"};

// The member of `object` named `name`: exactly, else ignoring ASCII case.
const Json* find_member(const Json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  if (const auto exact = object.find(name); exact != object.end()) return &*exact;
  const std::string lower = text::ascii_lower(name);
  for (const auto& [key, value] : object.items()) {
    if (text::ascii_lower(key) == lower) return &value;
  }
  return nullptr;
}

std::string json_text(const Json& value, std::string_view separator, int depth = 0) {
  switch (value.type()) {
    case Json::value_t::string:
      return value.get_ref<const std::string&>();
    case Json::value_t::number_integer:
      return std::to_string(value.get<std::int64_t>());
    case Json::value_t::number_unsigned:
      return std::to_string(value.get<std::uint64_t>());
    case Json::value_t::number_float:
      return value.dump();
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::array: {
      if (depth >= kMaxValueDepth) return {};
      std::string joined;
      for (const Json& item : value) {
        const std::string item_text = json_text(item, separator, depth + 1);
        if (text::trim(item_text).empty()) continue;
        if (!joined.empty()) joined += separator;
        joined += item_text;
      }
      return joined;
    }
    case Json::value_t::object: {
      if (depth >= kMaxValueDepth) return {};
      for (const std::string_view name : kTextMembers) {
        if (const Json* member = find_member(value, name)) {
          std::string member_text = json_text(*member, separator, depth + 1);
          if (!text::trim(member_text).empty()) return member_text;
        }
      }
      return {};
    }
    default:
      return {};
  }
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The value at a user's path: a member name ("meta.headline" may itself be a key), else a
// dotted path whose numeric steps index arrays ("authors.0.name").
const Json* resolve_path(const Json& root, std::string_view path) {
  if (const Json* whole = find_member(root, path)) return whole;
  const Json* node = &root;
  std::size_t start = 0;
  while (node != nullptr && start <= path.size()) {
    const std::size_t end = std::min(path.find('.', start), path.size());
    const std::string_view step = path.substr(start, end - start);
    if (node->is_array() && all_digits(step) && step.size() < 10) {
      const auto index = std::stoul(std::string(step));
      node = index < node->size() ? &(*node)[index] : nullptr;
    } else {
      node = find_member(*node, step);
    }
    start = end + 1;
  }
  return node;
}

RecordFields record_fields(const Json& object) {
  return {
      .by_name =
          [&object](std::string_view lower_name, std::string_view separator) {
            const Json* member = find_member(object, lower_name);
            return member != nullptr ? json_text(*member, separator) : std::string();
          },
      .by_path =
          [&object](std::string_view path, std::string_view separator) {
            const Json* found = resolve_path(object, path);
            return found != nullptr ? json_text(*found, separator) : std::string();
          },
  };
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error " prefix:
// "at line 3, column 5: syntax error while parsing ...", or "at column 5: ..." for one line.
// `lines_before`: the lines before a piece of a larger file, added to the line number.
std::string parse_error_detail(const Json::exception& error, bool one_line,
                               std::size_t lines_before = 0) {
  const std::string_view message = error.what();
  std::size_t start = message.find("] ");
  start = start == std::string_view::npos ? 0 : start + 2;
  std::string_view detail = message.substr(start);
  if (detail.starts_with("parse error ")) detail.remove_prefix(12);
  std::string cleaned(detail);
  if (one_line && cleaned.starts_with("at line 1, ")) cleaned.replace(0, 11, "at ");
  constexpr std::string_view kAtLine = "at line ";
  if (lines_before > 0 && cleaned.starts_with(kAtLine)) {
    const std::size_t digits = cleaned.find_first_not_of("0123456789", kAtLine.size());
    if (digits != std::string::npos && digits > kAtLine.size() && digits - kAtLine.size() < 10) {
      const std::size_t line = std::stoul(cleaned.substr(kAtLine.size(), digits - kAtLine.size()));
      cleaned.replace(kAtLine.size(), digits - kAtLine.size(), std::to_string(line + lines_before));
    }
  }
  // "last read: '...'" quotes the input; a long string literal would make a very long warning.
  return std::string(text::utf8_prefix(cleaned, 300));
}

}  // namespace

void read_json_lines(const Source& source, const ReadContext& context, const ArticleSink& sink) {
  const FieldMapper mapper(context.field_overrides);
  const std::string utf8 = decode_utf8(source.bytes, context);
  const auto warn = [&context](const std::string& message) {
    if (context.warn) context.warn(message);
  };
  std::size_t line_number = context.lines_before;
  std::size_t objects = 0;
  std::size_t articles = 0;
  std::size_t start = 0;
  while (start < utf8.size()) {
    const std::size_t end = std::min(utf8.find('\n', start), utf8.size());
    const std::string_view line = std::string_view(utf8).substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (text::trim(line).empty()) continue;
    const std::string position = "line " + std::to_string(line_number);
    Json value;
    try {
      value = Json::parse(line);
    } catch (const Json::exception& error) {
      warn(position + ": JSON parse error " + parse_error_detail(error, true));
      continue;
    }
    if (!value.is_object()) {
      warn(position + ": not a JSON object");
      continue;
    }
    ++objects;
    std::optional<Article> article = mapper.map(record_fields(value));
    if (!article) {
      warn(position + ": no title or text");
      continue;
    }
    ++articles;
    sink(std::move(*article));
  }
  if (articles == 0) {
    throw Error(
        ErrorCode::kInvalidArgument,
        objects == 0
            ? "no JSON object in " + std::to_string(line_number - context.lines_before) + " lines"
            : "no JSON record has a title or text (" + std::to_string(objects) + " records)");
  }
}

JsonCut json_array_cut(std::string_view bytes, bool first) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  std::size_t at = 0;
  std::size_t lines = 0;
  if (first) {
    if (kByteOrderMark.starts_with(bytes)) return {};
    if (bytes.starts_with(kByteOrderMark)) at = kByteOrderMark.size();
    for (; at < bytes.size() && is_json_space(bytes[at]); ++at) {
      if (bytes[at] == '\n') ++lines;
    }
    if (at == bytes.size()) return {};
    if (bytes[at] != '[') return {.not_array = true};
    ++at;
  }
  JsonCut cut;
  std::size_t depth = 1;  // inside the top-level array
  std::size_t records = 0;
  bool in_string = false;
  for (; at < bytes.size() && depth > 0; ++at) {
    const char c = bytes[at];
    if (c == '\n') ++lines;
    if (in_string) {
      if (c == '\\') {
        ++at;  // the escaped character, whatever it is
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        ++depth;
        break;
      case ']':
      case '}':
        --depth;
        break;
      case ',':
        if (depth == 1) {
          ++records;
          cut = {.end = at + 1, .records = records, .lines = lines};
        }
        break;
      default:
        break;
    }
  }
  return cut;
}

void read_json(const Source& source, const ReadContext& context, const ArticleSink& sink) {
  const FieldMapper mapper(context.field_overrides);
  std::string utf8 = decode_utf8(source.bytes, context);
  if (context.json_array_piece) {
    // Made a whole array again: opened unless this is the first piece, closed in place of the
    // comma after its last element unless it is the last (which ends with the array's ']').
    if (context.bytes_before > 0) utf8.insert(0, "[");
    const std::size_t last = utf8.find_last_not_of(" \t\r\n");
    if (last != std::string::npos && utf8[last] == ',') utf8[last] = ']';
  }
  Json document;
  try {
    document = Json::parse(utf8);
  } catch (const Json::exception& error) {
    throw Error(ErrorCode::kInvalidArgument,
                "JSON parse error " + parse_error_detail(error, false, context.lines_before));
  }

  // The records: an array of them, one object, or the array of a wrapper object such as
  // {"status": "ok", "articles": [...]} or a JSON Feed {"title": "...", "items": [...]}. A
  // wrapper has exactly one array of objects, under a name no article field is read from (an
  // article's "authors": [{"name": ...}] does not make it a wrapper).
  const Json* records = &document;
  if (document.is_object()) {
    const Json* only_array = nullptr;
    std::size_t arrays = 0;
    for (const auto& [key, value] : document.items()) {
      if (value.is_array() && !value.empty() && value.front().is_object() &&
          !mapper.is_field_name(key)) {
        ++arrays;
        only_array = &value;
      }
    }
    if (arrays == 1) records = only_array;
  }

  std::size_t articles = 0;
  std::size_t record_number = context.records_before;
  const auto read_record = [&](const Json& record) {
    ++record_number;
    const std::string position = "record " + std::to_string(record_number);
    if (!record.is_object()) {
      if (context.warn) context.warn(position + ": not a JSON object");
      return;
    }
    std::optional<Article> article = mapper.map(record_fields(record));
    if (!article) {
      if (context.warn) context.warn(position + ": no title or text");
      return;
    }
    ++articles;
    sink(std::move(*article));
  };
  if (records->is_array()) {
    for (const Json& record : *records) read_record(record);
  } else {
    read_record(*records);
  }
  if (articles == 0) {
    const std::size_t seen = record_number - context.records_before;
    throw Error(ErrorCode::kInvalidArgument, seen == 0 ? "no records in JSON"
                                                       : "no JSON record has a title or text (" +
                                                             std::to_string(seen) + " records)");
  }
}

}  // namespace morgue::indexer
