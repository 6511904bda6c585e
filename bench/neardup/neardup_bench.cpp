// SPDX-License-Identifier: GPL-2.0-or-later
// Measures the precision and recall of Morgue's near-duplicate clustering on Reuters-21578
// bodies copied with controlled edits (run it with bench/neardup/run.sh).
//
// Protocol. Originals: a deterministic sample of Reuters-21578 articles whose bodies have at
// least --min-words words, part of them (--templates) drawn from the earnings reports ("Shr ...
// Net ... Revs ..."), which share one template and differ in company and numbers: the hard
// negatives. Every original gets one copy per edit kind (a new headline; case changes;
// re-wrapping; a boilerplate dateline and credit line; the last sentence dropped; a sentence
// added; k% of its words substituted, deleted or inserted for k in 1, 2, 5, 10, 20; and a
// "syndicated" copy combining headline, boilerplate, re-wrapping, case and the dropped sentence).
// Everything is indexed, in shuffled order, by the real morgue::Indexer; the clusters are read
// back from the SQLite store, the MinHash signatures from Xapian (slot kMinhash). A pair is
// predicted duplicate when both share a cluster, truly duplicate when both derive from the same
// original. Reuters itself holds near-identical articles under distinct ids (re-sends,
// corrections): originals whose 3-word-shingle Jaccard is at least --genuine form one "genuine
// group", and pairs across families of one group count neither as true nor as false; they are
// listed apart.
#include <sqlite3.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "morgue/error.h"
#include "morgue/indexer.h"
#include "morgue/schema.h"

namespace fs = std::filesystem;

namespace {

struct Options {
  fs::path corpus;
  std::size_t originals = 1000;
  std::size_t templates = 200;
  std::size_t min_words = 80;
  std::uint32_t seed = 20240521;
  double genuine = 0.9;
  std::size_t examples = 20;
  fs::path index;
  bool keep = false;
};

struct Source {
  std::string newid;
  std::string title;
  std::string date;  // YYYY-MM-DD
  std::vector<std::string> paragraphs;
  std::size_t words = 0;
  bool earnings = false;
};

// One indexed article: an original (label 0) or one of its copies.
struct Doc {
  std::string id;
  std::string title;
  std::string body;
  std::size_t family = 0;  // index of its original
  std::size_t label = 0;   // index into kLabels
};

const std::vector<std::string> kLabels = {
    "original", "headline", "case",    "rewrap",   "boilerplate", "drop-sentence", "add-sentence",
    "edit-1%",  "edit-2%",  "edit-5%", "edit-10%", "edit-20%",    "syndicated"};
constexpr std::array<int, 5> kEditPercents = {1, 2, 5, 10, 20};
constexpr std::size_t kFirstEditLabel = 7;
constexpr std::size_t kSyndicatedLabel = 12;

// ----- Reading the corpus ------------------------------------------------------------------

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Decodes &lt; &gt; &amp; &quot; &#N; and drops control characters other than '\n'.
std::string decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '&') {
      const std::size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        const std::string_view ent = s.substr(i + 1, semi - i - 1);
        int code = -1;
        if (ent == "lt") code = '<';
        if (ent == "gt") code = '>';
        if (ent == "amp") code = '&';
        if (ent == "quot") code = '"';
        if (ent.size() > 1 && ent[0] == '#') code = std::atoi(std::string(ent.substr(1)).c_str());
        if (code >= 0) {
          if (code >= 0x20 && code < 0x80) out.push_back(static_cast<char>(code));
          if (code == '\n') out.push_back('\n');
          i = semi;
          continue;
        }
      }
    }
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 || c == '\n') out.push_back(c == '\t' ? ' ' : c);
  }
  return out;
}

std::string_view between(std::string_view s, std::string_view open, std::string_view close) {
  const std::size_t a = s.find(open);
  if (a == std::string_view::npos) return {};
  const std::size_t b = s.find(close, a + open.size());
  if (b == std::string_view::npos) return {};
  return s.substr(a + open.size(), b - a - open.size());
}

std::string trim(std::string_view s) {
  std::size_t a = 0;
  std::size_t b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a])) != 0) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])) != 0) --b;
  return std::string(s.substr(a, b - a));
}

std::vector<std::string> split_ws(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0) ++i;
    const std::size_t a = i;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) == 0) ++i;
    if (i > a) out.emplace_back(s.substr(a, i - a));
  }
  return out;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += sep;
    out += v[i];
  }
  return out;
}

// Words as the indexer's MinHash sees them: runs of ASCII letters/digits or non-ASCII bytes,
// lower-cased.
bool is_word_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c) != 0; }
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t a = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == a) break;
    std::string w(text.substr(a, i - a));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(std::move(w));
  }
  return out;
}

std::string iso_date(std::string_view reuters) {  // "26-FEB-1987 15:01:01.79"
  static const std::array<std::string_view, 12> kMonths = {
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  const std::string t = trim(reuters);
  if (t.size() < 11) return {};
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (t.substr(3, 3) == kMonths[m]) {
      return t.substr(7, 4) + (m + 1 < 10 ? "-0" : "-") + std::to_string(m + 1) + "-" +
             t.substr(0, 2);
    }
  }
  return {};
}

std::vector<Source> read_reuters(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("reut2-", 0) == 0 && e.path().extension() == ".sgm") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Source> out;
  for (const fs::path& f : files) {
    const std::string text = slurp(f);
    std::size_t pos = 0;
    while ((pos = text.find("<REUTERS", pos)) != std::string::npos) {
      const std::size_t end = text.find("</REUTERS>", pos);
      if (end == std::string::npos) break;
      const std::string_view rec(text.data() + pos, end - pos);
      pos = end;
      const std::string_view raw_body = between(rec, "<BODY>", "</BODY>");
      if (raw_body.empty()) continue;
      Source s;
      s.newid = std::string(between(rec, "NEWID=\"", "\""));
      s.title = trim(decode(between(rec, "<TITLE>", "</TITLE>")));
      s.date = iso_date(between(rec, "<DATE>", "</DATE>"));
      // Paragraphs start on indented lines; other line breaks are wrapping. The trailing
      // "Reuter" signature goes.
      std::vector<std::string> lines;
      const std::string body = decode(raw_body);
      std::size_t a = 0;
      while (a <= body.size()) {
        std::size_t b = body.find('\n', a);
        if (b == std::string::npos) b = body.size();
        lines.push_back(body.substr(a, b - a));
        a = b + 1;
      }
      while (!lines.empty()) {
        const std::string t = trim(lines.back());
        if (t.empty() || t == "Reuter" || t == "REUTER") {
          lines.pop_back();
        } else {
          break;
        }
      }
      std::vector<std::string> para;
      for (const std::string& line : lines) {
        const bool indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
        if ((indented || trim(line).empty()) && !para.empty()) {
          s.paragraphs.push_back(join(para, " "));
          para.clear();
        }
        for (std::string& w : split_ws(line)) para.push_back(std::move(w));
      }
      if (!para.empty()) s.paragraphs.push_back(join(para, " "));
      const std::string joined = join(s.paragraphs, "\n");
      s.words = words_of(joined).size();
      const std::vector<std::string> tokens = split_ws(joined);
      const auto has = [&](std::string_view t) {
        return std::find(tokens.begin(), tokens.end(), t) != tokens.end();
      };
      s.earnings = has("Shr") && (has("Net") || has("net"));
      if (!s.newid.empty()) out.push_back(std::move(s));
    }
  }
  return out;
}

// ----- Making copies -------------------------------------------------------------------------

// A body as whitespace tokens; `starts` marks tokens that open a paragraph.
struct Tokens {
  std::vector<std::string> tok;
  std::vector<bool> starts;

  static Tokens of(const std::vector<std::string>& paragraphs) {
    Tokens t;
    for (const std::string& p : paragraphs) {
      bool first = true;
      for (std::string& w : split_ws(p)) {
        t.tok.push_back(std::move(w));
        t.starts.push_back(first);
        first = false;
      }
    }
    return t;
  }
  [[nodiscard]] std::vector<std::string> paragraphs() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < tok.size(); ++i) {
      if (i == 0 || starts[i]) out.emplace_back();
      if (!out.back().empty()) out.back().push_back(' ');
      out.back() += tok[i];
    }
    return out;
  }
};

bool ends_sentence(const std::string& t) {
  if (t.empty()) return false;
  const char c = t.back();
  if (c != '.' && c != '!' && c != '?' && c != '"') return false;
  // "U.S." and "Inc." mostly do not end sentences.
  if (std::count(t.begin(), t.end(), '.') > 1 && t.size() <= 6) return false;
  return t != "Inc." && t != "Corp." && t != "Co." && t != "Ltd." && t != "Mr." && t != "St.";
}

// Sentences of a paragraph list, each at least `min_tokens` tokens.
std::vector<std::string> sentences_of(const std::vector<std::string>& paragraphs,
                                      std::size_t min_tokens) {
  std::vector<std::string> out;
  for (const std::string& p : paragraphs) {
    std::vector<std::string> cur;
    for (std::string& w : split_ws(p)) {
      const bool end = ends_sentence(w);
      cur.push_back(std::move(w));
      if (end) {
        if (cur.size() >= min_tokens) out.push_back(join(cur, " "));
        cur.clear();
      }
    }
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string sentence_case(const std::string& s) {
  std::string out = s;
  bool first = true;
  for (char& c : out) {
    if (std::isalpha(static_cast<unsigned char>(c)) == 0) continue;
    c = static_cast<char>(first ? std::toupper(static_cast<unsigned char>(c))
                                : std::tolower(static_cast<unsigned char>(c)));
    first = false;
  }
  return out;
}

class Copier {
 public:
  Copier(std::uint32_t seed, std::vector<std::string> vocabulary,
         std::vector<std::string> donor_sentences)
      : rng_(seed),
        vocabulary_(std::move(vocabulary)),
        donor_sentences_(std::move(donor_sentences)) {}

  std::string headline(const std::string& title) {
    const std::string t = title.empty() ? std::string("Untitled") : title;
    switch (pick(4)) {
      case 0:
        return "UPDATE 1-" + t;
      case 1:
        return sentence_case(t);
      case 2:
        return t + " - REPORT";
      default:
        return "FOCUS-" + sentence_case(t) + " (" + kCities[pick(kCities.size())] + ")";
    }
  }

  // Upper-cases about half the paragraphs and lower-cases one.
  std::vector<std::string> change_case(std::vector<std::string> paragraphs) {
    for (std::string& p : paragraphs) {
      if (pick(2) == 0) p = upper(p);
    }
    std::string& p = paragraphs[pick(paragraphs.size())];
    for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return paragraphs;
  }

  // Re-wraps at a random width with hard line breaks, blank lines between paragraphs, stray
  // indentation and doubled spaces: what a copy through another wire system looks like.
  std::string rewrap(const std::vector<std::string>& paragraphs) {
    const std::size_t width = 40 + pick(45);
    std::string out;
    for (const std::string& p : paragraphs) {
      if (!out.empty()) out += pick(2) == 0 ? "\n\n" : "\n    ";
      std::size_t col = 0;
      for (const std::string& w : split_ws(p)) {
        if (col > 0 && col + 1 + w.size() > width) {
          out += pick(5) == 0 ? " \r\n" : "\n";
          col = 0;
        } else if (col > 0) {
          out += pick(12) == 0 ? "  " : " ";
          ++col;
        }
        out += w;
        col += w.size();
      }
    }
    return out;
  }

  std::vector<std::string> boilerplate(std::vector<std::string> paragraphs) {
    const std::string& city = kCities[pick(kCities.size())];
    paragraphs.front() = upper(city) + " (Reuters) - " + paragraphs.front();
    paragraphs.push_back("(Reporting by " + name() + "; Editing by " + name() + ")");
    return paragraphs;
  }

  static std::vector<std::string> drop_last_sentence(const std::vector<std::string>& paragraphs) {
    Tokens t = Tokens::of(paragraphs);
    // The last sentence end before the final token; a body of one sentence loses 15 words.
    std::size_t cut = 0;
    for (std::size_t i = 0; i + 1 < t.tok.size(); ++i) {
      if (ends_sentence(t.tok[i])) cut = i + 1;
    }
    if (cut == 0) cut = t.tok.size() > 15 ? t.tok.size() - 15 : t.tok.size();
    t.tok.resize(cut);
    t.starts.resize(cut);
    return t.paragraphs();
  }

  std::vector<std::string> add_sentence(std::vector<std::string> paragraphs) {
    paragraphs.push_back(donor_sentences_[pick(donor_sentences_.size())]);
    return paragraphs;
  }

  // Applies round(percent% of the tokens) edits, each a substitution, deletion or insertion
  // of one word at a random place; substitutes and insertions come from the corpus vocabulary.
  std::vector<std::string> edit_words(const std::vector<std::string>& paragraphs, int percent) {
    Tokens t = Tokens::of(paragraphs);
    const auto edits = std::max<std::size_t>(
        1,
        static_cast<std::size_t>(std::lround(static_cast<double>(t.tok.size()) * percent / 100.0)));
    for (std::size_t e = 0; e < edits && t.tok.size() > 2; ++e) {
      const std::size_t at = pick(t.tok.size());
      switch (pick(3)) {
        case 0:
          t.tok[at] = word();
          break;
        case 1:
          if (at + 1 < t.tok.size() && t.starts[at]) t.starts[at + 1] = true;
          t.tok.erase(t.tok.begin() + static_cast<std::ptrdiff_t>(at));
          t.starts.erase(t.starts.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        default:
          t.tok.insert(t.tok.begin() + static_cast<std::ptrdiff_t>(at), word());
          t.starts.insert(t.starts.begin() + static_cast<std::ptrdiff_t>(at), false);
          if (t.starts[at + 1]) {
            t.starts[at] = true;
            t.starts[at + 1] = false;
          }
          break;
      }
    }
    return t.paragraphs();
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  std::string word() { return vocabulary_[pick(vocabulary_.size())]; }
  std::string name() {
    static const std::array<const char*, 8> kFirst = {"Anna",  "David", "Maria", "John",
                                                      "Keiko", "Ahmed", "Lucy",  "Pedro"};
    static const std::array<const char*, 8> kLast = {"Smith", "Okafor",   "Tanaka", "Muller",
                                                     "Rossi", "Kowalski", "Haddad", "Silva"};
    return std::string(kFirst[pick(kFirst.size())]) + " " + kLast[pick(kLast.size())];
  }

  static inline const std::vector<std::string> kCities = {
      "New York", "London", "Tokyo", "Chicago", "Frankfurt", "Sydney", "Paris", "Toronto"};
  std::mt19937 rng_;
  std::vector<std::string> vocabulary_;
  std::vector<std::string> donor_sentences_;
};

// ----- Similarity ----------------------------------------------------------------------------

std::uint64_t hash_string(const std::string& s) { return std::hash<std::string>{}(s); }

// Sorted distinct hashes of the w-word shingles.
std::vector<std::uint64_t> shingles(std::string_view text, std::size_t w = 3) {
  const std::vector<std::string> words = words_of(text);
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + w <= words.size(); ++i) {
    std::string s;
    for (std::size_t k = i; k < i + w; ++k) s += words[k] + ' ';
    out.push_back(hash_string(s));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 1;
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++both;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

// Share of equal 32-bit minimums of two MinHash signatures (slot kMinhash): the estimated
// resemblance, as indexer::resemblance() computes it (not exported by the library). 0 when
// either article has no signature (a text too short).
constexpr std::size_t kSignatureBytes = 4 * morgue::schema::kMinhashSize;
double resemblance(std::string_view a, std::string_view b) {
  if (a.size() != kSignatureBytes || b.size() != a.size()) return 0;
  unsigned equal = 0;
  for (std::size_t i = 0; i < a.size(); i += 4) equal += a.substr(i, 4) == b.substr(i, 4) ? 1U : 0U;
  return static_cast<double>(equal) / morgue::schema::kMinhashSize;
}

// Whether two signatures agree on all minimums of at least one LSH band, i.e. share a band
// term (up to the band hash's collisions): whether the indexer sees one as a candidate for the
// other.
bool shares_band(std::string_view a, std::string_view b) {
  if (a.size() != kSignatureBytes || b.size() != a.size()) return false;
  const std::size_t band = kSignatureBytes / morgue::schema::kMinhashBands;
  for (std::size_t i = 0; i < a.size(); i += band) {
    if (a.substr(i, band) == b.substr(i, band)) return true;
  }
  return false;
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) {
    std::iota(parent.begin(), parent.end(), std::size_t{0});
  }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

std::uint64_t pairs(std::uint64_t n) { return n * (n - (n > 0 ? 1 : 0)) / 2; }

std::string pct(double num, double den) {
  char buf[400];  // %f of any double fits
  std::snprintf(buf, sizeof buf, "%.1f%%", den > 0 ? 100.0 * num / den : 0.0);
  return buf;
}
std::string fixed(double v, int digits = 3) {
  char buf[400];  // %f of any double fits
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string cell(std::string s) {  // for markdown tables
  for (char& c : s) {
    if (c == '|') c = '/';
  }
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

// ----- Reading the index back ----------------------------------------------------------------

std::map<std::string, std::string> read_clusters(const fs::path& sqlite_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(sqlite_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot open " + sqlite_path.string());
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT id, cluster FROM articles", -1, &st, nullptr) != SQLITE_OK) {
    const std::string msg = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(msg);
  }
  std::map<std::string, std::string> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const auto* cluster = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    out[id != nullptr ? id : ""] = cluster != nullptr ? cluster : "";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// ----- The run -------------------------------------------------------------------------------

int run(const Options& opt) {
  const std::vector<Source> all = read_reuters(opt.corpus);
  std::vector<std::size_t> pool;
  std::vector<std::size_t> earnings_pool;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].words < opt.min_words) continue;
    (all[i].earnings ? earnings_pool : pool).push_back(i);
  }
  std::mt19937 rng(opt.seed);
  std::shuffle(earnings_pool.begin(), earnings_pool.end(), rng);
  const std::size_t n_templates = std::min(opt.templates, earnings_pool.size());
  std::vector<std::size_t> chosen(earnings_pool.begin(),
                                  earnings_pool.begin() + static_cast<std::ptrdiff_t>(n_templates));
  // The rest of the sample is drawn from all long articles, earnings reports included.
  pool.insert(pool.end(), earnings_pool.begin() + static_cast<std::ptrdiff_t>(n_templates),
              earnings_pool.end());
  std::sort(pool.begin(), pool.end());
  std::shuffle(pool.begin(), pool.end(), rng);
  const std::size_t n_rest =
      std::min(opt.originals - std::min(opt.originals, n_templates), pool.size());
  chosen.insert(chosen.end(), pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n_rest));
  std::sort(chosen.begin(), chosen.end());
  const std::set<std::size_t> chosen_set(chosen.begin(), chosen.end());

  // Substitutes and insertions: tokens of the long articles (frequency-weighted); added
  // sentences: sentences of long articles outside the sample.
  std::vector<std::string> vocabulary;
  std::vector<std::string> donors;
  for (const std::size_t i : pool) {
    if (vocabulary.size() < 400000) {
      for (const std::string& p : all[i].paragraphs) {
        for (std::string& w : split_ws(p)) vocabulary.push_back(std::move(w));
      }
    }
    if (chosen_set.count(i) == 0 && donors.size() < 20000) {
      for (std::string& s : sentences_of(all[i].paragraphs, 8)) donors.push_back(std::move(s));
    }
  }
  Copier copier(opt.seed + 1, std::move(vocabulary), std::move(donors));

  std::vector<Doc> docs;
  std::size_t n_earnings = 0;
  std::vector<bool> earnings_family;
  for (std::size_t f = 0; f < chosen.size(); ++f) {
    const Source& s = all[chosen[f]];
    n_earnings += s.earnings ? 1U : 0U;
    earnings_family.push_back(s.earnings);
    const std::string base = "r" + s.newid;
    const auto add = [&](std::size_t label, std::string title, std::string body) {
      docs.push_back(Doc{label == 0 ? base : base + "~" + kLabels[label], std::move(title),
                         std::move(body), f, label});
    };
    const std::vector<std::string>& p = s.paragraphs;
    add(0, s.title, join(p, "\n"));
    add(1, copier.headline(s.title), join(p, "\n"));
    add(2, upper(s.title), join(copier.change_case(p), "\n"));
    add(3, s.title, copier.rewrap(p));
    add(4, copier.headline(s.title), join(copier.boilerplate(p), "\n"));
    add(5, copier.headline(s.title), join(Copier::drop_last_sentence(p), "\n"));
    add(6, copier.headline(s.title), join(copier.add_sentence(p), "\n"));
    for (std::size_t k = 0; k < kEditPercents.size(); ++k) {
      add(kFirstEditLabel + k, copier.headline(s.title),
          join(copier.edit_words(p, kEditPercents[k]), "\n"));
    }
    add(kSyndicatedLabel, upper(copier.headline(s.title)),
        copier.rewrap(copier.change_case(copier.boilerplate(Copier::drop_last_sentence(p)))));
  }

  // Index in shuffled order: copies often arrive before the original.
  std::vector<std::size_t> order(docs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), rng);
  const fs::path index =
      opt.index.empty() ? fs::temp_directory_path() / ("morgue-neardup-" + std::to_string(getpid()))
                        : opt.index;
  fs::remove_all(index);
  {
    morgue::Indexer indexer = morgue::Indexer::open(
        index, morgue::IndexerOptions{.batch_size = 2000, .spelling = false, .entities = false});
    for (const std::size_t i : order) {
      const Source& s = all[chosen[docs[i].family]];
      indexer.add(morgue::Article{.id = docs[i].id,
                                  .title = docs[i].title,
                                  .date = s.date,
                                  .source = "Reuters",
                                  .body = docs[i].body,
                                  .lang = "en"});
    }
    indexer.commit();
  }

  const std::map<std::string, std::string> cluster_of =
      read_clusters(index / morgue::schema::kSqliteFileName);
  std::vector<std::string> sig(docs.size());
  {
    const Xapian::Database xdb((index / morgue::schema::kXapianDirName).string());
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const std::string term = std::string(morgue::schema::prefix::kId) + docs[i].id;
      const Xapian::PostingIterator it = xdb.postlist_begin(term);
      if (it == xdb.postlist_end(term)) continue;
      sig[i] = xdb.get_document(*it).get_value(morgue::schema::slot::kMinhash);
    }
  }
  if (!opt.keep) fs::remove_all(index);

  // Cluster numbers.
  std::vector<std::size_t> cluster(docs.size());
  {
    std::map<std::string, std::size_t> number;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const auto it = cluster_of.find(docs[i].id);
      if (it == cluster_of.end()) throw std::runtime_error("not indexed: " + docs[i].id);
      cluster[i] = number.emplace(it->second, number.size()).first->second;
    }
  }

  // Genuine groups among the originals.
  const std::size_t nf = chosen.size();
  std::vector<std::size_t> original_doc(nf);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].label == 0) original_doc[docs[i].family] = i;
  }
  std::vector<std::vector<std::uint64_t>> sh(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) sh[i] = shingles(docs[i].body);
  UnionFind uf(nf);
  struct GenuinePair {
    std::size_t a, b;
    double j;
  };
  std::vector<GenuinePair> genuine;
  std::map<std::pair<std::size_t, std::size_t>, double> original_jaccard_cache;
  const auto original_jaccard = [&](std::size_t fa, std::size_t fb) {
    const auto key = std::minmax(fa, fb);
    const auto it = original_jaccard_cache.find(key);
    if (it != original_jaccard_cache.end()) return it->second;
    const double j = jaccard(sh[original_doc[fa]], sh[original_doc[fb]]);
    original_jaccard_cache[key] = j;
    return j;
  };
  for (std::size_t a = 0; a < nf; ++a) {
    for (std::size_t b = a + 1; b < nf; ++b) {
      const double j = jaccard(sh[original_doc[a]], sh[original_doc[b]]);
      if (j >= 0.2) original_jaccard_cache[{a, b}] = j;
      if (j >= opt.genuine) {
        genuine.push_back({a, b, j});
        uf.unite(a, b);
      }
    }
  }
  std::vector<std::size_t> group(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) group[i] = uf.find(docs[i].family);

  // Pair counts.
  std::map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < docs.size(); ++i) members[cluster[i]].push_back(i);
  std::map<std::size_t, std::uint64_t> per_family;
  std::map<std::size_t, std::uint64_t> per_group;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    ++per_family[docs[i].family];
    ++per_group[group[i]];
  }
  std::uint64_t true_pairs = 0;
  std::uint64_t group_pairs = 0;
  for (const auto& [f, n] : per_family) true_pairs += pairs(n);
  for (const auto& [g, n] : per_group) group_pairs += pairs(n);
  std::uint64_t predicted = 0;
  std::uint64_t tp = 0;
  std::uint64_t same_group_predicted = 0;
  std::vector<std::uint64_t> fp_by_label(kLabels.size());
  struct FamilyPair {
    std::uint64_t doc_pairs = 0;
  };
  std::map<std::pair<std::size_t, std::size_t>, FamilyPair> fp_families;
  std::size_t families_split = 0;
  for (const auto& [c, m] : members) {
    predicted += pairs(m.size());
    std::map<std::size_t, std::uint64_t> by_family;
    std::map<std::size_t, std::uint64_t> by_group;
    for (const std::size_t i : m) {
      ++by_family[docs[i].family];
      ++by_group[group[i]];
    }
    for (const auto& [f, n] : by_family) tp += pairs(n);
    for (const auto& [g, n] : by_group) same_group_predicted += pairs(n);
    for (const std::size_t i : m) fp_by_label[docs[i].label] += m.size() - by_group[group[i]];
    if (by_group.size() > 1) {
      for (std::size_t x = 0; x < m.size(); ++x) {
        for (std::size_t y = x + 1; y < m.size(); ++y) {
          if (group[m[x]] == group[m[y]]) continue;
          ++fp_families[std::minmax(docs[m[x]].family, docs[m[y]].family)].doc_pairs;
        }
      }
    }
  }
  {
    std::vector<std::set<std::size_t>> clusters_of_family(nf);
    for (std::size_t i = 0; i < docs.size(); ++i)
      clusters_of_family[docs[i].family].insert(cluster[i]);
    for (const auto& s : clusters_of_family) families_split += s.size() > 1 ? 1U : 0U;
  }
  const std::uint64_t fp = predicted - same_group_predicted;
  const std::uint64_t excluded_predicted = same_group_predicted - tp;
  const std::uint64_t excluded_pairs = group_pairs - true_pairs;
  const std::uint64_t fn = true_pairs - tp;
  const double precision = tp + fp > 0 ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1;
  const double recall =
      true_pairs > 0 ? static_cast<double>(tp) / static_cast<double>(true_pairs) : 1;
  const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

  // ---- Report ----
  const double threshold = morgue::schema::kNearDuplicateResemblance;
  const std::string threshold_text = fixed(threshold, 2);
  std::size_t unsigned_docs = 0;
  for (const std::string& g : sig) unsigned_docs += g.size() == kSignatureBytes ? 0U : 1U;
  std::cout << "# Near-duplicate detection on Reuters-21578 with controlled edits\n\n";
  std::cout << "Originals: " << nf << " Reuters-21578 bodies of at least " << opt.min_words
            << " words (seed " << opt.seed << "), " << n_earnings
            << " of them earnings reports (\"Shr ... Net ...\": the hard negatives); "
            << kLabels.size() - 1 << " copies each: " << docs.size()
            << " articles, indexed in shuffled order by morgue::Indexer (entities and spelling "
               "off). MinHash: "
            << morgue::schema::kMinhashSize << " minimums of 3-word shingles, "
            << morgue::schema::kMinhashBands << " LSH bands of "
            << morgue::schema::kMinhashSize / morgue::schema::kMinhashBands
            << "; one cluster when the estimated resemblance r >= " << threshold_text << " ("
            << unsigned_docs << " articles without a signature). " << members.size()
            << " clusters; " << families_split << " of " << nf
            << " families split over more than one cluster.\n\n";
  std::cout << "Genuine near-duplicates among the originals (3-shingle Jaccard >= "
            << fixed(opt.genuine, 2) << "): " << genuine.size() << " pairs; the " << excluded_pairs
            << " article pairs across their families count neither as true nor as false ("
            << excluded_predicted << " of them clustered).\n\n";

  std::cout << "## Pairwise precision and recall\n\n";
  std::cout << "| pairs | predicted | true | TP | FP | FN | precision | recall | F1 |\n";
  std::cout << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  std::cout << "| all articles (Morgue's clusters) | " << predicted - excluded_predicted << " | "
            << true_pairs << " | " << tp << " | " << fp << " | " << fn << " | " << fixed(precision)
            << " | " << fixed(recall) << " | " << fixed(f1) << " |\n";
  {
    // The same pairwise rule (shared band, r >= threshold) without the indexer's incremental
    // assignment: connected components of all qualifying pairs, independent of the order.
    UnionFind components(docs.size());
    const std::size_t band = kSignatureBytes / morgue::schema::kMinhashBands;
    for (std::size_t b = 0; b < morgue::schema::kMinhashBands; ++b) {
      std::unordered_map<std::string_view, std::vector<std::size_t>> bucket;
      for (std::size_t i = 0; i < docs.size(); ++i) {
        if (sig[i].size() == kSignatureBytes)
          bucket[std::string_view(sig[i]).substr(b * band, band)].push_back(i);
      }
      for (const auto& [key, m] : bucket) {
        for (std::size_t x = 0; x < m.size(); ++x) {
          for (std::size_t y = x + 1; y < m.size(); ++y) {
            if (resemblance(sig[m[x]], sig[m[y]]) >= morgue::schema::kNearDuplicateResemblance)
              components.unite(m[x], m[y]);
          }
        }
      }
    }
    std::map<std::size_t, std::map<std::size_t, std::uint64_t>> by_component_family;
    std::map<std::size_t, std::map<std::size_t, std::uint64_t>> by_component_group;
    std::map<std::size_t, std::uint64_t> size;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const std::size_t c = components.find(i);
      ++size[c];
      ++by_component_family[c][docs[i].family];
      ++by_component_group[c][group[i]];
    }
    std::uint64_t joined = 0;
    std::uint64_t same_family = 0;
    std::uint64_t same_group = 0;
    for (const auto& [c, n] : size) joined += pairs(n);
    for (const auto& [c, m] : by_component_family) {
      for (const auto& [f, n] : m) same_family += pairs(n);
    }
    for (const auto& [c, m] : by_component_group) {
      for (const auto& [g, n] : m) same_group += pairs(n);
    }
    const std::uint64_t cfp = joined - same_group;
    const double cp = same_family + cfp > 0 ? static_cast<double>(same_family) /
                                                  static_cast<double>(same_family + cfp)
                                            : 1;
    const double cr = static_cast<double>(same_family) / static_cast<double>(true_pairs);
    std::cout << "| all articles (order-free: components of pairs with a shared band and r >= "
              << fixed(morgue::schema::kNearDuplicateResemblance, 2) << ") | "
              << joined - (same_group - same_family) << " | " << true_pairs << " | " << same_family
              << " | " << cfp << " | " << true_pairs - same_family << " | " << fixed(cp) << " | "
              << fixed(cr) << " | " << fixed(cp + cr > 0 ? 2 * cp * cr / (cp + cr) : 0) << " |\n\n";
  }

  std::cout << "## Per edit: copy vs its original\n\n";
  std::cout << "Recall: share of copies in their original's cluster. band: share of copies whose "
               "signature shares an LSH band with the original's (a candidate). r: estimated "
               "resemblance of the two signatures (share of equal minimums, from slot kMinhash). "
               "J: exact 3-shingle Jaccard with the original. FP pairs: clustered pairs of a copy "
               "of this kind with an article of another family.\n\n";
  std::cout << "| edit | copies | recall (same cluster) | band | r >= " << threshold_text
            << " | band and r >= " << threshold_text
            << " | median r | 10th pct r | median J | FP pairs |\n";
  std::cout << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  struct LabelStats {
    std::size_t n = 0, same = 0, band = 0, close = 0, both = 0;
    std::vector<double> r, j;
  };
  std::vector<LabelStats> ls(kLabels.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].label == 0) continue;
    const std::size_t o = original_doc[docs[i].family];
    LabelStats& s = ls[docs[i].label];
    ++s.n;
    s.same += cluster[i] == cluster[o] ? 1U : 0U;
    const double r = resemblance(sig[i], sig[o]);
    const bool band = shares_band(sig[i], sig[o]);
    s.band += band ? 1U : 0U;
    s.close += r >= threshold ? 1U : 0U;
    s.both += band && r >= threshold ? 1U : 0U;
    s.r.push_back(r);
    s.j.push_back(jaccard(sh[i], sh[o]));
  }
  for (std::size_t l = 1; l < kLabels.size(); ++l) {
    const LabelStats& s = ls[l];
    std::vector<double> r = s.r;
    std::sort(r.begin(), r.end());
    const double p10 = r.empty() ? 0 : r[r.size() / 10];
    const auto n = static_cast<double>(s.n);
    std::cout << "| " << kLabels[l] << " | " << s.n << " | " << pct(static_cast<double>(s.same), n)
              << " | " << pct(static_cast<double>(s.band), n) << " | "
              << pct(static_cast<double>(s.close), n) << " | "
              << pct(static_cast<double>(s.both), n) << " | " << fixed(median(s.r), 2) << " | "
              << fixed(p10, 2) << " | " << fixed(median(s.j), 2) << " | " << fp_by_label[l]
              << " |\n";
  }
  std::cout << "| (originals) | " << nf << " | | | | | | | | " << fp_by_label[0] << " |\n\n";

  // False positives, by pair of families.
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, FamilyPair>> fps(fp_families.begin(),
                                                                              fp_families.end());
  std::sort(fps.begin(), fps.end(), [&](const auto& x, const auto& y) {
    if (x.second.doc_pairs != y.second.doc_pairs) return x.second.doc_pairs > y.second.doc_pairs;
    return x.first < y.first;
  });
  std::size_t fp_originals_clustered = 0;
  for (const auto& [key, v] : fps) {
    fp_originals_clustered +=
        cluster[original_doc[key.first]] == cluster[original_doc[key.second]] ? 1U : 0U;
  }
  const auto original_r = [&](std::size_t fa, std::size_t fb) {
    return resemblance(sig[original_doc[fa]], sig[original_doc[fb]]);
  };
  std::cout << "## False positives\n\n";
  std::cout << fp << " article pairs from " << fps.size()
            << " pairs of distinct originals (families); in " << fp_originals_clustered
            << " of them the two originals themselves share a cluster. Most shared pairs first"
            << (fps.size() > opt.examples ? " (first " + std::to_string(opt.examples) + ")" : "")
            << "; J and r are of the two originals.\n\n";
  if (!fps.empty()) {
    std::cout << "| article pairs | original A | title A | original B | title B | J | r |\n";
    std::cout << "|---:|---|---|---|---|---:|---:|\n";
    for (std::size_t k = 0; k < fps.size() && k < opt.examples; ++k) {
      const auto [fa, fb] = fps[k].first;
      const Doc& a = docs[original_doc[fa]];
      const Doc& b = docs[original_doc[fb]];
      std::cout << "| " << fps[k].second.doc_pairs << " | " << a.id << " | " << cell(a.title)
                << " | " << b.id << " | " << cell(b.title) << " | "
                << fixed(original_jaccard(fa, fb), 2) << " | " << fixed(original_r(fa, fb), 2)
                << " |\n";
    }
    std::cout << "\n";
  }

  std::cout << "## Genuine near-duplicates among the originals (excluded)\n\n";
  if (genuine.empty()) std::cout << "None.\n\n";
  if (!genuine.empty()) {
    std::cout << "| original A | title A | original B | title B | J | r | same cluster |\n";
    std::cout << "|---|---|---|---|---:|---:|---|\n";
    for (std::size_t k = 0; k < genuine.size() && k < opt.examples; ++k) {
      const std::size_t ia = original_doc[genuine[k].a];
      const std::size_t ib = original_doc[genuine[k].b];
      std::cout << "| " << docs[ia].id << " | " << cell(docs[ia].title) << " | " << docs[ib].id
                << " | " << cell(docs[ib].title) << " | " << fixed(genuine[k].j, 2) << " | "
                << fixed(original_r(genuine[k].a, genuine[k].b), 2) << " | "
                << (cluster[ia] == cluster[ib] ? "yes" : "no") << " |\n";
    }
    std::cout << "\n";
  }

  // What if: pairwise comparison of the stored signatures (no clustering) at other
  // thresholds. Recall: copy vs own original; FP: pairs of originals of different groups.
  std::uint64_t distinct_pairs = 0;
  struct Close {
    double r;
    std::size_t a, b;
  };
  std::vector<Close> closest;  // distinct originals, most resemblant first
  for (std::size_t a = 0; a < nf; ++a) {
    for (std::size_t b = a + 1; b < nf; ++b) {
      if (uf.find(a) == uf.find(b)) continue;
      ++distinct_pairs;
      const double r = original_r(a, b);
      if (r >= 0.2) closest.push_back({r, a, b});
    }
  }
  std::sort(closest.begin(), closest.end(), [](const Close& x, const Close& y) {
    return x.r != y.r ? x.r > y.r : std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  std::cout << "## What if: other resemblance thresholds (pairwise, no clustering)\n\n";
  std::cout << "A pair is a duplicate when its stored signatures agree on at least a share t of "
               "their minimums (\"r >= t\"), and, on the \"+ band\" rows, also share an LSH band "
               "(what the indexer needs to see the other article as a candidate). Recall: copies "
               "vs their original; FP: pairs of distinct originals ("
            << distinct_pairs
            << " pairs, genuine groups excluded). Clustering differs from these pairwise numbers "
               "(a copy can join its original's cluster through another copy, or be taken by a "
               "closer article); the tables above are the actual result.\n\n";
  const std::vector<std::size_t> shown = {4, 5, 6, 8, 9, 10, 11, kSyndicatedLabel};
  std::cout << "| rule | t |";
  for (const std::size_t l : shown) std::cout << " " << kLabels[l] << " |";
  std::cout << " all copies | FP pairs of originals | of which both earnings |\n|---|---:|";
  for (std::size_t k = 0; k < shown.size() + 3; ++k) std::cout << "---:|";
  std::cout << "\n";
  for (const bool need_band : {false, true}) {
    for (const double t : {0.4, 0.5, 0.55, 0.6, 0.7, 0.8}) {
      std::vector<std::size_t> hit(kLabels.size());
      std::vector<std::size_t> n(kLabels.size());
      std::size_t hit_all = 0;
      std::size_t n_all = 0;
      for (std::size_t i = 0; i < docs.size(); ++i) {
        if (docs[i].label == 0) continue;
        const std::string& o = sig[original_doc[docs[i].family]];
        const bool h = resemblance(sig[i], o) >= t && (!need_band || shares_band(sig[i], o));
        hit[docs[i].label] += h ? 1U : 0U;
        ++n[docs[i].label];
        hit_all += h ? 1U : 0U;
        ++n_all;
      }
      std::size_t fp_orig = 0;
      std::size_t fp_earnings = 0;
      for (const Close& c : closest) {
        if (c.r < t) break;
        if (need_band && !shares_band(sig[original_doc[c.a]], sig[original_doc[c.b]])) continue;
        ++fp_orig;
        fp_earnings += earnings_family[c.a] && earnings_family[c.b] ? 1U : 0U;
      }
      std::cout << "| " << (need_band ? "r >= t + band" : "r >= t") << " | " << fixed(t, 2) << " |";
      for (const std::size_t l : shown) {
        std::cout << " " << pct(static_cast<double>(hit[l]), static_cast<double>(n[l])) << " |";
      }
      std::cout << " " << pct(static_cast<double>(hit_all), static_cast<double>(n_all)) << " | "
                << fp_orig << " | " << fp_earnings << " |\n";
    }
  }
  std::cout << "\n";
  std::cout << "Most resemblant distinct originals";
  if (closest.empty()) std::cout << ": none with r >= 0.20.\n\n";
  if (!closest.empty()) {
    std::cout << ":\n\n| r | J | band | original A | title A | original B | title B |\n"
                 "|---:|---:|---|---|---|---|---|\n";
    for (std::size_t k = 0; k < closest.size() && k < 10; ++k) {
      const Close& c = closest[k];
      const Doc& a = docs[original_doc[c.a]];
      const Doc& b = docs[original_doc[c.b]];
      std::cout << "| " << fixed(c.r, 2) << " | " << fixed(original_jaccard(c.a, c.b), 2) << " | "
                << (shares_band(sig[original_doc[c.a]], sig[original_doc[c.b]]) ? "yes" : "no")
                << " | " << a.id << " | " << cell(a.title) << " | " << b.id << " | "
                << cell(b.title) << " |\n";
    }
    std::cout << "\n";
  }
  return 0;
}

void usage() {
  std::cerr << "usage: morgue_neardup_bench REUTERS_DIR [--originals N] [--templates N] "
               "[--min-words N] [--seed N] [--genuine J] [--examples N] [--index DIR] [--keep]\n";
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) {
        usage();
        std::exit(2);
      }
      return args[++i];
    };
    if (a == "--originals") {
      opt.originals = std::stoul(value());
    } else if (a == "--templates") {
      opt.templates = std::stoul(value());
    } else if (a == "--min-words") {
      opt.min_words = std::stoul(value());
    } else if (a == "--seed") {
      opt.seed = static_cast<std::uint32_t>(std::stoul(value()));
    } else if (a == "--genuine") {
      opt.genuine = std::stod(value());
    } else if (a == "--examples") {
      opt.examples = std::stoul(value());
    } else if (a == "--index") {
      opt.index = value();
    } else if (a == "--keep") {
      opt.keep = true;
    } else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else if (opt.corpus.empty() && a.rfind("--", 0) != 0) {
      opt.corpus = a;
    } else {
      usage();
      return 2;
    }
  }
  if (opt.corpus.empty()) {
    usage();
    return 2;
  }
  try {
    return run(opt);
  } catch (const std::exception& e) {
    std::cerr << "morgue_neardup_bench: " << e.what() << "\n";
    return 1;
  }
}
