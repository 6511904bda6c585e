// SPDX-License-Identifier: GPL-2.0-or-later
// Turning an article into a Xapian document: terms, values and data, everything that needs no
// access to the database, so worker threads can do it while one writer writes.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "morgue/article.h"

namespace morgue::indexer {

/// An article ready for the writer: its document lacks only what depends on the database
/// (the batch term, the near-duplicate cluster key and spelling data). The document is the
/// only reference to its contents, so it can move to another thread.
struct PreparedArticle {
  Article article;
  Xapian::Document document;
  /// MinHash signature of the body's word shingles; empty for texts too short to compare.
  std::string minhash;
};

/// MinHash signature (value slot kMinhash) of the 3-word shingles of `text` (words
/// lower-cased): schema::kMinhashSize 32-bit minimums of independent hash functions, 4 bytes
/// each, little-endian. Empty when `text` has fewer than kMinShingles shingles: very short
/// texts would cluster by accident.
[[nodiscard]] std::string minhash(std::string_view text);
/// Fewest shingles a text needs to get a signature.
inline constexpr std::size_t kMinShingles = 8;
/// Share of equal minimums of two signatures (0 when either is not a signature): an estimate
/// of the Jaccard resemblance of the two shingle sets.
[[nodiscard]] double resemblance(std::string_view a, std::string_view b);

/// Builds documents. Not thread-safe: one per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();
  /// `article.lang` and `article.content_hash` must be set. Throws Error{kInvalidArgument} for
  /// a tag of an unknown field.
  [[nodiscard]] PreparedArticle build(Article&& article);

 private:
  [[nodiscard]] const Xapian::Stem& stemmer_for(const std::string& lang);
  void add_possessive_bases(Xapian::Document& doc, const Xapian::Stem& stemmer) const;

  std::map<std::string, Xapian::Stem, std::less<>> stemmers_;  // by ISO 639-1 code
  Xapian::TermGenerator term_generator_;
};

/// The value of slot kEntities for these entities: "type\x1fname" records joined by '\x1e'.
[[nodiscard]] std::string entity_slot_value(const std::vector<ArticleEntity>& entities);

/// The file on disk an article came from: its path up to a container's "!/".
[[nodiscard]] std::string_view file_of(std::string_view path);
/// Boolean term for the file an article came from; hashed, since paths can outgrow a term.
[[nodiscard]] std::string file_term(std::string_view file);

}  // namespace morgue::indexer
