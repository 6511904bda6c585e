// SPDX-License-Identifier: GPL-2.0-or-later
#include "near_duplicates.h"

#include <algorithm>
#include <cstring>

#include "morgue/internal/store.h"
#include "morgue/schema.h"

namespace morgue::indexer {
namespace {

constexpr std::size_t kRows = schema::kMinhashSize / schema::kMinhashBands;
constexpr std::size_t kSignatureBytes = std::size_t{4} * schema::kMinhashSize;

// The band's minimums mixed with its number (so equal minimums in different bands differ).
std::uint64_t band_hash(const std::uint32_t* minimums, unsigned band) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL * (band + 1);
  for (std::size_t r = 0; r < kRows; ++r) {
    h = (h ^ minimums[band * kRows + r]) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  return h;
}

void decode(std::string_view signature, std::uint32_t* out) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  for (std::size_t i = 0; i < schema::kMinhashSize; ++i) {
    out[i] = std::uint32_t{bytes[4 * i]} | std::uint32_t{bytes[4 * i + 1]} << 8 |
             std::uint32_t{bytes[4 * i + 2]} << 16 | std::uint32_t{bytes[4 * i + 3]} << 24;
  }
}

}  // namespace

void NearDuplicateIndex::insert(std::uint32_t handle, std::string_view signature,
                                std::string cluster) {
  erase(handle);
  if (signature.size() != kSignatureBytes) return;
  if ((used_ + schema::kMinhashBands) * 10 > table_.size() * 7) rebuild(table_.size() * 2);
  const auto entry = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back({handle, true, std::move(cluster)});
  minimums_.resize(minimums_.size() + schema::kMinhashSize);
  std::uint32_t* mins = &minimums_[std::size_t{entry} * schema::kMinhashSize];
  decode(signature, mins);
  entry_of_[handle] = entry;
  ++live_;
  add_bands(entry);
}

void NearDuplicateIndex::erase(std::uint32_t handle) {
  const auto it = entry_of_.find(handle);
  if (it == entry_of_.end()) return;
  // The entry stays in the table, dead: rare (replacements), and cheaper than deleting slots.
  entries_[it->second].live = false;
  entries_[it->second].cluster.clear();
  entry_of_.erase(it);
  --live_;
}

void NearDuplicateIndex::band_hashes(
    const std::uint32_t* minimums, std::array<std::uint64_t, schema::kMinhashBands>& hashes) const {
  const std::size_t mask = table_.size() - 1;
  for (unsigned band = 0; band < schema::kMinhashBands; ++band) {
    hashes[band] = band_hash(minimums, band);
    // The table is far larger than the caches (about 180 bytes per article): start fetching
    // every band's slot now, so that the 16 misses overlap rather than follow one another.
    __builtin_prefetch(&table_[(hashes[band] >> 32) & mask]);
  }
}

void NearDuplicateIndex::add_bands(std::uint32_t entry) {
  const std::uint32_t* mins = &minimums_[std::size_t{entry} * schema::kMinhashSize];
  const std::size_t mask = table_.size() - 1;
  std::array<std::uint64_t, schema::kMinhashBands> hashes{};
  band_hashes(mins, hashes);
  for (const std::uint64_t hash : hashes) {
    std::size_t i = (hash >> 32) & mask;
    while (table_[i].entry_plus_one != 0) i = (i + 1) & mask;
    table_[i] = {static_cast<std::uint32_t>(hash), entry + 1};
    ++used_;
  }
}

// A bigger table holding the live entries' bands only (dead entries' slots are dropped).
void NearDuplicateIndex::rebuild(std::size_t slots) {
  table_.assign(std::max<std::size_t>(1024, slots), Slot{0, 0});
  used_ = 0;
  for (std::uint32_t entry = 0; entry < entries_.size(); ++entry) {
    if (entries_[entry].live) add_bands(entry);
  }
}

std::optional<std::string> NearDuplicateIndex::closest(std::string_view signature,
                                                       std::uint32_t self, double threshold) const {
  if (signature.size() != kSignatureBytes || table_.empty()) return std::nullopt;
  std::array<std::uint32_t, schema::kMinhashSize> mins{};
  decode(signature, mins.data());
  const std::size_t mask = table_.size() - 1;
  std::array<std::uint64_t, schema::kMinhashBands> hashes{};
  band_hashes(mins.data(), hashes);
  std::vector<std::uint32_t> checked;
  double best = threshold;
  std::optional<std::uint32_t> winner;
  for (unsigned band = 0; band < schema::kMinhashBands; ++band) {
    const std::uint64_t h = hashes[band];
    for (std::size_t i = (h >> 32) & mask; table_[i].entry_plus_one != 0; i = (i + 1) & mask) {
      if (table_[i].key != static_cast<std::uint32_t>(h)) continue;
      const std::uint32_t entry = table_[i].entry_plus_one - 1;
      // Near copies share most bands: an entry met again is skipped before its (uncached)
      // Entry is read.
      if (std::find(checked.begin(), checked.end(), entry) != checked.end()) continue;
      checked.push_back(entry);
      const Entry& e = entries_[entry];
      if (!e.live || e.handle == self || e.cluster.empty()) continue;
      const std::uint32_t* other = &minimums_[std::size_t{entry} * schema::kMinhashSize];
      unsigned equal = 0;
      for (std::size_t k = 0; k < schema::kMinhashSize; ++k) equal += mins[k] == other[k] ? 1U : 0U;
      const double r = static_cast<double>(equal) / schema::kMinhashSize;
      // Strictly better, or as good and indexed earlier: the result does not depend on which
      // band found a candidate first.
      if (r > best || (r == best && winner && entry < *winner) || (r == best && !winner)) {
        best = r;
        winner = entry;
      }
      // An identical signature in the first band is the answer: none can be closer, and every
      // other identical one shares this band's key, whose slots (never deleted) lie along the
      // probe sequence in the order their entries were added, so it is the earliest. Word for
      // word copies of a story (wire copy) skip the other bands and candidates.
      if (band == 0 && equal == schema::kMinhashSize) return e.cluster;
    }
  }
  if (!winner) return std::nullopt;
  return entries_[*winner].cluster;
}

void NearDuplicateIndex::load(const Xapian::Database& db) {
  store::translating("reading near-duplicate signatures", [&] {
    auto keys = db.valuestream_begin(schema::slot::kDuplicateKey);
    const auto keys_end = db.valuestream_end(schema::slot::kDuplicateKey);
    for (auto it = db.valuestream_begin(schema::slot::kMinhash);
         it != db.valuestream_end(schema::slot::kMinhash); ++it) {
      const Xapian::docid doc = it.get_docid();
      if (keys != keys_end && keys.get_docid() < doc) keys.skip_to(doc);
      if (keys == keys_end || keys.get_docid() != doc) continue;
      insert(doc, *it, *keys);
    }
  });
}

}  // namespace morgue::indexer
