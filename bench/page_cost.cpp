// SPDX-License-Identifier: GPL-2.0-or-later
// What one fresh page of memory costs a process on this machine: the first write to each page
// of a new anonymous mapping (a page fault each), and the same pages pre-faulted in one
// mmap(MAP_POPULATE) call. A short-lived process such as `morgue search` or `quest` pays this
// for every page it touches (heap, stack, relocated data), so on a machine where a page costs
// microseconds, pages touched decide its start-up time as much as instructions do.
//
// usage: morgue_page_cost [PAGES [RUNS]]   (default 1000 pages, 20 runs; prints medians)
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// Microseconds to map `pages` fresh pages and write one byte to each.
double touch(std::size_t pages, bool populate) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const auto start = std::chrono::steady_clock::now();
  void* mapping = mmap(nullptr, pages * page, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | (populate ? MAP_POPULATE : 0), -1, 0);
  if (mapping == MAP_FAILED) {
    std::perror("mmap");
    std::exit(1);
  }
  auto* bytes = static_cast<volatile char*>(mapping);
  for (std::size_t i = 0; i < pages; ++i) bytes[i * page] = 1;
  const auto stop = std::chrono::steady_clock::now();
  munmap(mapping, pages * page);
  return std::chrono::duration<double, std::micro>(stop - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t pages = argc > 1 ? std::stoul(argv[1]) : 1000;
  const int runs = argc > 2 ? std::stoi(argv[2]) : 20;
  if (pages == 0 || runs <= 0) {
    std::fprintf(stderr, "usage: morgue_page_cost [PAGES [RUNS]]\n");
    return 2;
  }
  std::vector<double> faulted;
  std::vector<double> populated;
  for (int run = 0; run < runs; ++run) {  // interleaved, so that drift hits both alike
    faulted.push_back(touch(pages, false));
    populated.push_back(touch(pages, true));
  }
  const auto per_page = [&](const std::vector<double>& v) {
    return median(v) / static_cast<double>(pages);
  };
  std::printf("| fresh pages, %zu per run, median of %d runs | us per page |\n", pages, runs);
  std::printf("|---|---:|\n");
  std::printf("| first write to each page (one fault each) | %.2f |\n", per_page(faulted));
  std::printf("| mmap(MAP_POPULATE), then the writes | %.2f |\n", per_page(populated));
  return 0;
}
