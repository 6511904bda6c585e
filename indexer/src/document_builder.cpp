// SPDX-License-Identifier: GPL-2.0-or-later
// Terms, values and data of an article's Xapian document, and its SimHash.
#include "document_builder.h"

#include <array>
#include <cstdio>

#include "language.h"
#include "morgue/error.h"
#include "morgue/internal/entity_key.h"
#include "morgue/internal/record.h"
#include "morgue/internal/store.h"
#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::indexer {
namespace {

std::string tag_term(const ArticleTag& tag) {
  const schema::Field* field = schema::find_field(tag.field);
  if (field == nullptr || field->kind != schema::FieldKind::kBoolean) {
    throw Error(ErrorCode::kInvalidArgument, "unknown tag field \"" + tag.field + "\"");
  }
  return std::string(field->prefix) +
         std::string(
             text::utf8_prefix(text::ascii_lower(text::collapse_whitespace(tag.value)), 200));
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
  for (const ArticleEntity& e : entities) {
    if (!out.empty()) out.push_back('\x1e');
    out += e.type;
    out.push_back('\x1f');
    out += e.name;
  }
  return out;
}

std::string_view file_of(std::string_view path) { return path.substr(0, path.find("!/")); }

std::string file_term(std::string_view file) {
  return std::string(schema::find_field("file")->prefix) + text::content_hash(file);
}

std::optional<std::uint64_t> simhash(std::string_view text) {
  // Words as lower-cased byte runs; a ring of the last three makes the shingle.
  std::array<std::string, 3> ring;
  std::size_t words = 0;
  std::array<int, 64> votes{};
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
    for (unsigned bit = 0; bit < 64; ++bit) votes[bit] += ((h >> bit) & 1U) != 0 ? 1 : -1;
    ++shingles;
  }
  if (shingles < kMinShingles) return std::nullopt;
  std::uint64_t hash = 0;
  for (unsigned bit = 0; bit < 64; ++bit) {
    if (votes[bit] > 0) hash |= std::uint64_t{1} << bit;
  }
  return hash;
}

std::string simhash_band_term(std::uint64_t hash, unsigned band) {
  std::array<char, 8> buf{};
  std::snprintf(buf.data(), buf.size(), "%u%04x", band,
                static_cast<unsigned>((hash >> (16 * band)) & 0xFFFFU));
  return std::string(schema::prefix::kSimhashBand) + buf.data();
}

std::string simhash_hex(std::uint64_t hash) {
  std::array<char, 17> buf{};
  std::snprintf(buf.data(), buf.size(), "%016llx", static_cast<unsigned long long>(hash));
  return std::string(buf.data(), 16);
}

std::optional<std::uint64_t> parse_simhash(std::string_view hex) {
  if (hex.size() != 16) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : hex) {
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else {
      return std::nullopt;
    }
    v = (v << 4) | d;
  }
  return v;
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
    for (const ArticleTag& tag : a.tags) doc.add_boolean_term(tag_term(tag));
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
    out.simhash = simhash(a.body);
    if (out.simhash) {
      doc.add_value(schema::slot::kSimhash, simhash_hex(*out.simhash));
      for (unsigned band = 0; band < 4; ++band) {
        doc.add_boolean_term(simhash_band_term(*out.simhash, band));
      }
    }
    doc.set_data(record::encode(a));
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
