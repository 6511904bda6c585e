// SPDX-License-Identifier: GPL-2.0-or-later
// Name keys of entities.
#include "morgue/internal/entity_key.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "morgue/text.h"

namespace morgue::entity {
namespace {

// Sorted, for binary search. Offices as well as honorifics: "Foreign Secretary Jeremy Hunt" and
// "Pres. Salih" name the person after them.
constexpr std::array<std::string_view, 59> kTitleWords = {
    "adm",      "ambassador", "archbishop",   "attorney",   "ayatollah",
    "capt",     "cardinal",   "chairman",     "chairwoman", "chancellor",
    "chief",    "col",        "commissioner", "dame",       "defence",
    "defense",  "deputy",     "dr",           "emir",       "finance",
    "foreign",  "gen",        "general",      "gov",        "governor",
    "judge",    "justice",    "king",         "lady",       "lord",
    "lt",       "mayor",      "messrs",       "minister",   "miss",
    "mme",      "mr",         "mrs",          "ms",         "pope",
    "premier",  "pres",       "president",    "prime",      "prince",
    "princess", "prof",       "queen",        "rep",        "representative",
    "rev",      "secretary",  "sen",          "senator",    "sgt",
    "sheik",    "sheikh",     "sir",          "vice"};

constexpr std::size_t kMaxKeyBytes = 200;

bool is_filler(std::string_view w) { return w == "of" || w == "the" || w == "state"; }

}  // namespace

bool is_title_word(std::string_view lower_word) noexcept {
  return std::binary_search(kTitleWords.begin(), kTitleWords.end(), lower_word);
}

std::string name_key(std::string_view name) {
  std::string cleaned;
  cleaned.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '.') continue;
    // "Pompeo's" and "Pompeo’s" (U+2019) name Pompeo.
    const bool word_end = [&](std::size_t after) {
      return after >= name.size() || !std::isalnum(static_cast<unsigned char>(name[after]));
    }(i + 2);
    if (c == '\'' && i + 1 < name.size() && (name[i + 1] == 's' || name[i + 1] == 'S') &&
        word_end) {
      ++i;
      continue;
    }
    if (name.substr(i, 4) == "\xE2\x80\x99s" || name.substr(i, 4) == "\xE2\x80\x99S") {
      if (i + 4 >= name.size() || !std::isalnum(static_cast<unsigned char>(name[i + 4]))) {
        i += 3;
        continue;
      }
    }
    if (u >= 0x80 || std::isalnum(u) || c == '@' || c == '#' || c == '&') {
      cleaned.push_back(static_cast<char>(std::tolower(u)));
    } else {
      cleaned.push_back(' ');
    }
  }
  std::vector<std::string_view> words;
  std::string_view rest = cleaned;
  while (!rest.empty()) {
    const std::size_t start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const std::size_t end = std::min(rest.find(' '), rest.size());
    words.push_back(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  // Leading titles go, and the "of State" / "of the Treasury" joining them to a name — but
  // never the last word: "President" alone stays a key.
  std::size_t first = 0;
  while (first + 1 < words.size() &&
         (is_title_word(words[first]) || (first > 0 && is_filler(words[first])))) {
    ++first;
  }
  std::string key;
  for (std::size_t w = first; w < words.size(); ++w) {
    if (!key.empty()) key.push_back(' ');
    key.append(words[w]);
  }
  return std::string(text::utf8_prefix(key, kMaxKeyBytes));
}

std::vector<std::string> terms(std::string_view prefix, std::string_view name) {
  std::vector<std::string> out;
  const std::string key = name_key(name);
  if (key.empty()) return out;
  out.push_back(std::string(prefix) + key);
  if (key.find(' ') == std::string::npos) return out;
  std::string_view rest = key;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find(' '), rest.size());
    if (end > 0) out.push_back(std::string(prefix) + std::string(rest.substr(0, end)));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  std::sort(out.begin() + 1, out.end());
  out.erase(std::unique(out.begin() + 1, out.end()), out.end());
  return out;
}

}  // namespace morgue::entity
