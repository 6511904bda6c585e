// SPDX-License-Identifier: GPL-2.0-or-later
// The writer's in-memory index of MinHash signatures, for finding an article's near duplicate
// among those already indexed without asking Xapian.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "morgue/schema.h"

namespace morgue::indexer {

/// Locality-sensitive hashing over MinHash signatures (schema::kMinhashBands bands of
/// kMinhashSize / kMinhashBands minimums): two signatures sharing a band are candidates, and
/// the share of equal minimums decides. Documents are named by a 32-bit handle of the
/// caller's (a Xapian docid). About 0.5 KiB per document.
///
/// The bands used to be boolean terms in the index (prefix XMH): 16 terms per article, almost
/// all unique, were a fifth of the writer's work and an eighth of the index, and a shared
/// index can no longer be written by parallel shards. Here a lookup costs no I/O; an
/// incremental run loads the signatures from their value slot once (load()).
class NearDuplicateIndex {
 public:
  /// Adds the document `handle` (replacing what it held) with its signature and cluster key.
  /// Signatures of the wrong size are ignored.
  void insert(std::uint32_t handle, std::string_view signature, std::string cluster);
  void erase(std::uint32_t handle);
  /// The cluster key of the document most resembling `signature`, at least `threshold`
  /// (ties: the first indexed), other than `self`; nullopt when none.
  [[nodiscard]] std::optional<std::string> closest(std::string_view signature, std::uint32_t self,
                                                   double threshold) const;
  /// Adds every document of `db` with a signature (slot kMinhash), its cluster key from slot
  /// kDuplicateKey and its docid as handle.
  void load(const Xapian::Database& db);
  [[nodiscard]] std::size_t size() const noexcept { return live_; }

 private:
  struct Entry {
    std::uint32_t handle;
    bool live;
    std::string cluster;
  };
  struct Slot {
    std::uint32_t key;
    std::uint32_t entry_plus_one;  // 0: empty
  };
  // Each band's hash of `minimums`, its slot prefetched.
  void band_hashes(const std::uint32_t* minimums,
                   std::array<std::uint64_t, schema::kMinhashBands>& hashes) const;
  void add_bands(std::uint32_t entry);
  void rebuild(std::size_t slots);

  std::vector<Entry> entries_;
  std::vector<std::uint32_t> minimums_;                        // kMinhashSize per entry
  std::unordered_map<std::uint32_t, std::uint32_t> entry_of_;  // live handle -> entry
  std::vector<Slot> table_;  // open addressing, linear probing; several slots per key
  std::size_t used_ = 0;
  std::size_t live_ = 0;
};

}  // namespace morgue::indexer
