// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers for the format readers' unit tests: run a reader on bytes, load sample files, catch
// the Error a call throws.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats.h"
#include "morgue/article.h"
#include "morgue/error.h"
#include "test_support.h"

namespace morgue::test {

/// What a reader gave: its articles in order, and its warnings.
struct ReadResult {
  std::vector<Article> articles;
  std::vector<std::string> warnings;
};

using Reader = std::function<void(const indexer::Source&, const indexer::ReadContext&,
                                  const indexer::ArticleSink&)>;

/// Runs `reader` on `bytes` as if read from a file called `name`.
inline ReadResult read_with(const Reader& reader, std::string_view bytes, const std::string& name,
                            indexer::FieldMap overrides = {}) {
  ReadResult result;
  const indexer::Source source{.path = name, .id = name, .bytes = bytes};
  const indexer::ReadContext context{
      .field_overrides = std::move(overrides),
      .warn = [&result](std::string message) { result.warnings.push_back(std::move(message)); }};
  reader(source, context,
         [&result](Article&& article) { result.articles.push_back(std::move(article)); });
  return result;
}

/// The bytes of tests/data/`relative`.
inline std::string read_data(const std::string& relative) {
  return read_file(std::filesystem::path(MORGUE_TEST_DATA_DIR) / relative);
}

/// The Error a call throws, or nullopt when it returns.
inline std::optional<Error> error_from(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace morgue::test
