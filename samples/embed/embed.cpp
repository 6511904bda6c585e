// SPDX-License-Identifier: GPL-2.0-or-later
// Searches a Morgue index through the installed library: embed INDEX_DIR QUERY...
#include <morgue/error.h>
#include <morgue/searcher.h>

#include <iostream>
#include <string>
#include <vector>

namespace {

// A snippet for a terminal: matches between [ and ].
std::string render(const std::vector<morgue::SnippetSpan>& snippet) {
  std::string out;
  for (const morgue::SnippetSpan& span : snippet) {
    out += span.match ? "[" + span.text + "]" : span.text;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: embed INDEX_DIR QUERY...\n";
    return 2;
  }
  morgue::SearchRequest request;
  for (int i = 2; i < argc; ++i) {
    if (!request.query.empty()) request.query += ' ';
    request.query += argv[i];
  }
  request.limit = 5;
  try {
    morgue::Searcher searcher = morgue::Searcher::open(argv[1]);
    const morgue::SearchResults results = searcher.search(request);
    for (const morgue::Hit& hit : results.hits) {
      std::cout << hit.rank << ". " << hit.title << '\n'
                << "   " << (hit.date.empty() ? "no date" : hit.date) << "  " << hit.id << '\n'
                << "   " << render(hit.snippet) << "\n\n";
    }
    std::cout << results.hits.size() << " of about " << results.total_estimated << " hits\n";
    return 0;
  } catch (const morgue::Error& e) {
    // One exception type for everything; code() says what kind of failure it is.
    std::cerr << "embed: " << morgue::to_string(e.code()) << ": " << e.what() << '\n';
    return e.code() == morgue::ErrorCode::kBadQuery ? 2 : 1;
  }
}
