// SPDX-License-Identifier: GPL-2.0-or-later
// Entity recognition: people, organisations, places, @handles, #hashtags and URLs in an
// article, from gazetteers shipped by Debian (iso-codes, tzdata) and rules.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "morgue/article.h"

namespace morgue::indexer {

/// Where the gazetteers are read from. Defaults are Debian's paths.
struct GazetteerPaths {
  /// iso-codes: ISO 3166-1 countries, ISO 3166-2 subdivisions.
  std::filesystem::path iso_3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json";
  std::filesystem::path iso_3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json";
  /// tzdata: cities of the time zone database.
  std::filesystem::path zone_tab = "/usr/share/zoneinfo/zone1970.tab";
  /// A word list, one word a line (Debian's wamerican): its lower-case entries are the common
  /// words that a capital at the start of a sentence does not make a name ("Visited Iraq").
  std::filesystem::path words = "/usr/share/dict/words";
};

/// Recognises entities. Immutable once built; extract() may be called from many threads at
/// once.
class EntityExtractor {
 public:
  /// Loads the gazetteers. Throws Error{kNotFound} naming a missing file, Error{kCorrupt}
  /// naming a file it cannot read.
  explicit EntityExtractor(const GazetteerPaths& paths = {});
  EntityExtractor(EntityExtractor&&) noexcept;
  EntityExtractor& operator=(EntityExtractor&&) noexcept;
  EntityExtractor(const EntityExtractor&) = delete;
  EntityExtractor& operator=(const EntityExtractor&) = delete;
  ~EntityExtractor();

  /// The process-wide extractor over Debian's gazetteers, built on first use (thread-safe).
  [[nodiscard]] static const EntityExtractor& shared();

  /// The entities of one article, each once with its canonical name, mention count, first
  /// byte offset in `title + '\n' + body`, and the surface forms (aliases) it appeared as.
  /// Ordered by first position. Thread-safe.
  [[nodiscard]] std::vector<ArticleEntity> extract(std::string_view title,
                                                   std::string_view body) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace morgue::indexer
