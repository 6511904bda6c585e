// SPDX-License-Identifier: GPL-2.0-or-later
// Snippet selection and highlighting.
#include "snippet.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "morgue/schema.h"

namespace morgue::searcher {
namespace {

constexpr std::string_view kEllipsis = "…";

struct Token {
  std::size_t begin;
  std::size_t end;
  int term = -1;  // index of the matched query term, -1 if none
};

struct Sentence {
  std::size_t begin;
  std::size_t end;
  std::size_t first_token;
  std::size_t last_token;  // one past
};

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }

// Free-text prefixes whose terms a snippet may highlight (the body has no prefix).
bool is_free_text_prefix(std::string_view prefix) {
  if (prefix.empty()) return true;
  for (const schema::Field& f : schema::fields()) {
    if (f.prefix == prefix && f.kind == schema::FieldKind::kFreeText) return true;
  }
  return false;
}

// Splits "ZSpompeo" into stemmed=true, word "pompeo"; returns false for boolean terms.
bool split_term(std::string_view term, bool& stemmed, std::string& word) {
  stemmed = !term.empty() && term[0] == 'Z';
  if (stemmed) term.remove_prefix(1);
  std::size_t n = 0;
  while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
  if (!is_free_text_prefix(term.substr(0, n)) || n == term.size()) return false;
  word = term.substr(n);
  return true;
}

class Tokeniser {
 public:
  Tokeniser(std::string_view body, const SnippetTerms& terms, const Xapian::Stem& stemmer)
      : body_(body), terms_(terms), stemmer_(stemmer) {
    for (const std::string& t : terms.words) first_byte(t) = true;
    for (const std::string& t : terms.stems) first_byte(t) = true;
    for (const std::string& t : terms.words) index_of(t);
    for (const std::string& t : terms.stems) index_of(t);
  }

  std::vector<Token> run() {
    std::vector<Token> tokens;
    tokens.reserve(body_.size() / 5);
    std::size_t i = 0;
    std::size_t len = 0;
    const std::size_t n = body_.size();
    while (i < n) {
      // ASCII, nearly all of a news article, by table: a byte between words is stepped over,
      // and a word no query term starts like is skipped to its end without decoding it
      // (a third of a snippet's instructions went to decoding them character by character).
      const auto byte = static_cast<unsigned char>(body_[i]);
      if (byte < 0x80) {
        if (!kAsciiWord[byte]) {
          ++i;
          continue;
        }
        if (!first_[lower_ascii(byte)]) {
          std::size_t end = i + 1;
          while (end < n && kAsciiWord[static_cast<unsigned char>(body_[end])]) ++end;
          // An apostrophe or a non-ASCII letter may continue the word: the exact rules decide.
          if (end < n && (body_[end] == '\'' || static_cast<unsigned char>(body_[end]) >= 0x80)) {
            end = skip_word(i);
          }
          tokens.push_back({i, end, -1});
          i = end;
          continue;
        }
      }
      const unsigned first = char_at(i, len);
      if (!is_word(first)) {
        i += len;
        continue;
      }
      // A word that may match: lower-cased, with ’ read as '.
      const std::size_t begin = i;
      const std::size_t end = skip_word(i);
      std::string lower;
      for (; i < end; i += len) {
        const unsigned ch = char_at(i, len);
        append_lower(lower, is_apostrophe(ch) ? '\'' : ch);
      }
      tokens.push_back({begin, end, match(std::move(lower))});
    }
    return tokens;
  }

  [[nodiscard]] std::size_t term_count() const noexcept { return keys_.size(); }

 private:
  int index_of(const std::string& key) {
    const auto found = std::find(keys_.begin(), keys_.end(), key);
    if (found != keys_.end()) return static_cast<int>(found - keys_.begin());
    keys_.push_back(key);
    return static_cast<int>(keys_.size() - 1);
  }

  // The character at byte `i` and its length in bytes (Xapian's decoding: an invalid byte is
  // one character). ASCII, nearly all of a news article, is decoded here without a call into
  // Xapian: the calls were about a third of a snippet's cost (issue 6).
  [[nodiscard]] unsigned char_at(std::size_t i, std::size_t& len) const {
    const auto byte = static_cast<unsigned char>(body_[i]);
    if (byte < 0x80) {
      len = 1;
      return byte;
    }
    return decode(body_.data() + i, body_.size() - i, len);
  }

  // A character beyond ASCII at `at`. The iterator is default-constructed, then assigned:
  // Utf8Iterator(p, len) leaves a member unset when len is 0, which GCC 12 reports as maybe
  // used uninitialized (-Werror) once this is inlined into run(); `left` is never 0 here.
  static unsigned decode(const char* at, std::size_t left, std::size_t& len) {
    Xapian::Utf8Iterator it;
    it.assign(at, left);
    const unsigned ch = *it;
    ++it;
    len = it == Xapian::Utf8Iterator() ? left : static_cast<std::size_t>(it.raw() - at);
    return ch;
  }

  // is_word() of each ASCII byte; false for the bytes of other characters.
  static constexpr std::array<bool, 256> kAsciiWord = [] {
    std::array<bool, 256> table{};
    for (unsigned c = 0; c < 128; ++c) {
      table[c] =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return table;
  }();

  // Xapian's word characters; in ASCII: letters, digits and '_'.
  static bool is_word(unsigned ch) {
    return ch >= 0x80 ? Xapian::Unicode::is_wordchar(ch) : kAsciiWord[ch];
  }

  // The end of the word starting at `i`: word characters, and apostrophes between two of them.
  [[nodiscard]] std::size_t skip_word(std::size_t i) const {
    std::size_t len = 0;
    while (i < body_.size()) {
      const unsigned ch = char_at(i, len);
      if (is_apostrophe(ch)) {
        std::size_t next_len = 0;
        if (i + len >= body_.size() || !is_word(char_at(i + len, next_len))) break;
      } else if (!is_word(ch)) {
        break;
      }
      i += len;
    }
    return i;
  }

  static unsigned char lower_ascii(unsigned ch) {
    return static_cast<unsigned char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }

  static void append_lower(std::string& out, unsigned ch) {
    if (ch >= 0x80) {
      Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(ch));
    } else {
      out.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch));
    }
  }

  // Whether some query word or stem starts with the first byte of `word` (never empty).
  bool& first_byte(const std::string& word) { return first_[static_cast<unsigned char>(word[0])]; }

  int match(std::string lower) {
    // Most words of an article start with no letter a query term starts with; leave them
    // before hashing them (stems keep their first letter: see below).
    if (!first_byte(lower)) return -1;
    // The indexer also indexes a possessive under its base word; match it the same way.
    if (terms_.words.count(lower) == 0 && lower.size() > 3 &&
        lower.compare(lower.size() - 2, 2, "'s") == 0) {
      lower.resize(lower.size() - 2);
    }
    const bool exact = terms_.words.count(lower) != 0;
    if (!exact) {
      // Stemming costs; skip words that cannot stem to any query stem (stems keep their first
      // letter in every Snowball stemmer Morgue uses).
      bool possible = false;
      for (const std::string& s : terms_.stems) possible = possible || s[0] == lower[0];
      if (!possible) return -1;
    }
    // An article repeats its words ("oil" ... "oil"): stem each distinct one once. A stem
    // costs about 2,000 instructions; stemming was a quarter of a snippet's cost (issue 6).
    const auto [it, added] = stemmed_.try_emplace(std::move(lower), -1);
    if (!added) return it->second;
    const std::string& stem = terms_.stem_of(it->first, stemmer_);
    if (exact || terms_.stems.count(stem) != 0) it->second = index_of(stem);
    return it->second;
  }

  std::string_view body_;
  const SnippetTerms& terms_;
  const Xapian::Stem& stemmer_;
  std::vector<std::string> keys_;                 // distinct matched terms, by stem
  std::array<bool, 256> first_{};                 // first bytes of the query's words and stems
  std::unordered_map<std::string, int> stemmed_;  // word -> match(word), for words stemmed
};

// Sentence ends: a newline, or . ! ? (and closing quotes or brackets) followed by a space.
std::vector<Sentence> split_sentences(std::string_view body, const std::vector<Token>& tokens) {
  std::vector<Sentence> sentences;
  std::size_t begin = 0;
  std::size_t token = 0;
  const auto close = [&](std::size_t end) {
    std::size_t first = token;
    while (token < tokens.size() && tokens[token].begin < end) ++token;
    if (end > begin) sentences.push_back({begin, end, first, token});
    begin = end;
  };
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\n') {
      close(i);
      begin = i + 1;
    } else if ((c == '.' || c == '!' || c == '?') && i + 1 < body.size()) {
      std::size_t j = i + 1;
      while (j < body.size() && (body[j] == '"' || body[j] == ')' || body[j] == '\'')) ++j;
      if (body.substr(j, 3) == "”" || body.substr(j, 3) == "’") j += 3;
      if (j < body.size() && body[j] == ' ') {
        close(j);
        begin = j + 1;
        i = j;
      }
    }
  }
  close(body.size());
  return sentences;
}

void append_text(std::vector<SnippetSpan>& out, std::string_view text, bool match) {
  std::string cleaned(text);
  std::replace(cleaned.begin(), cleaned.end(), '\n', ' ');
  if (cleaned.empty()) return;
  if (!out.empty() && out.back().match == match) {
    out.back().text += cleaned;
  } else {
    out.push_back({std::move(cleaned), match});
  }
}

bool only_spaces(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n'; });
}

}  // namespace

SnippetTerms snippet_terms(const Xapian::Query& query) {
  SnippetTerms terms;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    bool stemmed = false;
    std::string word;
    if (!split_term(*it, stemmed, word)) continue;
    (stemmed ? terms.stems : terms.words).insert(word);
  }
  return terms;
}

namespace {

// A candidate passage: sentences [first, last), the distinct terms it covers and its matches.
struct Window {
  std::size_t first = 0;
  std::size_t last = 0;
  std::vector<int> terms;  // distinct term indexes
  std::size_t matches = 0;
};

class PassagePicker {
 public:
  PassagePicker(std::string_view body, std::size_t full_size, const std::vector<Token>& tokens,
                const std::vector<Sentence>& sentences, std::size_t term_count,
                std::size_t max_bytes)
      : body_(body),
        full_size_(full_size),
        tokens_(tokens),
        sentences_(sentences),
        seen_(term_count, 0),
        covered_(term_count, 0),
        taken_(sentences.size(), 0),
        max_bytes_(max_bytes) {}

  // The next best window that overlaps none taken so far, or an empty one (last == first)
  // when there is none. `require_match` leaves out windows without a match.
  Window next(bool require_match) {
    Window best;
    std::size_t best_new = 0;
    bool found = false;
    for (std::size_t first = 0; first < sentences_.size(); ++first) {
      if (taken_[first] != 0) continue;
      Window w = evaluate(first);
      if (require_match && w.matches == 0) continue;
      std::size_t fresh = 0;
      for (const int t : w.terms) fresh += covered_[static_cast<std::size_t>(t)] == 0 ? 1U : 0U;
      const bool better = !found || fresh > best_new ||
                          (fresh == best_new &&
                           (w.terms.size() > best.terms.size() ||
                            (w.terms.size() == best.terms.size() && w.matches > best.matches)));
      if (better) {
        best = std::move(w);
        best_new = fresh;
        found = true;
      }
    }
    if (!found) return {};
    for (std::size_t i = best.first; i < best.last; ++i) taken_[i] = 1;
    for (const int t : best.terms) covered_[static_cast<std::size_t>(t)] = 1;
    return best;
  }

  std::vector<SnippetSpan> render(const Window& w) const;

 private:
  // Sentences from `first` while they fit in max_bytes (at least one), up to a taken one.
  Window evaluate(std::size_t first) {
    Window w;
    w.first = first;
    std::fill(seen_.begin(), seen_.end(), 0);
    std::size_t last = first;
    while (last < sentences_.size() && taken_[last] == 0 &&
           (last == first || sentences_[last].end - sentences_[first].begin <= max_bytes_)) {
      for (std::size_t t = sentences_[last].first_token; t < sentences_[last].last_token; ++t) {
        if (tokens_[t].term < 0) continue;
        ++w.matches;
        auto& flag = seen_[static_cast<std::size_t>(tokens_[t].term)];
        if (flag == 0) w.terms.push_back(tokens_[t].term);
        flag = 1;
      }
      ++last;
    }
    w.last = last;
    return w;
  }

  std::string_view body_;
  std::size_t full_size_;
  const std::vector<Token>& tokens_;
  const std::vector<Sentence>& sentences_;
  std::vector<char> seen_;
  std::vector<char> covered_;
  std::vector<char> taken_;
  std::size_t max_bytes_;
};

std::vector<SnippetSpan> PassagePicker::render(const Window& w) const {
  std::vector<SnippetSpan> out;
  std::size_t begin = sentences_[w.first].begin;
  std::size_t end = sentences_[w.last - 1].end;
  // A single long sentence: centre the cut on its first match, at word boundaries.
  if (end - begin > max_bytes_) {
    std::size_t anchor = begin;
    for (std::size_t t = sentences_[w.first].first_token; t < sentences_[w.first].last_token; ++t) {
      if (tokens_[t].term >= 0) {
        anchor = tokens_[t].begin;
        break;
      }
    }
    const std::size_t cut_begin = anchor > begin + max_bytes_ / 3 ? anchor - max_bytes_ / 3 : begin;
    const std::size_t cut_end = std::min(end, cut_begin + max_bytes_);
    std::size_t new_begin = end;
    std::size_t new_end = begin;
    for (std::size_t t = sentences_[w.first].first_token; t < sentences_[w.last - 1].last_token;
         ++t) {
      const Token& tok = tokens_[t];
      if (tok.begin >= cut_begin && tok.begin < new_begin) new_begin = tok.begin;
      if (tok.end <= cut_end && tok.end > new_end && tok.begin >= cut_begin) new_end = tok.end;
    }
    if (new_begin < new_end) {
      begin = new_begin;
      end = new_end;
    }
  }

  if (begin > 0) out.push_back({std::string(kEllipsis), false});
  std::size_t cursor = begin;
  std::size_t pending_match_end = 0;  // end of a match whose span may still grow
  for (std::size_t t = sentences_[w.first].first_token; t < sentences_[w.last - 1].last_token;
       ++t) {
    const Token& tok = tokens_[t];
    if (tok.begin < begin || tok.end > end || tok.term < 0) continue;
    const std::string_view gap = body_.substr(cursor, tok.begin - cursor);
    if (pending_match_end == cursor && !out.empty() && out.back().match && only_spaces(gap)) {
      append_text(out, gap, true);
    } else {
      append_text(out, gap, false);
    }
    append_text(out, body_.substr(tok.begin, tok.end - tok.begin), true);
    cursor = tok.end;
    pending_match_end = tok.end;
  }
  append_text(out, body_.substr(cursor, end - cursor), false);
  if (end < full_size_) out.push_back({std::string(kEllipsis), false});
  return out;
}

// `body` cut to at most kMaxSnippetScanBytes, at a character boundary.
std::string_view scanned_part(std::string_view body) {
  if (body.size() <= kMaxSnippetScanBytes) return body;
  std::size_t n = kMaxSnippetScanBytes;
  while (n > 0 && (static_cast<unsigned char>(body[n]) & 0xC0) == 0x80) --n;
  return body.substr(0, n);
}

}  // namespace

std::vector<std::vector<SnippetSpan>> make_passages(std::string_view full_body,
                                                    const SnippetTerms& terms,
                                                    const Xapian::Stem& stemmer,
                                                    std::size_t max_bytes, std::size_t count) {
  std::vector<std::vector<SnippetSpan>> out;
  if (full_body.empty() || max_bytes == 0 || count == 0) return out;
  // Cheap by construction: one tokenising pass over at most kMaxSnippetScanBytes (stemming only
  // words whose first letter some query stem has), then `count` passes over the sentences,
  // each looking at windows of about max_bytes.
  const std::string_view body = scanned_part(full_body);
  Tokeniser tokeniser(body, terms, stemmer);
  const std::vector<Token> tokens = tokeniser.run();
  const std::vector<Sentence> sentences = split_sentences(body, tokens);
  if (sentences.empty()) return out;
  PassagePicker picker(body, full_body.size(), tokens, sentences, tokeniser.term_count(),
                       max_bytes);
  for (std::size_t i = 0; i < count; ++i) {
    // Without query terms, or without any match, the lead is the one passage.
    const Window w = picker.next(i > 0);
    if (w.last == w.first) break;
    out.push_back(picker.render(w));
    if (w.matches == 0) break;  // the lead (ties go to the earliest window)
  }
  return out;
}

std::vector<SnippetSpan> make_snippet(std::string_view body, const SnippetTerms& terms,
                                      const Xapian::Stem& stemmer, std::size_t max_bytes) {
  std::vector<std::vector<SnippetSpan>> passages =
      make_passages(body, terms, stemmer, max_bytes, 1);
  if (passages.empty()) return {};
  return std::move(passages.front());
}

}  // namespace morgue::searcher
