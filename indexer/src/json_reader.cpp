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

namespace {

std::size_t skip_json_space(std::string_view bytes, std::size_t at) {
  while (at < bytes.size() && is_json_space(bytes[at])) ++at;
  return at;
}

// Just past the string that opens at bytes[at] ('"'), or npos when it does not end in `bytes`.
std::size_t skip_json_string(std::string_view bytes, std::size_t at) {
  for (++at; at < bytes.size(); ++at) {
    if (bytes[at] == '\\') {
      ++at;  // the escaped character, whatever it is
    } else if (bytes[at] == '"') {
      return at + 1;
    }
  }
  return std::string_view::npos;
}

// Just past the value that starts at bytes[at] (a string, an array or object with everything
// in it, or a scalar up to the next ',', '}' or ']'), or npos when it does not end in `bytes`.
std::size_t skip_json_value(std::string_view bytes, std::size_t at) {
  if (at < bytes.size() && bytes[at] == '"') return skip_json_string(bytes, at);
  std::size_t depth = 0;
  for (; at < bytes.size(); ++at) {
    const char c = bytes[at];
    if (c == '"') {
      at = skip_json_string(bytes, at);
      if (at == std::string_view::npos) return at;
      --at;  // the loop steps past the closing quote
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (depth == 0) return at;  // a scalar ends where the object around it does
      if (--depth == 0) return at + 1;
    } else if (c == ',' && depth == 0) {
      return at;
    }
  }
  return std::string_view::npos;
}

// In the object that opens at bytes[at] ('{'): the first member whose value is an array of
// objects and whose name is no article field's. Returns where its elements start (just past
// the '[') and the name as written, or nullopt when there is none in `bytes`.
std::optional<std::pair<std::size_t, std::string>> find_wrapper_records(
    std::string_view bytes, std::size_t at,
    const std::function<bool(std::string_view)>& is_field_name) {
  for (at = skip_json_space(bytes, at + 1); at < bytes.size() && bytes[at] == '"';) {
    const std::size_t name_end = skip_json_string(bytes, at);
    if (name_end == std::string_view::npos) return std::nullopt;
    const std::string_view name = bytes.substr(at + 1, name_end - at - 2);
    at = skip_json_space(bytes, name_end);
    if (at >= bytes.size() || bytes[at] != ':') return std::nullopt;
    at = skip_json_space(bytes, at + 1);
    if (at >= bytes.size()) return std::nullopt;
    if (bytes[at] == '[') {
      const std::size_t element = skip_json_space(bytes, at + 1);
      if (element < bytes.size() && bytes[element] == '{' &&
          (!is_field_name || !is_field_name(name))) {
        return std::pair{at + 1, std::string(name)};
      }
    }
    at = skip_json_value(bytes, at);
    if (at == std::string_view::npos) return std::nullopt;
    at = skip_json_space(bytes, at);
    if (at >= bytes.size() || bytes[at] != ',') return std::nullopt;  // '}': the object ends
    at = skip_json_space(bytes, at + 1);
  }
  return std::nullopt;
}

// A wrapper read in pieces: `tail` is what follows its records array, the array under `key`
// (", \"total\": 3}" or "}"). It must end the object. An array of objects in it is not read:
// streamed, the first such array holds the records (read whole, a wrapper with two is no
// wrapper). Problems are warnings: the records before them are indexed.
void check_wrapper_tail(const std::string& tail, const std::string& key, const FieldMapper& mapper,
                        const std::function<void(std::string)>& warn) {
  const std::string where = "after the \"" + key + "\" array: ";
  Json rest;
  try {
    rest = Json::parse("{\"\": 0" + tail);
  } catch (const Json::exception&) {
    warn(where + "not the end of a JSON object; the rest of the file is not read");
    return;
  }
  for (const auto& [name, value] : rest.items()) {
    if (value.is_array() && !value.empty() && value.front().is_object() &&
        !mapper.is_field_name(name)) {
      std::string message = where;
      message.append("another array of objects (\"").append(name).append("\") is not read");
      warn(std::move(message));
    }
  }
}

}  // namespace

JsonCut json_array_cut(std::string_view bytes, bool first,
                       const std::function<bool(std::string_view)>& is_field_name) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  std::size_t at = 0;
  std::size_t lines = 0;
  std::optional<std::string> wrapper_key;
  if (first) {
    if (kByteOrderMark.starts_with(bytes)) return {};
    if (bytes.starts_with(kByteOrderMark)) at = kByteOrderMark.size();
    at = skip_json_space(bytes, at);
    if (at == bytes.size()) return {};
    if (bytes[at] == '{') {
      auto records = find_wrapper_records(bytes, at, is_field_name);
      if (!records) return {.not_array = true};
      at = records->first;
      wrapper_key = std::move(records->second);
    } else if (bytes[at] == '[') {
      ++at;
    } else {
      return {.not_array = true};
    }
    lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + at, '\n'));
  }
  JsonCut cut{.wrapper_key = std::move(wrapper_key)};
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
          cut.end = at + 1;
          cut.records = records;
          cut.lines = lines;
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
  const std::optional<std::string>& wrapper_key = context.json_wrapper_key;
  // A wrapper's last piece: what follows its records array (maybe nothing: cut short).
  std::optional<std::string> wrapper_tail;
  if (context.json_array_piece) {
    // Made a whole array again: opened unless this is the first piece, closed in place of the
    // comma after its last element unless it is the last (which ends with the array's ']'). A
    // wrapper's first piece is its head and the array's start, closed as an object too; its last
    // piece ends with the array and the wrapper's tail, set apart.
    if (context.bytes_before > 0) {
      utf8.insert(0, "[");
      if (wrapper_key) {
        const std::size_t past_array = skip_json_value(utf8, 0);
        if (past_array != std::string::npos) {
          wrapper_tail = utf8.substr(past_array);
          utf8.erase(past_array);
        }
      }
    }
    const std::size_t last = utf8.find_last_not_of(" \t\r\n");
    if (last != std::string::npos && utf8[last] == ',') {
      utf8[last] = ']';
      if (wrapper_key && context.bytes_before == 0) utf8 += '}';
    }
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
  if (wrapper_key && context.bytes_before == 0 && document.is_object()) {
    // The array json_array_cut() chose: the first array of objects not under a field's name.
    const auto found = document.find(Json::parse("\"" + *wrapper_key + "\"").get<std::string>());
    if (found != document.end()) records = &*found;
  } else if (document.is_object()) {
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
  if (wrapper_tail && context.warn) {
    check_wrapper_tail(*wrapper_tail, *wrapper_key, mapper, context.warn);
  }
  if (articles == 0) {
    const std::size_t seen = record_number - context.records_before;
    throw Error(ErrorCode::kInvalidArgument, seen == 0 ? "no records in JSON"
                                                       : "no JSON record has a title or text (" +
                                                             std::to_string(seen) + " records)");
  }
}

}  // namespace morgue::indexer
