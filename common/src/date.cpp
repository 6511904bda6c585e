// SPDX-License-Identifier: GPL-2.0-or-later
// Date parsing: metadata values in the common news formats, and dates written in running text.
#include "morgue/date.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <regex>
#include <vector>

#include "morgue/text.h"

namespace morgue::date {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// 1..12 for a month name or its abbreviation ("Sep", "Sept", "sept."), 0 otherwise.
int month_number(std::string_view word) {
  std::string w = text::ascii_lower(word);
  if (!w.empty() && w.back() == '.') w.pop_back();
  if (w.size() < 3) return 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (kMonths[m].substr(0, w.size()) == w &&
        (w.size() == 3 || w == kMonths[m] || (m == 8 && w == "sept"))) {
      return static_cast<int>(m + 1);
    }
  }
  return 0;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::optional<std::string> format(int y, int m, int d) {
  if (!is_valid(y, m, d)) return std::nullopt;
  // Room for any int: once is_valid() is inlined (hidden visibility, issue 7) GCC 12 no longer
  // sees the bounds and -Wformat-truncation fires on an 11-byte buffer.
  std::array<char, 36> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02d", y, m, d);
  return std::string(buf.data(), 10);
}

// Splits on white space, commas, hyphens, slashes and periods not ending a month abbreviation;
// stops at the first time-of-day token (contains ':') since nothing after it is the date.
std::vector<std::string_view> date_tokens(std::string_view s) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < s.size() && tokens.size() < 8) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ',' ||
                            s[i] == '-' || s[i] == '/' || s[i] == '.')) {
      ++i;
    }
    const std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ',' &&
           s[i] != '-' && s[i] != '/' && s[i] != '.') {
      ++i;
    }
    if (i > start) {
      const std::string_view token = s.substr(start, i - start);
      if (token.find(':') != std::string_view::npos) break;
      tokens.push_back(token);
    }
  }
  return tokens;
}

}  // namespace

bool is_valid(int year, int month, int day) noexcept {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDays[static_cast<std::size_t>(month - 1)]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

std::optional<std::string> parse(std::string_view raw) {
  const std::string_view s = text::trim(raw);
  if (s.size() < 6) return std::nullopt;
  // Numeric forms, year first: 2019-05-08[T...], 2019/05/08, 20190508.
  if (s.size() >= 8 && all_digits(s.substr(0, 4)) && (s[4] == '-' || s[4] == '/')) {
    const char sep = s[4];
    const std::size_t second = s.find(sep, 5);
    if (second != std::string_view::npos && second <= 7) {
      std::size_t day_end = second + 1;
      while (day_end < s.size() && day_end < second + 3 &&
             std::isdigit(static_cast<unsigned char>(s[day_end]))) {
        ++day_end;
      }
      const std::string_view month = s.substr(5, second - 5);
      const std::string_view day = s.substr(second + 1, day_end - second - 1);
      if (all_digits(month) && all_digits(day)) {
        return format(to_int(s.substr(0, 4)), to_int(month), to_int(day));
      }
    }
    return std::nullopt;
  }
  if (s.size() == 8 && all_digits(s)) {
    return format(to_int(s.substr(0, 4)), to_int(s.substr(4, 2)), to_int(s.substr(6, 2)));
  }
  // Worded forms in either order, with an optional weekday: "Wed, 08 May 2019", "May 8, 2019",
  // "26-FEB-1987 15:01:01.79".
  int year = 0;
  int month = 0;
  int day = 0;
  for (const std::string_view token : date_tokens(s)) {
    std::string_view t = token;
    // Ordinal suffixes: "8th", "1st".
    if (t.size() > 2 && std::isdigit(static_cast<unsigned char>(t[0]))) {
      const std::string suffix = text::ascii_lower(t.substr(t.size() - 2));
      if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
        t.remove_suffix(2);
      }
    }
    if (all_digits(t)) {
      if (t.size() == 4 && year == 0) {
        year = to_int(t);
      } else if (t.size() <= 2 && day == 0) {
        day = to_int(t);
      } else {
        return std::nullopt;
      }
    } else if (const int m = month_number(t); m != 0 && month == 0) {
      month = m;
    }
    if (year != 0 && month != 0 && day != 0) return format(year, month, day);
  }
  return std::nullopt;
}

std::optional<std::string> find_in_text(std::string_view running_text) {
  // std::regex is slow (about 0.4 s per MB); a date that stands for the article's own is near
  // its start or in a sign-off, so look no further than the first 16 KiB.
  running_text = text::utf8_prefix(running_text, 16 * 1024);
  static const std::string kMonth =
      "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
      "Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
  static const std::regex kMonthFirst("\\b" + kMonth +
                                      "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");
  static const std::regex kDayFirst("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+" + kMonth +
                                    ",?\\s+(\\d{4})\\b");
  static const std::regex kIso("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

  std::optional<std::string> best;
  std::ptrdiff_t best_pos = -1;
  // Keeps the earliest valid date any of the patterns finds.
  const auto consider = [&](const std::regex& re, std::size_t y, std::size_t m, std::size_t d,
                            bool numeric_month) {
    const char* first = running_text.data();
    for (auto it = std::cregex_iterator(first, first + running_text.size(), re);
         it != std::cregex_iterator(); ++it) {
      const std::cmatch& match = *it;
      if (best_pos >= 0 && match.position(0) >= best_pos) return;
      const int month = numeric_month ? to_int(match.str(m)) : month_number(match.str(m));
      if (auto iso = format(to_int(match.str(y)), month, to_int(match.str(d)))) {
        best = std::move(iso);
        best_pos = match.position(0);
        return;
      }
    }
  };
  consider(kMonthFirst, 3, 1, 2, false);
  consider(kDayFirst, 3, 2, 1, false);
  consider(kIso, 1, 2, 3, true);
  return best;
}

}  // namespace morgue::date
