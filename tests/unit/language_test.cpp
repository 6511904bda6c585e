// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of language detection (CLD2) and the choice of Xapian stemmer for a language.
#include "language.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

namespace {

using morgue::indexer::detect_language;
using morgue::indexer::snowball_stemmer_for;

}  // namespace

TEST_CASE("language: news paragraphs are detected", "[language]") {
  const auto [expected, text] = GENERATE(table<std::string, std::string>({
      {"en",
       "The government announced on Tuesday that it would raise the minimum wage by seven per "
       "cent from April, the largest increase in two decades, as inflation continued to squeeze "
       "household budgets. Business groups warned that small shops and restaurants would "
       "struggle to absorb the extra cost."},
      {"de",
       "Die Bundesregierung hat am Dienstag angekündigt, den Mindestlohn im April um sieben "
       "Prozent anzuheben. Es ist die stärkste Erhöhung seit zwei Jahrzehnten, da die Inflation "
       "die Haushalte weiterhin belastet. Wirtschaftsverbände warnten, kleine Geschäfte und "
       "Gaststätten könnten die zusätzlichen Kosten kaum tragen."},
      {"fr",
       "Le gouvernement a annoncé mardi qu'il augmenterait le salaire minimum de sept pour cent "
       "à partir d'avril, la plus forte hausse depuis vingt ans, alors que l'inflation continue "
       "de peser sur le budget des ménages. Les organisations patronales ont averti que les "
       "petits commerces et les restaurants auraient du mal à absorber ce coût."},
      {"ru",
       "Правительство во вторник объявило о повышении минимальной заработной платы на семь "
       "процентов с апреля. Это самое значительное повышение за два десятилетия, поскольку "
       "инфляция продолжает давить на семейные бюджеты. Представители бизнеса предупредили, что "
       "небольшим магазинам и ресторанам будет трудно покрыть дополнительные расходы."},
  }));
  CAPTURE(expected);
  CHECK(detect_language(text) == expected);
}

TEST_CASE("language: too little text gives no answer", "[language]") {
  CHECK(detect_language("Berlin, 8 May (dpa) -") == "");
  CHECK(detect_language("") == "");
  // Long, but hardly any letters.
  CHECK(detect_language(std::string(2000, '7') + " 2019-05-08 12:00 +1.5% (3/4)") == "");
}

TEST_CASE("language: only the first 16 KiB count, and invalid UTF-8 is harmless", "[language]") {
  std::string long_text;
  while (long_text.size() < 20 * 1024) {
    long_text += "Die Regierung hat am Dienstag neue Regeln für den Wohnungsbau beschlossen. ";
  }
  long_text += std::string(50'000, 'x');
  CHECK(detect_language(long_text) == "de");

  std::string bad(400, 'a');
  bad[10] = '\xFF';
  CHECK(detect_language(bad) == "");
}

TEST_CASE("language: Xapian stemmer names for ISO 639-1 codes", "[language]") {
  const auto [code, stemmer] = GENERATE(table<std::string, std::string>({
      {"en", "english"},
      {"de", "german"},
      {"fr", "french"},
      {"es", "spanish"},
      {"it", "italian"},
      {"pt", "portuguese"},
      {"nl", "dutch"},
      {"sv", "swedish"},
      {"da", "danish"},
      {"nb", "norwegian"},
      {"no", "norwegian"},
      {"fi", "finnish"},
      {"ru", "russian"},
      {"hu", "hungarian"},
      {"ro", "romanian"},
      {"tr", "turkish"},
      {"ar", "arabic"},
      {"ga", "irish"},
      {"id", "indonesian"},
      {"lt", "lithuanian"},
      {"ne", "nepali"},
      {"ta", "tamil"},
      {"hy", "armenian"},
      {"eu", "basque"},
      {"ca", "catalan"},
      {"EN", "english"},
      // Xapian 1.4 has no Greek, Polish or Chinese stemmer.
      {"el", ""},
      {"pl", ""},
      {"zh", ""},
      {"", ""},
      {"eng", ""},
  }));
  CAPTURE(code);
  CHECK(snowball_stemmer_for(code) == stemmer);
  if (!stemmer.empty()) {
    // Every name given must be one this Xapian can build.
    CHECK_NOTHROW(Xapian::Stem(stemmer));
  }
}
