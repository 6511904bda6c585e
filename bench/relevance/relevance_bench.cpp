// SPDX-License-Identifier: GPL-2.0-or-later
// Measures Morgue's ranking against SQLite FTS5 (bm25) on Reuters-21578 TOPICS judgements: MAP
// and nDCG@10 for every query, run as all words and as any word, printed as a markdown table.
//
// Usage: morgue_relevance_bench INDEX_DIR FTS5_DB QUERIES_TSV [PER_TOPIC_TSV]
// INDEX_DIR is a Morgue index of all reut2-*.sgm; FTS5_DB is made by reuters_fts5.py and holds
// the FTS5 table `docs` (rowid = NEWID) and the judgements `topics(newid, topic)`.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "morgue/error.h"
#include "morgue/searcher.h"

namespace {

// Depth of the ranked lists: MAP is average precision over the top kDepth hits.
constexpr std::size_t kDepth = 1000;
constexpr std::size_t kNdcgDepth = 10;

// An FTS5 configuration: bm25() column weights (title, body).
struct FtsPeer {
  const char* name;
  double title_weight;
  double body_weight;
};
// Morgue indexes title words with wdf schema::kTitleWeight (3) in the same field as the body;
// FTS5 scores columns separately and sums them, so a weight of 3 on the title column is the
// nearest equivalent. Plain bm25 is measured too: on Reuters it is the stronger peer.
constexpr FtsPeer kFtsPeers[] = {{"FTS5 bm25, title x3", 3.0, 1.0}, {"FTS5 bm25, plain", 1.0, 1.0}};
constexpr std::size_t kEngines = 1 + std::size(kFtsPeers);  // Morgue first.

enum class Mode { kAll, kAny };
constexpr Mode kModes[] = {Mode::kAll, Mode::kAny};

const char* mode_name(Mode mode) {
  return mode == Mode::kAll ? "all words (AND)" : "any word (OR)";
}

struct Topic {
  std::string name;
  std::string query;
  std::vector<std::string> words;
};

using Ranking = std::vector<std::string>;
using Relevant = std::unordered_set<std::string>;

// One engine's scores for one topic in one mode.
struct Score {
  double ap = 0;
  double ndcg = 0;
  std::size_t hits = 0;
};

struct SqliteClose {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct SqliteFinalize {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Db = std::unique_ptr<sqlite3, SqliteClose>;
using Statement = std::unique_ptr<sqlite3_stmt, SqliteFinalize>;

Statement prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    throw std::runtime_error("sqlite: " + std::string(sqlite3_errmsg(db)) + " in: " + sql);
  }
  return Statement(stmt);
}

std::string column_text(sqlite3_stmt* stmt, int column) {
  const unsigned char* text = sqlite3_column_text(stmt, column);
  return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
}

// Words of a query: runs of ASCII letters and digits. The queries are plain words by
// construction (topic_queries.tsv), so this only strips stray punctuation.
std::vector<std::string> split_words(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : query + ' ') {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

std::vector<Topic> read_topics(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Topic> topics;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) throw std::runtime_error(path + ": no tab in: " + line);
    Topic topic{.name = line.substr(0, tab), .query = line.substr(tab + 1), .words = {}};
    topic.words = split_words(topic.query);
    if (topic.words.empty()) throw std::runtime_error(path + ": empty query for " + topic.name);
    topics.push_back(std::move(topic));
  }
  return topics;
}

std::map<std::string, Relevant> read_judgements(sqlite3* db) {
  std::map<std::string, Relevant> relevant;
  Statement stmt = prepare(db, "SELECT topic, newid FROM topics");
  while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
    relevant[column_text(stmt.get(), 0)].insert(column_text(stmt.get(), 1));
  }
  return relevant;
}

std::string join(const std::vector<std::string>& words, const std::string& separator, bool quote) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += separator;
    out += quote ? '"' + word + '"' : word;
  }
  return out;
}

Ranking search_morgue(morgue::Searcher& searcher, const Topic& topic, Mode mode) {
  morgue::SearchRequest request{
      .query = mode == Mode::kAll ? topic.query : join(topic.words, " OR ", false),
      .limit = kDepth,
      .snippet_bytes = 0,
      .collapse_duplicates = false};
  Ranking ranking;
  for (const morgue::Hit& hit : searcher.search(request).hits) ranking.push_back(hit.id);
  return ranking;
}

Ranking search_fts5(sqlite3_stmt* stmt, const Topic& topic, Mode mode) {
  // Quoted words: FTS5 reads bare AND/OR/NOT and some punctuation as syntax.
  const std::string match = join(topic.words, mode == Mode::kAll ? " " : " OR ", true);
  sqlite3_reset(stmt);
  sqlite3_bind_text(stmt, 1, match.c_str(), -1, SQLITE_TRANSIENT);
  Ranking ranking;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) ranking.push_back(column_text(stmt, 0));
  if (rc != SQLITE_DONE) {
    throw std::runtime_error("fts5 query " + match + ": " +
                             sqlite3_errmsg(sqlite3_db_handle(stmt)));
  }
  return ranking;
}

// Average precision over the ranking (which is at most kDepth long) and nDCG@10 with binary
// gains; R counts all relevant articles, retrieved or not.
Score score(const Ranking& ranking, const Relevant& relevant) {
  Score s;
  s.hits = ranking.size();
  std::size_t found = 0;
  double precision_sum = 0;
  double dcg = 0;
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    if (relevant.count(ranking[i]) == 0) continue;
    ++found;
    precision_sum += static_cast<double>(found) / static_cast<double>(i + 1);
    if (i < kNdcgDepth) dcg += 1.0 / std::log2(static_cast<double>(i + 2));
  }
  double ideal = 0;
  for (std::size_t i = 0; i < std::min(relevant.size(), kNdcgDepth); ++i) {
    ideal += 1.0 / std::log2(static_cast<double>(i + 2));
  }
  s.ap = relevant.empty() ? 0 : precision_sum / static_cast<double>(relevant.size());
  s.ndcg = ideal == 0 ? 0 : dcg / ideal;
  return s;
}

// Scores of one topic: [engine][mode], engine 0 being Morgue and then kFtsPeers in order.
struct Row {
  const Topic* topic = nullptr;
  std::size_t relevant = 0;
  std::array<std::array<Score, 2>, kEngines> scores{};
};

const char* engine_name(std::size_t engine) {
  return engine == 0 ? "Morgue" : kFtsPeers[engine - 1].name;
}

std::string fixed(double value, int digits = 4) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

std::string ratio(double a, double b) { return b == 0 ? "n/a" : fixed(a / b, 2); }

// "Morgue / peer / tie" counts of topics where one engine scores higher.
std::string wins(const std::vector<Row>& rows, std::size_t peer, std::size_t mode, bool ndcg) {
  std::size_t morgue = 0;
  std::size_t other = 0;
  std::size_t tie = 0;
  for (const Row& row : rows) {
    const Score& m = row.scores[0][mode];
    const Score& p = row.scores[peer][mode];
    const double a = ndcg ? m.ndcg : m.ap;
    const double b = ndcg ? p.ndcg : p.ap;
    if (std::abs(a - b) < 1e-9) {
      ++tie;
    } else if (a > b) {
      ++morgue;
    } else {
      ++other;
    }
  }
  return std::to_string(morgue) + " / " + std::to_string(other) + " / " + std::to_string(tie);
}

void print_summary(const std::vector<Row>& rows) {
  std::cout << "| mode | engine | MAP | nDCG@10 | MAP Morgue/this | nDCG@10 Morgue/this "
               "| AP wins Morgue / this / tie | nDCG@10 wins Morgue / this / tie |\n"
               "|---|---|---:|---:|---:|---:|---:|---:|\n";
  const auto n = static_cast<double>(rows.size());
  for (std::size_t m = 0; m < 2; ++m) {
    std::array<double, kEngines> map{};
    std::array<double, kEngines> ndcg{};
    for (const Row& row : rows) {
      for (std::size_t e = 0; e < kEngines; ++e) {
        map[e] += row.scores[e][m].ap / n;
        ndcg[e] += row.scores[e][m].ndcg / n;
      }
    }
    for (std::size_t e = 0; e < kEngines; ++e) {
      std::cout << "| " << mode_name(kModes[m]) << " | " << engine_name(e) << " | " << fixed(map[e])
                << " | " << fixed(ndcg[e]) << " | ";
      if (e == 0) {
        std::cout << "| | | |\n";
      } else {
        std::cout << ratio(map[0], map[e]) << " | " << ratio(ndcg[0], ndcg[e]) << " | "
                  << wins(rows, e, m, false) << " | " << wins(rows, e, m, true) << " |\n";
      }
    }
  }
}

// The topics where Morgue's average precision trails a peer's the most, per mode.
void print_losses(const std::vector<Row>& rows, std::size_t peer, std::size_t count) {
  for (std::size_t m = 0; m < 2; ++m) {
    std::vector<const Row*> sorted;
    for (const Row& row : rows) sorted.push_back(&row);
    const auto loss = [peer, m](const Row* row) {
      return row->scores[0][m].ap - row->scores[peer][m].ap;
    };
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&loss](const Row* a, const Row* b) { return loss(a) < loss(b); });
    std::cout << "\nLargest AP losses of Morgue to " << engine_name(peer) << ", "
              << mode_name(kModes[m]) << ":\n\n"
              << "| topic | query | relevant | AP Morgue | AP peer | nDCG@10 Morgue | nDCG@10 peer "
                 "| hits Morgue | hits peer |\n"
              << "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (std::size_t i = 0; i < std::min(count, sorted.size()) && loss(sorted[i]) < 0; ++i) {
      const Row& row = *sorted[i];
      const Score& a = row.scores[0][m];
      const Score& b = row.scores[peer][m];
      std::cout << "| " << row.topic->name << " | " << row.topic->query << " | " << row.relevant
                << " | " << fixed(a.ap) << " | " << fixed(b.ap) << " | " << fixed(a.ndcg) << " | "
                << fixed(b.ndcg) << " | " << a.hits << " | " << b.hits << " |\n";
    }
  }
}

// One line per topic; columns <metric>_<engine>_<mode>, engines morgue, fts5_1, fts5_2... in
// the order of kFtsPeers.
void write_per_topic(const std::string& path, const std::vector<Row>& rows) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << "topic\tquery\trelevant";
  for (const Mode mode : kModes) {
    for (std::size_t e = 0; e < kEngines; ++e) {
      const std::string suffix = (e == 0 ? std::string("morgue") : "fts5_" + std::to_string(e)) +
                                 (mode == Mode::kAll ? "_and" : "_or");
      out << "\tap_" << suffix << "\tndcg10_" << suffix << "\thits_" << suffix;
    }
  }
  out << '\n';
  for (const Row& row : rows) {
    out << row.topic->name << '\t' << row.topic->query << '\t' << row.relevant;
    for (std::size_t m = 0; m < 2; ++m) {
      for (std::size_t e = 0; e < kEngines; ++e) {
        const Score& sc = row.scores[e][m];
        out << '\t' << fixed(sc.ap) << '\t' << fixed(sc.ndcg) << '\t' << sc.hits;
      }
    }
    out << '\n';
  }
}

int run(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::cerr << "usage: morgue_relevance_bench INDEX_DIR FTS5_DB QUERIES_TSV [PER_TOPIC_TSV]\n";
    return 2;
  }
  morgue::Searcher searcher = morgue::Searcher::open(argv[1]);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(argv[2], &raw, SQLITE_OPEN_READONLY, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    throw std::runtime_error(std::string("cannot open ") + argv[2] + ": " +
                             sqlite3_errmsg(db.get()));
  }
  const std::map<std::string, Relevant> judgements = read_judgements(db.get());
  const std::vector<Topic> topics = read_topics(argv[3]);
  // Ties in bm25 fall back to NEWID order so that runs are reproducible.
  std::vector<Statement> fts;
  for (const FtsPeer& peer : kFtsPeers) {
    fts.push_back(
        prepare(db.get(), "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs, " +
                              fixed(peer.title_weight, 1) + ", " + fixed(peer.body_weight, 1) +
                              "), rowid LIMIT " + std::to_string(kDepth)));
  }

  std::vector<Row> rows;
  std::size_t skipped = 0;
  for (const Topic& topic : topics) {
    const auto judged = judgements.find(topic.name);
    if (judged == judgements.end()) {
      ++skipped;  // No article carries the topic: nothing to find.
      continue;
    }
    Row row{.topic = &topic, .relevant = judged->second.size(), .scores = {}};
    for (std::size_t m = 0; m < 2; ++m) {
      row.scores[0][m] = score(search_morgue(searcher, topic, kModes[m]), judged->second);
      for (std::size_t p = 0; p < fts.size(); ++p) {
        row.scores[p + 1][m] = score(search_fts5(fts[p].get(), topic, kModes[m]), judged->second);
      }
    }
    rows.push_back(row);
  }
  if (rows.empty()) throw std::runtime_error("no query has a judged topic");

  std::cout << "Reuters-21578, all " << searcher.stats().article_count << " articles; "
            << rows.size() << " TOPICS queries";
  if (skipped != 0) std::cout << " (" << skipped << " skipped: topic tags no article)";
  std::cout << "; MAP over the top " << kDepth << ", nDCG@" << kNdcgDepth
            << " with binary gains.\n\n";
  print_summary(rows);
  for (std::size_t peer = 1; peer < kEngines; ++peer) print_losses(rows, peer, 8);
  if (argc == 5) write_per_topic(argv[4], rows);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const morgue::Error& e) {
    std::cerr << "morgue_relevance_bench: " << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "morgue_relevance_bench: " << e.what() << '\n';
  }
  return 1;
}
