// SPDX-License-Identifier: GPL-2.0-or-later
// Facets: value-slot counts (source, lang, dates), entity counts and archive tag counts.
#include "facets.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "morgue/error.h"
#include "morgue/internal/keyed_list.h"
#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::searcher {
namespace {

// Facets on value slots and the date.
constexpr std::string_view kSource = "source";
constexpr std::string_view kLang = "lang";
constexpr std::string_view kYear = "year";
constexpr std::string_view kMonth = "month";
// Expands to the three main entity types.
constexpr std::string_view kEntities = "entities";
constexpr auto kEntityFacetTypes = std::to_array<std::string_view>({"person", "org", "place"});

bool is_entity_type(std::string_view name) {
  const auto types = schema::entity_types();
  return std::find(types.begin(), types.end(), name) != types.end();
}

// Archive tag fields: boolean fields whose values are not in a slot. "file" is internal.
const schema::Field* tag_field(std::string_view name) {
  if (name == kSource || name == kLang || name == kYear || name == "file") return nullptr;
  const schema::Field* f = schema::find_field(name);
  return f != nullptr && f->kind == schema::FieldKind::kBoolean ? f : nullptr;
}

std::string known_names() {
  std::string out = "source, lang, year, month, entities";
  for (const std::string_view t : schema::entity_types()) out += ", " + std::string(t);
  for (const schema::Field& f : schema::fields()) {
    if (tag_field(f.name) != nullptr) out += ", " + std::string(f.name);
  }
  return out;
}

// Hashing with lookups by string_view, so counting a value allocates only the first time.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view v) const noexcept {
    return std::hash<std::string_view>{}(v);
  }
};
using Counts = std::unordered_map<std::string, std::size_t, ViewHash, std::equal_to<>>;

// What one facet reads from a document.
enum class Source { kSlot, kDate, kEntity, kTags };

struct Reader {
  std::string name;    // the facet
  Source source;       // where its values are
  unsigned slot = 0;   // kSlot
  std::string prefix;  // kTags: the tag field; kEntity: the entity type
};

// The slot a reader's values are in.
unsigned slot_of(const Reader& reader) {
  switch (reader.source) {
    case Source::kSlot:
      return reader.slot;
    case Source::kDate:
      return schema::slot::kDate;
    case Source::kEntity:
      return schema::slot::kEntities;
    case Source::kTags:
      return schema::slot::kTags;
  }
  return reader.slot;
}

// Appends to `out` the values of `reader` in `value` (the content of slot_of(reader)), as views
// into `value`, each once.
void parse_values(const Reader& reader, std::string_view value,
                  std::vector<std::string_view>& out) {
  const std::size_t first = out.size();
  switch (reader.source) {
    case Source::kSlot:
      if (!value.empty()) out.push_back(value);
      break;
    case Source::kDate:
      // "YYYYMMDD" -> "YYYY" (year) or "YYYYMM" (month); timeline() checks the digits.
      if (value.size() == 8) out.push_back(value.substr(0, reader.name == kYear ? 4 : 6));
      break;
    case Source::kEntity:
    case Source::kTags: {
      // The values of the records of reader.prefix.
      keyed_list::for_each(value, [&](std::string_view key, std::string_view v) {
        if (key == reader.prefix && !v.empty()) out.push_back(v);
      });
      break;
    }
  }
  if (out.size() - first > 1) {
    const auto from = out.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(from, out.end());
    out.erase(std::unique(from, out.end()), out.end());
  }
}

// splitmix64's finalizer: a bijection that spreads every input bit over the output.
std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Combines a hash with a value: for a fixed `h`, distinct `v` give distinct results, and small,
// similar inputs (reader numbers, value ids) do not collide the way a shift-and-add combine
// lets them.
std::uint64_t combine(std::uint64_t h, std::uint64_t v) {
  return mix64(h ^ mix64(v + 0x9e3779b97f4a7c15ULL));
}

// A collapse key's hash; 0 stands for "no key" (never collapsed).
std::uint64_t key_hash(std::string_view key) {
  if (key.empty()) return 0;
  const std::uint64_t h = text::hash64(key);
  return h == 0 ? 1 : h;
}

}  // namespace

// The facet values of every document of one revision, read once from the value streams: what
// makes a facet search cost array look-ups per match instead of value-stream reads and parsing
// (issue 6). Docids index the arrays (Morgue searches one local database, so the docids a spy
// sees are the database's own).
struct FacetCache::Column {
  std::vector<std::uint32_t> offsets;  // values of docid d: ids[offsets[d], offsets[d + 1])
  std::vector<std::uint32_t> ids;      // into dict
  std::vector<std::string> dict;
};

struct FacetCache::Impl {
  std::string uuid;
  Xapian::rev revision = 0;
  int searches = 0;                                    // facet searches on this revision
  std::map<std::string, Column, std::less<>> columns;  // by facet name
  // key_hash() of each docid's collapse key; 0 for an article alone in its group
  std::vector<std::uint64_t> keys;
  bool keys_read = false;

  // Forgets what was read from another revision. Returns whether the columns may be used.
  bool sync(const Xapian::Database& db) {
    const std::string u = db.get_uuid();
    const Xapian::rev r = db.get_revision();
    if (u != uuid || r != revision) {
      uuid = u;
      revision = r;
      searches = 0;
      columns.clear();
      keys.clear();
      keys_read = false;
    }
    ++searches;
    // A one-off search (the CLI) reads only its own matches' values; the whole streams are
    // worth reading from the second facet search of a revision on (a server's Searcher).
    return searches >= FacetCache::kSearchesBeforeCaching &&
           db.get_lastdocid() <= FacetCache::kMaxCachedDocuments;
  }

  const Column& column(const Xapian::Database& db, const Reader& reader) {
    const auto it = columns.find(reader.name);
    if (it != columns.end()) return it->second;
    Column col;
    const Xapian::docid last = db.get_lastdocid();
    col.offsets.reserve(static_cast<std::size_t>(last) + 2);
    col.offsets.push_back(0);  // docid 0 does not exist
    std::unordered_map<std::string, std::uint32_t, ViewHash, std::equal_to<>> index;
    std::vector<std::string_view> values;
    const unsigned slot = slot_of(reader);
    for (Xapian::ValueIterator v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      const Xapian::docid did = v.get_docid();
      if (did > last) break;
      while (col.offsets.size() <= did) col.offsets.push_back(to_u32(col.ids.size()));
      const std::string value = *v;
      values.clear();
      parse_values(reader, value, values);
      for (const std::string_view s : values) {
        auto found = index.find(s);
        if (found == index.end()) {
          found = index.emplace(std::string(s), to_u32(col.dict.size())).first;
          col.dict.emplace_back(s);
        }
        col.ids.push_back(found->second);
      }
    }
    while (col.offsets.size() <= static_cast<std::size_t>(last) + 1) {
      col.offsets.push_back(to_u32(col.ids.size()));
    }
    return columns.emplace(reader.name, std::move(col)).first->second;
  }

  const std::vector<std::uint64_t>& collapse_keys(const Xapian::Database& db) {
    if (keys_read) return keys;
    const Xapian::docid last = db.get_lastdocid();
    keys.assign(static_cast<std::size_t>(last) + 1, 0);
    const unsigned slot = schema::slot::kDuplicateKey;
    std::unordered_map<std::uint64_t, std::uint32_t> members;
    for (Xapian::ValueIterator v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      if (v.get_docid() > last) break;
      const std::uint64_t key = key_hash(*v);
      keys[v.get_docid()] = key;
      ++members[key];
    }
    // An article with no duplicate anywhere in the index needs no de-duplication: key 0 lets
    // the spy count it without its hash sets, which cost most of a cached facet count when
    // nearly every article is alone in its group (issue 6).
    for (std::uint64_t& key : keys) {
      if (key != 0 && members[key] == 1) key = 0;
    }
    keys_read = true;
    return keys;
  }

  static std::uint32_t to_u32(std::size_t n) { return static_cast<std::uint32_t>(n); }
};

FacetCache::FacetCache() : impl_(std::make_unique<Impl>()) {}
FacetCache::FacetCache(FacetCache&&) noexcept = default;
FacetCache& FacetCache::operator=(FacetCache&&) noexcept = default;
FacetCache::~FacetCache() = default;

namespace {

// One spy for all facets of a request. Each document adds one to each of its values; with
// collapsing, a group of duplicates (equal collapse key) adds one to each value any of its
// members has, so that a value's count equals the exact count of the same search filtered on
// the value. (Xapian shows spies every candidate, also those collapsing then drops.) The spy
// also counts the matches, a group of duplicates once.
//
// Without cached columns it reads the slots of each match; with them (`columns` not empty, one
// per reader, and `keys` when collapsing) it only looks up the match's docid.
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(std::vector<Reader> readers, bool collapse,
           std::vector<const FacetCache::Column*> columns, const std::vector<std::uint64_t>* keys)
      : readers_(std::move(readers)),
        collapse_(collapse),
        columns_(std::move(columns)),
        keys_(keys),
        counts_(readers_.size()),
        id_counts_(columns_.size()) {
    for (std::size_t r = 0; r < columns_.size(); ++r) {
      id_counts_[r].assign(columns_[r]->dict.size(), 0);
    }
    if (collapse_) {
      seen_.reserve(4096);
      groups_.reserve(1024);
    }
  }

  void operator()(const Xapian::Document& doc, double /*wt*/) override {
    if (!columns_.empty()) {
      count_cached(doc.get_docid());
      return;
    }
    std::uint64_t key = 0;
    if (collapse_) key = key_hash(doc.get_value(schema::slot::kDuplicateKey));
    count_match(key);
    // Each slot read at most once per document; values_ are views into slot_values_.
    for (std::size_t r = 0; r < readers_.size(); ++r) {
      const Reader& reader = readers_[r];
      const unsigned slot = slot_of(reader);
      std::size_t read = r;
      for (std::size_t earlier = 0; earlier < r; ++earlier) {
        if (slot_of(readers_[earlier]) == slot) {
          read = earlier;
          break;
        }
      }
      if (read == r) slot_values_[r] = doc.get_value(slot);
      values_.clear();
      parse_values(reader, slot_values_[read], values_);
      for (const std::string_view v : values_) {
        if (key != 0 && !seen_.insert(combine(combine(key, r), text::hash64(v))).second) continue;
        Counts& counts = counts_[r];
        const auto it = counts.find(v);
        if (it != counts.end()) {
          ++it->second;
        } else {
          counts.emplace(std::string(v), 1);
        }
      }
    }
  }

  // The counts of reader r, by value.
  [[nodiscard]] Counts counts(std::size_t r) const {
    if (columns_.empty()) return counts_[r];
    Counts out;
    const std::vector<std::size_t>& ids = id_counts_[r];
    for (std::size_t id = 0; id < ids.size(); ++id) {
      if (ids[id] != 0) out.emplace(columns_[r]->dict[id], ids[id]);
    }
    return out;
  }

  // The matches seen, a group of duplicates counted once.
  [[nodiscard]] std::size_t matches() const noexcept { return matches_; }

 private:
  void count_match(std::uint64_t key) {
    if (key == 0 || groups_.insert(key).second) ++matches_;
  }

  void count_cached(Xapian::docid did) {
    const std::uint64_t key = collapse_ && did < keys_->size() ? (*keys_)[did] : 0;
    count_match(key);
    for (std::size_t r = 0; r < columns_.size(); ++r) {
      const FacetCache::Column& col = *columns_[r];
      if (did + 1 >= col.offsets.size()) continue;
      for (std::uint32_t i = col.offsets[did]; i < col.offsets[did + 1]; ++i) {
        const std::uint32_t id = col.ids[i];
        if (key != 0 && !seen_.insert(combine(combine(key, r), id)).second) continue;
        ++id_counts_[r][id];
      }
    }
  }

  std::vector<Reader> readers_;
  bool collapse_;
  std::vector<const FacetCache::Column*> columns_;
  const std::vector<std::uint64_t>* keys_;
  std::vector<Counts> counts_;
  std::vector<std::vector<std::size_t>> id_counts_;
  std::vector<std::string_view> values_;  // scratch: the current reader's values
  std::vector<std::string> slot_values_ = std::vector<std::string>(readers_.size());
  std::unordered_set<std::uint64_t> seen_;    // hashes of collapse key, reader, value counted
  std::unordered_set<std::uint64_t> groups_;  // hashes of the collapse keys seen
  std::size_t matches_ = 0;
};

// Most frequent first, ties by value; at most `limit`.
std::vector<FacetValue> top(const Counts& counts, std::size_t limit) {
  std::vector<FacetValue> values;
  values.reserve(counts.size());
  for (const auto& [value, count] : counts) values.push_back({value, count});
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (values.size() > limit) values.resize(limit);
  return values;
}

int digits(std::string_view s) {
  int v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Counts of "YYYY" or "YYYYMM" as a timeline in date order, with a zero for every year or
// month between the first and the last.
std::vector<FacetValue> timeline(const Counts& periods, bool months) {
  std::map<int, std::size_t> by_period;  // year * 12 + month - 1, or year
  for (const auto& [period, count] : periods) {
    const int year = digits(std::string_view(period).substr(0, 4));
    const int month = months ? digits(std::string_view(period).substr(4, 2)) : 1;
    if (year < 0 || month < 1 || month > 12) continue;
    by_period[months ? year * 12 + month - 1 : year] += count;
  }
  std::vector<FacetValue> out;
  if (by_period.empty()) return out;
  const int first = by_period.begin()->first;
  const int last = by_period.rbegin()->first;
  out.reserve(static_cast<std::size_t>(last - first) + 1);
  for (int p = first; p <= last; ++p) {
    const auto it = by_period.find(p);
    const std::size_t count = it == by_period.end() ? 0 : it->second;
    std::string label = std::to_string(months ? p / 12 : p);
    label.insert(0, 4 - std::min<std::size_t>(4, label.size()), '0');
    if (months) {
      const int m = p % 12 + 1;
      label += (m < 10 ? "-0" : "-") + std::to_string(m);
    }
    out.push_back({std::move(label), count});
  }
  return out;
}

}  // namespace

struct FacetCollector::Spies {
  std::vector<Reader> readers;
  std::unique_ptr<FacetSpy> spy;
};

FacetCollector::FacetCollector(const std::vector<std::string>& names, std::size_t limit)
    : limit_(limit) {
  const auto add = [&](std::string_view name) {
    if (std::find(names_.begin(), names_.end(), name) == names_.end()) {
      names_.emplace_back(name);
    }
  };
  for (const std::string& name : names) {
    if (name == kEntities) {
      for (const std::string_view t : kEntityFacetTypes) add(t);
    } else if (name == kSource || name == kLang || name == kYear || name == kMonth ||
               is_entity_type(name) || tag_field(name) != nullptr) {
      add(name);
    } else {
      throw Error(ErrorCode::kInvalidArgument,
                  "unknown facet \"" + name + "\" (known: " + known_names() + ")");
    }
  }
  if (!names_.empty() && (limit == 0 || limit > kMaxFacetValues)) {
    throw Error(ErrorCode::kInvalidArgument, "facet limit " + std::to_string(limit) +
                                                 " is not between 1 and " +
                                                 std::to_string(kMaxFacetValues));
  }
}

FacetCollector::~FacetCollector() = default;

void FacetCollector::attach(Xapian::Enquire& enquire, bool collapse, const Xapian::Database& db,
                            FacetCache* cache) {
  spies_ = std::make_unique<Spies>();
  if (names_.empty()) return;
  for (const std::string& name : names_) {
    if (name == kYear || name == kMonth) {
      spies_->readers.push_back({name, Source::kDate, 0, {}});
    } else if (name == kSource) {
      spies_->readers.push_back({name, Source::kSlot, schema::slot::kSource, {}});
    } else if (name == kLang) {
      spies_->readers.push_back({name, Source::kSlot, schema::slot::kLang, {}});
    } else if (is_entity_type(name)) {
      spies_->readers.push_back({name, Source::kEntity, 0, name});
    } else if (const schema::Field* f = tag_field(name)) {
      spies_->readers.push_back({name, Source::kTags, 0, std::string(f->name)});
    }
  }
  std::vector<const FacetCache::Column*> columns;
  const std::vector<std::uint64_t>* keys = nullptr;
  if (cache != nullptr && cache->impl_->sync(db)) {
    for (const Reader& reader : spies_->readers) {
      columns.push_back(&cache->impl_->column(db, reader));
    }
    if (collapse) keys = &cache->impl_->collapse_keys(db);
  }
  spies_->spy = std::make_unique<FacetSpy>(spies_->readers, collapse, std::move(columns), keys);
  enquire.add_matchspy(spies_->spy.get());
}

std::size_t FacetCollector::matches() const {
  return spies_ && spies_->spy ? spies_->spy->matches() : 0;
}

std::vector<Facet> FacetCollector::results() const {
  std::vector<Facet> out;
  out.reserve(names_.size());
  for (const std::string& name : names_) {
    Facet facet{name, {}};
    if (spies_ && spies_->spy) {
      for (std::size_t r = 0; r < spies_->readers.size(); ++r) {
        if (spies_->readers[r].name != name) continue;
        const Counts counts = spies_->spy->counts(r);
        facet.values = name == kYear || name == kMonth ? timeline(counts, name == kMonth)
                                                       : top(counts, limit_);
      }
    }
    out.push_back(std::move(facet));
  }
  return out;
}

}  // namespace morgue::searcher
