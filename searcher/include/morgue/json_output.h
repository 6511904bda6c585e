// SPDX-License-Identifier: GPL-2.0-or-later
// Morgue's versioned JSON output (docs/json-output.md), shared by the CLI and servers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "morgue/article.h"
#include "morgue/export.h"
#include "morgue/searcher.h"

/// The JSON documents of docs/json-output.md, versioned by kJsonVersion.
namespace morgue::json {

/// Version of every JSON document below; bumped when a field changes meaning or disappears.
inline constexpr int kJsonVersion = 1;

/// Search results: {"version","query","parsed_query","warnings","suggestion","dropped_words",
/// "offset","total_estimated","total_exact","revision","uuid","facets","hits":[...]}. Snippets
/// and passages are HTML-escaped with matches wrapped in `<mark>...</mark>`. One line, no
/// trailing newline.
[[nodiscard]] MORGUE_API std::string search_results(const SearchResults& results);
/// One article with its body.
[[nodiscard]] MORGUE_API std::string article(const Article& article);
/// Index statistics.
[[nodiscard]] MORGUE_API std::string stats(const IndexStats& stats);
/// {"version","error":{"code","message"}} for scripts that read errors too.
[[nodiscard]] MORGUE_API std::string error(std::string_view code, std::string_view message);

/// A snippet as HTML: escaped text, matches wrapped in `<mark>...</mark>`.
[[nodiscard]] MORGUE_API std::string snippet_html(const std::vector<SnippetSpan>& snippet);

}  // namespace morgue::json
