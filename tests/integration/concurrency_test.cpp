// SPDX-License-Identifier: GPL-2.0-or-later
// Several threads search (one Searcher each) while a `morgue index` child process commits
// batches into the same index: every search succeeds and sees whole batches only.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "morgue/error.h"
#include "morgue/searcher.h"
#include "test_support.h"

extern char** environ;

using namespace morgue;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr int kArticlesPerFolder = 10;
constexpr int kBatchSize = 5;
constexpr int kThreads = 4;
constexpr auto kDuration = 3s;
// All articles fit in one page of kMaxLimit hits, so a search's hit count is exact.
constexpr int kMaxFolders = static_cast<int>(kMaxLimit) / kArticlesPerFolder - 1;

std::string article_id(int n) {
  return "f" + std::to_string(n / kArticlesPerFolder) + "-a" +
         std::to_string(n % kArticlesPerFolder) + ".txt";
}

// Folder n holds articles n*10 .. n*10+9, named so that the indexer's sorted walk writes them
// in that order and so that ids (paths relative to the folder) are unique across folders.
fs::path write_folder(const test::TempDir& tmp, int folder) {
  const fs::path dir = tmp / ("in" + std::to_string(folder));
  for (int k = 0; k < kArticlesPerFolder; ++k) {
    const int n = folder * kArticlesPerFolder + k;
    test::write_file(dir / article_id(n), "Zebra report " + std::to_string(n) +
                                              "\nDate: 2020-01-01\n\nThe zebra number " +
                                              std::to_string(n) + " crossed the savanna.\n");
  }
  return dir;
}

// Runs the real `morgue index` on one folder; returns its exit status (-1 if it did not exit).
int run_indexer(const fs::path& index, const fs::path& folder, const fs::path& log) {
  const std::string binary = MORGUE_BINARY;
  std::vector<std::string> args = {binary,          "index",        "--db",
                                   index.string(),  "--batch-size", std::to_string(kBatchSize),
                                   "--no-spelling", folder.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What the searching threads found wrong; Catch's assertions are not thread-safe.
class Problems {
 public:
  void add(std::string problem) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (problems_.size() < 20) problems_.push_back(std::move(problem));
    ++count_;
  }
  [[nodiscard]] std::vector<std::string> list() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return problems_;
  }
  [[nodiscard]] std::size_t count() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> problems_;
  std::size_t count_ = 0;
};

// One searching thread: the same query again and again; each answer must be a whole number of
// committed batches, exactly the first articles written, and never fewer than before. Like a
// server, it reopens now and then, and sometimes waits before searching so that the writer
// commits past the revision it holds: its next search then meets Xapian's
// DatabaseModifiedError, which Searcher must absorb by reopening.
void search_loop(const fs::path& index, const std::atomic<bool>& stop, Problems& problems,
                 std::atomic<std::size_t>& searches, std::atomic<std::size_t>& most_seen) {
  try {
    Searcher searcher = Searcher::open(index);
    std::size_t previous = 0;
    for (std::size_t i = 0; !stop.load(); ++i) {
      if (i % 4 == 0) searcher.reopen();
      if (i % 4 == 1) std::this_thread::sleep_for(std::chrono::milliseconds(i % 64));
      const std::size_t snippet_bytes = i % 2 == 0 ? 0 : 240;  // slower searches too
      const SearchResults r =
          searcher.search({.query = "zebra", .limit = kMaxLimit, .snippet_bytes = snippet_bytes});
      searches.fetch_add(1);
      const std::size_t n = r.hits.size();
      const std::string seen = "a search saw " + std::to_string(n) + " articles";
      if (n != r.total_estimated) {
        problems.add(seen + " but estimated " + std::to_string(r.total_estimated));
      }
      if (n % kBatchSize != 0) problems.add(seen + ": not a whole number of batches");
      if (n < previous) problems.add(seen + " after " + std::to_string(previous));
      previous = n;
      std::size_t most = most_seen.load();
      while (n > most && !most_seen.compare_exchange_weak(most, n)) {
      }
      std::set<std::string> ids;
      for (const Hit& h : r.hits) ids.insert(h.id);
      std::set<std::string> expected;
      for (std::size_t k = 0; k < n; ++k) expected.insert(article_id(static_cast<int>(k)));
      if (ids != expected) problems.add(seen + ", not the first " + std::to_string(n) + " written");
      // Every article a search returned can be read whole.
      if (n > 0 && i % 8 == 0) {
        const Hit& last = r.hits[i % n];
        const Article a = searcher.article(last.id);
        if (a.title != last.title || a.body.find("zebra") == std::string::npos) {
          problems.add("article " + last.id + " read back differently");
        }
      }
    }
  } catch (const Error& e) {
    problems.add(std::string("a search failed: ") + e.what());
  } catch (const std::exception& e) {
    problems.add(std::string("unexpected exception: ") + e.what());
  }
}

}  // namespace

TEST_CASE("threads search while another process indexes into the same index",
          "[api][concurrency]") {
  test::TempDir tmp;
  const fs::path index = tmp / "idx";
  const fs::path log = tmp / "indexer.log";
  REQUIRE(run_indexer(index, write_folder(tmp, 0), log) == 0);

  std::atomic<bool> stop{false};
  std::atomic<std::size_t> searches{0};
  std::atomic<std::size_t> most_seen{0};
  Problems problems;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(search_loop, index, std::cref(stop), std::ref(problems),
                         std::ref(searches), std::ref(most_seen));
  }

  int folders = 1;
  std::vector<int> failed_runs;
  const auto deadline = std::chrono::steady_clock::now() + kDuration;
  // At least two runs during the searches, however slow the build (the sanitizer build's
  // indexer spends seconds loading its gazetteers), then as many as the time allows.
  while ((std::chrono::steady_clock::now() < deadline || folders < 3) && folders < kMaxFolders) {
    const int status = run_indexer(index, write_folder(tmp, folders), log);
    if (status != 0) failed_runs.push_back(status);
    ++folders;
  }
  stop = true;
  for (std::thread& t : threads) t.join();

  const std::string log_text = test::read_file(log);
  INFO("indexer log (end): " << log_text.substr(log_text.size() > 2000 ? log_text.size() - 2000
                                                                       : 0));
  CHECK(failed_runs.empty());
  for (const std::string& p : problems.list()) {
    CAPTURE(p);
    FAIL_CHECK("inconsistent or failed search");
  }
  CHECK(problems.count() == 0);
  CAPTURE(folders, searches.load(), most_seen.load());
  CHECK(folders >= 3);  // the writer really ran during the searches
  CHECK(searches.load() >= static_cast<std::size_t>(kThreads));
  // The searchers followed the writer, not only the first revision.
  CHECK(most_seen.load() > static_cast<std::size_t>(kArticlesPerFolder));

  Searcher after = Searcher::open(index);
  const SearchResults all = after.search({.query = "zebra", .limit = kMaxLimit});
  CHECK(all.hits.size() == static_cast<std::size_t>(folders * kArticlesPerFolder));
}
