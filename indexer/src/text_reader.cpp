// SPDX-License-Identifier: GPL-2.0-or-later
// Plain-text articles: title line, optional header block, body.
#include <string>
#include <vector>

#include "clutter.h"
#include "morgue/date.h"
#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"

namespace morgue::indexer {
namespace {

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view line = s.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// Recognises "Key: value" header lines; returns false for anything else.
bool read_header(std::string_view line, Article& article, bool& has_date) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon > 10) return false;
  const std::string key = text::ascii_lower(text::trim(line.substr(0, colon)));
  const std::string value(text::trim(line.substr(colon + 1)));
  if (key == "date") {
    if (auto iso = date::parse(value)) {
      article.date = *iso;
      has_date = true;
    }
    return true;  // an unparsable Date: line is still a header line, not body text
  }
  if (key == "by" || key == "author") {
    article.author = value;
    return true;
  }
  if (key == "source") {
    article.source = value;
    return true;
  }
  if (key == "url") {
    article.url = value;
    return true;
  }
  return false;
}

}  // namespace

Article read_text_article(std::string_view utf8) {
  const std::vector<std::string_view> lines = split_lines(utf8);
  Article article;
  std::size_t i = 0;
  while (i < lines.size() && text::trim(lines[i]).empty()) ++i;
  if (i == lines.size()) throw Error(ErrorCode::kInvalidArgument, "empty file (no text)");
  article.title = clean_line(lines[i]);
  ++i;

  // The header block may be separated from the title by blank lines, but ends at the first
  // line that is not a header.
  bool has_date = false;
  std::size_t j = i;
  while (j < lines.size() && text::trim(lines[j]).empty()) ++j;
  while (j < lines.size() && read_header(text::trim(lines[j]), article, has_date)) {
    ++j;
    i = j;
  }

  std::vector<std::string> body_lines;
  body_lines.reserve(lines.size() - i);
  for (; i < lines.size(); ++i) body_lines.emplace_back(lines[i]);
  article.body = clean_body(body_lines);
  if (article.title.empty() && article.body.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "no article text");
  }
  if (!has_date) {
    if (auto iso = date::find_in_text(article.body)) {
      article.date = *iso;
      article.date_inferred = true;
    }
  }
  return article;
}

}  // namespace morgue::indexer
