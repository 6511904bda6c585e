// SPDX-License-Identifier: GPL-2.0-or-later
// Parsing the many ways news writes dates into ISO 8601 calendar dates.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace morgue::date {

/// Parses one date written on its own (a metadata value): ISO 8601 with or without a time
/// ("2019-05-08", "2019-05-08T10:15:00Z"), RFC 822/1123 ("Wed, 08 May 2019 10:15:00 GMT"),
/// "May 8, 2019", "8 May 2019", "08-MAY-2019 ...", "2019/05/08", "20190508".
/// Returns "YYYY-MM-DD", or nullopt when the text is not a valid date between years 1000 and 2999.
[[nodiscard]] std::optional<std::string> parse(std::string_view text);

/// Finds the first full date ("May 8, 2019", "8 May 2019", "2019-05-08") written anywhere in
/// running text, within its first 16 KiB. Month names are English and capitalised ("May",
/// "Sept."); a date must start and end a word, so "Mayor 8, 2019" and "May 2019" are none.
/// For articles whose metadata gives none; callers mark the result as inferred. Linear in the
/// text scanned, and thread-safe (no shared state).
[[nodiscard]] std::optional<std::string> find_in_text(std::string_view text);

/// True when y-m-d is a real calendar date.
[[nodiscard]] bool is_valid(int year, int month, int day) noexcept;

}  // namespace morgue::date
