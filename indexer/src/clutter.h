// SPDX-License-Identifier: GPL-2.0-or-later
// Removing page clutter that news text carries, so it reaches neither the index nor snippets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace morgue::indexer {

/// Turns the text lines (or HTML blocks) of an article body into clean paragraphs joined by
/// '\n': white space collapsed, empty lines dropped, and clutter removed:
/// - image captions, which pages repeat on consecutive lines ("Huawei" / "Huawei"): every
///   copy of a short line that is immediately repeated is dropped;
/// - lone "Advertisement", "Sponsored", "Story continues below" and similar lines;
/// - pic.twitter.com links inside a line (the rest of the line stays).
[[nodiscard]] std::string clean_body(const std::vector<std::string>& lines);

/// Same cleaning for one line; returns empty when the whole line is clutter.
[[nodiscard]] std::string clean_line(std::string_view line);

}  // namespace morgue::indexer
