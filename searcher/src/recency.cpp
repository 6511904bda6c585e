// SPDX-License-Identifier: GPL-2.0-or-later
// The recency boost posting source.
#include "recency.h"

#include <array>
#include <cmath>
#include <cstring>

#include "morgue/schema.h"

namespace morgue::searcher {

bool day_number(const std::string& ymd, long& day) {
  if (ymd.size() != 8) return false;
  std::array<long, 3> v = {0, 0, 0};
  constexpr std::array<int, 3> kWidths = {4, 2, 2};
  std::size_t pos = 0;
  for (std::size_t part = 0; part < 3; ++part) {
    for (int i = 0; i < kWidths[part]; ++i, ++pos) {
      if (ymd[pos] < '0' || ymd[pos] > '9') return false;
      v[part] = v[part] * 10 + (ymd[pos] - '0');
    }
  }
  // Howard Hinnant's days_from_civil.
  const long y = v[0] - (v[1] <= 2 ? 1 : 0);
  const long m = v[1];
  const long d = v[2];
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  day = era * 146097 + doe - 719468;
  return true;
}

RecencySource::RecencySource(double boost, double half_life_days, std::string newest)
    : Xapian::ValuePostingSource(schema::slot::kDate),
      boost_(boost),
      half_life_days_(half_life_days),
      newest_(std::move(newest)) {
  if (!day_number(newest_, newest_day_)) newest_day_ = 0;
}

double RecencySource::get_weight() const {
  long day = 0;
  if (!day_number(get_value(), day)) return 0;
  const double age = day >= newest_day_ ? 0.0 : static_cast<double>(newest_day_ - day);
  return boost_ * std::exp2(-age / half_life_days_);
}

RecencySource* RecencySource::clone() const {
  return new RecencySource(boost_, half_life_days_, newest_);
}

std::string RecencySource::name() const { return "morgue::RecencySource"; }

std::string RecencySource::serialise() const {
  std::string out(sizeof(double) * 2, '\0');
  std::memcpy(out.data(), &boost_, sizeof(double));
  std::memcpy(out.data() + sizeof(double), &half_life_days_, sizeof(double));
  return out + newest_;
}

RecencySource* RecencySource::unserialise(const std::string& s) const {
  if (s.size() < sizeof(double) * 2) throw Xapian::NetworkError("bad RecencySource");
  double boost = 0;
  double half_life = 0;
  std::memcpy(&boost, s.data(), sizeof(double));
  std::memcpy(&half_life, s.data() + sizeof(double), sizeof(double));
  return new RecencySource(boost, half_life, s.substr(sizeof(double) * 2));
}

void RecencySource::init(const Xapian::Database& database) {
  Xapian::ValuePostingSource::init(database);
  set_maxweight(boost_);
}

std::string RecencySource::get_description() const {
  return "RecencySource(" + std::to_string(boost_) + ", half-life " +
         std::to_string(half_life_days_) + " days, from " + newest_ + ")";
}

Xapian::Query with_recency(const Xapian::Query& query, const Xapian::Database& db, double boost,
                           double half_life_days) {
  const std::string newest = db.get_value_upper_bound(schema::slot::kDate);
  long day = 0;
  if (!day_number(newest, day)) return query;
  auto* source = new RecencySource(boost, half_life_days, newest);
  return {Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release())};
}

}  // namespace morgue::searcher
