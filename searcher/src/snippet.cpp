// SPDX-License-Identifier: GPL-2.0-or-later
// Snippet selection and highlighting.
#include "snippet.h"

#include <algorithm>

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
    for (const std::string& t : terms.words) index_of(t);
    for (const std::string& t : terms.stems) index_of(t);
  }

  std::vector<Token> run() {
    std::vector<Token> tokens;
    Xapian::Utf8Iterator it(body_.data(), body_.size());
    const Xapian::Utf8Iterator end;
    const auto offset = [&](const Xapian::Utf8Iterator& i) {
      return static_cast<std::size_t>(i.raw() - body_.data());
    };
    while (it != end) {
      if (!Xapian::Unicode::is_wordchar(*it)) {
        ++it;
        continue;
      }
      const std::size_t begin = offset(it);
      std::string lower;
      while (it != end) {
        unsigned ch = *it;
        if (is_apostrophe(ch)) {
          Xapian::Utf8Iterator next = it;
          ++next;
          if (next == end || !Xapian::Unicode::is_wordchar(*next)) break;
          ch = '\'';
        } else if (!Xapian::Unicode::is_wordchar(ch)) {
          break;
        }
        Xapian::Unicode::append_utf8(lower, Xapian::Unicode::tolower(ch));
        ++it;
      }
      tokens.push_back({begin, it == end ? body_.size() : offset(it), match(lower)});
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

  int match(std::string lower) {
    // The indexer also indexes a possessive under its base word; match it the same way.
    if (terms_.words.count(lower) == 0 && lower.size() > 3 &&
        lower.compare(lower.size() - 2, 2, "'s") == 0) {
      lower.resize(lower.size() - 2);
    }
    if (terms_.words.count(lower) != 0) return index_of(stemmer_(lower));
    // Stemming costs; skip words that cannot stem to any query stem (stems keep their first
    // letter in every Snowball stemmer Morgue uses).
    bool possible = false;
    for (const std::string& s : terms_.stems) possible = possible || s[0] == lower[0];
    if (!possible) return -1;
    const std::string stem = stemmer_(lower);
    if (terms_.stems.count(stem) != 0) return index_of(stem);
    return -1;
  }

  std::string_view body_;
  const SnippetTerms& terms_;
  const Xapian::Stem& stemmer_;
  std::vector<std::string> keys_;  // distinct matched terms, by stem
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

std::vector<SnippetSpan> make_snippet(std::string_view body, const SnippetTerms& terms,
                                      const Xapian::Stem& stemmer, std::size_t max_bytes) {
  std::vector<SnippetSpan> out;
  if (body.empty() || max_bytes == 0) return out;
  Tokeniser tokeniser(body, terms, stemmer);
  const std::vector<Token> tokens = tokeniser.run();
  const std::vector<Sentence> sentences = split_sentences(body, tokens);
  if (sentences.empty()) return out;

  // Best window of whole sentences: most distinct terms, then most matches, then earliest.
  std::size_t best_first = 0;
  std::size_t best_last = 0;
  std::size_t best_distinct = 0;
  std::size_t best_matches = 0;
  std::vector<char> seen(tokeniser.term_count(), 0);
  for (std::size_t first = 0; first < sentences.size(); ++first) {
    if (terms.empty() && first > 0) break;
    std::fill(seen.begin(), seen.end(), 0);
    std::size_t distinct = 0;
    std::size_t matches = 0;
    std::size_t last = first;
    while (last < sentences.size() &&
           (last == first || sentences[last].end - sentences[first].begin <= max_bytes)) {
      for (std::size_t t = sentences[last].first_token; t < sentences[last].last_token; ++t) {
        if (tokens[t].term < 0) continue;
        ++matches;
        auto& flag = seen[static_cast<std::size_t>(tokens[t].term)];
        if (flag == 0) ++distinct;
        flag = 1;
      }
      ++last;
    }
    if (distinct > best_distinct || (distinct == best_distinct && matches > best_matches)) {
      best_first = first;
      best_last = last;
      best_distinct = distinct;
      best_matches = matches;
    }
    if (first == 0 && best_last == 0) best_last = last;
  }

  std::size_t begin = sentences[best_first].begin;
  std::size_t end = sentences[best_last - 1].end;
  // A single long sentence: centre the cut on its first match, at word boundaries.
  if (end - begin > max_bytes) {
    std::size_t anchor = begin;
    for (std::size_t t = sentences[best_first].first_token; t < sentences[best_first].last_token;
         ++t) {
      if (tokens[t].term >= 0) {
        anchor = tokens[t].begin;
        break;
      }
    }
    std::size_t cut_begin = anchor > begin + max_bytes / 3 ? anchor - max_bytes / 3 : begin;
    std::size_t cut_end = std::min(end, cut_begin + max_bytes);
    std::size_t new_begin = end;
    std::size_t new_end = begin;
    for (const Token& t : tokens) {
      if (t.begin >= cut_begin && t.begin < new_begin) new_begin = t.begin;
      if (t.end <= cut_end && t.end > new_end && t.begin >= cut_begin) new_end = t.end;
    }
    if (new_begin < new_end) {
      begin = new_begin;
      end = new_end;
    }
  }

  if (begin > 0) out.push_back({std::string(kEllipsis), false});
  std::size_t cursor = begin;
  std::size_t pending_match_end = 0;  // end of a match whose span may still grow
  for (const Token& t : tokens) {
    if (t.begin < begin || t.end > end) continue;
    if (t.term < 0) continue;
    const std::string_view gap = body.substr(cursor, t.begin - cursor);
    if (pending_match_end == cursor && !out.empty() && out.back().match && only_spaces(gap)) {
      append_text(out, gap, true);
    } else {
      append_text(out, gap, false);
    }
    append_text(out, body.substr(t.begin, t.end - t.begin), true);
    cursor = t.end;
    pending_match_end = t.end;
  }
  append_text(out, body.substr(cursor, end - cursor), false);
  if (end < body.size()) out.push_back({std::string(kEllipsis), false});
  return out;
}

}  // namespace morgue::searcher
