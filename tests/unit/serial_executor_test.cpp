// SPDX-License-Identifier: GPL-2.0-or-later
// The writer's task thread: order, batched wake-ups, errors, and what drain() and the
// destructor promise.
#include "serial_executor.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <stdexcept>
#include <vector>

using morgue::indexer::SerialExecutor;
using Wake = SerialExecutor::Wake;

namespace {
// Liveness, not speed: a task that should start on its own has an hour to do so.
constexpr auto kLiveness = std::chrono::hours(1);
}  // namespace

TEST_CASE("batched tasks run in order by drain()", "[executor]") {
  std::vector<int> ran;  // written on the executor's thread, read after drain()
  SerialExecutor executor;
  for (int i = 0; i < 5; ++i) executor.post([&ran, i] { ran.push_back(i); }, Wake::kBatched);
  executor.drain();
  CHECK(ran == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("a task posted to run now starts without drain(), after the batched ones", "[executor]") {
  std::vector<int> ran;
  std::promise<std::vector<int>> seen;
  SerialExecutor executor;
  executor.post([&ran] { ran.push_back(1); }, Wake::kBatched);
  executor.post([&ran] { ran.push_back(2); }, Wake::kBatched);
  executor.post([&] { seen.set_value(ran); });
  std::future<std::vector<int>> result = seen.get_future();
  REQUIRE(result.wait_for(kLiveness) == std::future_status::ready);
  CHECK(result.get() == std::vector<int>{1, 2});
}

TEST_CASE("a full batch wakes the thread without drain()", "[executor]") {
  std::promise<void> last_ran;
  SerialExecutor executor;
  for (std::size_t i = 1; i < SerialExecutor::kWakeBatch; ++i) executor.post([] {}, Wake::kBatched);
  executor.post([&] { last_ran.set_value(); }, Wake::kBatched);
  CHECK(last_ran.get_future().wait_for(kLiveness) == std::future_status::ready);
}

TEST_CASE("a short queue wakes the thread when it is full", "[executor]") {
  int ran = 0;
  SerialExecutor executor(4);  // shorter than a batch: post() would block for ever otherwise
  for (int i = 0; i < 20; ++i) executor.post([&ran] { ++ran; }, Wake::kBatched);
  executor.drain();
  CHECK(ran == 20);
}

TEST_CASE("the destructor runs what is queued", "[executor]") {
  int ran = 0;
  {
    SerialExecutor executor;
    for (int i = 0; i < 3; ++i) executor.post([&ran] { ++ran; }, Wake::kBatched);
  }
  CHECK(ran == 3);
}

TEST_CASE("a failed batched task is reported by drain() and drops the rest", "[executor]") {
  int ran = 0;
  SerialExecutor executor;
  executor.post([] { throw std::runtime_error("disk full"); }, Wake::kBatched);
  executor.post([&ran] { ++ran; }, Wake::kBatched);
  CHECK_THROWS_WITH(executor.drain(), "disk full");
  CHECK(ran == 0);
  executor.post([&ran] { ++ran; });  // the executor goes on after reporting
  executor.drain();
  CHECK(ran == 1);
}
