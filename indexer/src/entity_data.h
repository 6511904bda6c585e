// SPDX-License-Identifier: GPL-2.0-or-later
// The hand-made word lists of the entity recogniser, kept as data in one place (entity_data.cpp)
// so they can be reviewed and extended without reading the recogniser.
#pragma once

#include <span>
#include <string_view>

namespace morgue::indexer::entity_data {

/// An organisation known by name: its canonical name and the other names it goes by.
/// Aliases written all in capitals (an acronym: "EC", "WHO") match only when the text writes
/// them in capitals too.
struct KnownOrg {
  std::string_view name;
  std::span<const std::string_view> aliases;
};

/// A place name the gazetteers lack or name differently ("Britain", "USSR"): the alias and the
/// canonical place it names.
struct PlaceAlias {
  std::string_view alias;
  std::string_view place;
};

/// ISO 3166-1 alpha-2 code and the name news writes for that country when it differs from
/// iso-codes' common or short name ("RU" -> "Russia").
struct CountryName {
  std::string_view alpha_2;
  std::string_view name;
};

/// A city the tz database does not name (it keeps one zone per region) and its country code.
struct ExtraCity {
  std::string_view name;
  std::string_view alpha_2;
};

[[nodiscard]] std::span<const KnownOrg> known_orgs();
[[nodiscard]] std::span<const PlaceAlias> place_aliases();
/// Adjectives of nationality and the canonical place they name ("Iranian" -> "Iran").
[[nodiscard]] std::span<const PlaceAlias> demonyms();
[[nodiscard]] std::span<const CountryName> country_names();
[[nodiscard]] std::span<const ExtraCity> extra_cities();
/// Common given names (lower case): "John Bolton" is a person without any other cue.
[[nodiscard]] std::span<const std::string_view> given_names();
/// Lower-case words that end (or, followed by "of", start) an organisation's name.
[[nodiscard]] std::span<const std::string_view> org_cues();
/// Lower-case roles that, written before a capitalised name, make it a person
/// ("adviser John Bolton", "spokesman Fitzwater").
[[nodiscard]] std::span<const std::string_view> role_words();
/// Lower-case function words that start sentences but never names ("the", "in", "when").
[[nodiscard]] std::span<const std::string_view> function_words();

}  // namespace morgue::indexer::entity_data
