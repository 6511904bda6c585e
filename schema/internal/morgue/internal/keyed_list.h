// SPDX-License-Identifier: GPL-2.0-or-later
// The "key\x1fvalue" records joined by '\x1e' that value slots kEntities ("person\x1fMike
// Pompeo") and kTags ("topic\x1fcocoa") hold: written by the indexer, read by facets.
#pragma once

#include <string>
#include <string_view>

namespace morgue::keyed_list {

inline constexpr char kRecordSeparator = '\x1e';
inline constexpr char kKeySeparator = '\x1f';

/// Appends the record key -> value to `list`.
inline void append(std::string& list, std::string_view key, std::string_view value) {
  if (!list.empty()) list.push_back(kRecordSeparator);
  list.append(key);
  list.push_back(kKeySeparator);
  list.append(value);
}

/// Calls f(key, value) for each well-formed record of `list`, in order; views into `list`.
template <class F>
void for_each(std::string_view list, F&& f) {
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find(kRecordSeparator, start);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view record = list.substr(start, end - start);
    const std::size_t sep = record.find(kKeySeparator);
    if (sep != std::string_view::npos) f(record.substr(0, sep), record.substr(sep + 1));
    start = end + 1;
  }
}

}  // namespace morgue::keyed_list
