// SPDX-License-Identifier: GPL-2.0-or-later
// Facets: value-slot counts (source, lang, dates), entity counts and archive tag counts.
#include "facets.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "morgue/error.h"
#include "morgue/schema.h"
#include "morgue/text.h"

namespace morgue::searcher {
namespace {

constexpr char kRecordSeparator = '\x1e';
constexpr char kTypeSeparator = '\x1f';

// Facets on value slots and the date.
constexpr std::string_view kSource = "source";
constexpr std::string_view kLang = "lang";
constexpr std::string_view kYear = "year";
constexpr std::string_view kMonth = "month";
// Expands to the three main entity types.
constexpr std::string_view kEntities = "entities";
constexpr std::string_view kEntityFacetTypes[] = {"person", "org", "place"};

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

// One spy for all facets of a request. Each document adds one to each of its values; with
// collapsing, a group of duplicates (equal collapse key) adds one to each value any of its
// members has, so that a value's count equals the exact count of the same search filtered on
// the value. (Xapian shows spies every candidate, also those collapsing then drops.)
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(std::vector<Reader> readers, bool collapse)
      : readers_(std::move(readers)), collapse_(collapse), counts_(readers_.size()) {
    if (collapse_) seen_.reserve(4096);
  }

  void operator()(const Xapian::Document& doc, double /*wt*/) override {
    if (collapse_) key_ = doc.get_value(schema::slot::kDuplicateKey);
    // Each slot read at most once per document; values_ are views into these strings.
    bool date_read = false;
    bool entities_read = false;
    bool tags_read = false;
    for (std::size_t r = 0; r < readers_.size(); ++r) {
      const Reader& reader = readers_[r];
      values_.clear();
      switch (reader.source) {
        case Source::kSlot:
          slot_values_[r] = doc.get_value(reader.slot);
          if (!slot_values_[r].empty()) values_.emplace_back(slot_values_[r]);
          break;
        case Source::kDate:
          // "YYYYMMDD" -> "YYYY" (year) or "YYYYMM" (month); timeline() checks the digits.
          if (!date_read) date_ = doc.get_value(schema::slot::kDate);
          date_read = true;
          if (date_.size() == 8) {
            values_.push_back(std::string_view(date_).substr(0, reader.name == kYear ? 4 : 6));
          }
          break;
        case Source::kEntity:
          if (!entities_read) entities_ = doc.get_value(schema::slot::kEntities);
          entities_read = true;
          typed_values(entities_, reader.prefix);
          break;
        case Source::kTags:
          if (!tags_read) tags_ = doc.get_value(schema::slot::kTags);
          tags_read = true;
          typed_values(tags_, reader.prefix);
          break;
      }
      if (values_.size() > 1) {
        std::sort(values_.begin(), values_.end());
        values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
      }
      for (const std::string_view v : values_) {
        if (collapse_ && !key_.empty()) {
          // Hashes, not strings: one set entry per value of every match must stay cheap.
          scratch_.assign(1, static_cast<char>(r));
          scratch_ += key_;
          scratch_.push_back('\0');
          scratch_ += v;
          if (!seen_.insert(text::hash64(scratch_)).second) continue;
        }
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

  [[nodiscard]] const Counts& counts(std::size_t reader) const { return counts_[reader]; }

 private:
  // The values of the records of `type` in a kEntities or kTags value ("type\x1fvalue"
  // records, '\x1e'-joined).
  void typed_values(std::string_view value, std::string_view type) {
    std::size_t start = 0;
    while (start < value.size()) {
      std::size_t end = value.find(kRecordSeparator, start);
      if (end == std::string_view::npos) end = value.size();
      const std::string_view record = value.substr(start, end - start);
      const std::size_t sep = record.find(kTypeSeparator);
      if (sep != std::string_view::npos && record.substr(0, sep) == type && sep + 1 < record.size())
        values_.emplace_back(record.substr(sep + 1));
      start = end + 1;
    }
  }

  std::vector<Reader> readers_;
  bool collapse_;
  std::vector<Counts> counts_;
  std::vector<std::string_view> values_;  // scratch: the current reader's values
  std::vector<std::string> slot_values_ = std::vector<std::string>(readers_.size());
  std::string key_;
  std::string date_;
  std::string entities_;
  std::string tags_;
  std::unordered_set<std::uint64_t> seen_;  // hashes of reader, collapse key, value counted
  std::string scratch_;
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
  out.reserve(static_cast<std::size_t>(last - first + 1));
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

void FacetCollector::attach(Xapian::Enquire& enquire, bool collapse) {
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
  spies_->spy = std::make_unique<FacetSpy>(spies_->readers, collapse);
  enquire.add_matchspy(spies_->spy.get());
}

std::vector<Facet> FacetCollector::results() const {
  std::vector<Facet> out;
  out.reserve(names_.size());
  for (const std::string& name : names_) {
    Facet facet{name, {}};
    if (spies_ && spies_->spy) {
      for (std::size_t r = 0; r < spies_->readers.size(); ++r) {
        if (spies_->readers[r].name != name) continue;
        const Counts& counts = spies_->spy->counts(r);
        facet.values = name == kYear || name == kMonth ? timeline(counts, name == kMonth)
                                                       : top(counts, limit_);
      }
    }
    out.push_back(std::move(facet));
  }
  return out;
}

}  // namespace morgue::searcher
