// SPDX-License-Identifier: GPL-2.0-or-later
// MinHash signatures and their resemblance, and near-duplicate clusters through the writer.
#include "document_builder.h"

#include <catch2/catch.hpp>

#include "morgue/indexer.h"
#include "morgue/schema.h"
#include "morgue/searcher.h"
#include "test_support.h"

using namespace morgue;

namespace {

// A real newswire paragraph (Reuters-21578, NEWID 5), long enough for a stable signature.
constexpr std::string_view kStory =
    "The U.S. Agriculture Department reported the farmer-owned reserve national five-day "
    "average price through February 25 as follows (Dlrs/Bu-Sorghum Cwt) - Natl Loan Release "
    "Call Avge Rate-X Level Price Price Wheat 2.55 2.40 IV 4.65 -- V 4.65 -- VI 4.45 -- Corn "
    "1.35 1.92 IV 3.15 3.15 V 3.25 -- X - 1986 Rates. Grain prices are expected to stay firm "
    "as exporters seek supplies for shipment to the Soviet Union and China, traders said, "
    "adding that the reserve would not be released before the end of the month.";

// `text` with every `step`-th word replaced.
std::string edited(std::string_view text, std::size_t step) {
  std::string out;
  std::size_t word = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t end = std::min(text.find(' ', i), text.size());
    out += ++word % step == 0 ? std::string("changed") : std::string(text.substr(i, end - i));
    if (end < text.size()) out.push_back(' ');
    i = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("MinHash resemblance tracks how much of a text two articles share", "[neardup]") {
  const std::string original = indexer::minhash(kStory);
  REQUIRE(original.size() == 4 * schema::kMinhashSize);
  CHECK(indexer::resemblance(original, indexer::minhash(kStory)) == 1.0);
  // Case and spacing are not differences.
  std::string shouting(kStory);
  for (char& c : shouting) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(indexer::resemblance(original, indexer::minhash("  " + shouting + "\n")) == 1.0);
  // One word in 25 changed: still a near duplicate; one in 2: not.
  CHECK(indexer::resemblance(original, indexer::minhash(edited(kStory, 25))) >=
        schema::kNearDuplicateResemblance);
  CHECK(indexer::resemblance(original, indexer::minhash(edited(kStory, 2))) < 0.3);
  CHECK(indexer::resemblance(original, indexer::minhash("Gold fell in London today as "
                                                        "dealers sold ahead of the weekend "
                                                        "and the dollar firmed against "
                                                        "the yen and the mark.")) < 0.2);
  // Too short to compare: no signature.
  CHECK(indexer::minhash("Oil rose.").empty());
}

TEST_CASE("syndicated copies collapse into one hit that counts them", "[neardup]") {
  test::TempDir dir;
  {
    Indexer indexer = Indexer::open(dir / "idx");
    indexer.add({.id = "wire", .title = "Reserve prices", .body = std::string(kStory)});
    indexer.add({.id = "copy",
                 .title = "Farm reserve prices steady",
                 .body = edited(kStory, 30) + " (Reporting by A. Reporter)"});
    indexer.add({.id = "other",
                 .title = "Reserve report",
                 .body = "The reserve bank said the farm loan rate was set for sorghum."});
    indexer.commit();
  }
  Searcher searcher = Searcher::open(dir / "idx");
  const SearchResults collapsed = searcher.search({.query = "reserve"});
  REQUIRE(collapsed.hits.size() == 2);
  std::size_t similar = 0;
  for (const Hit& h : collapsed.hits) similar += h.duplicates;
  CHECK(similar == 1);
  SearchRequest all{.query = "reserve"};
  all.collapse_duplicates = false;
  CHECK(searcher.search(all).hits.size() == 3);
}
