// SPDX-License-Identifier: GPL-2.0-or-later
// Reads articles from CSV files (RFC 4180): a header row names the columns, one article a row.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "field_mapping.h"
#include "format_readers.h"
#include "morgue/error.h"
#include "morgue/text.h"

namespace morgue::indexer {
namespace {

// Comma by default; spreadsheets in comma-decimal locales write ';', and some exports use tabs.
// Decided on the first line that is not blank, where read_csv() finds the header row.
char detect_separator(std::string_view text) {
  std::string_view header;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    header = text.substr(0, newline);
    if (!text::trim(header).empty() || newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  if (header.find(',') != std::string_view::npos) return ',';
  const auto semicolons = std::count(header.begin(), header.end(), ';');
  const auto tabs = std::count(header.begin(), header.end(), '\t');
  if (semicolons == 0 && tabs == 0) return ',';
  return semicolons >= tabs ? ';' : '\t';
}

struct CsvRow {
  std::vector<std::string> fields;
  std::size_t line = 0;       ///< Line the row starts on, from 1.
  bool unterminated = false;  ///< A quoted field ran to the end of the file.
};

// A single pass over the text; quoted fields may hold separators, line breaks and "" for '"'.
// Lenient where files in the wild break the RFC: a quote inside an unquoted field is kept, and
// characters after a closing quote are appended to the field.
class CsvParser {
 public:
  CsvParser(std::string_view text, char separator) : text_(text), separator_(separator) {}

  // Where the next row starts, and its line.
  [[nodiscard]] std::size_t position() const noexcept { return pos_; }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }

  // Reads the next row into `row`; false at the end of the text.
  bool next(CsvRow& row) {
    if (pos_ >= text_.size()) return false;
    row.fields.clear();
    row.line = line_;
    row.unterminated = false;
    std::string field;
    bool in_quotes = false;
    bool quoted = false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (in_quotes) {
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field.push_back('"');
            ++pos_;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line_;
          field.push_back(c);
        }
      } else if (c == '"' && field.empty() && !quoted) {
        in_quotes = true;
        quoted = true;
      } else if (c == separator_) {
        row.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        row.fields.push_back(std::move(field));
        return true;
      } else {
        field.push_back(c);
      }
    }
    row.unterminated = in_quotes;
    row.fields.push_back(std::move(field));
    return true;
  }

 private:
  std::string_view text_;
  char separator_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

bool is_blank(const CsvRow& row) {
  return row.fields.size() == 1 && text::trim(row.fields.front()).empty();
}

// The column of `name`: exactly, else ignoring ASCII case.
std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  const std::string lower = text::ascii_lower(name);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (text::ascii_lower(header[i]) == lower) return i;
  }
  return std::nullopt;
}

// A row's fields by header name; `values` may be the header itself, to ask which fields a
// header provides.
RecordFields record_fields(const std::vector<std::string>& header,
                           const std::vector<std::string>& values) {
  const auto lookup = [&header, &values](std::string_view name, std::string_view /*separator*/) {
    const std::optional<std::size_t> column = find_column(header, name);
    return column && *column < values.size() ? values[*column] : std::string();
  };
  return {.by_name = lookup, .by_path = lookup};
}

std::string join(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

// Skips blank rows, then reads the header row; false when there is none.
bool read_header_row(CsvParser& parser, CsvRow& row) {
  bool has_row = parser.next(row);
  while (has_row && is_blank(row)) has_row = parser.next(row);
  return has_row;
}

}  // namespace

CsvCut csv_cut(std::string_view bytes, std::string_view header) {
  // The reader's own parser finds the rows, so quoting, the separator (which decides where a
  // quoted field may start) and line counting agree with it. Separators, quotes and line
  // breaks are ASCII: the raw bytes have the rows of the text repair_utf8() makes of them.
  CsvCut cut;
  CsvParser parser(bytes, detect_separator(header.empty() ? bytes : header));
  const auto ends_row = [&](std::size_t at) {
    // A row ends in a line break; a '\r' last in `bytes` may be half of "\r\n".
    return at > 0 && (bytes[at - 1] == '\n' || (bytes[at - 1] == '\r' && at < bytes.size()));
  };
  CsvRow row;
  if (header.empty()) {
    if (!read_header_row(parser, row) || row.unterminated || !ends_row(parser.position())) {
      return cut;  // no whole header row yet
    }
    cut.header_end = parser.position();
  }
  // A piece holds at least one row besides the header.
  while (parser.next(row) && !row.unterminated && ends_row(parser.position())) {
    cut.end = parser.position();
    cut.lines = parser.line() - 1;
  }
  return cut;
}

void read_csv(const Source& source, const ReadContext& context, const ArticleSink& sink) {
  const FieldMapper mapper(context.field_overrides);
  // Latin-1 exports are common; repair_utf8 reads their bytes as Windows-1252.
  const std::string utf8 = decode_utf8(source.bytes, context);
  const auto warn = [&context](const std::string& message) {
    if (context.warn) context.warn(message);
  };
  // A later piece of a large file has no header row of its own: it is read from the file's
  // beginning (about whose bytes the first piece warned already).
  const bool later_piece = !context.head.empty();
  const std::string head = later_piece ? text::repair_utf8(context.head).text : "";
  const char separator = detect_separator(later_piece ? head : utf8);
  CsvParser header_parser(head, separator);
  CsvParser parser(utf8, separator);

  CsvRow row;
  if (!read_header_row(later_piece ? header_parser : parser, row)) {
    throw Error(ErrorCode::kInvalidArgument, "CSV file has no header row");
  }
  std::vector<std::string> header;
  header.reserve(row.fields.size());
  for (const std::string& name : row.fields) header.emplace_back(text::trim(name));
  if (!mapper.has_title_or_body(record_fields(header, header))) {
    throw Error(ErrorCode::kInvalidArgument, "CSV header names no title or text column (columns: " +
                                                 std::string(text::utf8_prefix(join(header), 200)) +
                                                 ")");
  }

  std::size_t rows = 0;
  std::size_t articles = 0;
  while (parser.next(row)) {
    if (is_blank(row)) continue;
    ++rows;
    const std::string position = "line " + std::to_string(context.lines_before + row.line);
    if (row.unterminated) warn(position + ": quoted field not closed before the end of the file");
    if (row.fields.size() != header.size()) {
      warn(position + ": " + std::to_string(row.fields.size()) + " fields where the header has " +
           std::to_string(header.size()) + "; row skipped");
      continue;
    }
    std::optional<Article> article = mapper.map(record_fields(header, row.fields));
    if (!article) {
      warn(position + ": no title or text");
      continue;
    }
    ++articles;
    sink(std::move(*article));
  }
  if (articles == 0) {
    throw Error(ErrorCode::kInvalidArgument,
                rows == 0 ? "CSV file has a header but no rows"
                          : "no CSV row has a title or text (" + std::to_string(rows) + " rows)");
  }
}

}  // namespace morgue::indexer
