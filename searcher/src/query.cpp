// SPDX-License-Identifier: GPL-2.0-or-later
// Query parsing on top of Xapian's QueryParser: fields, entities matched through their aliases,
// dates, the relaxed form of a query, precedence warnings and "did you mean".
#include "query.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "morgue/date.h"
#include "morgue/error.h"
#include "morgue/internal/entity_key.h"
#include "morgue/internal/sqlite.h"
#include "morgue/internal/store.h"
#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::searcher {
namespace {

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE |
                            Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

// Query-only fields (not in the schema table: they have no prefix of their own).
constexpr std::string_view kEntityField = "entity";
constexpr std::string_view kDateField = "date";

// An entity field matches at most this many canonical names found through aliases, so a
// key shared by many entities ("john") cannot build a huge query.
constexpr int kMaxEntityNames = 100;

// "Did you mean": a word that occurs in the archive is corrected only when it is rare and a
// spelling one edit away is much more frequent (the seed article's one "Huawai" against seven
// "Huawei"). More frequent words are taken as spelt right without looking for neighbours: the
// look-up (hundreds of spelling-table seeks, ~0.4 ms) would otherwise cost most of a query's
// time (bench/peers.sh).
constexpr Xapian::doccount kRareFrequency = 3;
constexpr Xapian::doccount kRareRatio = 5;
// Shorter words have too many plausible neighbours to correct.
constexpr std::size_t kMinSpellLength = 4;

// Function words left out of queries outside phrases, so that a question typed as a sentence
// ("effects of the drought on cocoa prices") asks for its content words. Not "who" (WHO),
// "it" (IT), "us" (US), "may" (Theresa May) or "will" (a name).
constexpr auto kStopwords = std::to_array<std::string_view>(
    {"a",    "an",  "are",  "as",   "at",   "be",    "by",    "for",  "from", "has",
     "have", "in",  "is",   "its",  "of",   "on",    "than",  "that", "the",  "this",
     "to",   "was", "were", "what", "when", "where", "which", "with"});

// Thrown inside field and range processors (which do not know the query) for a bad value.
// It never crosses Xapian's parser, which leaks its state when an exception unwinds through it
// (LeakSanitizer): the processor catches it, reports it to ValueErrors and matches nothing,
// and parse() throws once the parser has returned, adding the query to the message.
struct BadValue {
  std::string what;
};

// The first bad value of the query being parsed.
struct ValueErrors {
  std::string first;
  void report(std::string what) {
    if (first.empty()) first = std::move(what);
  }
};

// Runs a processor's body, turning BadValue into a report and a query matching nothing.
template <class F>
Xapian::Query reporting(ValueErrors& errors, F&& body) {
  try {
    return std::forward<F>(body)();
  } catch (const BadValue& e) {
    errors.report(e.what);
    return Xapian::Query::MatchNothing;
  }
}

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
      if (open.empty()) {
        bad_query(query, "unmatched ')' at position " + std::to_string(column(query, i)));
      }
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

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

// For "a AND" or "OR b": the operator with nothing on one side.
[[noreturn]] void check_dangling_operators(const std::string& query,
                                           const std::string& xapian_message) {
  static constexpr auto kOps =
      std::to_array<std::string_view>({"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"});
  std::size_t i = 0;
  std::vector<std::pair<std::size_t, std::string>> words;
  while (i < query.size()) {
    while (i < query.size() && query[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < query.size() && query[i] != ' ') ++i;
    if (i > start) words.emplace_back(start, query.substr(start, i - start));
  }
  for (std::size_t w = 0; w < words.size(); ++w) {
    const std::string op_text = upper(words[w].second);
    for (const std::string_view op : kOps) {
      if (op_text != op) continue;
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

// ---- Dates ---------------------------------------------------------------------------------

// A date value of the query language: "YYYY", "YYYY-MM" or "YYYY-MM-DD", as the first and last
// day it covers ("YYYYMMDD", the form of slot kDate) and the term of the whole period.
struct DatePeriod {
  std::string first;
  std::string last;
  std::string term;
};

DatePeriod date_period(const std::string& value) {
  const auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (value[i] < '0' || value[i] > '9') return -1;
      v = v * 10 + (value[i] - '0');
    }
    return v;
  };
  const std::size_t n = value.size();
  const bool shaped =
      (n == 4 || (n == 7 && value[4] == '-') || (n == 10 && value[4] == '-' && value[7] == '-'));
  const int year = shaped ? digits(0, 4) : -1;
  const int month = shaped && n >= 7 ? digits(5, 2) : 1;
  const int day = shaped && n == 10 ? digits(8, 2) : 1;
  if (year < 0 || !date::is_valid(year, month, day)) {
    throw BadValue{"\"" + value + "\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"};
  }
  const std::string y = value.substr(0, 4);
  if (n == 4) return {y + "0101", y + "1231", std::string(schema::prefix::kYear) + y};
  const std::string ym = y + value.substr(5, 2);
  // "31" ends every month as far as a string comparison of YYYYMMDD values goes.
  if (n == 7) return {ym + "01", ym + "31", std::string(schema::prefix::kMonth) + ym};
  const std::string ymd = ym + value.substr(8, 2);
  return {ymd, ymd, std::string(schema::prefix::kDay) + ymd};
}

// date:2019, date:2019-05, date:2019-05-08: the year, month and day terms the indexer writes
// next to slot kDate (cheaper than a value range).
class DateProcessor : public Xapian::FieldProcessor {
 public:
  explicit DateProcessor(ValueErrors& errors) : errors_(errors) {}
  Xapian::Query operator()(const std::string& value) override {
    return reporting(errors_, [&] { return Xapian::Query(date_period(value).term); });
  }

 private:
  ValueErrors& errors_;
};

// date:A..B, date:..B, date:A.. over slot kDate; A and B may be years or months too.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DateRangeProcessor(ValueErrors& errors)
      : Xapian::RangeProcessor(schema::slot::kDate, "date:"), errors_(errors) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    return reporting(errors_, [&] { return range(begin, end); });
  }

 private:
  ValueErrors& errors_;

  static Xapian::Query range(const std::string& begin, const std::string& end) {
    if (begin.empty() && end.empty()) throw BadValue{"\"date:..\" needs a date on one side"};
    const std::string from = begin.empty() ? std::string() : date_period(begin).first;
    const std::string to = end.empty() ? std::string() : date_period(end).last;
    if (from.empty()) return {Xapian::Query::OP_VALUE_LE, schema::slot::kDate, to};
    if (to.empty()) return {Xapian::Query::OP_VALUE_GE, schema::slot::kDate, from};
    if (from > to) {
      throw BadValue{"date range \"" + begin + ".." + end + "\" ends before it starts"};
    }
    return {Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate, from, to};
  }
};

// ---- Entities ------------------------------------------------------------------------------

// Looks up the canonical names behind an alias key in the index's SQLite store, opened
// read-only on first use.
class EntityResolver {
 public:
  explicit EntityResolver(std::filesystem::path sqlite) : path_(std::move(sqlite)) {}

  // (type, canonical name) of the entities named `key` or seen under an alias with that key,
  // of type `type` (any when empty).
  std::vector<std::pair<std::string, std::string>> names(const std::string& key,
                                                         const std::string& type) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!open()) return out;
    lookup_->reset();
    lookup_->bind(1, key).bind(2, type).bind(3, std::int64_t{kMaxEntityNames});
    while (lookup_->step()) out.emplace_back(lookup_->column_text(0), lookup_->column_text(1));
    lookup_->reset();
    return out;
  }

 private:
  bool open() {
    if (!tried_) {
      tried_ = true;
      std::error_code ec;
      if (path_.empty() || !std::filesystem::exists(path_, ec)) return false;
      store::Layout layout{path_.parent_path(), {}, path_};
      db_ = store::open_sqlite(layout, sqlite::Database::Mode::kReadOnly);
      lookup_ = db_->prepare(
          "SELECT type, name FROM ("
          "  SELECT e.type AS type, e.name AS name FROM article_aliases a"
          "    JOIN entities e ON e.id = a.entity WHERE a.key = ?1"
          "  UNION SELECT type, name FROM entities WHERE key = ?1)"
          " WHERE ?2 = '' OR type = ?2 ORDER BY type, name LIMIT ?3");
    }
    return lookup_.has_value();
  }

  std::filesystem::path path_;
  bool tried_ = false;
  std::optional<sqlite::Database> db_;
  std::optional<sqlite::Statement> lookup_;  // after db_, so destroyed before it
};

// person:, org:, place:, handle:, hashtag: and entity: (any of them). The value's name key,
// and the canonical names of the entities it is an alias of, each as the field's term.
class EntityProcessor : public Xapian::FieldProcessor {
 public:
  EntityProcessor(EntityResolver& resolver, ValueErrors& errors, std::string field,
                  std::string type)
      : resolver_(resolver), errors_(errors), field_(std::move(field)), type_(std::move(type)) {}

  Xapian::Query operator()(const std::string& value) override {
    return reporting(errors_, [&] { return query_for(value); });
  }

 private:
  Xapian::Query query_for(const std::string& value) {
    const std::string key = entity::name_key(value);
    if (key.empty()) throw BadValue{"\"" + field_ + ":\" needs a name"};
    std::set<std::string> terms;
    for (const schema::Field& f : schema::fields()) {
      if (f.kind == schema::FieldKind::kEntity && (type_.empty() || f.name == type_)) {
        terms.insert(std::string(f.prefix) + key);
      }
    }
    for (const auto& [type, name] : resolver_.names(key, type_)) {
      const schema::Field* f = schema::entity_field(type);
      const std::string name_key = entity::name_key(name);
      if (f != nullptr && !name_key.empty()) terms.insert(std::string(f->prefix) + name_key);
    }
    if (terms.size() == 1) return {*terms.begin()};
    return {Xapian::Query::OP_OR, terms.begin(), terms.end()};
  }

 private:
  EntityResolver& resolver_;
  ValueErrors& errors_;
  std::string field_;
  std::string type_;
};

// ---- The parsed query's structure ----------------------------------------------------------

bool is_term(const Xapian::Query& q) { return q.get_type() == Xapian::Query::LEAF_TERM; }

std::string term_of(const Xapian::Query& q) { return *q.get_terms_begin(); }

// The word the user typed for `term`, lower-cased.
std::string typed_word(const Xapian::QueryParser& parser, const std::string& term) {
  const auto it = parser.unstem_begin(term);
  if (it != parser.unstem_end(term)) return Xapian::Unicode::tolower(*it);
  std::size_t i = 0;
  while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;
  return term.substr(i);
}

// The operands of `q` and of the ANDs nested in it ("+cocoa bahia prices" parses as
// "cocoa AND (bahia AND prices)").
void and_operands(const Xapian::Query& q, std::vector<Xapian::Query>& out) {
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    const Xapian::Query sub = q.get_subquery(i);
    if (sub.get_type() == Xapian::Query::OP_AND) {
      and_operands(sub, out);
    } else {
      out.push_back(sub);
    }
  }
}

// The top-level group of words: below FILTER, AND_NOT and AND_MAYBE, their first subquery.
bool is_left_wrapper(Xapian::Query::op op) {
  return op == Xapian::Query::OP_FILTER || op == Xapian::Query::OP_AND_NOT ||
         op == Xapian::Query::OP_AND_MAYBE;
}

void collect_words(const Xapian::Query& q, const Xapian::QueryParser& parser,
                   std::vector<std::pair<std::string, std::string>>& out) {
  const Xapian::Query::op op = q.get_type();
  if (is_term(q)) {
    out.emplace_back(typed_word(parser, term_of(q)), term_of(q));
  } else if (is_left_wrapper(op) && q.get_num_subqueries() > 0) {
    collect_words(q.get_subquery(0), parser, out);
  } else if (op == Xapian::Query::OP_AND || op == Xapian::Query::OP_OR) {
    std::vector<Xapian::Query> operands;
    if (op == Xapian::Query::OP_AND) {
      and_operands(q, operands);
    } else {
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        operands.push_back(q.get_subquery(i));
      }
    }
    for (const Xapian::Query& sub : operands) {
      if (is_term(sub)) out.emplace_back(typed_word(parser, term_of(sub)), term_of(sub));
    }
  }
}

// The words the user marked as required with '+', lower-cased.
std::set<std::string> loved_words(const std::string& query) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < query.size(); ++i) {
    if (query[i] != '+' || (i > 0 && query[i - 1] != ' ' && query[i - 1] != '(')) continue;
    std::size_t end = i + 1;
    while (end < query.size() && query[end] != ' ' && query[end] != ')') ++end;
    out.insert(text::ascii_lower(query.substr(i + 1, end - i - 1)));
  }
  return out;
}

// The query with its top-level AND of plain words turned into an OR; filters, NOTs, phrases,
// groups and '+' words stay required. Empty when there is nothing to relax.
Xapian::Query relax(const Xapian::Query& q, const Xapian::QueryParser& parser,
                    const std::set<std::string>& loved) {
  const Xapian::Query::op op = q.get_type();
  if (is_left_wrapper(op) && q.get_num_subqueries() > 0) {
    Xapian::Query left = relax(q.get_subquery(0), parser, loved);
    if (left.empty()) return {};
    std::vector<Xapian::Query> subs{left};
    for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) subs.push_back(q.get_subquery(i));
    return {op, subs.begin(), subs.end()};
  }
  if (op != Xapian::Query::OP_AND) return {};
  std::vector<Xapian::Query> operands;
  and_operands(q, operands);
  std::vector<Xapian::Query> words;
  std::vector<Xapian::Query> kept;
  for (const Xapian::Query& sub : operands) {
    const bool droppable = is_term(sub) && loved.count(typed_word(parser, term_of(sub))) == 0;
    (droppable ? words : kept).push_back(sub);
  }
  if (words.empty() || (words.size() == 1 && kept.empty())) return {};
  Xapian::Query any(Xapian::Query::OP_OR, words.begin(), words.end());
  if (kept.empty()) return any;
  return {Xapian::Query::OP_AND_MAYBE,
          Xapian::Query(Xapian::Query::OP_AND, kept.begin(), kept.end()), any};
}

// Refuses a wildcard that expands to more than kMaxWildcardTerms terms now, naming it, rather
// than letting Enquire fail later with Xapian's WildcardError.
void check_wildcards(const Xapian::Query& q, const Xapian::Database& db) {
  if (q.get_type() == Xapian::Query::OP_WILDCARD) {
    // Xapian's description is "Query(WILDCARD SYNONYM <pattern>)".
    std::string desc = q.get_description();
    if (desc.size() > 7 && desc.back() == ')') desc.pop_back();
    const std::string pattern = desc.substr(desc.rfind(' ') + 1);
    Xapian::termcount n = 0;
    for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern); ++it) {
      if (++n > kMaxWildcardTerms) break;
    }
    if (n <= kMaxWildcardTerms) return;
    std::size_t p = 0;
    while (p < pattern.size() && pattern[p] >= 'A' && pattern[p] <= 'Z') ++p;
    std::string shown = pattern.substr(p) + "*";
    for (const schema::Field& f : schema::fields()) {
      if (p > 0 && f.kind == schema::FieldKind::kFreeText && f.prefix == pattern.substr(0, p)) {
        shown.insert(0, std::string(f.name) + ":");
      }
    }
    throw Error(ErrorCode::kBadQuery, "wildcard \"" + shown + "\" matches more than " +
                                          std::to_string(kMaxWildcardTerms) +
                                          " words; make it longer");
  }
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) check_wildcards(q.get_subquery(i), db);
}

// ---- Precedence warnings -------------------------------------------------------------------

struct Token {
  enum Kind { kItem, kAnd, kOr, kXor, kNot, kNear, kOpen, kClose };
  Kind kind;
  std::string text;
};

// Splits a query into items (words, phrases, field:value, +word, -word) and operators, the
// way the parser groups them; quotes and brackets are balanced (check_balance ran).
std::vector<Token> tokenize(const std::string& q) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '(' || c == ')') {
      out.push_back({c == '(' ? Token::kOpen : Token::kClose, std::string(1, c)});
      ++i;
    } else {
      const std::size_t start = i;
      bool quoted = false;
      while (i < q.size() && (quoted || (q[i] != ' ' && q[i] != '\t' && q[i] != ')'))) {
        if (q[i] == '"') quoted = !quoted;
        ++i;
      }
      std::string text = q.substr(start, i - start);
      const std::string op = upper(text);
      Token::Kind kind = Token::kItem;
      if (op == "AND") kind = Token::kAnd;
      if (op == "OR") kind = Token::kOr;
      if (op == "XOR") kind = Token::kXor;
      if (op == "NOT") kind = Token::kNot;
      if (op == "NEAR" || op == "ADJ" || op.rfind("NEAR/", 0) == 0 || op.rfind("ADJ/", 0) == 0) {
        kind = Token::kNear;
      }
      out.push_back({kind, std::move(text)});
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

// One bracket level: elements are items (a bracketed group counts as one) and operators.
void warn_level(const std::vector<Token>& level, std::vector<std::string>& warnings) {
  // NOT with nothing before it in its group: FLAG_PURE_NOT makes it "every article but".
  for (std::size_t i = 0; i < level.size(); ++i) {
    if (level[i].kind != Token::kNot || i + 1 >= level.size()) continue;
    const bool leading = i == 0 || level[i - 1].kind == Token::kOr ||
                         level[i - 1].kind == Token::kXor || level[i - 1].kind == Token::kAnd;
    if (leading) {
      warnings.push_back("\"NOT " + level[i + 1].text + "\" alone matches every article without " +
                         level[i + 1].text);
    }
  }
  // OR and XOR bind more loosely than AND, NOT, NEAR and plain juxtaposition.
  std::vector<std::vector<std::string>> groups(1);
  std::vector<std::string> separators;
  bool grouped = false;
  bool leading_not = false;  // "OR NOT x": the NOT belongs to x (warned about above)
  for (const Token& t : level) {
    if (t.kind == Token::kOr || t.kind == Token::kXor) {
      separators.push_back(t.text);
      groups.emplace_back();
    } else {
      if (groups.back().empty()) leading_not = t.kind == Token::kNot;
      groups.back().push_back(t.text);
      if (groups.back().size() > (leading_not ? 2U : 1U)) grouped = true;
    }
  }
  if (separators.empty() || !grouped) return;
  std::vector<std::string> all;
  std::string read_as;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g > 0) {
      all.push_back(separators[g - 1]);
      read_as += " " + separators[g - 1] + " ";
    }
    all.insert(all.end(), groups[g].begin(), groups[g].end());
    read_as += groups[g].size() > 1 ? "(" + joined(groups[g]) + ")" : joined(groups[g]);
  }
  warnings.push_back("\"" + joined(all) + "\" is read as \"" + read_as + "\"");
}

std::vector<std::string> precedence_warnings(const std::string& query) {
  std::vector<std::string> warnings;
  // A stack of levels; a closed bracket becomes one item "(...)" of the level around it.
  std::vector<std::vector<Token>> levels(1);
  for (const Token& t : tokenize(query)) {
    if (t.kind == Token::kOpen) {
      levels.emplace_back();
    } else if (t.kind == Token::kClose && levels.size() > 1) {
      warn_level(levels.back(), warnings);
      std::vector<std::string> texts;
      for (const Token& inner : levels.back()) texts.push_back(inner.text);
      levels.pop_back();
      levels.back().push_back({Token::kItem, "(" + joined(texts) + ")"});
    } else {
      levels.back().push_back(t);
    }
  }
  warn_level(levels.front(), warnings);
  return warnings;
}

// ---- Spelling ------------------------------------------------------------------------------

// Frequencies in the spelling data of the words of `words` present there, looked up in
// order with one iterator.
std::vector<std::pair<std::string, Xapian::doccount>> spelling_frequencies(
    const Xapian::Database& db, const std::set<std::string>& words) {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  Xapian::TermIterator it = db.spellings_begin();
  const Xapian::TermIterator end = db.spellings_end();
  for (const std::string& w : words) {
    if (it == end) break;
    it.skip_to(w);
    if (it != end && *it == w) out.emplace_back(w, it.get_termfreq());
  }
  return out;
}

// Every lower-case ASCII word one edit (delete, transpose, replace, insert) from `w`, and `w`.
std::set<std::string> one_edit_away(const std::string& w) {
  std::set<std::string> out{w};
  for (std::size_t i = 0; i <= w.size(); ++i) {
    if (i < w.size()) out.insert(w.substr(0, i) + w.substr(i + 1));
    if (i + 1 < w.size()) {
      std::string t = w;
      std::swap(t[i], t[i + 1]);
      out.insert(t);
    }
    for (char c = 'a'; c <= 'z'; ++c) {
      if (i < w.size()) {
        std::string r = w;
        r[i] = c;
        out.insert(r);
      }
      out.insert(w.substr(0, i) + c + w.substr(i));
    }
  }
  return out;
}

// `lower` written in the case style of `typed`: "HUAWEI", "Huawei" or "huawei".
std::string in_case_of(const std::string& typed, std::string lower) {
  const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
  const bool all_upper = typed.size() > 1 && std::none_of(typed.begin(), typed.end(), is_lower);
  if (all_upper) return upper(lower);
  if (!typed.empty() && is_upper(typed[0]) && !lower.empty() && is_lower(lower[0])) {
    lower[0] = static_cast<char>(lower[0] - 'a' + 'A');
  }
  return lower;
}

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "-iran" alone: Xapian's parser drops the '-' when nothing is left to subtract from, so the
// query would find the articles with the word. Read as "NOT (iran)" instead.
std::string pure_hate_as_not(const std::string& query) {
  std::vector<std::string> words;
  for (const Token& t : tokenize(query)) {
    if (t.kind != Token::kItem || t.text.size() < 2 || t.text[0] != '-') return query;
    words.push_back(t.text.substr(1));
  }
  std::string out = "NOT (";
  for (std::size_t i = 0; i < words.size(); ++i) out += (i > 0 ? " OR " : "") + words[i];
  return out + ")";
}

}  // namespace

struct QueryBuilder::Impl {
  explicit Impl(std::filesystem::path sqlite) : entities(std::move(sqlite)) {}

  Xapian::Database db;
  EntityResolver entities;
  ValueErrors value_errors;  // before the parser, whose processors report to it
  Xapian::QueryParser parser;
  Xapian::Stem stemmer{std::string(schema::kDefaultLanguage)};

  // The correction of one lower-case word, or empty.
  std::string correction(const std::string& word);
};

std::string QueryBuilder::Impl::correction(const std::string& word) {
  const std::vector<std::pair<std::string, Xapian::doccount>> own =
      spelling_frequencies(db, {word});
  if (!own.empty() && own.front().second > kRareFrequency) return {};
  const bool ascii =
      std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  std::set<std::string> candidates = ascii ? one_edit_away(word) : std::set<std::string>{word};
  // Xapian's own suggestion reaches two edits, but only for words rarer than it.
  const std::string xapian_choice = db.get_spelling_suggestion(word);
  if (!xapian_choice.empty()) candidates.insert(xapian_choice);
  Xapian::doccount word_freq = 0;
  Xapian::doccount best_freq = 0;
  std::string best;
  const std::string stem = stemmer(word);
  for (const auto& [w, freq] : spelling_frequencies(db, candidates)) {
    if (w == word) {
      word_freq = freq;
    } else if (freq > best_freq && stemmer(w) != stem) {
      // Another form of the same word ("cocoas") is found by stemming already.
      best = w;
      best_freq = freq;
    }
  }
  if (best.empty()) return {};
  const bool absent = word_freq == 0;
  const bool rare = word_freq <= kRareFrequency && best_freq >= kRareRatio * word_freq;
  return absent || rare ? best : std::string();
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, std::filesystem::path sqlite)
    : impl_(std::make_unique<Impl>(std::move(sqlite))) {
  Xapian::QueryParser& parser = impl_->parser;
  store::translating("configuring the query parser", [&] {
    impl_->db = db;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem(std::string(schema::kDefaultLanguage)));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // News readers expect every word to count.
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_ERROR);
    std::vector<std::string> stopwords(std::begin(kStopwords), std::end(kStopwords));
    parser.set_stopper((new Xapian::SimpleStopper(stopwords.begin(), stopwords.end()))->release());
    // An article has many entities and tags, so person:a person:b means both (a unique
    // grouping each); it has one source, year and language, so source:a source:b means either.
    const std::string both;
    for (const schema::Field& f : schema::fields()) {
      const std::string name(f.name);
      switch (f.kind) {
        case schema::FieldKind::kFreeText:
          parser.add_prefix(name, std::string(f.prefix));
          break;
        case schema::FieldKind::kBoolean: {
          const bool exclusive =
              f.name == "source" || f.name == "year" || f.name == "lang" || f.name == "file";
          parser.add_boolean_prefix(name, std::string(f.prefix), exclusive ? nullptr : &both);
          break;
        }
        case schema::FieldKind::kEntity:
          parser.add_boolean_prefix(
              name,
              (new EntityProcessor(impl_->entities, impl_->value_errors, name, name))->release(),
              &both);
          break;
      }
    }
    const std::string entity(kEntityField);
    parser.add_boolean_prefix(
        entity,
        (new EntityProcessor(impl_->entities, impl_->value_errors, entity, std::string()))
            ->release(),
        &both);
    parser.add_boolean_prefix(std::string(kDateField),
                              (new DateProcessor(impl_->value_errors))->release());
    parser.add_rangeprocessor((new DateRangeProcessor(impl_->value_errors))->release());
  });
}

QueryBuilder::~QueryBuilder() = default;

void QueryBuilder::set_database(const Xapian::Database& db) {
  impl_->db = db;
  impl_->parser.set_database(db);
}

ParsedQuery QueryBuilder::parse(const std::string& query, MatchMode mode) {
  if (text::trim(query).empty()) throw Error(ErrorCode::kBadQuery, "empty query");
  check_balance(query);
  Xapian::QueryParser& parser = impl_->parser;
  try {
    ParsedQuery parsed;
    parser.set_default_op(mode == MatchMode::kAny ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    impl_->value_errors.first.clear();
    parsed.query = parser.parse_query(pure_hate_as_not(query), kFlags);
    if (!impl_->value_errors.first.empty()) throw BadValue{impl_->value_errors.first};
    if (parsed.query.empty()) bad_query(query, "no searchable words");
    check_wildcards(parsed.query, impl_->db);
    parsed.description = parsed.query.get_description();
    collect_words(parsed.query, parser, parsed.words);
    if (mode == MatchMode::kAuto) parsed.relaxed = relax(parsed.query, parser, loved_words(query));
    parsed.warnings = precedence_warnings(query);
    return parsed;
  } catch (const BadValue& e) {
    bad_query(query, e.what);
  } catch (const Xapian::QueryParserError& e) {
    check_dangling_operators(query, e.get_msg());
  } catch (const Xapian::Error& e) {
    store::rethrow(e, "parsing query \"" + query + "\"");
  }
}

std::string QueryBuilder::suggest(const std::string& query) {
  return store::translating("suggesting a spelling", [&] {
    std::string out;
    bool changed = false;
    bool in_phrase = false;
    std::size_t i = 0;
    while (i < query.size()) {
      const char c = query[i];
      if (!is_word_byte(c)) {
        if (c == '"') in_phrase = !in_phrase;
        out += c;
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < query.size() && is_word_byte(query[end])) ++end;
      const std::string word = query.substr(i, end - i);
      const char next = end < query.size() ? query[end] : ' ';
      const char prev = i > 0 ? query[i - 1] : ' ';
      out += word;
      i = end;
      if (next == ':' && !in_phrase) {
        // A field: keep its value unless the field holds words of the text.
        const schema::Field* f = schema::find_field(word);
        const bool text_field =
            f != nullptr && f->kind == schema::FieldKind::kFreeText && f->name != "author";
        if (!text_field) {
          out += ':';
          ++i;
          bool quoted = false;
          while (i < query.size() && (quoted || (query[i] != ' ' && query[i] != ')'))) {
            if (query[i] == '"') quoted = !quoted;
            out += query[i++];
          }
        }
        continue;
      }
      const std::string lower = text::ascii_lower(word);
      const std::string op = upper(word);
      const bool is_operator = !in_phrase && (op == "AND" || op == "OR" || op == "NOT" ||
                                              op == "XOR" || op == "NEAR" || op == "ADJ");
      const bool has_digit =
          std::any_of(word.begin(), word.end(), [](char d) { return d >= '0' && d <= '9'; });
      if (is_operator || has_digit || next == '*' || prev == '/' || word.size() < kMinSpellLength) {
        continue;
      }
      const std::string fixed = impl_->correction(lower);
      if (fixed.empty()) continue;
      out.resize(out.size() - word.size());
      out += in_case_of(word, fixed);
      changed = true;
    }
    return changed ? out : std::string();
  });
}

}  // namespace morgue::searcher
