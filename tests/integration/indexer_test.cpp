// SPDX-License-Identifier: GPL-2.0-or-later
// Indexer on real on-disk stores: counts in both stores, idempotence, bad input, crash safety.
#include "morgue/indexer.h"

#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "morgue/error.h"
#include "morgue/internal/record.h"
#include "morgue/internal/sqlite.h"
#include "morgue/internal/store.h"
#include "test_support.h"

using namespace morgue;
namespace fs = std::filesystem;

namespace {

std::set<std::string> xapian_ids(const fs::path& index) {
  Xapian::Database db((index / "xapian").string());
  std::set<std::string> ids;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    ids.insert(record::decode(db.get_document(*it).get_data()).id);
  }
  return ids;
}

std::set<std::string> sqlite_ids(const fs::path& index) {
  auto db = sqlite::Database::open(index / "morgue.sqlite", sqlite::Database::Mode::kReadOnly);
  auto st = db.prepare("SELECT id FROM articles");
  std::set<std::string> ids;
  while (st.step()) ids.insert(st.column_text(0));
  return ids;
}

const FileIssue* find_issue(const std::vector<FileIssue>& list, std::string_view name) {
  for (const FileIssue& f : list) {
    if (fs::path(f.path).filename() == name) return &f;
  }
  return nullptr;
}

// Runs `body` in a child process that then exits 0, and returns the child's exit status: how the
// crash tests stop an indexer at a chosen moment (_exit from a commit hook, no destructor run).
int exit_status_of_child(const std::function<void()>& body) {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      body();
    } catch (...) {
      _exit(1);
    }
    _exit(0);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

// `options` with a commit hook that kills the process (exit status 9) at the nth `stage`.
IndexerOptions dying_at(IndexerOptions options, const std::string& stage, int nth) {
  options.commit_hook = [stage, nth, seen = 0](std::string_view s) mutable {
    if (s == stage && ++seen == nth) _exit(9);
  };
  return options;
}

// Copies a few real articles (the seed and Reuters samples) into `dir`.
void make_archive(const fs::path& dir, int reuters_count) {
  fs::create_directories(dir / "seed");
  fs::copy_file(test::seed_article(), dir / "seed" / test::seed_article().filename());
  int n = 0;
  for (const auto& e : fs::directory_iterator(test::samples_dir() / "reuters")) {
    if (n++ == reuters_count) break;
    fs::create_directories(dir / "reuters");
    fs::copy_file(e.path(), dir / "reuters" / e.path().filename());
  }
}

}  // namespace

TEST_CASE("indexing the samples fills both stores with the same articles", "[indexer]") {
  test::TempDir tmp;
  const fs::path index = tmp / "idx";
  IndexReport report;
  {
    Indexer indexer = Indexer::open(index, {.batch_size = 17});
    report = indexer.index_paths({test::samples_dir()});
  }
  CHECK(report.ok());
  CHECK(report.articles_indexed >= 100);
  CHECK(report.files_indexed == report.articles_indexed);
  const auto ids = xapian_ids(index);
  CHECK(ids.size() == report.articles_indexed);
  CHECK(ids == sqlite_ids(index));
  CHECK(ids.count("seed/000_e5e6e8b9b571241e.txt") == 1);

  auto db = sqlite::Database::open(index / "morgue.sqlite", sqlite::Database::Mode::kReadOnly);
  auto st = db.prepare(
      "SELECT title, date, date_inferred, source, length(content_hash) FROM articles WHERE id = "
      "?1");
  st.bind(1, std::string("reuters/reuters-00001.txt"));
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "BAHIA COCOA REVIEW");
  CHECK(st.column_text(1) == "1987-02-26");
  CHECK(st.column_int(2) == 0);
  CHECK(st.column_text(3) == "Reuters");
  CHECK(st.column_int(4) == 32);
}

TEST_CASE("re-indexing replaces articles and never duplicates them", "[indexer]") {
  test::TempDir tmp;
  make_archive(tmp / "archive", 5);
  const fs::path index = tmp / "idx";
  for (int run = 0; run < 3; ++run) {
    Indexer indexer = Indexer::open(index);
    const IndexReport r = indexer.index_paths({tmp / "archive"});
    CHECK(r.articles_indexed == (run == 0 ? 6U : 0U));
    CHECK(r.files_unchanged == (run == 0 ? 0U : 6U));
  }
  CHECK(xapian_ids(index).size() == 6);
  CHECK(sqlite_ids(index).size() == 6);

  // An edited file replaces its article under the same id.
  test::write_file(tmp / "archive" / "seed" / "000_e5e6e8b9b571241e.txt",
                   "A new headline\n\nNew body text about zeppelins.\n");
  {
    Indexer indexer = Indexer::open(index);
    (void)indexer.index_paths({tmp / "archive"});
  }
  Xapian::Database db((index / "xapian").string());
  CHECK(db.get_doccount() == 6);
  CHECK(db.get_termfreq("Zzeppelin") == 1);
  CHECK(db.get_termfreq("pompeo") == 0);
}

TEST_CASE("bad files are skipped or repaired with a reason; the run goes on", "[indexer]") {
  test::TempDir tmp;
  const fs::path in = tmp / "in";
  test::write_file(in / "good.txt", "Good title\n\nGood body.\n");
  test::write_file(in / "empty.txt", "");
  test::write_file(in / "blank.txt", "  \n\n\t\n");
  test::write_file(in / "binary.txt", std::string("PK\x03\x04\0\0\0\0binary", 14));
  test::write_file(in / "latin1.txt",
                   "Price rise\n\nA pint now costs \xA3"
                   "5 at the caf\xE9.\n");
  test::write_file(in / "stray.txt",
                   "Caf\xC3\xA9 news\n\nOne bad \xFF byte in UTF-8: caf\xC3\xA9.\n");
  test::write_file(in / "photo.jpg", "\xFF\xD8\xFF\xE0");
  fs::create_symlink("/proc/self/mem", in / "unreadable.txt");
  const fs::path index = tmp / "idx";
  Indexer indexer = Indexer::open(index);
  const IndexReport r = indexer.index_paths({in, tmp / "does-not-exist"});
  CHECK(r.files_seen == 8);
  CHECK(r.files_indexed == 3);
  CHECK(r.files_ignored == 1);
  CHECK_FALSE(r.ok());
  REQUIRE(find_issue(r.failed, "empty.txt"));
  CHECK(find_issue(r.failed, "empty.txt")->reason == "empty file");
  REQUIRE(find_issue(r.failed, "blank.txt"));
  CHECK(find_issue(r.failed, "blank.txt")->reason == "empty file");
  REQUIRE(find_issue(r.failed, "binary.txt"));
  CHECK(find_issue(r.failed, "binary.txt")->reason == "binary content behind a .txt extension");
  REQUIRE(find_issue(r.failed, "unreadable.txt"));
  CHECK_THAT(find_issue(r.failed, "unreadable.txt")->reason, Catch::StartsWith("read error: "));
  REQUIRE(find_issue(r.failed, "does-not-exist"));
  REQUIRE(find_issue(r.repaired, "latin1.txt"));
  CHECK_THAT(find_issue(r.repaired, "latin1.txt")->reason,
             Catch::StartsWith("not UTF-8: read as "));
  REQUIRE(find_issue(r.repaired, "stray.txt"));
  CHECK(find_issue(r.repaired, "stray.txt")->reason ==
        "invalid UTF-8 at byte 20 (1 byte read as Windows-1252)");
  indexer.commit();
  Xapian::Database db((index / "xapian").string());
  CHECK(db.get_doccount() == 3);
  const auto it = db.postlist_begin("Qlatin1.txt");
  REQUIRE(it != db.postlist_end("Qlatin1.txt"));
  CHECK(record::decode(db.get_document(*it).get_data()).body == "A pint now costs £5 at the café.");
}

TEST_CASE("articles given in memory are added and replaced and removed", "[indexer]") {
  test::TempDir tmp;
  const fs::path index = tmp / "idx";
  {
    Indexer indexer = Indexer::open(index);
    indexer.add({.id = "mem-1", .title = "Cocoa", .date = "1987-02-26", .body = "Bahia cocoa."});
    indexer.add({.id = "mem-2", .title = "Tin", .body = "Tin prices fell."});
    indexer.add({.id = "mem-1", .title = "Cocoa again", .body = "Bahia cocoa rains."});
    CHECK(indexer.remove("mem-2"));
    CHECK_FALSE(indexer.remove("never-there"));
    CHECK_THROWS_AS(indexer.add({.title = "no id"}), Error);
    CHECK_THROWS_AS(indexer.add({.id = "empty"}), Error);
  }
  CHECK(xapian_ids(index) == std::set<std::string>{"mem-1"});
  CHECK(sqlite_ids(index) == std::set<std::string>{"mem-1"});
}

TEST_CASE("a second writer gets a clear lock error", "[indexer]") {
  test::TempDir tmp;
  Indexer first = Indexer::open(tmp / "idx");
  CHECK_THROWS_WITH(Indexer::open(tmp / "idx"),
                    Catch::Contains("index is locked by another writer"));
}

// A child process indexes and dies (_exit, no destructors run) at a chosen moment; the parent
// reopens the index and checks that the two stores agree and that committed work survived.
// Batch by batch: what an existing index always gets (a new one too, without bulk).
namespace {

std::vector<std::string> sqlite_rows(const fs::path& index, const std::string& sql,
                                     int columns = 1) {
  auto db = sqlite::Database::open(index / "morgue.sqlite", sqlite::Database::Mode::kReadOnly);
  auto st = db.prepare(sql);
  std::vector<std::string> rows;
  while (st.step()) {
    std::string row;
    for (int c = 0; c < columns; ++c)
      row += (st.column_is_null(c) ? "NULL" : st.column_text(c)) + "|";
    rows.push_back(row);
  }
  return rows;
}

// The secondary indexes of the SQLite store (schema::sqlite_index_ddl() creates ten).
constexpr std::string_view kExplicitIndexes =
    "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";

}  // namespace

TEST_CASE("a crash at any point leaves both stores agreeing after reopen", "[indexer][crash]") {
  const std::string stage =
      GENERATE(as<std::string>{}, "xapian-committed", "sqlite-committed", "mid-batch");
  CAPTURE(stage);
  test::TempDir tmp;
  make_archive(tmp / "archive", 12);
  const fs::path index = tmp / "idx";

  const int status = exit_status_of_child([&] {
    Indexer indexer = Indexer::open(index, dying_at({.batch_size = 4, .bulk = false}, stage, 2));
    if (stage == "mid-batch") {
      // Two full batches committed, then die with two more articles written but
      // uncommitted.
      int added = 0;
      for (const auto& e : fs::directory_iterator(tmp / "archive" / "reuters")) {
        indexer.add({.id = e.path().filename().string(), .title = "t", .body = "body words"});
        if (++added == 10) _exit(9);
      }
    }
    (void)indexer.index_paths({tmp / "archive"});
  });
  REQUIRE(status == 9);

  { Indexer reopened = Indexer::open(index); }  // recovery happens on open
  const auto ids = xapian_ids(index);
  CHECK(ids == sqlite_ids(index));
  // The build had dropped SQLite's secondary indexes: opening a writer put them back.
  CHECK(sqlite_rows(index, std::string(kExplicitIndexes)).size() == 10);
  // Two batches of four were committed in Xapian before the crash.
  CHECK(ids.size() == 8);

  // A second run completes the rest.
  {
    Indexer indexer = Indexer::open(index);
    (void)indexer.index_paths({tmp / "archive"});
  }
  CHECK(xapian_ids(index) == sqlite_ids(index));
  CHECK(xapian_ids(index).count("seed/000_e5e6e8b9b571241e.txt") == 1);
}

// A bulk build (a new index written into shards, merged at the end) that dies midway leaves an
// empty index and an SQLite store that agrees with it; one that dies after merging, all of it.

TEST_CASE("a crash during a bulk build loses only the build", "[indexer][crash][bulk]") {
  const std::string stage = GENERATE(as<std::string>{}, "sqlite-committed", "xapian-committed");
  CAPTURE(stage);
  test::TempDir tmp;
  make_archive(tmp / "archive", 12);
  const fs::path index = tmp / "idx";

  const int status = exit_status_of_child([&] {
    // Two SQLite batches into the build; or the merge, the build's one Xapian commit. Shards
    // start a new database every 2 documents, so a killed build leaves several each.
    Indexer indexer =
        Indexer::open(index, dying_at({.batch_size = 4, .shards = 2, .shard_segment_docs = 2},
                                      stage, stage == "sqlite-committed" ? 2 : 1));
    (void)indexer.index_paths({tmp / "archive"});
  });
  REQUIRE(status == 9);

  // Recovery happens on open. Not in bulk mode: the writer itself must put back the SQLite
  // indexes that the build had dropped.
  { Indexer reopened = Indexer::open(index, {.bulk = false}); }
  const auto ids = xapian_ids(index);
  CHECK(ids == sqlite_ids(index));
  CHECK(sqlite_rows(index, std::string(kExplicitIndexes)).size() == 10);
  CHECK(ids.size() == (stage == "sqlite-committed" ? 0U : 13U));
  for (const auto& entry : fs::directory_iterator(index)) {
    CAPTURE(entry.path());
    CHECK(entry.path().filename().string().find("shard") == std::string::npos);
  }

  // The next run indexes everything: no file is taken for already indexed.
  {
    Indexer indexer = Indexer::open(index);
    (void)indexer.index_paths({tmp / "archive"});
  }
  CHECK(xapian_ids(index) == sqlite_ids(index));
  CHECK(xapian_ids(index).size() == 13);
}

TEST_CASE("stores staged by a process that was killed are cleaned up", "[indexer][crash]") {
  test::TempDir tmp;
  make_archive(tmp / "archive", 2);
  const fs::path index = tmp / "idx";
  const auto layout = store::Layout::of(index);
  fs::create_directories(index);
  // A creator killed after making its staged copies, before renaming them in.
  REQUIRE(exit_status_of_child([&] {
            fs::create_directories(store::staging_path(layout.xapian));
            std::ofstream{store::staging_path(layout.sqlite)} << "half";
          }) == 0);
  REQUIRE(std::distance(fs::directory_iterator(index), fs::directory_iterator()) == 2);

  {
    Indexer indexer = Indexer::open(index);
    CHECK(indexer.index_paths({tmp / "archive"}).articles_indexed == 3);
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(index)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("morgue.sqlite-")) names.push_back(name);  // WAL files
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"morgue.sqlite", "xapian"});
}

namespace {

// Everything Xapian holds of each article, by id: terms with wdf and positions, values, data.
std::map<std::string, std::string> xapian_contents(const fs::path& index) {
  Xapian::Database db((index / "xapian").string());
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string text;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      text += *t + ":" + std::to_string(t.get_wdf()) + "@";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        text += std::to_string(*p) + ",";
      }
      text += " ";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      text += "\n" + std::to_string(v.get_valueno()) + "=" + *v;
    }
    out[record::decode(doc.get_data()).id] = text + "\n" + doc.get_data();
  }
  return out;
}

std::map<std::string, Xapian::doccount> spelling_of(const fs::path& index) {
  Xapian::Database db((index / "xapian").string());
  std::map<std::string, Xapian::doccount> out;
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out[*w] = w.get_termfreq();
  return out;
}

}  // namespace

// The bulk build is an optimisation only: it must write what batch-by-batch writing does.
TEST_CASE("a bulk build writes the same index as batch by batch writing", "[indexer][bulk]") {
  test::TempDir tmp;
  // Real news with near duplicates and repeated ids: the samples and 1000 Reuters stories.
  fs::create_directories(tmp / "archive");
  fs::copy(test::samples_dir(), tmp / "archive" / "samples", fs::copy_options::recursive);
  fs::copy_file(test::reuters_corpus_dir() / "reut2-003.sgm", tmp / "archive" / "reut2-003.sgm");
  // Ids that come again, each time with other words: the last one read wins. Files are read
  // in name order, so these come first and last. Batch by batch writing takes back the
  // spelling data of the version it replaces; a bulk build reads the merged index's
  // frequencies, which count the last version only.
  const auto repeats = [](const std::string& version) {
    std::string out;
    for (int i = 0; i < 3; ++i) {
      const std::string n = std::to_string(i);
      out += R"({"id": "repeat-)" + n + R"(", "title": "R)" + n + version + R"(", "body": "b)" + n +
             version + " " + version + " " + version + " y" + version + R"(5"})" + "\n";
    }
    return out;
  };
  test::write_file(tmp / "archive" / "a-repeats.jsonl", repeats("kestrel"));
  test::write_file(tmp / "archive" / "z-repeats.jsonl", repeats("osprey"));

  const auto build = [&](const fs::path& index, IndexerOptions options) {
    Indexer indexer = Indexer::open(index, std::move(options));
    const IndexReport report = indexer.index_paths({tmp / "archive"});
    CHECK(report.failed.empty());
    return report.articles_indexed;
  };
  const std::size_t batched = build(tmp / "batched", {.batch_size = 97, .bulk = false});
  CHECK(batched > 1000);
  const auto batched_docs = xapian_contents(tmp / "batched");
  const auto spelling = spelling_of(tmp / "batched");
  // Words, not numbers: Reuters' "1987", "mln" and "dlrs" are in the text; only words are kept.
  CHECK(spelling.count("mln") == 1);
  CHECK(spelling.count("dlrs") == 1);
  CHECK(spelling.count("1987") == 0);
  // The replaced versions' words are gone; the last versions' count once per occurrence.
  CHECK(spelling.count("kestrel") == 0);
  REQUIRE(spelling.count("osprey") == 1);
  CHECK(spelling.at("osprey") == 3 * 2);  // twice in each of the three bodies
  for (const auto& [word, frequency] : spelling) {
    if (word.find_first_of("0123456789") != std::string::npos) FAIL_CHECK(word);
  }
  const std::pair<std::string, int> queries[] = {
      {"SELECT id, title, date, cluster, lang, file FROM articles ORDER BY id", 6},
      {"SELECT type, name FROM entities ORDER BY type, name", 2},
      {"SELECT article, type, name, count FROM mentions JOIN entities ON entity = entities.id "
       "ORDER BY article, type, name",
       4},
      {"SELECT path, articles FROM files ORDER BY path", 2},
      {"SELECT article, entity, surface, count FROM article_aliases "
       "ORDER BY article, entity, surface",
       4},
      // The bulk build drops the secondary indexes while it fills the tables: all are back.
      {"SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name", 2}};

  const auto same_as_batched = [&](const fs::path& bulk_index) {
    const auto bulk_docs = xapian_contents(bulk_index);
    REQUIRE(bulk_docs.size() == batched_docs.size());
    std::size_t differing = 0;
    for (const auto& [id, text] : batched_docs) {
      const auto it = bulk_docs.find(id);
      if (it == bulk_docs.end() || it->second != text) {
        if (differing++ < 3) {
          CAPTURE(id, text, it == bulk_docs.end() ? "(missing)" : it->second);
          FAIL_CHECK("the bulk build wrote this article differently");
        }
      }
    }
    CHECK(differing == 0);
    CHECK(spelling_of(bulk_index) == spelling);
    CHECK(sqlite_rows(bulk_index, std::string(kExplicitIndexes)).size() == 10);
    for (const auto& [sql, columns] : queries) {
      CAPTURE(sql);
      CHECK(sqlite_rows(bulk_index, sql, columns) == sqlite_rows(tmp / "batched", sql, columns));
    }
    // Near duplicates were found (the corpus has them), the same way.
    CHECK(
        sqlite_rows(bulk_index, "SELECT cluster FROM articles GROUP BY cluster HAVING count(*) > 1")
            .size() > 3);
    // Nothing temporary is left beside the index.
    for (const auto& entry : fs::directory_iterator(bulk_index)) {
      const std::string name = entry.path().filename().string();
      CHECK((name == "xapian" || name.starts_with("morgue.sqlite")));
    }
  };
  SECTION("one database per shard") {
    CHECK(build(tmp / "bulk", {.batch_size = 97, .shards = 3}) == batched);
    same_as_batched(tmp / "bulk");

    // The merged index is an ordinary one: a second run adds to it batch by batch.
    test::write_file(tmp / "archive" / "extra.txt", "Cocoa rains\n\nBahia cocoa rains fell.");
    {
      Indexer indexer = Indexer::open(tmp / "bulk");
      const IndexReport report = indexer.index_paths({tmp / "archive"});
      CHECK(report.articles_indexed == 1);
      CHECK(report.files_unchanged > 0);
    }
    CHECK(xapian_ids(tmp / "bulk").size() == batched_docs.size() + 1);
    CHECK(xapian_ids(tmp / "bulk") == sqlite_ids(tmp / "bulk"));
  }
  SECTION("shards that start a new database every 5 documents") {
    // About 70 databases per shard, so the merge goes in rounds (at most 64 at a time). The
    // repeated ids of repeats.jsonl come back after hundreds of others, so they replace
    // documents in a shard's earlier databases.
    CHECK(build(tmp / "segmented", {.batch_size = 97, .shards = 3, .shard_segment_docs = 5}) ==
          batched);
    same_as_batched(tmp / "segmented");
  }
}

namespace {

std::string reuters_records(const std::vector<std::pair<int, std::string>>& records) {
  std::string out;
  for (const auto& [id, body] : records) {
    out += "<REUTERS NEWID=\"" + std::to_string(id) +
           "\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n" +
           "<TOPICS><D>cocoa</D></TOPICS>\n<TEXT>&#2;\n<TITLE>STORY " + std::to_string(id) +
           "</TITLE>\n<BODY>" + body + "\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a second run over an unchanged archive reads nothing", "[indexer][incremental]") {
  test::TempDir tmp;
  make_archive(tmp / "archive", 5);
  const fs::path index = tmp / "idx";
  {
    Indexer indexer = Indexer::open(index);
    const IndexReport first = indexer.index_paths({tmp / "archive"});
    CHECK(first.articles_new == 6);
    CHECK(first.files_unchanged == 0);
  }
  {
    Indexer indexer = Indexer::open(index);
    const IndexReport second = indexer.index_paths({tmp / "archive"});
    CHECK(second.files_unchanged == 6);
    CHECK(second.articles_indexed == 0);
    CHECK(second.bytes_read == 0);

    // A touched but unchanged file is read once, found equal by hash, and skipped.
    const fs::path seed = tmp / "archive" / "seed" / test::seed_article().filename();
    fs::last_write_time(seed, fs::last_write_time(seed) + std::chrono::seconds(5));
    const IndexReport third = indexer.index_paths({tmp / "archive"});
    CHECK(third.files_unchanged == 6);
    CHECK(third.articles_indexed == 0);
    CHECK(third.bytes_read > 0);
  }
  // Its new time was committed, though that run wrote no article: the next run reads nothing.
  Indexer indexer = Indexer::open(index);
  CHECK(indexer.index_paths({tmp / "archive"}).bytes_read == 0);
}

TEST_CASE("a changed multi-article file replaces its articles and drops the gone ones",
          "[indexer][incremental]") {
  test::TempDir tmp;
  const fs::path index = tmp / "idx";
  test::write_file(tmp / "in" / "wire.sgm",
                   reuters_records({{1, "Cocoa rose."}, {2, "Tin fell."}, {3, "Zinc held."}}));
  {
    Indexer indexer = Indexer::open(index);
    CHECK(indexer.index_paths({tmp / "in"}).articles_new == 3);
  }
  test::write_file(tmp / "in" / "wire.sgm",
                   reuters_records({{1, "Cocoa rose sharply."}, {3, "Zinc held."}, {4, "Gold."}}));
  Indexer indexer = Indexer::open(index);
  const IndexReport r = indexer.index_paths({tmp / "in"});
  CHECK(r.articles_new == 1);
  CHECK(r.articles_updated == 2);
  CHECK(r.articles_removed == 1);
  indexer.commit();
  CHECK(xapian_ids(index) == std::set<std::string>{"1", "3", "4"});
  CHECK(sqlite_ids(index) == std::set<std::string>{"1", "3", "4"});
}

TEST_CASE("prune removes the articles of deleted files", "[indexer][incremental]") {
  test::TempDir tmp;
  make_archive(tmp / "archive", 3);
  const fs::path index = tmp / "idx";
  {
    Indexer indexer = Indexer::open(index);
    (void)indexer.index_paths({tmp / "archive"});
  }
  fs::remove_all(tmp / "archive" / "seed");
  Indexer indexer = Indexer::open(index);
  const IndexReport kept = indexer.index_paths({tmp / "archive"});
  CHECK(kept.articles_removed == 0);
  CHECK(xapian_ids(index).count("seed/000_e5e6e8b9b571241e.txt") == 1);
  const IndexReport pruned = indexer.index_paths({tmp / "archive"}, {}, true);
  CHECK(pruned.articles_removed == 1);
  indexer.commit();
  CHECK(xapian_ids(index).size() == 3);
  CHECK(xapian_ids(index) == sqlite_ids(index));
}

TEST_CASE("archive tags become boolean terms and SQLite rows", "[indexer]") {
  test::TempDir tmp;
  test::write_file(tmp / "in" / "wire.sgm", reuters_records({{7, "Cocoa rose."}}));
  {
    Indexer indexer = Indexer::open(tmp / "idx");
    (void)indexer.index_paths({tmp / "in"});
  }
  Xapian::Database db((tmp / "idx" / "xapian").string());
  CHECK(db.get_termfreq("XTOPICcocoa") == 1);
  CHECK(db.get_termfreq("Len") == 1);
  auto sql =
      sqlite::Database::open(tmp / "idx" / "morgue.sqlite", sqlite::Database::Mode::kReadOnly);
  auto st = sql.prepare("SELECT field, value FROM article_tags WHERE article = '7'");
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "topic");
  CHECK(st.column_text(1) == "cocoa");
}

TEST_CASE("files inside a tar.gz are indexed with their container path", "[indexer][containers]") {
  test::TempDir tmp;
  test::write_file(tmp / "src" / "05" / "08" / "article.txt", "Tar title\n\nText in a tarball.\n");
  test::write_file(
      tmp / "src" / "05" / "09" / "page.html",
      "<html><head><title>Page</title></head><body><p>Html in a tarball.</p></body></html>");
  const std::string cmd = "tar -C '" + (tmp / "src").string() + "' -czf '" +
                          (tmp / "in" / "2019.tar.gz").string() + "' 05";
  fs::create_directories(tmp / "in");
  REQUIRE(std::system(cmd.c_str()) == 0);
  Indexer indexer = Indexer::open(tmp / "idx");
  const IndexReport r = indexer.index_paths({tmp / "in"});
  CHECK(r.ok());
  CHECK(r.articles_new == 2);
  indexer.commit();
  CHECK(xapian_ids(tmp / "idx") ==
        std::set<std::string>{"2019.tar.gz!/05/08/article.txt", "2019.tar.gz!/05/09/page.html"});
}

TEST_CASE("every format indexes end to end through the indexer", "[indexer][formats]") {
  test::TempDir tmp;
  const fs::path data(MORGUE_TEST_DATA_DIR);
  fs::create_directories(tmp / "in");
  for (const char* folder : {"csv", "feeds", "json", "newsml", "nitf", "warc", "html"}) {
    fs::copy(data / folder, tmp / "in" / folder, fs::copy_options::recursive);
  }
  fs::copy_file(data / "containers" / "tree.tar.gz", tmp / "in" / "tree.tar.gz");
  Indexer indexer = Indexer::open(tmp / "idx");
  const IndexReport r = indexer.index_paths({tmp / "in"});
  indexer.commit();
  const auto ids = xapian_ids(tmp / "idx");
  CAPTURE(ids.size());
  for (const char* id : {
           "html/guardian_style.html",                                // HTML
           "csv-001",                                                 // CSV
           "wire-2019-0508-001",                                      // JSON Lines / JSON
           "MW-20190508-0042",                                        // NITF
           "urn:newsml:metrowire.example:20190508:harbour-dredging",  // NewsML-G2
           "https://ledger.example/?p=10231",                         // RSS
           "tag:northern-chronicle.example,2020:storm-ciara",         // Atom
           "http://news.example.com/2024/03/02/council.html",         // WARC
       }) {
    CAPTURE(id);
    CHECK(ids.count(id) == 1);
  }
  std::size_t in_tarball = 0;
  for (const std::string& id : ids) in_tarball += id.rfind("tree.tar.gz!/", 0) == 0 ? 1U : 0U;
  CHECK(in_tarball >= 1);
  CHECK(ids == sqlite_ids(tmp / "idx"));
  // The deliberately bad samples are reported by name, and nothing else fails.
  CHECK(r.failed.size() == 3);
  CHECK(find_issue(r.failed, "no_title_column.csv"));
  CHECK(find_issue(r.failed, "no_text.html"));
  CHECK(find_issue(r.failed, "empty_records.json"));
}

TEST_CASE("unknown extensions are sniffed from their first bytes", "[indexer][formats]") {
  test::TempDir tmp;
  test::write_file(tmp / "in" / "page.dat",
                   "<!DOCTYPE html><html><head><title>Sniffed</title></head><body><p>A page "
                   "without an extension.</p></body></html>");
  test::write_file(tmp / "in" / "wire.data", reuters_records({{11, "Copper rose."}}));
  // Mentioning markup does not make a script a page.
  test::write_file(tmp / "in" / "make_page.py", "html = '<html><body>hi</body></html>'\n");
  test::write_file(tmp / "in" / "photo.bin", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  Indexer indexer = Indexer::open(tmp / "idx");
  const IndexReport r = indexer.index_paths({tmp / "in"});
  CHECK(r.ok());
  CHECK(r.articles_new == 2);
  CHECK(r.files_ignored == 2);
  indexer.commit();
  CHECK(xapian_ids(tmp / "idx") == std::set<std::string>{"11", "page.dat"});
}

namespace {

// Indexes `archive` into `index` without entities, reading files in pieces of `piece` bytes.
IndexReport index_in_pieces(const fs::path& archive, const fs::path& index, std::size_t piece) {
  Indexer indexer = Indexer::open(index, {.entities = false, .stream_chunk_bytes = piece});
  return indexer.index_paths({archive});
}

}  // namespace

// A file larger than stream_chunk_bytes is read in pieces cut between records; the result must
// be the same as reading it whole: ids (numbered across pieces), stored articles, warnings
// (line and record numbers across pieces) and the file's content hash.
TEST_CASE("a large file is read in pieces with the same result as read whole",
          "[indexer][stream]") {
  test::TempDir tmp;
  fs::create_directories(tmp / "archive");
  // The first 200 records of a Reuters file (the suite also runs under sanitizers: keep it
  // small), and JSON Lines without ids (numbered "wire.jsonl#N") with bad lines and blanks.
  const std::string sgml = test::read_file(test::reuters_corpus_dir() / "reut2-012.sgm");
  std::size_t cut = 0;
  for (int record = 0; record < 200; ++record) cut = sgml.find("</REUTERS>", cut) + 10;
  test::write_file(tmp / "archive" / "reut2-012.sgm", sgml.substr(0, cut) + "\n");
  std::string jsonl;
  for (int i = 1; i <= 600; ++i) {
    if (i == 100) jsonl += "not json at all\n";
    if (i == 500) jsonl += "[1, 2]\n\n\n";
    jsonl += R"({"title": "Cocoa report )" + std::to_string(i) +
             R"(", "body": "Bahia cocoa farmers said rains fell in the week to )" +
             std::to_string(i % 28 + 1) + R"( March; arrivals of )" + std::to_string(i * 7) +
             R"( bags were reported by the Reuters correspondent in Salvador."})" + "\n";
  }
  test::write_file(tmp / "archive" / "wire.jsonl", jsonl);
  // CSV with CRLF rows, quoted fields holding separators, quotes and line breaks (so lines
  // outnumber rows), a row with a missing field and one Latin-1 byte, both far into the file.
  std::string csv = "\r\nid;headline;text\r\n";
  for (int i = 1; i <= 700; ++i) {
    const std::string n = std::to_string(i);
    if (i == 400) csv += "short-row;only two fields\r\n";
    // A row larger than several pieces: a quoted field of many lines.
    if (i == 600) {
      csv += "csv-huge;\"Tin survey\";\"";
      for (int line = 0; line < 1500; ++line) {
        csv += "Survey line " + std::to_string(line) + "; \"\"tin\"\" output rose.\n";
      }
      csv += "\"\r\n";
    }
    csv += "csv-" + n + ";\"Tin report " + n + "; \"\"quoted\"\"\";\"Bolivian tin output rose " +
           n + " tonnes.\nThe mines of Oruro\r\nreported " + (i == 450 ? "caf\xe9" : "cafe") +
           " rains.\"\r\n";
  }
  test::write_file(tmp / "archive" / "tin.csv", csv);
  // A JSON array (with a byte order mark) without ids, its strings holding brackets, braces,
  // commas and escaped quotes; an element that is no object and one without text, far apart.
  std::string json = "\xEF\xBB\xBF[\n";
  for (int i = 1; i <= 500; ++i) {
    const std::string n = std::to_string(i);
    if (i > 1) json += ",\n";
    if (i == 120) {
      json += "[1, {\"title\": \"in a list\"}],\n";
    } else if (i == 380) {
      json += R"({"date": "1987-03-0)" + std::to_string(i % 9 + 1) + R"("},)" + "\n";
    }
    json += R"(  {"title": "Zinc [report] )" + n + R"(, {quoted} \"ore\"", "body": "Zinc stocks )" +
            "at the LME rose " + n + R"( tonnes ],} in the week, traders said \\ ", )" +
            R"("tags": [["lme", )" + n + "]]}";
  }
  json += "\n]\n";
  test::write_file(tmp / "archive" / "zinc.json", json);
  // A wrapper object (NewsAPI's shape) whose records follow an author list (an article field's
  // name, so not the records) and come before more members; an element that is no object and
  // one without text, far apart.
  std::string wrapped = R"({"status": "ok", "authors": [{"name": "Metals desk"}], "articles": [)"
                        "\n";
  for (int i = 1; i <= 400; ++i) {
    const std::string n = std::to_string(i);
    if (i > 1) wrapped += ",\n";
    if (i == 150) wrapped += "\"not an object\",\n";
    if (i == 330) wrapped += R"({"url": "https://wire.example/none"},)" + std::string("\n");
    wrapped += R"({"source": {"id": null, "name": "Metals Wire"}, "title": "Nickel report )" + n +
               R"(", "description": "Nickel output rose )" + n +
               R"( tonnes at the mines [of] {Norilsk}, traders said."})";
  }
  wrapped += "\n], \"totalResults\": 400, \"page\": 1}\n";
  test::write_file(tmp / "archive" / "nickel.json", wrapped);
  // RSS declared Windows-1252, with CDATA bodies holding markup, and an item without text; and
  // a NewsML-G2 message, with an item without text; both named ".xml", so their format is
  // sniffed (from the first piece: a later one starts with an item, not the root).
  std::string rss =
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<rss version=\"2.0\"><channel>"
      "<title>Caf\xE9 Wire</title><language>en</language>\n";
  std::string g2 =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsMessage "
      "xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header><sent>2019-05-08T11:02:00Z</sent>"
      "</header>\n<itemSet>\n";
  for (int i = 1; i <= 300; ++i) {
    const std::string n = std::to_string(i);
    if (i == 170) rss += "<item><link>https://wire.example/none</link></item>\n";
    rss += "<item><title>Coffee report " + n + "</title><description><![CDATA[<p>Arabica rose " +
           n +
           " cents </item> in New York; caf\xE9 owners were told of the frost.</p>]]>"
           "</description>" +
           "<pubDate>Tue, 0" + std::to_string(i % 9 + 1) + " Mar 1987 10:00:00 GMT</pubDate>" +
           "</item>\n";
    if (i == 200)
      g2 += "<newsItem guid=\"urn:test:empty\" version=\"1\"><contentMeta/></newsItem>\n";
    g2 += "<newsItem guid=\"urn:test:rail-" + n +
          "\" version=\"1\" standard=\"NewsML-G2\"><contentMeta><headline>Rail strike " + n +
          "</headline></contentMeta><contentSet><inlineXML contenttype=\"application/xhtml+xml\">"
          "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Train drivers walked out for " +
          n +
          " hours on the northern lines.</p></body></html></inlineXML></contentSet>"
          "</newsItem>\n";
  }
  rss += "</channel>\n</rss>\n";
  g2 += "</itemSet>\n</newsMessage>\n";
  test::write_file(tmp / "archive" / "coffee.xml", rss);
  test::write_file(tmp / "archive" / "rail.xml", g2);
  constexpr std::size_t kPiece = 16384;
  REQUIRE(jsonl.size() > 4 * kPiece);
  REQUIRE(csv.size() > 4 * kPiece);
  REQUIRE(cut > 8 * kPiece);
  REQUIRE(json.size() > 4 * kPiece);
  REQUIRE(wrapped.size() > 4 * kPiece);
  REQUIRE(rss.size() > 4 * kPiece);
  REQUIRE(g2.size() > 4 * kPiece);

  const auto build = [&](const fs::path& index, std::size_t piece) {
    return index_in_pieces(tmp / "archive", index, piece);
  };
  const IndexReport whole = build(tmp / "whole", std::size_t{1} << 30);
  const IndexReport pieces = build(tmp / "pieces", kPiece);
  CHECK(pieces.failed.empty());
  CHECK(pieces.articles_indexed == whole.articles_indexed);
  CHECK(whole.articles_indexed == 800 + 701 + 500 + 400 + 300 + 300);
  const auto issues = [](const IndexReport& r) {
    std::multiset<std::string> out;
    for (const FileIssue& f : r.repaired) {
      out.insert(fs::path(f.path).filename().string() + ": " + f.reason);
    }
    return out;
  };
  CHECK(issues(pieces) == issues(whole));
  bool saw_line_501 = false;
  for (const std::string& issue : issues(pieces)) {
    saw_line_501 = saw_line_501 || issue.starts_with("wire.jsonl: line 501: not a JSON object");
  }
  CHECK(saw_line_501);  // a line number counted across pieces
  // CSV: a blank line, the header, then 399 rows of three lines each (two line breaks in a
  // quoted field) before the short row.
  CHECK(issues(pieces).count("tin.csv: line 1200: 2 fields where the header has 3; row skipped") ==
        1);
  // JSON: records counted across pieces, the element before the 120th article being record 120.
  CHECK(issues(pieces).count("zinc.json: record 120: not a JSON object") == 1);
  CHECK(issues(pieces).count("zinc.json: record 381: no title or text") == 1);
  CHECK(xapian_ids(tmp / "pieces").count("zinc.json#500") == 1);
  CHECK(issues(pieces).count("nickel.json: record 150: not a JSON object") == 1);
  CHECK(issues(pieces).count("nickel.json: record 331: no title or text") == 1);
  CHECK(xapian_ids(tmp / "pieces").count("nickel.json#400") == 1);
  // XML: items counted across pieces.
  CHECK(issues(pieces).count("coffee.xml: item 170: no title or text") == 1);
  CHECK(issues(pieces).count("rail.xml: newsItem 200 (urn:test:empty): no title or text") == 1);
  CHECK(xapian_ids(tmp / "pieces").count("urn:test:rail-300") == 1);
  const std::size_t latin1 = csv.find('\xe9');
  CHECK(issues(pieces).count("tin.csv: invalid UTF-8 at byte " + std::to_string(latin1) +
                             " (1 bytes read as Windows-1252)") == 1);
  CHECK(xapian_contents(tmp / "pieces") == xapian_contents(tmp / "whole"));
  const std::string files = "SELECT path, size, content_hash, articles FROM files ORDER BY path";
  CHECK(sqlite_rows(tmp / "pieces", files, 4) == sqlite_rows(tmp / "whole", files, 4));

  // Touched, not changed: hashed in pieces, not read again.
  const auto touched = fs::last_write_time(tmp / "archive" / "wire.jsonl") + std::chrono::hours(1);
  fs::last_write_time(tmp / "archive" / "wire.jsonl", touched);
  const IndexReport again = build(tmp / "pieces", kPiece);
  CHECK(again.articles_indexed == 0);
  CHECK(again.failed.empty());

  // Changed: read again in pieces; the new last line is one more article.
  test::write_file(tmp / "archive" / "wire.jsonl",
                   jsonl + R"({"title": "Cocoa late", "body": "Late cocoa arrivals."})" + "\n");
  const IndexReport changed = build(tmp / "pieces", kPiece);
  CHECK(changed.articles_indexed == 601);
  CHECK(xapian_ids(tmp / "pieces").count("wire.jsonl#601") == 1);
}

namespace {

// `bytes` gzip-compressed, as gzip(1) would write them.
std::string gzip(std::string_view bytes, const fs::path& scratch) {
  gzFile out = gzopen(scratch.c_str(), "wb");
  REQUIRE(out != nullptr);
  REQUIRE(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())) ==
          static_cast<int>(bytes.size()));
  REQUIRE(gzclose(out) == Z_OK);
  return test::read_file(scratch);
}

std::string warc_record(std::string_view type, const std::string& uri, std::string_view block) {
  std::string head = "WARC/1.1\r\nWARC-Type: " + std::string(type) + "\r\nWARC-Date: 2024-03-0" +
                     std::to_string(uri.size() % 9 + 1) + "T10:00:00Z\r\nWARC-Target-URI: " + uri +
                     "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
                     std::to_string(block.size()) + "\r\n\r\n";
  return head + std::string(block) + "\r\n\r\n";
}

// A crawl of `pages` news pages; every 50th has no article text (a warning naming its record).
std::string make_crawl(int pages) {
  std::string warc = warc_record("warcinfo", "", "software: morgue tests\r\n");
  for (int i = 1; i <= pages; ++i) {
    const std::string n = std::to_string(i);
    const std::string html =
        i % 50 == 0 ? "<html><body><nav>Home</nav></body></html>"
                    : "<html><head><title>Harbour report " + n +
                          "</title></head><body><article><h1>Harbour report " + n +
                          "</h1><p>The harbour master said " + n +
                          " fishing boats landed their catch on Wednesday after repairs to the "
                          "sea wall damaged in the December storm.</p><p>Crews worked through the "
                          "winter, and the town council thanked them at its meeting.</p>"
                          "</article></body></html>";
    const std::string uri = "https://news.example.com/harbour/" + n;
    warc += warc_record("request", uri, "GET /harbour/" + n + " HTTP/1.1\r\n\r\n");
    warc += warc_record("response", uri,
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html);
  }
  return warc;
}

}  // namespace

// WARC files and compressed files of the record formats are read in pieces too: the same
// articles and warnings as read whole, a bound on memory whatever the file's size.
TEST_CASE("WARC and compressed files are read in pieces with the same result as read whole",
          "[indexer][stream]") {
  test::TempDir tmp;
  fs::create_directories(tmp / "archive");
  const std::string crawl = make_crawl(240);
  test::write_file(tmp / "archive" / "crawl.warc", crawl);
  std::string jsonl;
  for (int i = 1; i <= 400; ++i) {
    if (i == 300) jsonl += "not json at all\n";
    jsonl += R"({"title": "Grain report )" + std::to_string(i) +
             R"(", "body": "Wheat shipments of )" +
             std::to_string(static_cast<unsigned>(i) * 2654435761U % 1000003) +
             R"( tonnes left the port of Rouen on contract )" +
             std::to_string(static_cast<unsigned>(i) * 40503U % 65521) +
             R"(, the French grain board said."})" + "\n";
  }
  test::write_file(tmp / "archive" / "grain.jsonl.gz", gzip(jsonl, tmp / "scratch.gz"));
  test::write_file(tmp / "archive" / "crawl2.warc.gz", gzip(make_crawl(120), tmp / "scratch.gz"));
  // A compressed feed named ".xml": its format is sniffed from its first decompressed bytes.
  std::string rss =
      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Grain wire"
      "</title>\n";
  for (int i = 1; i <= 300; ++i) {
    const std::string n = std::to_string(i);
    if (i == 150) rss += "<item><link>https://grain.example/none</link></item>\n";
    rss += "<item><guid>https://grain.example/" + n + "</guid><title>Barley report " + n +
           "</title><description>Barley shipments of " +
           std::to_string(static_cast<unsigned>(i) * 2654435761U % 1000003) +
           " tonnes left Rouen.</description></item>\n";
  }
  rss += "</channel></rss>\n";
  test::write_file(tmp / "archive" / "barley.xml.gz", gzip(rss, tmp / "scratch.gz"));
  constexpr std::size_t kPiece = 8192;
  REQUIRE(crawl.size() > 8 * kPiece);
  REQUIRE(fs::file_size(tmp / "archive" / "grain.jsonl.gz") > kPiece / 4);  // read in pieces

  const auto build = [&](const fs::path& index, std::size_t piece) {
    return index_in_pieces(tmp / "archive", index, piece);
  };
  const IndexReport whole = build(tmp / "whole", std::size_t{1} << 30);
  const IndexReport pieces = build(tmp / "pieces", kPiece);
  CHECK(pieces.failed.empty());
  CHECK(whole.articles_indexed == 240 - 4 + 400 + 120 - 2 + 300);
  CHECK(pieces.articles_indexed == whole.articles_indexed);
  const auto issues = [](const IndexReport& r) {
    std::multiset<std::string> out;
    for (const FileIssue& f : r.repaired) out.insert(f.path + ": " + f.reason);
    return out;
  };
  CHECK(issues(pieces) == issues(whole));
  std::size_t crawl_warnings = 0;
  bool saw_record_400 = false;
  bool saw_line_300 = false;
  for (const FileIssue& f : pieces.repaired) {
    if (fs::path(f.path).filename() == "crawl.warc") ++crawl_warnings;
    // Record numbers counted across pieces: page 200 is record 1 + 2 * 200.
    saw_record_400 = saw_record_400 || f.reason.starts_with("record 401 (");
    saw_line_300 = saw_line_300 || (f.path.ends_with("grain.jsonl.gz!/grain.jsonl") &&
                                    f.reason.starts_with("line 300:"));
  }
  CHECK(crawl_warnings == 4);
  CHECK(saw_record_400);
  CHECK(saw_line_300);
  CHECK(xapian_contents(tmp / "pieces") == xapian_contents(tmp / "whole"));
  CHECK(xapian_ids(tmp / "pieces").count("grain.jsonl.gz!/grain.jsonl#400") == 1);
  CHECK(xapian_ids(tmp / "pieces").count("https://grain.example/300") == 1);
  CHECK(issues(pieces).count((tmp / "archive" / "barley.xml.gz").string() +
                             "!/barley.xml: item 150: no title or text") == 1);
  const std::string files = "SELECT path, size, content_hash, articles FROM files ORDER BY path";
  CHECK(sqlite_rows(tmp / "pieces", files, 4) == sqlite_rows(tmp / "whole", files, 4));

  // Touched, not changed: not read again.
  const fs::path gz = tmp / "archive" / "grain.jsonl.gz";
  fs::last_write_time(gz, fs::last_write_time(gz) + std::chrono::hours(1));
  CHECK(build(tmp / "pieces", kPiece).articles_indexed == 0);
}

// A large archive is read from disk member by member, and its large members of the record
// formats in pieces, even inside a compressed member: the same result as reading it whole, with
// neither the archive nor a large member held whole.
TEST_CASE("archives are read member by member and large members in pieces, as if whole",
          "[indexer][stream][containers]") {
  test::TempDir tmp;
  const fs::path news = tmp / "src" / "news";
  fs::create_directories(news);
  std::string jsonl;
  for (int i = 1; i <= 500; ++i) {
    if (i == 250) jsonl += "{\"title\": broken\n";
    jsonl += R"({"title": "Coffee report )" + std::to_string(i) +
             R"(", "body": "Brazilian coffee exports of )" +
             std::to_string(static_cast<unsigned>(i) * 2654435761U % 1000003) +
             R"( bags were registered at Santos, the IBC said."})" + "\n";
  }
  test::write_file(news / "wire.jsonl", jsonl);
  const std::string sgml = test::read_file(test::reuters_corpus_dir() / "reut2-003.sgm");
  std::size_t end = 0;
  for (int record = 0; record < 60; ++record) end = sgml.find("</REUTERS>", end) + 10;
  test::write_file(news / "reut2-003.sgm", sgml.substr(0, end) + "\n");
  test::write_file(news / "crawl.warc", make_crawl(100));
  test::write_file(news / "page.html",
                   "<html><head><title>Port strike ends</title></head><body><p>Dockers in "
                   "Santos returned to work on Monday.</p></body></html>");
  // A feed named ".xml": its format is sniffed from the member's first bytes.
  std::string feed =
      "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
      "<title>Port wire</title>\n";
  for (int i = 1; i <= 200; ++i) {
    const std::string n = std::to_string(i);
    feed += "<entry><id>tag:port.example,1987:" + n + "</id><title>Port call " + n +
            "</title><content type=\"html\">&lt;p&gt;The ship " + n +
            " docked at Santos with coffee for Hamburg.&lt;/p&gt;</content></entry>\n";
  }
  feed += "</feed>\n";
  REQUIRE(feed.size() > 4 * 8192);
  test::write_file(news / "feed.xml", feed);
  test::write_file(news / "sugar.jsonl.gz",
                   gzip(jsonl.substr(0, jsonl.size() / 2) +
                            R"({"title": "Sugar", "body": "Sugar fell."})" + "\n",
                        tmp / "scratch.gz"));
  fs::create_directories(tmp / "archive");
  const std::string tar = "tar -C '" + (tmp / "src").string() + "' -czf '" +
                          (tmp / "archive" / "news.tar.gz").string() + "' news";
  REQUIRE(std::system(tar.c_str()) == 0);
  constexpr std::size_t kPiece = 8192;
  REQUIRE(fs::file_size(tmp / "archive" / "news.tar.gz") > kPiece / 4);  // read from disk
  REQUIRE(jsonl.size() > 4 * kPiece);

  const auto build = [&](const fs::path& index, std::size_t piece) {
    return index_in_pieces(tmp / "archive", index, piece);
  };
  const IndexReport whole = build(tmp / "whole", std::size_t{1} << 30);
  const IndexReport pieces = build(tmp / "pieces", kPiece);
  for (const FileIssue& f : pieces.failed) UNSCOPED_INFO(f.path << ": " << f.reason);
  CHECK(pieces.failed.empty());
  CHECK(whole.articles_indexed == 500 + 60 + 100 - 2 + 1 + 250 + 200);
  CHECK(pieces.articles_indexed == whole.articles_indexed);
  const auto issues = [](const IndexReport& r) {
    std::multiset<std::string> out;
    for (const FileIssue& f : r.repaired) out.insert(f.path + ": " + f.reason);
    return out;
  };
  CHECK(issues(pieces) == issues(whole));
  const std::string member = (tmp / "archive" / "news.tar.gz").string() + "!/news/";
  CHECK(issues(pieces).count(member + "wire.jsonl: line 250: JSON parse error at column 11: "
                                      "syntax error while parsing value - invalid literal; "
                                      "last read: '\"title\": b'") == 1);
  CHECK(xapian_contents(tmp / "pieces") == xapian_contents(tmp / "whole"));
  const std::set<std::string> ids = xapian_ids(tmp / "pieces");
  CHECK(ids.count("news.tar.gz!/news/wire.jsonl#500") == 1);
  CHECK(ids.count("news.tar.gz!/news/sugar.jsonl.gz!/sugar.jsonl#250") == 1);
  CHECK(ids.count("news.tar.gz!/news/sugar.jsonl.gz!/sugar.jsonl#251") == 0);
  CHECK(ids.count("news.tar.gz!/news/page.html") == 1);
  CHECK(ids.count("tag:port.example,1987:200") == 1);
  const std::string files = "SELECT path, size, content_hash, articles FROM files ORDER BY path";
  CHECK(sqlite_rows(tmp / "pieces", files, 4) == sqlite_rows(tmp / "whole", files, 4));

  // Touched, not changed: hashed, not opened.
  const fs::path archive = tmp / "archive" / "news.tar.gz";
  fs::last_write_time(archive, fs::last_write_time(archive) + std::chrono::hours(1));
  const IndexReport again = build(tmp / "pieces", kPiece);
  CHECK(again.articles_indexed == 0);
  CHECK(again.files_unchanged == 1);
}

namespace {

// JSON Lines of `count` freight reports whose numbers do not repeat, so that it does not
// compress to almost nothing: libarchive gives nothing of a truncated stream shorter than its
// own buffers.
std::string incompressible_jsonl(int count, unsigned seed) {
  std::string jsonl;
  unsigned state = seed;
  for (int i = 1; i <= count; ++i) {
    std::string numbers;
    for (int k = 0; k < 8; ++k) {
      state = state * 1103515245U + 12345U;
      numbers += " " + std::to_string(state % 1000000);
    }
    jsonl += R"({"title": "Freight rates )" + std::to_string(i) + R"(", "body": "Rates quoted)" +
             numbers + R"( on the Baltic exchange."})" + "\n";
  }
  return jsonl;
}

}  // namespace

// A damaged archive read from disk: as when it is read whole, the archive fails, and the
// articles of what came before the damage (whole members, pieces of a member) stay indexed.
TEST_CASE("a damaged archive read from disk keeps the members before the damage",
          "[indexer][stream][containers]") {
  test::TempDir tmp;
  fs::create_directories(tmp / "src");
  test::write_file(tmp / "src" / "a.txt", "Early story\n\nThe first story in the archive.\n");
  test::write_file(tmp / "src" / "rates.jsonl", incompressible_jsonl(2000, 777));
  const fs::path archive = tmp / "archive" / "rates.tar.gz";
  fs::create_directories(archive.parent_path());
  const std::string tar =
      "tar -C '" + (tmp / "src").string() + "' -czf '" + archive.string() + "' a.txt rates.jsonl";
  REQUIRE(std::system(tar.c_str()) == 0);
  const std::string bytes = test::read_file(archive);
  test::write_file(archive, bytes.substr(0, bytes.size() * 2 / 3));
  const IndexReport r = index_in_pieces(tmp / "archive", tmp / "idx", 16384);
  // As when read whole: a corrupt archive fails, and the articles before the damage stay.
  REQUIRE(r.failed.size() == 1);
  CHECK_THAT(r.failed[0].reason, Catch::StartsWith("rates.tar.gz: corrupt archive: "));
  CHECK(r.articles_indexed > 500);
  CHECK(r.articles_indexed < 2000);
  CHECK(xapian_ids(tmp / "idx").count("rates.tar.gz!/a.txt") == 1);
}

TEST_CASE("a truncated compressed file read in pieces keeps what came before the damage",
          "[indexer][stream]") {
  test::TempDir tmp;
  fs::create_directories(tmp / "archive");
  const std::string gz = gzip(incompressible_jsonl(3000, 12345), tmp / "scratch.gz");
  test::write_file(tmp / "archive" / "rates.jsonl.gz", gz.substr(0, gz.size() * 2 / 3));
  const IndexReport r = index_in_pieces(tmp / "archive", tmp / "idx", 16384);
  for (const FileIssue& f : r.failed) UNSCOPED_INFO(f.path << ": " << f.reason);
  CHECK(r.failed.empty());
  CHECK(r.articles_indexed > 1000);
  CHECK(r.articles_indexed < 3000);
  bool named = false;
  for (const FileIssue& f : r.repaired) {
    named = named || f.reason.find("truncated gzip input") != std::string::npos;
  }
  CHECK(named);
}

// Pieces cut exactly at the end of the last record leave the file's trailing blank lines alone
// in a last piece: that is not an "empty file".
TEST_CASE("a large file's trailing blank lines are no piece of their own", "[indexer][stream]") {
  test::TempDir tmp;
  std::string jsonl;
  for (int i = 0; i < 128; ++i) {
    std::string line = R"({"title": "Cocoa )" + std::to_string(1000 + i) + R"(", "body": "rains)";
    line += std::string(63 - line.size() - 2, 'x') + "\"}";
    REQUIRE(line.size() == 63);
    jsonl += line + "\n";  // 64 bytes: 64 lines fill one 4096-byte piece exactly
  }
  test::write_file(tmp / "in" / "wire.jsonl", jsonl + "\n\n");
  Indexer indexer = Indexer::open(tmp / "idx", {.stream_chunk_bytes = 4096});
  const IndexReport report = indexer.index_paths({tmp / "in"});
  CHECK(report.articles_indexed == 128);
  CHECK(report.failed.empty());
  for (const FileIssue& f : report.repaired) FAIL_CHECK(f.reason);
}

// A large JSON wrapper object (here a JSON Feed) is read in pieces like an array: a broken
// element costs only its piece, where read whole it fails the file, and what follows the
// records array is checked once the array ends.
TEST_CASE("a large JSON wrapper object is read in pieces", "[indexer][stream]") {
  test::TempDir tmp;
  std::string feed = R"({"version": "https://jsonfeed.org/version/1.1", "title": "Nickel wire", )"
                     R"("authors": [{"name": "Metals desk"}], "items": [)";
  for (int i = 1; i <= 600; ++i) {
    const std::string n = std::to_string(i);
    if (i > 1) feed += ",\n";
    feed += R"({"id": "n)" + n + R"(", "title": "Nickel report )" + n +
            R"(", "content_text": "Nickel output rose )" + n + R"( tonnes, traders said."})";
    if (i == 300) feed += ",\n{\"title\": broken}";
  }
  feed += "\n], \"more\": [{\"title\": \"Not read\", \"content_text\": \"Never.\"}]}\n";
  REQUIRE(feed.size() > 8 * 4096);
  test::write_file(tmp / "in" / "feed.json", feed);

  Indexer indexer = Indexer::open(tmp / "idx", {.entities = false, .stream_chunk_bytes = 4096});
  const IndexReport report = indexer.index_paths({tmp / "in"});
  for (const FileIssue& f : report.failed) UNSCOPED_INFO(f.path << ": " << f.reason);
  CHECK(report.failed.empty());
  CHECK(report.articles_indexed > 500);
  CHECK(report.articles_indexed < 600);
  bool broken_piece = false;
  bool tail = false;
  for (const FileIssue& f : report.repaired) {
    broken_piece = broken_piece || (f.reason.starts_with("bytes ") &&
                                    f.reason.find("JSON parse error") != std::string::npos);
    tail = tail ||
           f.reason == R"(after the "items" array: another array of objects ("more") is not read)";
  }
  CHECK(broken_piece);
  CHECK(tail);
  indexer.commit();
  const std::set<std::string> ids = xapian_ids(tmp / "idx");
  CHECK(ids.count("n1") == 1);
  CHECK(ids.count("n600") == 1);
  CHECK(ids.count("n300") == 0);

  // Read whole, the broken element fails the file.
  Indexer whole = Indexer::open(tmp / "whole", {.entities = false});
  const IndexReport read_whole = whole.index_paths({tmp / "in"});
  REQUIRE(read_whole.failed.size() == 1);
  CHECK(read_whole.failed[0].reason.find("JSON parse error") != std::string::npos);
}

// An XML file of no records xml_cut() knows (a NITF document), however large, is read whole.
TEST_CASE("a large XML file without feed items or news items is read whole", "[indexer][stream]") {
  test::TempDir tmp;
  std::string nitf =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf><head><title>Long report</title></head>"
      "<body><body.head><hedline><hl1>Long report on the harbour</hl1></hedline></body.head>"
      "<body.content>";
  for (int i = 0; i < 900; ++i) {
    nitf += "<p>Paragraph " + std::to_string(i) + " of the long report on the harbour.</p>\n";
  }
  nitf += "</body.content></body></nitf>\n";
  REQUIRE(nitf.size() > 8 * 4096);
  test::write_file(tmp / "in" / "long.xml", nitf);
  Indexer indexer = Indexer::open(tmp / "idx", {.entities = false, .stream_chunk_bytes = 4096});
  const IndexReport report = indexer.index_paths({tmp / "in"});
  CHECK(report.articles_indexed == 1);
  CHECK(report.failed.empty());
  CHECK(report.repaired.empty());
  indexer.commit();
  CHECK(xapian_ids(tmp / "idx") == std::set<std::string>{"long.xml"});
}

// Batch by batch, a replaced or removed article takes its words' spelling counts back, so that
// "did you mean" weighs the words of the archive as it is, not of every version it had.
TEST_CASE("spelling counts follow articles as they are replaced and removed", "[indexer]") {
  test::TempDir tmp;
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.entities = false, .bulk = false});
    Article a;
    a.id = "a";
    a.title = "Quixotic plan";
    a.body = "A quixotic scheme for the harbour.";
    indexer.add(a);
    a.id = "b";
    indexer.add(a);
    indexer.commit();
  }
  // A title word counts more than a body word: "quixotic" counts this much in each article.
  const Xapian::doccount per_article = spelling_of(tmp / "idx").at("quixotic") / 2;
  CHECK(per_article >= 2);
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.entities = false});
    Article a;
    a.id = "a";
    a.title = "Sober plan";
    a.body = "A sober scheme for the harbour.";
    indexer.add(a);  // replaces "a"
    indexer.commit();
  }
  auto spelling = spelling_of(tmp / "idx");
  CHECK(spelling.at("quixotic") == per_article);
  CHECK(spelling.at("sober") == per_article);
  CHECK(spelling.at("harbour") == 2);
  {
    Indexer indexer = Indexer::open(tmp / "idx", {.entities = false});
    CHECK(indexer.remove("b"));
    // Replaced and removed within one batch: counted once, then taken back once.
    Article c;
    c.id = "c";
    c.body = "Zebras crossed.";
    indexer.add(c);
    c.body = "Giraffes crossed.";
    indexer.add(c);
    indexer.commit();
  }
  spelling = spelling_of(tmp / "idx");
  CHECK(spelling.count("quixotic") == 0);
  CHECK(spelling.count("zebras") == 0);
  CHECK(spelling.at("giraffes") == 1);
  CHECK(spelling.at("harbour") == 1);
}
