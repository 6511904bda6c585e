// SPDX-License-Identifier: GPL-2.0-or-later
// The recency boost: a Xapian posting source weighting articles by the age of their date.
#pragma once

#include <xapian.h>

#include <string>

namespace morgue::searcher {

/// Weight `boost * 2^(-age / half_life_days)` for each article with a date (value slot
/// kDate, "YYYYMMDD"), age in days measured back from `newest` (also "YYYYMMDD"); an article
/// dated after `newest` counts as age 0. Articles without a date get no weight.
///
/// A custom PostingSource: to run on a remote backend (xapian-tcpsrv) it must be registered
/// with the server's Xapian::Registry (name() and serialise() are implemented for that).
class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(double boost, double half_life_days, std::string newest);

  [[nodiscard]] double get_weight() const override;
  [[nodiscard]] RecencySource* clone() const override;
  [[nodiscard]] std::string name() const override;
  [[nodiscard]] std::string serialise() const override;
  [[nodiscard]] RecencySource* unserialise(const std::string& serialised) const override;
  void init(const Xapian::Database& db) override;
  [[nodiscard]] std::string get_description() const override;

 private:
  double boost_;
  double half_life_days_;
  std::string newest_;
  long newest_day_ = 0;
};

/// Days since 1970-01-01 of a "YYYYMMDD" date; false when it is not one.
bool day_number(const std::string& ymd, long& day);

/// `query` with the recency boost added (OP_AND_MAYBE), measured from the newest date of
/// `db`; `query` unchanged when no article has a date. The caller validated the arguments.
[[nodiscard]] Xapian::Query with_recency(const Xapian::Query& query, const Xapian::Database& db,
                                         double boost, double half_life_days);

}  // namespace morgue::searcher
