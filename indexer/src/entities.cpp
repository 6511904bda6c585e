// SPDX-License-Identifier: GPL-2.0-or-later
// Entity recognition by gazetteers and rules: capitalised spans are chunked, then split into
// known places and organisations, titled or given-named people and cue-word organisations;
// mentions are resolved to one canonical name per article.
#include "entities.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "entity_data.h"
#include "entity_places.h"
#include "morgue/error.h"
#include "morgue/internal/entity_key.h"

namespace morgue::indexer {
namespace {

enum class Kind : std::uint8_t { kPlace, kOrg, kPerson, kHandle, kHashtag, kUrl };
constexpr auto kKindNames =
    std::to_array<std::string_view>({"place", "org", "person", "handle", "hashtag", "url"});

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// A gazetteer entry, keyed by the normalised words of one of its names.
struct Known {
  Kind kind = Kind::kPlace;
  std::string name;  // canonical
  // Also a common word ("who", "apple"): trusted only when written in capitals ("WHO") or
  // capitalised inside a sentence.
  bool needs_caps = false;
  bool ambiguous = false;
};

// ---------------------------------------------------------------------------------------------
// Characters and tokens

bool ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// Length of the UTF-8 sequence at s[i] when it is a letter (non-ASCII letters are assumed for
// everything outside Latin-1 punctuation and the General Punctuation block), else 0.
std::size_t letter_len(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return ascii_alpha(c) ? 1 : 0;
  if (c == 0xC2) return 0;  // U+0080..U+00BF: NBSP, «, », ...
  if (c == 0xE2 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (d == 0x80 || d == 0x81) return 0;  // dashes, quotes, ellipsis
  }
  if (c == 0xC3 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (d == 0x97 || d == 0xB7) return 0;  // × ÷
  }
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return std::min(n, s.size() - i);
}

bool upper_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return ascii_upper(c);
  // À..Þ (Latin-1 capitals) is enough for the names news writes in Latin script.
  return c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(s[i + 1]) <= 0x9E;
}

// The apostrophes a possessive is written with: ' and ’ (U+2019).
std::size_t apostrophe_len(std::string_view s, std::size_t i) {
  if (s[i] == '\'') return 1;
  if (s.compare(i, 3, "\xE2\x80\x99") == 0) return 3;
  return 0;
}

struct Token {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;  // the surface, possessive "'s" excluded
  std::string norm;       // lower case (ASCII), dots dropped
  bool cap = false;       // starts with a capital letter
  bool upper = false;     // no lower-case letter and at least two letters, or "U.S."-style
  bool digit = false;     // starts with a digit
  bool sent_start = false;
  bool brk = false;         // punctuation (not just spaces or a hyphen) before it
  bool shout = false;       // on a line written in capitals
  bool headline = false;    // on a line in title case
  bool possessive = false;  // followed by 's
};

// @handles, #hashtags and URLs, found by the tokenizer.
struct Special {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  Kind kind = Kind::kUrl;
};

bool is_abbreviation(std::string_view norm) {
  static constexpr auto kAbbrev = std::to_array<std::string_view>(
      {"adm",  "bros", "capt", "co",  "col",    "corp", "dr",  "ft", "gen", "gov",
       "inc",  "jr",   "ltd",  "lt",  "messrs", "mr",   "mrs", "ms", "mt",  "no",
       "pres", "prof", "rep",  "rev", "sen",    "sgt",  "sr",  "st", "vs"});
  return std::find(std::begin(kAbbrev), std::end(kAbbrev), norm) != std::end(kAbbrev);
}

bool starts_with_ci(std::string_view s, std::size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if ((s[i + k] | 0x20) != prefix[k]) return false;
  }
  return true;
}

// Per-line case style: lines in capitals (Reuters headlines, datelines) and title-case
// headlines, where capitals say nothing about names.
void mark_line_styles(std::string_view text, std::vector<Token>& tokens) {
  std::size_t t = 0;
  std::size_t line_start = 0;
  while (line_start <= text.size() && t < tokens.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::size_t upper = 0;
    std::size_t lower = 0;
    for (std::size_t i = line_start; i < line_end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (ascii_upper(c)) {
        ++upper;
      } else if (c >= 'a' && c <= 'z') {
        ++lower;
      }
    }
    const std::size_t first = t;
    std::size_t long_words = 0;
    std::size_t long_caps = 0;
    while (t < tokens.size() && tokens[t].begin < line_end) {
      if (tokens[t].end - tokens[t].begin >= 4 && !tokens[t].digit) {
        ++long_words;
        if (tokens[t].cap) ++long_caps;
      }
      ++t;
    }
    const bool shout = upper >= 2 && lower * 4 < upper;
    const bool headline = !shout && long_words >= 3 && long_caps * 5 >= long_words * 4;
    for (std::size_t k = first; k < t; ++k) {
      tokens[k].shout = shout;
      tokens[k].headline = headline;
    }
    line_start = line_end + 1;
  }
}

void tokenize(std::string_view s, std::vector<Token>& tokens, std::vector<Special>* specials) {
  bool pending_sentence = true;
  bool pending_break = true;
  std::size_t i = 0;
  auto word_char_before = [&](std::size_t at) {
    return at > 0 && (ascii_alpha(static_cast<unsigned char>(s[at - 1])) ||
                      ascii_digit(static_cast<unsigned char>(s[at - 1])) || s[at - 1] == '.' ||
                      s[at - 1] == '_');
  };
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    // URLs, handles and hashtags are entities of their own and never part of a name.
    if (specials != nullptr && !word_char_before(i) &&
        (starts_with_ci(s, i, "http://") || starts_with_ci(s, i, "https://") ||
         starts_with_ci(s, i, "www."))) {
      std::size_t end = i;
      while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
      while (end > i &&
             std::string_view(".,;:!?)]}\"'").find(s[end - 1]) != std::string_view::npos) {
        --end;
      }
      while (end > i + 3 && s.compare(end - 3, 2, "\xE2\x80") == 0) end -= 3;  // ” ’
      specials->push_back(
          {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end), Kind::kUrl});
      i = std::max(end, i + 1);
      pending_break = true;
      continue;
    }
    if ((c == '@' || c == '#') && !word_char_before(i) && specials != nullptr) {
      std::size_t end = i + 1;
      bool letter = false;
      while (end < s.size()) {
        const auto d = static_cast<unsigned char>(s[end]);
        if (ascii_alpha(d) || d == '_') {
          letter = true;
        } else if (!ascii_digit(d)) {
          break;
        }
        ++end;
      }
      if (end > i + 1 && (letter || c == '@') && end - i <= 64) {
        specials->push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end),
                             c == '@' ? Kind::kHandle : Kind::kHashtag});
        i = end;
        pending_break = true;
        continue;
      }
    }
    const std::size_t ll = letter_len(s, i);
    if (ll == 0 && !ascii_digit(c)) {
      if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':') pending_sentence = true;
      if (!(c == ' ' || c == '\t' || c == '\r' || c == '-')) pending_break = true;
      if (c == '\n') pending_break = true;
      i += (c >= 0x80) ? std::max<std::size_t>(1, letter_len(s, i) + 1) : 1;
      if (c >= 0xC0) {
        // Skip the rest of a non-letter UTF-8 sequence.
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      }
      continue;
    }
    Token tok;
    tok.begin = static_cast<std::uint32_t>(i);
    tok.cap = upper_at(s, i);
    tok.digit = ascii_digit(c);
    std::size_t j = i;
    std::size_t lowers = 0;
    std::size_t letters = 0;
    while (j < s.size()) {
      const auto d = static_cast<unsigned char>(s[j]);
      const std::size_t n = letter_len(s, j);
      if (n > 0 || ascii_digit(d)) {
        if (n > 0) {
          ++letters;
          if ((d >= 'a' && d <= 'z') || (d >= 0x80 && !upper_at(s, j))) ++lowers;
        }
        j += std::max<std::size_t>(n, 1);
        continue;
      }
      const std::size_t ap = apostrophe_len(s, j);
      if (ap > 0 && j + ap < s.size() && letter_len(s, j + ap) > 0) {
        // "'s" ending a word is a possessive, not part of the name.
        const bool poss = (s[j + ap] == 's' || s[j + ap] == 'S') &&
                          (j + ap + 1 >= s.size() || letter_len(s, j + ap + 1) == 0);
        if (poss) break;
        j += ap;
        continue;
      }
      if (d == '&' && j + 1 < s.size() && ascii_alpha(static_cast<unsigned char>(s[j + 1])) &&
          j > i && ascii_upper(static_cast<unsigned char>(s[j - 1]))) {
        ++j;  // AT&T, S&P
        continue;
      }
      break;
    }
    // Dots of abbreviations and initials belong to the word: "Mr.", "U.S.", "John F. Kennedy".
    if (j < s.size() && s[j] == '.') {
      const std::size_t len = j - i;
      std::string lower;
      for (std::size_t k = i; k < j; ++k) {
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[k]))));
      }
      const bool initial = len == 1 && ascii_upper(c);
      if (initial || is_abbreviation(lower)) {
        ++j;
        while (j + 1 < s.size() && ascii_alpha(static_cast<unsigned char>(s[j])) &&
               (s[j + 1] == '.') && (j + 2 >= s.size() || letter_len(s, j + 2) == 0)) {
          ++letters;
          if (!ascii_upper(static_cast<unsigned char>(s[j]))) ++lowers;
          j += 2;
        }
      }
    }
    tok.end = static_cast<std::uint32_t>(j);
    tok.norm.reserve(j - i);
    bool dotted = false;
    for (std::size_t k = i; k < j; ++k) {
      const char ch = s[k];
      if (ch == '.') {
        dotted = true;
        continue;
      }
      tok.norm.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
    tok.upper = lowers == 0 && (letters >= 2 || (dotted && letters >= 1)) && tok.cap;
    if (tok.upper && letters == 1 && tok.norm.size() == 1) tok.upper = false;  // "F."
    tok.sent_start = pending_sentence;
    tok.brk = pending_break;
    pending_sentence = false;
    pending_break = false;
    // An abbreviation's dot does not end the sentence; a possessive ends the name.
    std::size_t next = j;
    const std::size_t ap = next < s.size() ? apostrophe_len(s, next) : 0;
    if (ap > 0 && next + ap < s.size() && (s[next + ap] == 's' || s[next + ap] == 'S') &&
        (next + ap + 1 >= s.size() || letter_len(s, next + ap + 1) == 0)) {
      tok.possessive = true;
      next += ap + 1;
      pending_break = true;
    }
    tokens.push_back(std::move(tok));
    i = std::max(next, i + 1);
  }
}

std::string collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Edit distance at most one (one substitution, insertion, deletion or adjacent swap).
bool within_one_edit(std::string_view a, std::string_view b) {
  if (a == b) return false;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);
  }
  return a.substr(i) == b.substr(i + 1);
}

bool is_month_or_day(std::string_view norm) {
  static constexpr auto kNames = std::to_array<std::string_view>(
      {"january",   "february", "march",     "april",    "may",    "june",     "july",  "august",
       "september", "october",  "november",  "december", "jan",    "feb",      "mar",   "apr",
       "jun",       "jul",      "aug",       "sep",      "sept",   "oct",      "nov",   "dec",
       "monday",    "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday"});
  return std::find(std::begin(kNames), std::end(kNames), norm) != std::end(kNames);
}

// Words that join an office to its name: "Secretary of State", "Chief Executive Officer".
bool is_office_filler(std::string_view norm) {
  static constexpr auto kFillers = std::to_array<std::string_view>(
      {"of",          "the",     "state",     "treasury",  "commerce",
       "agriculture", "energy",  "trade",     "interior",  "labor",
       "labour",      "health",  "education", "transport", "transportation",
       "home",        "economy", "economic",  "affairs",   "exchequer",
       "executive",   "officer", "operating", "staff",     "and",
       "for",         "general", "national",  "security",  "defence",
       "defense",     "finance", "foreign",   "attorney",  "us",
       "federal",     "reserve", "board",     "fed"});
  return std::find(std::begin(kFillers), std::end(kFillers), norm) != std::end(kFillers);
}

bool is_connector(std::string_view norm) {
  return norm == "of" || norm == "de" || norm == "du" || norm == "da" || norm == "von" ||
         norm == "van" || norm == "der" || norm == "den" || norm == "la" || norm == "le" ||
         norm == "al" || norm == "bin" || norm == "ibn" || norm == "for" || norm == "and" ||
         norm == "on" || norm == "the";
}

// ---------------------------------------------------------------------------------------------
// Gazetteer

// Everything the recogniser looks up, loaded once.
struct Gazetteer {
  StringMap<Known> known;
  std::size_t max_words = 1;
  StringSet dictionary;
  StringSet given_names;
  StringSet org_cues;
  StringSet role_words;
  StringSet function_words;
  StringMap<std::string> place_country;  // canonical place -> its country ("" ambiguous)

  // Names are keyed by the words the tokenizer makes of them, so that a name in the text and
  // in the list meet however they are punctuated ("U.S." and "US" both key "us").
  [[nodiscard]] std::string phrase_key(std::string_view phrase) {
    std::vector<Token> toks;
    tokenize(phrase, toks, nullptr);
    std::string key;
    for (const Token& t : toks) {
      if (!key.empty()) key.push_back(' ');
      key.append(t.norm);
    }
    max_words = std::max(max_words, toks.size());
    return key;
  }

  void add(std::string_view phrase, Known entry) {
    std::string key = phrase_key(phrase);
    if (key.empty()) return;
    if (key.find(' ') == std::string::npos && dictionary.contains(key)) {
      // A common word: only in capitals ("WHO") or capitalised inside a sentence.
      entry.needs_caps =
          phrase.size() >= 2 &&
          std::all_of(phrase.begin(), phrase.end(), [](char c) { return !(c >= 'a' && c <= 'z'); });
      entry.ambiguous = !entry.needs_caps;
    }
    known.try_emplace(std::move(key), std::move(entry));
  }

  void set_country(const std::string& place, const std::string& country) {
    auto [it, inserted] = place_country.try_emplace(place, country);
    if (!inserted && it->second != country) it->second.clear();
  }

  void load(const GazetteerPaths& paths);
};

std::string read_whole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error(std::filesystem::exists(file) ? ErrorCode::kCorrupt : ErrorCode::kNotFound,
                "cannot read gazetteer " + file.string());
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

nlohmann::json read_json(const std::filesystem::path& file) {
  try {
    return nlohmann::json::parse(read_whole(file));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::kCorrupt, "cannot parse gazetteer " + file.string() + ": " + e.what());
  }
}

// iso-codes subdivision kinds big enough to be written in news without their country; towns
// and districts are left out because their names are also surnames ("Bolton", "Bury").
bool wanted_subdivision(std::string_view type) {
  static constexpr auto kTypes = std::to_array<std::string_view>({"State",
                                                                  "Province",
                                                                  "Prefecture",
                                                                  "Canton",
                                                                  "Autonomous region",
                                                                  "Autonomous community",
                                                                  "Land",
                                                                  "Republic",
                                                                  "Emirate",
                                                                  "Country",
                                                                  "Territory",
                                                                  "Union territory",
                                                                  "Governorate",
                                                                  "Oblast",
                                                                  "Federal district",
                                                                  "Special municipality",
                                                                  "City",
                                                                  "Metropolitan city",
                                                                  "Capital district",
                                                                  "Region",
                                                                  "Federal territory",
                                                                  "Special administrative region",
                                                                  "Nation",
                                                                  "Province of China"});
  return std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
}

std::string strip_suffixes(std::string name) {
  for (const std::string_view suffix : {" Sheng", " Shi", " Zizhiqu", " SAR"}) {
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      name.resize(name.size() - suffix.size());
    }
  }
  return name;
}

}  // namespace

void Gazetteer::load(const GazetteerPaths& paths) {
  for (const auto& w : entity_data::given_names()) given_names.emplace(w);
  for (const auto& w : entity_data::org_cues()) org_cues.emplace(w);
  for (const auto& w : entity_data::role_words()) role_words.emplace(w);
  for (const auto& w : entity_data::function_words()) function_words.emplace(w);

  // Common words: the lower-case entries of the word list ("may", "hunt", "visited").
  {
    const std::string words = read_whole(paths.words);
    dictionary.reserve(90000);
    std::size_t start = 0;
    while (start < words.size()) {
      std::size_t end = words.find('\n', start);
      if (end == std::string::npos) end = words.size();
      const std::string_view w(words.data() + start, end - start);
      if (!w.empty() && w[0] >= 'a' && w[0] <= 'z' && w.find('\'') == std::string_view::npos) {
        dictionary.emplace(w);
      }
      start = end + 1;
    }
  }

  // Countries first: on a clash, a country wins over a city or region of the same name.
  StringMap<std::string> by_alpha2;
  StringMap<std::string> overrides;
  for (const auto& c : entity_data::country_names()) overrides.emplace(c.alpha_2, c.name);
  const nlohmann::json countries = read_json(paths.iso_3166_1);
  if (!countries.contains("3166-1")) {
    throw Error(ErrorCode::kCorrupt, "no \"3166-1\" list in " + paths.iso_3166_1.string());
  }
  for (const auto& c : countries["3166-1"]) {
    const std::string alpha2 = c.value("alpha_2", "");
    const std::string name = c.value("name", "");
    const std::string common = c.value("common_name", "");
    const std::string official = c.value("official_name", "");
    std::string canonical = !common.empty() ? common : name;
    if (auto it = overrides.find(alpha2); it != overrides.end()) canonical = it->second;
    if (canonical.empty() || alpha2.empty()) continue;
    by_alpha2[alpha2] = canonical;
    set_country(canonical, canonical);
    for (const std::string& n : {canonical, common, name, official}) {
      if (!n.empty() && n.find(',') == std::string::npos && n.find('(') == std::string::npos) {
        add(n, {Kind::kPlace, canonical});
      }
    }
  }
  for (const auto& a : entity_data::place_aliases()) {
    add(a.alias, {Kind::kPlace, std::string(a.place)});
    if (a.place != "Beijing") set_country(std::string(a.place), std::string(a.place));
  }
  for (const auto& d : entity_data::demonyms()) add(d.alias, {Kind::kPlace, std::string(d.place)});
  for (const auto& o : entity_data::known_orgs()) {
    add(o.name, {Kind::kOrg, std::string(o.name)});
    for (const auto& alias : o.aliases) add(alias, {Kind::kOrg, std::string(o.name)});
  }
  auto add_city = [&](const std::string& city, const std::string& alpha2) {
    std::string key = phrase_key(city);
    if (key.empty() || given_names.contains(key)) return;
    if (key.find(' ') == std::string::npos && dictionary.contains(key)) return;
    auto country = by_alpha2.find(alpha2);
    if (country == by_alpha2.end()) return;
    if (!known.contains(key)) add(city, {Kind::kPlace, city});
    const Known& k = known.at(key);
    if (k.kind == Kind::kPlace && k.name == city) set_country(city, country->second);
  };
  for (const auto& c : entity_data::extra_cities()) {
    add_city(std::string(c.name), std::string(c.alpha_2));
  }
  // tzdata: "DE,DK,NO,SE,SJ  +5230+01322  Europe/Berlin" -> Berlin in the first country.
  {
    const std::string tab = read_whole(paths.zone_tab);
    std::size_t start = 0;
    while (start < tab.size()) {
      std::size_t end = tab.find('\n', start);
      if (end == std::string::npos) end = tab.size();
      const std::string_view line(tab.data() + start, end - start);
      start = end + 1;
      if (line.empty() || line[0] == '#') continue;
      const std::size_t tab1 = line.find('\t');
      const std::size_t tab2 = line.find('\t', tab1 + 1);
      if (tab1 == std::string_view::npos || tab2 == std::string_view::npos) continue;
      std::string_view zone = line.substr(tab2 + 1);
      zone = zone.substr(0, zone.find('\t'));
      // Only Area/City: "America/Indiana/Knox" names a county seat, not a city people write.
      if (std::count(zone.begin(), zone.end(), '/') != 1) continue;
      std::string city(zone.substr(zone.find('/') + 1));
      std::replace(city.begin(), city.end(), '_', ' ');
      add_city(city, std::string(line.substr(0, std::min<std::size_t>(2, tab1))));
    }
  }
  const nlohmann::json subdivisions = read_json(paths.iso_3166_2);
  if (!subdivisions.contains("3166-2")) {
    throw Error(ErrorCode::kCorrupt, "no \"3166-2\" list in " + paths.iso_3166_2.string());
  }
  for (const auto& s : subdivisions["3166-2"]) {
    if (!wanted_subdivision(s.value("type", ""))) continue;
    const std::string code = s.value("code", "");
    std::string name = strip_suffixes(s.value("name", ""));
    if (code.size() < 2 || name.size() < 4 || name.find_first_of("(,[") != std::string::npos) {
      continue;
    }
    add_city(name, code.substr(0, 2));
  }
}

// ---------------------------------------------------------------------------------------------
// Extraction

namespace {

struct Mention {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  Kind kind = Kind::kPlace;
  std::string name;        // canonical (place, org) or the name as written (person)
  bool full_name = false;  // a person named with two or more words
};

// A capitalised word that is no entity by itself but may refer to one already named:
// a surname ("Pompeo said"), an acronym ("NSC"), a misspelling ("Huawai").
struct Candidate {
  std::size_t token = 0;
};

class Recogniser {
 public:
  Recogniser(const Gazetteer& g, std::string_view text) : g_(g), text_(text) {}

  std::vector<ArticleEntity> run();

 private:
  [[nodiscard]] bool dict(const Token& t) const { return g_.dictionary.contains(t.norm); }
  [[nodiscard]] bool title_word(const Token& t) const {
    return t.cap && entity::is_title_word(t.norm);
  }
  [[nodiscard]] bool cue(const Token& t) const { return t.cap && g_.org_cues.contains(t.norm); }
  [[nodiscard]] const Known* lookup(std::size_t a, std::size_t b) const;
  [[nodiscard]] bool acceptable(const Known& k, std::size_t a, std::size_t b) const;
  [[nodiscard]] std::size_t longest_known(std::size_t a, std::size_t b, const Known** out) const;

  void classify(std::size_t a, std::size_t b);
  void residual(std::size_t a, std::size_t b);
  void shouted(std::size_t a, std::size_t b);
  void emit(Kind kind, std::string name, std::size_t a, std::size_t b, bool full = false) {
    mentions_.push_back({tokens_[a].begin, tokens_[b - 1].end, kind, std::move(name), full});
  }
  // The person named by tokens [a, b), written as [from, b): "Mr Pompeo" is an alias of its own.
  void emit_person(std::size_t from, std::size_t a, std::size_t b) {
    if (tokens_[b - 1].norm.size() < 2) return;  // a surname is more than an initial
    mentions_.push_back({tokens_[from].begin, tokens_[b - 1].end, Kind::kPerson,
                         collapse(slice(a, b)), b - a >= 2});
  }
  [[nodiscard]] std::string_view slice(std::size_t a, std::size_t b) const {
    return text_.substr(tokens_[a].begin, tokens_[b - 1].end - tokens_[a].begin);
  }
  [[nodiscard]] bool role_before(std::size_t a) const;

  const Gazetteer& g_;
  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<Special> specials_;
  std::vector<Mention> mentions_;
  std::vector<Candidate> candidates_;
};

const Known* Recogniser::lookup(std::size_t a, std::size_t b) const {
  std::string key;
  for (std::size_t i = a; i < b; ++i) {
    if (i > a) key.push_back(' ');
    key.append(tokens_[i].norm);
  }
  const auto it = g_.known.find(key);
  return it == g_.known.end() ? nullptr : &it->second;
}

bool Recogniser::acceptable(const Known& k, std::size_t a, std::size_t b) const {
  const Token& first = tokens_[a];
  if (k.needs_caps) {
    for (std::size_t i = a; i < b; ++i) {
      if (!tokens_[i].upper) return false;
    }
    // "WHO" or "US" in a line of capitals is the pronoun as often as not; "U.S." is safe.
    if (first.shout && slice(a, b).find('.') == std::string_view::npos) return false;
  }
  if (k.ambiguous && (first.sent_start || first.shout || first.headline)) return false;
  // "US" in mixed-case text is the country only when written in capitals.
  if (!first.shout && b - a == 1 && !first.upper && first.norm.size() <= 3 &&
      k.kind == Kind::kPlace && first.norm == "us") {
    return false;
  }
  return true;
}

std::size_t Recogniser::longest_known(std::size_t a, std::size_t b, const Known** out) const {
  for (std::size_t n = std::min(b - a, g_.max_words); n >= 1; --n) {
    if (const Known* k = lookup(a, a + n); k != nullptr && acceptable(*k, a, a + n)) {
      *out = k;
      return n;
    }
  }
  return 0;
}

bool Recogniser::role_before(std::size_t a) const {
  // "national security adviser John Bolton", "US secretary of state Mike Pompeo".
  std::size_t i = a;
  for (int steps = 0; steps < 4 && i > 0; ++steps) {
    if (tokens_[i].brk) return false;
    --i;
    const Token& t = tokens_[i];
    if (t.cap || t.digit) return false;
    if (g_.role_words.contains(t.norm)) return true;
  }
  return false;
}

void Recogniser::classify(std::size_t a, std::size_t b) {
  // Words that open sentences ("The", "Visited", "Tensions") are not names; keep them as
  // candidates ("Hunt said" may still name Jeremy Hunt).
  // "Champion Products Inc" keeps its first word: a name ending in a cue is one name.
  const bool org_like = b - a >= 2 && cue(tokens_[b - 1]);
  while (a < b) {
    const Token& t = tokens_[a];
    if ((g_.function_words.contains(t.norm) && !t.upper) || is_month_or_day(t.norm)) {
      if (is_month_or_day(t.norm)) candidates_.push_back({a});
      ++a;
      continue;
    }
    if (!org_like && (t.sent_start || t.headline) && dict(t) && !title_word(t) && !cue(t) &&
        !g_.given_names.contains(t.norm) && lookup(a, a + 1) == nullptr) {
      const Known* k = nullptr;
      if (longest_known(a, b, &k) > 1) break;  // "National Security Council"
      candidates_.push_back({a});
      ++a;
      continue;
    }
    break;
  }
  if (a >= b) return;
  if (tokens_[a].norm == "uss" || tokens_[a].norm == "hms") return;  // ships
  if (const Known* k = lookup(a, b); k != nullptr && acceptable(*k, a, b)) {
    emit(k->kind, k->name, a, b);
    return;
  }
  // An office and the person holding it: "Foreign Secretary Jeremy Hunt", "Mr Pompeo",
  // "Bank of England Governor Robin Leigh-Pemberton".
  for (std::size_t t = a; t < b; ++t) {
    if (!title_word(tokens_[t])) continue;
    if (t > a && lookup(a, t + 1) != nullptr) continue;  // part of a known name
    std::size_t r = t;
    while (r < b && (title_word(tokens_[r]) || is_office_filler(tokens_[r].norm))) ++r;
    // "Vice President for Financial Communications": after "for" comes the office's domain.
    bool name_like = r < b && b - r <= 4 && !is_connector(tokens_[r - 1].norm);
    for (std::size_t i = r; name_like && i < b; ++i) {
      const Token& n = tokens_[i];
      if (cue(n) || n.upper || is_connector(n.norm)) name_like = false;
      const Known* k = lookup(i, i + 1);
      if (k != nullptr && k->kind != Kind::kPerson && !g_.given_names.contains(n.norm) &&
          (i + 1 == b || b - r == 1)) {
        name_like = false;
      }
    }
    if (r == b || name_like) {
      if (t > a) classify(a, t);
      if (r < b) emit_person(t, r, b);
      return;
    }
  }
  // Organisations by their last word, or "Bank of ...", "Ministry of ...".
  for (std::size_t c = b; c-- > a;) {
    if (!cue(tokens_[c])) continue;
    const bool tail = c == b - 1 && c > a;
    const bool head = c + 1 < b && (tokens_[c + 1].norm == "of" || tokens_[c + 1].norm == "for");
    if (!tail && !head) continue;
    // "Standard Oil Co and BP North America Inc" is two names; "Bear Stearns and Co" one.
    std::size_t start = a;
    for (std::size_t k = a + 1; k + 1 < c; ++k) {
      if (tokens_[k].norm == "and" && !cue(tokens_[k + 1])) {
        classify(start, k);
        start = k + 1;
      }
    }
    emit(Kind::kOrg, collapse(slice(start, b)), start, b);
    // "Iraqi Security Forces" also mentions Iraq.
    for (std::size_t i = start; i < b;) {
      const Known* k = nullptr;
      const std::size_t n = longest_known(i, b, &k);
      if (n > 0 && k->kind == Kind::kPlace) {
        emit(k->kind, k->name, i, i + n);
        i += n;
      } else {
        ++i;
      }
    }
    return;
  }
  // Given names start people: "John Bolton", even when "Bolton" is also a town.
  for (std::size_t i = a; i + 1 < b; ++i) {
    const Token& first = tokens_[i];
    if (!g_.given_names.contains(first.norm) || first.upper || first.shout) continue;
    if (lookup(i, i + 1) != nullptr && lookup(i, i + 1)->kind == Kind::kPlace) continue;
    std::size_t k = i + 1;
    while (k < b && k - i < 4) {
      const Token& n = tokens_[k];
      if (cue(n) || title_word(n) || n.upper ||
          (is_connector(n.norm) && n.norm != "de" && n.norm != "van" && n.norm != "von")) {
        break;
      }
      const Known* kn = lookup(k, k + 1);
      if (kn != nullptr && kn->kind == Kind::kPlace && k == i + 1 &&
          kn->name != collapse(slice(k, k + 1))) {
        break;  // "Paul British": a demonym, not a surname
      }
      ++k;
    }
    if (k == i + 1) continue;
    if (i > a) classify(a, i);
    emit_person(i, i, k);
    if (k < b) classify(k, b);
    return;
  }
  // Known places and organisations inside the span; what is left between them is residual.
  std::size_t rest = a;
  for (std::size_t i = a; i < b;) {
    const Known* k = nullptr;
    const std::size_t n = longest_known(i, b, &k);
    if (n == 0) {
      ++i;
      continue;
    }
    if (rest < i) residual(rest, i);
    emit(k->kind, k->name, i, i + n);
    i += n;
    rest = i;
  }
  if (rest < b) residual(rest, b);
}

void Recogniser::residual(std::size_t a, std::size_t b) {
  while (a < b && (is_connector(tokens_[a].norm) || g_.function_words.contains(tokens_[a].norm))) {
    ++a;
  }
  while (b > a && is_connector(tokens_[b - 1].norm)) --b;
  if (a >= b) return;
  if (b - a <= 3 && role_before(a)) {
    bool ok = true;
    for (std::size_t i = a; i < b; ++i) {
      if (is_month_or_day(tokens_[i].norm) || tokens_[i].upper) ok = false;
    }
    if (ok) {
      emit_person(a, a, b);
      return;
    }
  }
  if (b - a == 1) candidates_.push_back({a});
}

void Recogniser::shouted(std::size_t a, std::size_t b) {
  for (std::size_t i = a; i < b;) {
    const Known* k = nullptr;
    const std::size_t n = longest_known(i, b, &k);
    if (n == 0) {
      if (!tokens_[i].digit) candidates_.push_back({i});
      ++i;
      continue;
    }
    emit(k->kind, k->name, i, i + n);
    i += n;
  }
}

struct EntityBuild {
  Kind kind = Kind::kPlace;
  std::string name;
  std::uint32_t first = 0;
  unsigned count = 0;
  std::vector<std::pair<std::string, std::pair<unsigned, std::uint32_t>>> aliases;
  void add(std::string surface, std::uint32_t at) {
    first = count == 0 ? at : std::min(first, at);
    ++count;
    for (auto& a : aliases) {
      if (a.first == surface) {
        ++a.second.first;
        return;
      }
    }
    aliases.emplace_back(std::move(surface), std::pair{1U, at});
  }
};

std::vector<ArticleEntity> Recogniser::run() {
  tokenize(text_, tokens_, &specials_);
  mark_line_styles(text_, tokens_);

  // Chunk capitalised spans; connectors ("of", "de") join them only between capitals.
  const std::size_t n = tokens_.size();
  std::size_t i = 0;
  while (i < n) {
    const Token& t = tokens_[i];
    if (t.shout) {
      std::size_t j = i + 1;
      while (j < n && tokens_[j].shout && !tokens_[j].brk && !tokens_[j - 1].possessive) ++j;
      shouted(i, j);
      i = j;
      continue;
    }
    if (!t.cap) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n && !tokens_[j].brk && !tokens_[j - 1].possessive && !tokens_[j].shout) {
      if (tokens_[j].cap) {
        ++j;
      } else if (is_connector(tokens_[j].norm) && j + 1 < n && tokens_[j + 1].cap &&
                 !tokens_[j + 1].brk) {
        j += 2;
      } else {
        break;
      }
    }
    classify(i, j);
    i = j;
  }

  // Entities from mentions.
  std::vector<EntityBuild> entities;
  StringMap<std::size_t> index;
  auto entity_for = [&](Kind kind, const std::string& name) -> std::size_t {
    std::string key(1, static_cast<char>('0' + static_cast<int>(kind)));
    key += entity::name_key(name);
    if (key.size() == 1) key += name;
    auto [it, inserted] = index.try_emplace(std::move(key), entities.size());
    if (inserted) entities.push_back({kind, name});
    return it->second;
  };
  auto surface = [&](std::uint32_t begin, std::uint32_t end) {
    return collapse(text_.substr(begin, end - begin));
  };
  // Mention end offset -> entity, to attach "(@SecPompeo)" to the person before it.
  std::unordered_map<std::uint32_t, std::size_t> person_at_end;

  std::sort(mentions_.begin(), mentions_.end(),
            [](const Mention& x, const Mention& y) { return x.begin < y.begin; });
  // People named in full first, so that "Mr Pompeo" and "Pompeo" find "Mike Pompeo".
  StringMap<std::vector<std::size_t>> by_surname;
  auto last_word = [](const std::string& key) {
    const std::size_t sp = key.rfind(' ');
    return sp == std::string::npos ? key : key.substr(sp + 1);
  };
  for (const Mention& m : mentions_) {
    if (m.kind != Kind::kPerson || !m.full_name) continue;
    const std::size_t e = entity_for(Kind::kPerson, m.name);
    auto& list = by_surname[last_word(entity::name_key(m.name))];
    if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(e);
  }
  auto surname_entity = [&](const std::string& key) -> std::size_t {
    const auto it = by_surname.find(key);
    if (it == by_surname.end() || it->second.empty()) return SIZE_MAX;
    return it->second.front();
  };
  for (const Mention& m : mentions_) {
    std::size_t e = SIZE_MAX;
    if (m.kind == Kind::kPerson && !m.full_name) e = surname_entity(entity::name_key(m.name));
    if (e == SIZE_MAX) {
      e = entity_for(m.kind, m.name);
      // "Mr. Smith" with no first name: a later "Smith" is still him.
      if (m.kind == Kind::kPerson) {
        auto& list = by_surname[last_word(entity::name_key(m.name))];
        if (list.empty()) list.push_back(e);
      }
    }
    entities[e].add(surface(m.begin, m.end), m.begin);
    if (m.kind == Kind::kPerson) person_at_end[m.end] = e;
  }

  // Candidates: surnames of people named, acronyms and misspellings of organisations.
  for (const Candidate& c : candidates_) {
    const Token& t = tokens_[c.token];
    if (t.digit || t.norm.size() < 2) continue;
    const Token* next = c.token + 1 < n ? &tokens_[c.token + 1] : nullptr;
    const Token* prev = c.token > 0 ? &tokens_[c.token - 1] : nullptr;
    if (is_month_or_day(t.norm)) {
      // "May 8, 2019" and "in May" are dates; "as May meets" may be Theresa May.
      if (next != nullptr && next->digit && !next->brk) continue;
      if (prev != nullptr && !t.brk) {
        static constexpr auto kDatePrepositions = std::to_array<std::string_view>(
            {"in",    "of",    "since", "by",     "until", "last",    "next",
             "early", "late",  "mid",   "during", "from",  "through", "this",
             "each",  "every", "on",    "before", "after", "till",    "to"});
        if (std::find(std::begin(kDatePrepositions), std::end(kDatePrepositions), prev->norm) !=
            std::end(kDatePrepositions)) {
          continue;
        }
      }
    }
    if (const std::size_t e = surname_entity(t.norm); e != SIZE_MAX) {
      entities[e].add(surface(t.begin, t.end), t.begin);
      continue;
    }
    if (t.shout || !t.cap) continue;
    // "NSC" after "National Security Council".
    std::size_t found = SIZE_MAX;
    if (t.upper && t.norm.size() <= 6) {
      for (std::size_t e = 0; e < entities.size() && found == SIZE_MAX; ++e) {
        if (entities[e].kind != Kind::kOrg) continue;
        std::string initials;
        std::size_t words = 0;
        const std::string key = entity::name_key(entities[e].name);
        for (std::size_t p = 0; p < key.size(); ++p) {
          if ((p == 0 || key[p - 1] == ' ') && key[p] != ' ') {
            const std::size_t sp = std::min(key.find(' ', p), key.size());
            const std::string_view w(key.data() + p, sp - p);
            ++words;
            if (w != "of" && w != "the" && w != "and" && w != "for") initials.push_back(key[p]);
          }
        }
        if (words >= 2 && initials == t.norm) found = e;
      }
    }
    // "Huawai" after "Huawei"; "Acme" after "Acme Corp".
    if (found == SIZE_MAX && !dict(t) && !g_.given_names.contains(t.norm) && t.norm.size() >= 3) {
      for (std::size_t e = 0; e < entities.size() && found == SIZE_MAX; ++e) {
        if (entities[e].kind != Kind::kOrg) continue;
        const std::string key = entity::name_key(entities[e].name);
        const std::size_t sp = key.find(' ');
        if (sp == std::string::npos) {
          if (t.norm.size() >= 5 && key.size() >= 5 && within_one_edit(t.norm, key)) found = e;
        } else if (key.compare(0, sp, t.norm) == 0 && g_.org_cues.contains(last_word(key))) {
          found = e;
        }
      }
    }
    if (found != SIZE_MAX) entities[found].add(surface(t.begin, t.end), t.begin);
  }

  // @handles, #hashtags and URLs; a handle signing for a person ("— Secretary Pompeo
  // (@SecPompeo)") or spelling their surname is also one of their aliases.
  for (const Special& s : specials_) {
    const std::string name(text_.substr(s.begin, s.end - s.begin));
    entities[entity_for(s.kind, name)].add(name, s.begin);
    if (s.kind != Kind::kHandle) continue;
    std::size_t p = s.begin;
    while (p > 0 && text_[p - 1] == ' ') --p;
    std::size_t person = SIZE_MAX;
    if (p > 0 && text_[p - 1] == '(') {
      --p;
      while (p > 0 && text_[p - 1] == ' ') --p;
      if (auto it = person_at_end.find(static_cast<std::uint32_t>(p)); it != person_at_end.end()) {
        person = it->second;
      }
    }
    if (person == SIZE_MAX) {
      std::string lower;
      for (const char ch : name) {
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
      }
      for (std::size_t e = 0; e < entities.size() && person == SIZE_MAX; ++e) {
        if (entities[e].kind != Kind::kPerson) continue;
        const std::string surname = last_word(entity::name_key(entities[e].name));
        if (surname.size() >= 4 && lower.find(surname) != std::string::npos) person = e;
      }
    }
    if (person != SIZE_MAX) entities[person].add(name, s.begin);
  }

  std::vector<ArticleEntity> out;
  out.reserve(entities.size());
  for (EntityBuild& e : entities) {
    if (e.count == 0) continue;
    std::stable_sort(e.aliases.begin(), e.aliases.end(), [](const auto& x, const auto& y) {
      return x.second.first != y.second.first ? x.second.first > y.second.first
                                              : x.second.second < y.second.second;
    });
    ArticleEntity a;
    a.type = std::string(kKindNames[static_cast<std::size_t>(e.kind)]);
    a.name = std::move(e.name);
    a.count = e.count;
    a.first_position = e.first;
    for (auto& [form, stats] : e.aliases) a.aliases.push_back({std::move(form), stats.first});
    out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(), [](const ArticleEntity& x, const ArticleEntity& y) {
    return x.first_position < y.first_position;
  });
  return out;
}

std::vector<ArticleEntity> extract_from(const Gazetteer& g, std::string_view title,
                                        std::string_view body) {
  if (title.empty() && body.empty()) return {};
  std::string text;
  text.reserve(title.size() + 1 + body.size());
  text.append(title);
  text.push_back('\n');
  text.append(body);
  Recogniser r(g, text);
  return r.run();
}

}  // namespace

struct EntityExtractor::Impl {
  Gazetteer gazetteer;
};

EntityExtractor::EntityExtractor(const GazetteerPaths& paths) : impl_(std::make_unique<Impl>()) {
  impl_->gazetteer.load(paths);
}
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;
EntityExtractor::~EntityExtractor() = default;

const EntityExtractor& EntityExtractor::shared() {
  static const EntityExtractor extractor;
  return extractor;
}

std::vector<ArticleEntity> EntityExtractor::extract(std::string_view title,
                                                    std::string_view body) const {
  return extract_from(impl_->gazetteer, title, body);
}

std::string country_of_place(std::string_view place) {
  static const Gazetteer gazetteer = [] {
    Gazetteer g;
    g.load(GazetteerPaths{});
    return g;
  }();
  const auto it = gazetteer.place_country.find(place);
  return it == gazetteer.place_country.end() ? std::string() : it->second;
}

}  // namespace morgue::indexer
