// SPDX-License-Identifier: GPL-2.0-or-later
// Where a place the extractor names lies: for evaluation and facets that roll cities and
// regions up to their country.
#pragma once

#include <string>
#include <string_view>

namespace morgue::indexer {

/// The canonical country name of a place entity's canonical name as EntityExtractor::shared()
/// writes it: a country names itself ("Iran" -> "Iran"), a tz city or ISO 3166-2 subdivision its
/// country ("London" -> "United Kingdom", "Texas" -> "United States"). Empty when unknown or
/// ambiguous. Thread-safe; loads Debian's gazetteers on first use.
[[nodiscard]] std::string country_of_place(std::string_view place);

}  // namespace morgue::indexer
