// SPDX-License-Identifier: GPL-2.0-or-later
// Reuters-21578 SGML: one article per <REUTERS> record, with the collection's category tags.
#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "clutter.h"
#include "format_readers.h"
#include "morgue/date.h"
#include "morgue/error.h"
#include "morgue/text.h"

namespace morgue::indexer {
namespace {

// The collection's category lists and the schema fields they become.
constexpr auto kTagFields = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"TOPICS", "topic"},
    {"PLACES", "place_tag"},
    {"PEOPLE", "person_tag"},
    {"ORGS", "org_tag"},
    {"EXCHANGES", "exchange"},
});

// Text between <tag ...> and </tag> within [from, to), or npos-marked empty view.
std::string_view element(std::string_view record, std::string_view tag, bool& found) {
  const std::string open = "<" + std::string(tag);
  std::size_t start = record.find(open);
  while (start != std::string_view::npos) {
    const char next = start + open.size() < record.size() ? record[start + open.size()] : '\0';
    if (next == '>' || next == ' ') break;
    start = record.find(open, start + 1);
  }
  found = start != std::string_view::npos;
  if (!found) return {};
  const std::size_t content = record.find('>', start);
  const std::string close = "</" + std::string(tag) + ">";
  const std::size_t end = record.find(close, content);
  if (content == std::string_view::npos || end == std::string_view::npos) {
    found = false;
    return {};
  }
  return record.substr(content + 1, end - content - 1);
}

std::string_view element(std::string_view record, std::string_view tag) {
  bool found = false;
  return element(record, tag, found);
}

// SGML character references: the named ones the collection uses and numeric ones; control
// characters (&#2; &#3; ...) are markup of the wire, not text.
std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 8) {
      out.push_back('&');
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "lt") {
      out.push_back('<');
    } else if (name == "gt") {
      out.push_back('>');
    } else if (name == "amp") {
      out.push_back('&');
    } else if (!name.empty() && name[0] == '#') {
      const long code = std::strtol(std::string(name.substr(1)).c_str(), nullptr, 10);
      if (code >= 32 && code < 127) {
        out.push_back(static_cast<char>(code));
      } else if (code == 10) {
        out.push_back('\n');
      } else if (code != 2 && code != 3) {
        // Wire control codes inside text (NEWID 17980: "growth.\xFC&#5;&#30;side") separate
        // words; &#2; and &#3; only open and close the text block.
        out.push_back(' ');
      }
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
  return out;
}

// Reuters bodies are hard-wrapped; an indented line starts a paragraph. The closing "Reuter"
// sign-off is not text.
std::string body_paragraphs(std::string_view raw) {
  std::vector<std::string> paragraphs;
  std::string current;
  std::size_t start = 0;
  while (start < raw.size()) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view line = raw.substr(start, end - start);
    const std::string_view trimmed = text::trim(line);
    if (!trimmed.empty()) {
      const bool indented = line[0] == ' ' || line[0] == '\t';
      if (indented && !current.empty()) {
        paragraphs.push_back(std::move(current));
        current.clear();
      }
      if (!current.empty()) current.push_back(' ');
      current.append(trimmed);
    }
    start = end + 1;
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  if (!paragraphs.empty()) {
    std::string& last = paragraphs.back();
    for (const std::string_view signoff : {" Reuter", " REUTER", "Reuter", "REUTER"}) {
      if (last.size() >= signoff.size() &&
          last.compare(last.size() - signoff.size(), signoff.size(), signoff) == 0) {
        last.resize(last.size() - signoff.size());
        break;
      }
    }
    if (text::trim(last).empty()) paragraphs.pop_back();
  }
  return clean_body(paragraphs);
}

std::string attribute(std::string_view open_tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t pos = open_tag.find(key);
  if (pos == std::string_view::npos) return {};
  const std::size_t value = pos + key.size();
  const std::size_t end = open_tag.find('"', value);
  return std::string(open_tag.substr(value, end - value));
}

Article read_record(std::string_view open_tag, std::string_view record, std::size_t ordinal,
                    const ReadContext& context) {
  Article a;
  a.id = attribute(open_tag, "NEWID");
  if (a.id.empty() && context.warn) {
    context.warn("record " + std::to_string(ordinal) + ": no NEWID");
  }
  a.source = "Reuters";
  a.lang = "en";
  const std::string raw_date = std::string(text::trim(element(record, "DATE")));
  if (auto iso = date::parse(raw_date)) {
    a.date = *iso;
  } else if (context.warn) {
    context.warn("record " + std::to_string(ordinal) + " (NEWID " + a.id + "): unreadable DATE \"" +
                 raw_date + "\"");
  }
  for (const auto& [tag, field] : kTagFields) {
    std::string_view list = element(record, tag);
    std::size_t pos = 0;
    while ((pos = list.find("<D>", pos)) != std::string_view::npos) {
      const std::size_t end = list.find("</D>", pos);
      if (end == std::string_view::npos) break;
      a.tags.push_back({std::string(field), decode_entities(list.substr(pos + 3, end - pos - 3))});
      pos = end + 4;
    }
  }
  const std::string_view body_text = element(record, "TEXT");
  a.title = text::collapse_whitespace(decode_entities(element(body_text, "TITLE")));
  const std::string dateline =
      text::collapse_whitespace(decode_entities(element(body_text, "DATELINE")));
  bool has_body = false;
  const std::string_view body = element(body_text, "BODY", has_body);
  if (has_body) {
    a.body = body_paragraphs(decode_entities(body));
  } else if (a.title.empty()) {
    // TYPE="UNPROC": unparsed wire text; its first line reads as a headline.
    const std::string raw = decode_entities(body_text);
    const std::string_view trimmed = text::trim(raw);
    const std::size_t newline = trimmed.find('\n');
    a.title = text::collapse_whitespace(trimmed.substr(0, newline));
    if (newline != std::string_view::npos) a.body = body_paragraphs(trimmed.substr(newline + 1));
  }
  // "SALVADOR, Feb 26 - " places the story; keep the place as the body's first line.
  std::string place = dateline;
  while (!place.empty() && (place.back() == '-' || place.back() == ' ')) place.pop_back();
  if (!place.empty()) a.body = a.body.empty() ? place : place + "\n" + a.body;
  return a;
}

}  // namespace

void read_reuters_sgml(const Source& source, const ReadContext& context, const ArticleSink& sink) {
  // The collection is ASCII but for one raw 0xFC byte; repair reads it as Windows-1252 "ü".
  const text::Utf8Repair utf8 = text::repair_utf8(source.bytes);
  const std::string_view data = utf8.text;
  std::size_t count = 0;
  std::size_t ordinal = context.records_before;
  std::size_t pos = 0;
  while ((pos = data.find("<REUTERS", pos)) != std::string_view::npos) {
    ++ordinal;
    const std::size_t tag_end = data.find('>', pos);
    const std::size_t end = data.find("</REUTERS>", pos);
    if (tag_end == std::string_view::npos || end == std::string_view::npos) {
      if (context.warn) {
        context.warn("record " + std::to_string(ordinal) + " at byte " +
                     std::to_string(context.bytes_before + pos) + ": no closing </REUTERS>");
      }
      break;
    }
    Article a = read_record(data.substr(pos, tag_end - pos),
                            data.substr(tag_end + 1, end - tag_end - 1), ordinal, context);
    pos = end + 10;
    // A record without text (NEWID 12793 is one) is still part of the collection and citable
    // by its id: index its metadata.
    if (a.title.empty() && a.body.empty() && context.warn) {
      context.warn("record " + std::to_string(ordinal) + " (NEWID " + a.id +
                   "): no text; indexed with its metadata only");
    }
    sink(std::move(a));
    ++count;
  }
  if (count == 0) throw Error(ErrorCode::kInvalidArgument, "no <REUTERS> record");
}

}  // namespace morgue::indexer
