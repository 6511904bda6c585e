// SPDX-License-Identifier: GPL-2.0-or-later
// Language detection with CLD2 and the mapping from language codes to Xapian stemmers.
#include "language.h"

// clang-format off
#include <cstdio>  // before CLD2's header, which uses FILE without including it
#include <cld2/public/compact_lang_det.h>
// clang-format on

#include <array>
#include <cstddef>
#include <utility>

#include "morgue/text.h"

namespace morgue::indexer {
namespace {

constexpr std::size_t kMaxSampleBytes = std::size_t{16} * 1024;
// Below this CLD2 still answers, often "reliably", but headlines and bylines are too short to
// tell closely related languages apart.
constexpr std::size_t kMinLetterBytes = 200;

// Bytes of letters, counting every byte of a non-ASCII character: near enough for a threshold,
// as digits, punctuation and spaces are nearly always ASCII.
std::size_t letter_bytes(std::string_view text) noexcept {
  std::size_t count = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80U || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')) ++count;
  }
  return count;
}

// CLD2 still uses the withdrawn codes for Hebrew and Javanese, and a script suffix for
// Traditional Chinese; its other codes of more than two letters have no ISO 639-1 form.
std::string iso639_1_from_cld2(std::string_view code) {
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code == "zh-Hant") return "zh";
  if (code.size() != 2 || code == "un") return {};
  return std::string(code);
}

char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string detect_language(std::string_view utf8_text) {
  const std::string_view sample = text::utf8_prefix(utf8_text, kMaxSampleBytes);
  if (letter_bytes(sample) < kMinLetterBytes) return {};
  std::array<CLD2::Language, 3> languages{};
  std::array<int, 3> percents{};
  std::array<double, 3> scores{};
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix_bytes = 0;
  // The CheckUTF8 variant: CLD2 reads out of bounds on invalid UTF-8 otherwise.
  const CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true,
      /*cld_hints=*/nullptr, /*flags=*/0, languages.data(), percents.data(), scores.data(),
      /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix_bytes);
  if (!reliable || language == CLD2::UNKNOWN_LANGUAGE) return {};
  return iso639_1_from_cld2(CLD2::LanguageCode(language));
}

std::string_view snowball_stemmer_for(std::string_view iso639_1) noexcept {
  // Xapian 1.4.22's stemmers (Xapian::Stem::get_available_languages()); it has no Greek one.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 25> kStemmers = {{
      {"ar", "arabic"},     {"ca", "catalan"}, {"da", "danish"},     {"de", "german"},
      {"en", "english"},    {"es", "spanish"}, {"eu", "basque"},     {"fi", "finnish"},
      {"fr", "french"},     {"ga", "irish"},   {"hu", "hungarian"},  {"hy", "armenian"},
      {"id", "indonesian"}, {"it", "italian"}, {"lt", "lithuanian"}, {"nb", "norwegian"},
      {"ne", "nepali"},     {"nl", "dutch"},   {"no", "norwegian"},  {"pt", "portuguese"},
      {"ro", "romanian"},   {"ru", "russian"}, {"sv", "swedish"},    {"ta", "tamil"},
      {"tr", "turkish"},
  }};
  if (iso639_1.size() != 2) return {};
  const std::array<char, 2> lower = {ascii_lower(iso639_1[0]), ascii_lower(iso639_1[1])};
  for (const auto& [code, stemmer] : kStemmers) {
    if (code[0] == lower[0] && code[1] == lower[1]) return stemmer;
  }
  return {};
}

}  // namespace morgue::indexer
