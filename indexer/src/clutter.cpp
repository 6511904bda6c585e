// SPDX-License-Identifier: GPL-2.0-or-later
// Clutter removal rules; each rule is named after what it removes.
#include "clutter.h"

#include <array>
#include <utility>

#include "morgue/text.h"

namespace morgue::indexer {
namespace {

// Whole lines that publishing systems insert between paragraphs. Compared lower-cased,
// without trailing punctuation.
constexpr std::array<std::string_view, 12> kBoilerplateLines = {
    "advertisement",
    "advertisements",
    "sponsored",
    "sponsored content",
    "skip advertisement",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "continue reading",
    "read more",
    "share this article",
    "share"};

bool is_boilerplate_line(std::string_view line) {
  std::string key = text::ascii_lower(line);
  while (!key.empty() && (key.back() == ':' || key.back() == '.' || key.back() == ' ')) {
    key.pop_back();
  }
  for (const std::string_view b : kBoilerplateLines) {
    if (key == b) return true;
  }
  return false;
}

// Removes "pic.twitter.com/XXXX" (with or without a scheme) and the space before it.
std::string strip_twitter_pictures(std::string_view line) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t hit = line.find("pic.twitter.com/", i);
    if (hit == std::string_view::npos) {
      out.append(line.substr(i));
      break;
    }
    std::size_t start = hit;
    for (const std::string_view scheme : {"https://", "http://"}) {
      if (start >= scheme.size() && line.substr(start - scheme.size(), scheme.size()) == scheme) {
        start -= scheme.size();
      }
    }
    out.append(line.substr(i, start - i));
    std::size_t end = hit;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t') ++end;
    i = end;
  }
  return text::collapse_whitespace(out);
}

// A caption is short and reads like a label, not a sentence.
bool is_caption_like(std::string_view line) {
  if (line.size() > 120) return false;
  const char last = line.empty() ? '\0' : line.back();
  return last != '.' && last != '?' && last != '!' && last != ':';
}

}  // namespace

std::string clean_line(std::string_view line) {
  std::string cleaned = text::collapse_whitespace(line);
  if (cleaned.find("pic.twitter.com/") != std::string::npos) {
    cleaned = strip_twitter_pictures(cleaned);
  }
  if (cleaned.empty() || is_boilerplate_line(cleaned)) return {};
  return cleaned;
}

std::string clean_body(const std::vector<std::string>& lines) {
  std::vector<std::string> kept;
  kept.reserve(lines.size());
  for (const std::string& raw : lines) {
    std::string line = clean_line(raw);
    if (!line.empty()) kept.push_back(std::move(line));
  }
  std::string body;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const bool repeated =
        (i + 1 < kept.size() && kept[i + 1] == kept[i]) || (i > 0 && kept[i - 1] == kept[i]);
    if (repeated && is_caption_like(kept[i])) continue;
    if (!body.empty()) body.push_back('\n');
    body += kept[i];
  }
  return body;
}

}  // namespace morgue::indexer
