// SPDX-License-Identifier: GPL-2.0-or-later
// Format readers: turn the bytes of one file into articles. Ids and paths are set by the caller.
#pragma once

#include <string>
#include <string_view>

#include "morgue/article.h"

namespace morgue::indexer {

/// Plain text: the first non-empty line is the title; an optional block of "Date:", "By:",
/// "Source:", "URL:" lines right after it is metadata; the rest is the body. With no Date:
/// line, the first full date written in the text is used and marked inferred.
/// `utf8` must be valid UTF-8. Throws Error{kInvalidArgument} when there is no text at all.
[[nodiscard]] Article read_text_article(std::string_view utf8);

/// HTML page, parsed with libxml2's HTML parser: title from og:title, <title> or <h1>; date from
/// article:published_time, <time datetime> or other meta; author; canonical URL; body = the
/// article's text without scripts, styles, navigation, header, footer, ads and share widgets.
/// `bytes` are the raw file contents (any declared charset). Throws Error{kInvalidArgument}
/// when the page has no article text.
[[nodiscard]] Article read_html_article(std::string_view bytes);

/// The text of an HTML fragment (a feed's content:encoded, markup in a JSON "body"), as
/// Article::body is: block elements end a paragraph, paragraphs are joined by '\n', scripts,
/// styles, figures and page furniture are left out, and clean_body() has run. `utf8` must be
/// UTF-8; a charset it declares is ignored. Returns empty when the fragment holds no text.
[[nodiscard]] std::string html_fragment_text(std::string_view utf8);

}  // namespace morgue::indexer
