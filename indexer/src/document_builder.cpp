// SPDX-License-Identifier: GPL-2.0-or-later
// Terms, values and data of an article's Xapian document, and its SimHash.
#include "document_builder.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "language.h"
#include "morgue/error.h"
#include "morgue/internal/entity_key.h"
#include "morgue/internal/keyed_list.h"
#include "morgue/internal/record.h"
#include "morgue/internal/store.h"
#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::indexer {
namespace {

// A tag's value as its term and its facet value hold it.
std::string tag_value(const ArticleTag& tag) {
  return std::string(
      text::utf8_prefix(text::ascii_lower(text::collapse_whitespace(tag.value)), 200));
}

std::string tag_term(const ArticleTag& tag) {
  const schema::Field* field = schema::find_field(tag.field);
  if (field == nullptr || field->kind != schema::FieldKind::kBoolean) {
    throw Error(ErrorCode::kInvalidArgument, "unknown tag field \"" + tag.field + "\"");
  }
  return std::string(field->prefix) + tag_value(tag);
}

std::string compact_date(std::string_view iso) {
  std::string out;
  for (const char c : iso) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

bool is_word_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c) != 0; }

}  // namespace

std::string entity_slot_value(const std::vector<ArticleEntity>& entities) {
  std::string out;
  for (const ArticleEntity& e : entities) keyed_list::append(out, e.type, e.name);
  return out;
}

std::string_view file_of(std::string_view path) { return path.substr(0, path.find("!/")); }

std::string file_term(std::string_view file) {
  return std::string(schema::find_field("file")->prefix) + text::content_hash(file);
}

// Multiply-shift hash functions h_i(x) = (a_i * x + b_i) >> 32 over the shingle's 64-bit
// xxHash, with odd a_i: cheap, and independent enough for MinHash. Fixed seeds: signatures
// are part of the on-disk format.
struct MinhashFunctions {
  std::array<std::uint64_t, schema::kMinhashSize> a{};
  std::array<std::uint64_t, schema::kMinhashSize> b{};
  MinhashFunctions() {
    std::uint64_t state = 0x4d6f726775654d48ULL;  // "MorgueMH"
    const auto next = [&] {                       // splitmix64
      std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      return z ^ (z >> 31);
    };
    for (unsigned i = 0; i < schema::kMinhashSize; ++i) {
      a[i] = next() | 1U;
      b[i] = next();
    }
  }
};

std::string minhash(std::string_view text) {
  static const MinhashFunctions functions;
  std::array<std::uint32_t, schema::kMinhashSize> mins;
  mins.fill(0xFFFFFFFFU);
  // Words as lower-cased byte runs; a ring of the last three makes the shingle.
  std::array<std::string, 3> ring;
  std::size_t words = 0;
  std::size_t shingles = 0;
  std::string shingle;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) break;
    std::string& word = ring[words % 3];
    word.assign(text.substr(start, i - start));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ++words;
    if (words < 3) continue;
    shingle.clear();
    for (std::size_t k = words - 3; k < words; ++k) {
      shingle += ring[k % 3];
      shingle.push_back(' ');
    }
    const std::uint64_t h = text::hash64(shingle);
    for (unsigned f = 0; f < schema::kMinhashSize; ++f) {
      const auto v = static_cast<std::uint32_t>((functions.a[f] * h + functions.b[f]) >> 32);
      mins[f] = std::min(mins[f], v);
    }
    ++shingles;
  }
  if (shingles < kMinShingles) return {};
  std::string signature;
  signature.reserve(std::size_t{4} * schema::kMinhashSize);
  for (const std::uint32_t m : mins) {
    for (unsigned byte = 0; byte < 4; ++byte) {
      signature.push_back(static_cast<char>((m >> (8 * byte)) & 0xFFU));
    }
  }
  return signature;
}

double resemblance(std::string_view a, std::string_view b) {
  if (a.size() != std::size_t{4} * schema::kMinhashSize || b.size() != a.size()) return 0;
  unsigned equal = 0;
  for (std::size_t i = 0; i < a.size(); i += 4) {
    if (a.substr(i, 4) == b.substr(i, 4)) ++equal;
  }
  return static_cast<double>(equal) / schema::kMinhashSize;
}

DocumentBuilder::DocumentBuilder() {
  store::translating("preparing the indexer", [&] {
    term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  });
}

const Xapian::Stem& DocumentBuilder::stemmer_for(const std::string& lang) {
  auto it = stemmers_.find(lang);
  if (it == stemmers_.end()) {
    const std::string_view name = indexer::snowball_stemmer_for(lang);
    it = stemmers_
             .emplace(lang,
                      Xapian::Stem(std::string(name.empty() ? schema::kDefaultLanguage : name)))
             .first;
  }
  return it->second;
}

PreparedArticle DocumentBuilder::build(Article&& a) {
  return store::translating("indexing " + a.id, [&] {
    PreparedArticle out;
    Xapian::Document& doc = out.document;
    const Xapian::Stem& stemmer = stemmer_for(a.lang);
    term_generator_.set_stemmer(stemmer);
    term_generator_.set_document(doc);
    // Title words twice: under the title prefix for `title:` queries, and unprefixed with a
    // higher wdf so that a query word in the headline outranks one mention in the body.
    term_generator_.index_text(a.title, 1, std::string(schema::find_field("title")->prefix));
    term_generator_.increase_termpos();
    term_generator_.index_text(a.title, schema::kTitleWeight);
    term_generator_.increase_termpos();
    term_generator_.index_text(a.body);
    if (!a.author.empty()) {
      term_generator_.increase_termpos();
      term_generator_.index_text(a.author, 1, std::string(schema::find_field("author")->prefix));
    }
    add_possessive_bases(doc, stemmer);
    doc.add_boolean_term(store::id_term(a.id));
    doc.add_boolean_term(file_term(file_of(a.path)));
    if (!a.lang.empty()) {
      doc.add_boolean_term(std::string(schema::find_field("lang")->prefix) + a.lang);
      doc.add_value(schema::slot::kLang, a.lang);
    }
    std::string tags;
    for (const ArticleTag& tag : a.tags) {
      doc.add_boolean_term(tag_term(tag));
      keyed_list::append(tags, tag.field, tag_value(tag));
    }
    if (!tags.empty()) doc.add_value(schema::slot::kTags, tags);
    if (!a.source.empty()) {
      const std::string source = std::string(
          text::utf8_prefix(text::ascii_lower(text::collapse_whitespace(a.source)), 200));
      doc.add_boolean_term(std::string(schema::find_field("source")->prefix) + source);
      doc.add_value(schema::slot::kSource, source);
    }
    if (!a.date.empty()) {
      const std::string ymd = compact_date(a.date);
      doc.add_value(schema::slot::kDate, ymd);
      doc.add_boolean_term(std::string(schema::prefix::kYear) + ymd.substr(0, 4));
      doc.add_boolean_term(std::string(schema::prefix::kMonth) + ymd.substr(0, 6));
      doc.add_boolean_term(std::string(schema::prefix::kDay) + ymd);
    }
    for (const ArticleEntity& e : a.entities) {
      const schema::Field* field = schema::entity_field(e.type);
      if (field == nullptr) continue;
      for (const std::string& term : entity::terms(field->prefix, e.name)) {
        doc.add_boolean_term(term);
      }
    }
    if (!a.entities.empty()) doc.add_value(schema::slot::kEntities, entity_slot_value(a.entities));
    out.minhash = minhash(a.body);
    if (!out.minhash.empty()) doc.add_value(schema::slot::kMinhash, out.minhash);
    doc.set_data(record::encode(a));
    // The term generator keeps a reference to its document, and Xapian's reference counts are
    // not atomic: let go of it before another thread takes the document.
    term_generator_.set_document(Xapian::Document());
    out.article = std::move(a);
    return out;
  });
}

// Xapian indexes "Trump's" as the one term "trump's", so a search for Trump would miss every
// possessive, which news text is full of ("China's", "Huawei's"). Index the base word too, at
// the same positions (phrases still match), with its stem.
void DocumentBuilder::add_possessive_bases(Xapian::Document& doc,
                                           const Xapian::Stem& stemmer) const {
  std::vector<std::pair<std::string, std::vector<Xapian::termpos>>> bases;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.size() < 4 || term[0] == 'Z' || term.compare(term.size() - 2, 2, "'s") != 0) continue;
    std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
    bases.emplace_back(term.substr(0, term.size() - 2), std::move(positions));
  }
  for (const auto& [base, positions] : bases) {
    for (const Xapian::termpos pos : positions) doc.add_posting(base, pos);
    std::size_t prefix_end = 0;
    while (prefix_end < base.size() && base[prefix_end] >= 'A' && base[prefix_end] <= 'Z') {
      ++prefix_end;
    }
    if (prefix_end == base.size()) continue;
    doc.add_term("Z" + base.substr(0, prefix_end) + stemmer(base.substr(prefix_end)),
                 static_cast<Xapian::termcount>(positions.size()));
  }
}

}  // namespace morgue::indexer
