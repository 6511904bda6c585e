// SPDX-License-Identifier: GPL-2.0-or-later
// The writer's in-memory LSH table: which indexed article an article joins, including for
// many identical copies (the early exit for an identical signature must still give the first
// one indexed), after deletions and after the table has grown.
#include "near_duplicates.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "morgue/schema.h"

using morgue::indexer::NearDuplicateIndex;
namespace schema = morgue::schema;

namespace {

constexpr double kThreshold = 0.55;

// A signature of kMinhashSize minimums, 4 bytes little-endian each: minimum i is `seed * 1000
// + i`, except the first `changed` ones, which are made unique to `variant`.
std::string signature(std::uint32_t seed, unsigned changed = 0, std::uint32_t variant = 0) {
  std::string out;
  for (std::uint32_t i = 0; i < schema::kMinhashSize; ++i) {
    const std::uint32_t v = i < changed ? 0x80000000U + variant * 1000 + i : seed * 1000 + i;
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
  }
  return out;
}

}  // namespace

TEST_CASE("identical copies join the first one indexed", "[near-duplicates]") {
  NearDuplicateIndex index;
  // Unrelated articles first, so the copies' slots are not the first in the table.
  for (std::uint32_t h = 1; h <= 50; ++h) index.insert(h, signature(h), "c" + std::to_string(h));
  for (std::uint32_t h = 100; h < 110; ++h)
    index.insert(h, signature(7), "copy" + std::to_string(h));
  // Handle 7 has the same signature and was indexed before the copies.
  CHECK(index.closest(signature(7), 0, kThreshold) == "c7");
  // An article is never its own near duplicate.
  CHECK(index.closest(signature(7), 7, kThreshold) == "copy100");
  index.erase(7);
  CHECK(index.closest(signature(7), 0, kThreshold) == "copy100");
  index.erase(100);
  CHECK(index.closest(signature(7), 0, kThreshold) == "copy101");
  // Re-inserting an article makes it the latest.
  index.insert(101, signature(7), "copy101");
  CHECK(index.closest(signature(7), 0, kThreshold) == "copy102");

  // The table grows (rebuilds) many times; the order of the copies survives.
  for (std::uint32_t h = 1000; h < 5000; ++h) index.insert(h, signature(h), "x");
  CHECK(index.closest(signature(7), 0, kThreshold) == "copy102");
  CHECK(index.size() == 50 - 1 + 10 - 1 + 4000);
}

TEST_CASE("the closest candidate wins, ties going to the earliest", "[near-duplicates]") {
  NearDuplicateIndex index;
  // 8 of 64 minimums differ (resemblance 0.875), then 4 (0.9375): the closer one wins even
  // though it came later; the same signature again ties and loses to the earlier.
  index.insert(1, signature(3, 8, 1), "far");
  index.insert(2, signature(3, 4, 2), "near");
  index.insert(3, signature(3, 4, 2), "near-later");
  CHECK(index.closest(signature(3), 0, kThreshold) == "near");
  // An identical one beats both, although indexed last.
  index.insert(4, signature(3), "same");
  CHECK(index.closest(signature(3), 0, kThreshold) == "same");
  // Below the threshold (40 of 64 differ: 0.375) there is no near duplicate.
  CHECK_FALSE(index.closest(signature(3, 40, 9), 0, 0.5).has_value());
  // Another story entirely.
  CHECK_FALSE(index.closest(signature(77), 0, kThreshold).has_value());
  // Signatures of the wrong size are ignored.
  index.insert(5, "short", "bad");
  CHECK(index.size() == 4);
  CHECK_FALSE(index.closest("short", 0, kThreshold).has_value());
}
