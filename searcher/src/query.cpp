// SPDX-License-Identifier: GPL-2.0-or-later
// Query parsing on top of Xapian's QueryParser.
#include "query.h"

#include <vector>

#include "morgue/error.h"
#include "morgue/internal/store.h"
#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::searcher {
namespace {

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE |
                            Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

// 1-based character (not byte) column of byte offset `i`.
std::size_t column(const std::string& s, std::size_t i) {
  std::size_t col = 1;
  for (std::size_t k = 0; k < i && k < s.size(); ++k) {
    if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

[[noreturn]] void bad_query(const std::string& query, const std::string& what) {
  throw Error(ErrorCode::kBadQuery, "cannot parse query \"" + query + "\": " + what);
}

// Xapian's parser reports "Syntax: <expression> AND <expression>" with no position, and
// silently drops an unbalanced bracket or quote; check those first so the user learns where.
void check_balance(const std::string& query) {
  std::vector<std::size_t> open;
  bool in_phrase = false;
  std::size_t phrase_start = 0;
  for (std::size_t i = 0; i < query.size(); ++i) {
    const char c = query[i];
    if (c == '"') {
      in_phrase = !in_phrase;
      phrase_start = i;
    } else if (!in_phrase && c == '(') {
      open.push_back(i);
    } else if (!in_phrase && c == ')') {
      if (open.empty())
        bad_query(query, "unmatched ')' at position " + std::to_string(column(query, i)));
      open.pop_back();
    }
  }
  if (in_phrase) {
    bad_query(query, "unclosed '\"' at position " + std::to_string(column(query, phrase_start)));
  }
  if (!open.empty()) {
    bad_query(query, "unclosed '(' at position " + std::to_string(column(query, open.back())));
  }
}

// For "a AND" or "OR b": the operator with nothing on one side.
[[noreturn]] void check_dangling_operators(const std::string& query,
                                           const std::string& xapian_message) {
  static constexpr std::string_view kOps[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  std::size_t i = 0;
  std::vector<std::pair<std::size_t, std::string>> words;
  while (i < query.size()) {
    while (i < query.size() && query[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < query.size() && query[i] != ' ') ++i;
    if (i > start) words.emplace_back(start, query.substr(start, i - start));
  }
  for (std::size_t w = 0; w < words.size(); ++w) {
    std::string upper = words[w].second;
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    for (const std::string_view op : kOps) {
      if (upper != op) continue;
      const bool at_start = w == 0 && op != "NOT";
      const bool at_end = w + 1 == words.size();
      if (at_start || at_end) {
        bad_query(query, "'" + words[w].second + "' at position " +
                             std::to_string(column(query, words[w].first)) + " needs a term " +
                             (at_end ? "after it" : "before it"));
      }
    }
  }
  bad_query(query, xapian_message);
}

}  // namespace

struct QueryBuilder::Impl {
  Xapian::QueryParser parser;
  std::filesystem::path sqlite;
};

QueryBuilder::QueryBuilder(const Xapian::Database& db, std::filesystem::path sqlite)
    : impl_(std::make_unique<Impl>()) {
  impl_->sqlite = std::move(sqlite);
  Xapian::QueryParser& parser_ = impl_->parser;
  store::translating("configuring the query parser", [&] {
    parser_.set_database(db);
    parser_.set_stemmer(Xapian::Stem(std::string(schema::kDefaultLanguage)));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // News readers expect every word to count.
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_ERROR);
    for (const schema::Field& f : schema::fields()) {
      if (f.kind == schema::FieldKind::kFreeText) {
        parser_.add_prefix(std::string(f.name), std::string(f.prefix));
      } else {
        parser_.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
      }
    }
  });
}

QueryBuilder::~QueryBuilder() = default;

void QueryBuilder::set_database(const Xapian::Database& db) { impl_->parser.set_database(db); }

std::string QueryBuilder::suggest(const std::string& /*query*/) { return {}; }

ParsedQuery QueryBuilder::parse(const std::string& query, MatchMode /*mode*/) {
  if (text::trim(query).empty()) throw Error(ErrorCode::kBadQuery, "empty query");
  check_balance(query);
  try {
    ParsedQuery parsed;
    parsed.query = impl_->parser.parse_query(query, kFlags);
    if (parsed.query.empty()) bad_query(query, "no searchable words");
    parsed.description = parsed.query.get_description();
    return parsed;
  } catch (const Xapian::QueryParserError& e) {
    check_dangling_operators(query, e.get_msg());
  } catch (const Xapian::Error& e) {
    store::rethrow(e, "parsing query \"" + query + "\"");
  }
}

}  // namespace morgue::searcher
