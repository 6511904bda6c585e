// SPDX-License-Identifier: GPL-2.0-or-later
// Batched query latency for bench/peers.sh: opens one engine's index once and times every
// query of bench/queries.tsv, top 10, several times, printing one line per timed run.
//
// usage: morgue_query_bench ENGINE INDEX QUERIES [REPEAT]
//   ENGINE  morgue           morgue::Searcher, snippets of the default size
//           morgue-nosnippet morgue::Searcher with snippet_bytes = 0
//           morgue-facets    morgue::Searcher with snippets and the facets month, topic and
//                            place_tag (a full answer for a news-archive search page)
//           morgue-bare      morgue::Searcher with no snippet and no spelling suggestion: the
//                            core search, to compare with xapian-collapse
//           xapian           a plain Enquire loop on INDEX/xapian (Morgue's own Xapian store)
//           xapian-collapse  the same, collapsing on Morgue's duplicate-key slot as Morgue does
//           fts5             SQLite FTS5 table t in the file INDEX
//   REPEAT  timed passes over all queries (default 10), after one untimed warm-up pass
//
// Output, tab-separated: "sample CLASS MICROSECONDS" per timed query run, then
// "query N CLASS HITS ESTIMATE" per query (from the warm-up pass; ESTIMATE is -1 for fts5).
#include <sqlite3.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "morgue/error.h"
#include "morgue/searcher.h"

namespace {

constexpr unsigned kTopK = 10;
constexpr int kDefaultRepeat = 10;
// Morgue's value slots (schema/include/morgue/schema.h, not a public header).
constexpr unsigned kDateSlot = 0;
constexpr unsigned kDuplicateKeySlot = 1;
// The QueryParser flags Morgue's QueryBuilder uses (searcher/src/query.cpp).
constexpr unsigned kParserFlags =
    Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE |
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
    Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

// One line of queries.tsv.
struct Query {
  std::string cls;
  std::vector<std::string> words;
  std::string date_from;  // "YYYY-MM-DD" or empty
  std::string date_to;
};

// What one engine run returns, so the compiler cannot drop the work and runs can be checked.
struct Answer {
  std::size_t hits = 0;
  long long estimate = -1;
  std::size_t bytes = 0;  // data read for the hits (fts5: a checksum of ids)
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::vector<Query> read_queries(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<Query> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = split(line, '\t');
    f.resize(4);
    queries.push_back({f[0], split(f[1], ' '), f[2], f[3]});
  }
  return queries;
}

std::string join(const std::vector<std::string>& words, const std::string& sep) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

// The query in Morgue's (and Xapian's QueryParser's) syntax; the date range goes separately.
std::string xapian_syntax(const Query& q) {
  if (q.cls.rfind("or_", 0) == 0) return join(q.words, " OR ");
  if (q.cls == "phrase") return "\"" + join(q.words, " ") + "\"";
  return join(q.words, " ");
}

// The query in FTS5's syntax.
std::string fts5_syntax(const Query& q) {
  if (q.cls.rfind("or_", 0) == 0) return join(q.words, " OR ");
  if (q.cls == "phrase") return "\"" + join(q.words, " ") + "\"";
  return join(q.words, " AND ");
}

std::string compact_date(std::string date) {
  std::erase(date, '-');
  return date;
}

using Engine = std::function<Answer(const Query&)>;

Engine morgue_engine(const std::filesystem::path& index, std::size_t snippet_bytes,
                     std::vector<std::string> facets, bool suggest = true) {
  auto searcher = std::make_shared<morgue::Searcher>(morgue::Searcher::open(index));
  return [searcher, snippet_bytes, facets = std::move(facets), suggest](const Query& q) {
    morgue::SearchRequest request{.query = xapian_syntax(q),
                                  .limit = kTopK,
                                  .snippet_bytes = snippet_bytes,
                                  .date_from = q.date_from,
                                  .date_to = q.date_to};
    request.facets = facets;
    request.suggest = suggest;
    const morgue::SearchResults r = searcher->search(request);
    Answer a{.hits = r.hits.size(), .estimate = static_cast<long long>(r.total_estimated)};
    for (const morgue::Hit& h : r.hits) {
      a.bytes += h.title.size();
      for (const morgue::SnippetSpan& s : h.snippet) a.bytes += s.text.size();
    }
    for (const morgue::Facet& f : r.facets) a.bytes += f.values.size();
    return a;
  };
}

// What a program using Xapian directly would do for the same request: parse with the same
// options, filter on the date slot, rank with BM25, read each hit's document data.
Engine xapian_engine(const std::filesystem::path& index, bool collapse) {
  struct State {
    Xapian::Database db;
    Xapian::QueryParser parser;
  };
  auto state = std::make_shared<State>();
  state->db = Xapian::Database((index / "xapian").string());
  state->parser.set_database(state->db);
  state->parser.set_stemmer(Xapian::Stem("english"));
  state->parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  state->parser.set_default_op(Xapian::Query::OP_AND);
  return [state, collapse](const Query& q) {
    Xapian::Query query = state->parser.parse_query(xapian_syntax(q), kParserFlags);
    if (!q.date_from.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot,
                                          compact_date(q.date_from), compact_date(q.date_to)));
    }
    Xapian::Enquire enquire(state->db);
    enquire.set_query(query);
    if (collapse) enquire.set_collapse_key(kDuplicateKeySlot);
    const Xapian::MSet mset = enquire.get_mset(0, kTopK);
    Answer a{.hits = mset.size(), .estimate = mset.get_matches_estimated()};
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      a.bytes += it.get_document().get_data().size();
    }
    return a;
  };
}

Engine fts5_engine(const std::filesystem::path& file) {
  struct State {
    sqlite3* db = nullptr;
    sqlite3_stmt* plain = nullptr;
    sqlite3_stmt* dated = nullptr;
    State() = default;
    State(const State&) = delete;
    State& operator=(const State&) = delete;
    ~State() {
      sqlite3_finalize(plain);
      sqlite3_finalize(dated);
      sqlite3_close(db);
    }
  };
  auto state = std::make_shared<State>();
  if (sqlite3_open_v2(file.c_str(), &state->db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot open " + file.string() + ": " + sqlite3_errmsg(state->db));
  }
  auto prepare = [&](const char* sql, sqlite3_stmt** stmt) {
    if (sqlite3_prepare_v3(state->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr) !=
        SQLITE_OK) {
      throw std::runtime_error(std::string("cannot prepare: ") + sqlite3_errmsg(state->db));
    }
  };
  prepare("SELECT rowid, bm25(t) FROM t WHERE t MATCH ?1 ORDER BY bm25(t) LIMIT 10", &state->plain);
  prepare(
      "SELECT rowid, bm25(t) FROM t WHERE t MATCH ?1 AND date BETWEEN ?2 AND ?3 "
      "ORDER BY bm25(t) LIMIT 10",
      &state->dated);
  return [state](const Query& q) {
    sqlite3_stmt* stmt = q.date_from.empty() ? state->plain : state->dated;
    const std::string match = fts5_syntax(q);
    sqlite3_reset(stmt);
    sqlite3_bind_text(stmt, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    if (!q.date_from.empty()) {
      sqlite3_bind_text(stmt, 2, q.date_from.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 3, q.date_to.c_str(), -1, SQLITE_TRANSIENT);
    }
    Answer a;
    int rc = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      ++a.hits;
      // Only the id and the score: FTS5 would read stored columns with one more lookup.
      a.bytes += static_cast<std::size_t>(sqlite3_column_int64(stmt, 0)) +
                 static_cast<std::size_t>(sqlite3_column_double(stmt, 1) != 0.0);
    }
    if (rc != SQLITE_DONE) {
      throw std::runtime_error("query \"" + match + "\": " + sqlite3_errmsg(state->db));
    }
    return a;
  };
}

Engine make_engine(const std::string& name, const std::filesystem::path& index) {
  const std::size_t snippet_bytes = morgue::SearchRequest{}.snippet_bytes;
  if (name == "morgue") return morgue_engine(index, snippet_bytes, {});
  if (name == "morgue-nosnippet") return morgue_engine(index, 0, {});
  if (name == "morgue-facets") {
    return morgue_engine(index, snippet_bytes, {"month", "topic", "place_tag"});
  }
  if (name == "morgue-bare") return morgue_engine(index, 0, {}, false);
  if (name == "xapian") return xapian_engine(index, false);
  if (name == "xapian-collapse") return xapian_engine(index, true);
  if (name == "fts5") return fts5_engine(index);
  throw std::invalid_argument("unknown engine " + name);
}

int run(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::cerr << "usage: morgue_query_bench "
                 "morgue|morgue-nosnippet|morgue-facets|morgue-bare|xapian|xapian-collapse|fts5 "
                 "INDEX "
                 "QUERIES [REPEAT]\n";
    return 2;
  }
  const std::vector<Query> queries = read_queries(argv[3]);
  const int repeat = argc == 5 ? std::atoi(argv[4]) : kDefaultRepeat;
  const Engine engine = make_engine(argv[1], argv[2]);

  std::vector<Answer> first;
  first.reserve(queries.size());
  for (const Query& q : queries) first.push_back(engine(q));

  std::size_t sink = 0;
  std::string out;
  for (int pass = 0; pass < repeat; ++pass) {
    for (const Query& q : queries) {
      const auto start = std::chrono::steady_clock::now();
      const Answer a = engine(q);
      const auto end = std::chrono::steady_clock::now();
      sink += a.bytes;
      const std::chrono::duration<double, std::micro> us = end - start;
      out += "sample\t" + q.cls + "\t" + std::to_string(us.count()) + "\n";
    }
  }
  std::cout << out;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    std::cout << "query\t" << i + 1 << '\t' << queries[i].cls << '\t' << first[i].hits << '\t'
              << first[i].estimate << '\n';
  }
  std::cerr << argv[1] << ": " << queries.size() << " queries x " << repeat << " passes (" << sink
            << " bytes of hits read)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const morgue::Error& e) {
    std::cerr << "morgue_query_bench: " << e.what() << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "morgue_query_bench: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "morgue_query_bench: " << e.what() << '\n';
  }
  return 1;
}
