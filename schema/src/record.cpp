// SPDX-License-Identifier: GPL-2.0-or-later
// Tag-length-value document data.
#include "morgue/internal/record.h"

#include <cstdint>
#include <vector>

#include "morgue/error.h"

namespace morgue::record {
namespace {

constexpr std::string_view kMagic = "MR1";

enum Tag : char {
  kId = 'i',
  kPath = 'p',
  kTitle = 't',
  kDate = 'd',
  kDateInferred = 'D',
  kAuthor = 'a',
  kSource = 's',
  kUrl = 'u',
  kHash = 'h',
  kBody = 'b',
  kLang = 'l',
  kTag = 'g',     // repeated: field, '\x1f', value
  kEntity = 'e',  // repeated: type US name US count US first_position, then RS surface US count...
};

constexpr char kRecordSeparator = '\x1e';

constexpr char kTagSeparator = '\x1f';

void put(std::string& out, Tag tag, std::string_view value) {
  if (value.empty()) return;
  out.push_back(tag);
  auto n = static_cast<std::uint64_t>(value.size());
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
  out.append(value);
}

[[noreturn]] void corrupt(std::size_t offset) {
  throw Error(ErrorCode::kCorrupt,
              "document data is not a Morgue record (at byte " + std::to_string(offset) + ")");
}

unsigned to_unsigned(std::string_view s, std::size_t offset) {
  if (s.empty() || s.size() > 9) corrupt(offset);
  unsigned v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') corrupt(offset);
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v;
}

// Splits `s` at `sep`; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

ArticleEntity decode_entity(std::string_view value, std::size_t offset) {
  const std::vector<std::string_view> records = split(value, kRecordSeparator);
  const std::vector<std::string_view> head = split(records[0], kTagSeparator);
  if (head.size() != 4) corrupt(offset);
  ArticleEntity e{std::string(head[0]),
                  std::string(head[1]),
                  to_unsigned(head[2], offset),
                  to_unsigned(head[3], offset),
                  {}};
  for (std::size_t r = 1; r < records.size(); ++r) {
    const std::vector<std::string_view> alias = split(records[r], kTagSeparator);
    if (alias.size() != 2) corrupt(offset);
    e.aliases.push_back({std::string(alias[0]), to_unsigned(alias[1], offset)});
  }
  return e;
}

}  // namespace

std::string encode(const Article& a) {
  std::string out(kMagic);
  out.reserve(a.body.size() + a.title.size() + a.path.size() + 128);
  put(out, kId, a.id);
  put(out, kPath, a.path);
  put(out, kTitle, a.title);
  put(out, kDate, a.date);
  if (a.date_inferred) put(out, kDateInferred, "1");
  put(out, kAuthor, a.author);
  put(out, kSource, a.source);
  put(out, kUrl, a.url);
  put(out, kHash, a.content_hash);
  put(out, kLang, a.lang);
  for (const ArticleTag& tag : a.tags) {
    put(out, kTag, tag.field + kTagSeparator + tag.value);
  }
  for (const ArticleEntity& e : a.entities) {
    std::string v = e.type + kTagSeparator + e.name + kTagSeparator + std::to_string(e.count) +
                    kTagSeparator + std::to_string(e.first_position);
    for (const EntityAlias& alias : e.aliases) {
      v += kRecordSeparator + alias.surface + kTagSeparator + std::to_string(alias.count);
    }
    put(out, kEntity, v);
  }
  put(out, kBody, a.body);
  return out;
}

Article decode(std::string_view data) {
  if (data.substr(0, kMagic.size()) != kMagic) corrupt(0);
  Article a;
  std::size_t i = kMagic.size();
  while (i < data.size()) {
    const char tag = data[i++];
    std::uint64_t len = 0;
    int shift = 0;
    while (true) {
      if (i >= data.size() || shift > 56) corrupt(i);
      const auto b = static_cast<unsigned char>(data[i++]);
      len |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) break;
      shift += 7;
    }
    if (len > data.size() - i) corrupt(i);
    const std::string_view value = data.substr(i, static_cast<std::size_t>(len));
    i += static_cast<std::size_t>(len);
    switch (tag) {
      case kId:
        a.id = value;
        break;
      case kPath:
        a.path = value;
        break;
      case kTitle:
        a.title = value;
        break;
      case kDate:
        a.date = value;
        break;
      case kDateInferred:
        a.date_inferred = value == "1";
        break;
      case kAuthor:
        a.author = value;
        break;
      case kSource:
        a.source = value;
        break;
      case kUrl:
        a.url = value;
        break;
      case kHash:
        a.content_hash = value;
        break;
      case kBody:
        a.body = value;
        break;
      case kLang:
        a.lang = value;
        break;
      case kTag: {
        const std::size_t sep = value.find(kTagSeparator);
        if (sep == std::string_view::npos) corrupt(i);
        a.tags.push_back({std::string(value.substr(0, sep)), std::string(value.substr(sep + 1))});
        break;
      }
      case kEntity:
        a.entities.push_back(decode_entity(value, i));
        break;
      default:
        break;  // a newer writer's field: skip
    }
  }
  return a;
}

}  // namespace morgue::record
