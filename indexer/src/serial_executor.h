// SPDX-License-Identifier: GPL-2.0-or-later
// One background thread running tasks in the order they were posted: the writer hands its
// SQLite statements to it, so they run beside Xapian's work on another core.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace morgue::indexer {

/// Runs posted tasks one at a time, in order, on its own thread. The first task to throw stops
/// the rest (they are dropped) and its exception is rethrown by the next post() or drain().
/// Not thread-safe itself: one thread posts.
class SerialExecutor {
 public:
  /// At most this many tasks wait by default; post() blocks beyond, which bounds memory.
  static constexpr std::size_t kMaxQueued = 4096;
  /// A task posted with Wake::kBatched lets the thread sleep on until this many wait.
  static constexpr std::size_t kWakeBatch = 32;

  /// kNow: the task starts as soon as the thread is free. kBatched: for a stream of small tasks
  /// (one per article), where waking the thread for each cost two futex calls and two context
  /// switches; it wakes when kWakeBatch wait, or at the next kNow post, drain() or destruction.
  enum class Wake { kNow, kBatched };

  explicit SerialExecutor(std::size_t max_queued = kMaxQueued);
  SerialExecutor(const SerialExecutor&) = delete;
  SerialExecutor& operator=(const SerialExecutor&) = delete;
  /// Runs what is queued (errors are dropped: destructors do not throw), then stops.
  ~SerialExecutor() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  /// Queues `task`. Rethrows the error of an earlier task.
  void post(std::function<void()> task, Wake wake = Wake::kNow) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return error_ || queue_.size() < max_queued_; });
    rethrow_locked();
    queue_.push_back(std::move(task));
    if (wake == Wake::kNow) urgent_ = true;
    if (urgent_ || queue_.size() >= wake_at_) changed_.notify_all();
  }

  /// Waits until every posted task has run. Rethrows the error of a task.
  void drain() {
    std::unique_lock lock(mutex_);
    urgent_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return error_ || (queue_.empty() && !busy_); });
    rethrow_locked();
  }

 private:
  void rethrow_locked() {
    if (!error_) return;
    std::exception_ptr error = error_;
    error_ = nullptr;
    queue_.clear();
    std::rethrow_exception(error);
  }

  void run() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] {
        return stopping_ || queue_.size() >= wake_at_ || (urgent_ && !queue_.empty());
      });
      // Once awake, run until the queue is empty.
      while (!queue_.empty()) {
        std::function<void()> task = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        lock.unlock();
        std::exception_ptr error;
        try {
          task();
        } catch (...) {
          error = std::current_exception();
        }
        task = nullptr;  // what it captured goes now, outside the lock
        lock.lock();
        busy_ = false;
        if (error) {
          if (!error_) error_ = error;
          queue_.clear();
        }
        changed_.notify_all();
      }
      urgent_ = false;
      if (stopping_) return;
    }
  }

  const std::size_t max_queued_;
  const std::size_t wake_at_;  // queue length at which batched tasks wake the thread
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> queue_;
  std::exception_ptr error_;
  bool busy_ = false;
  bool urgent_ = false;  // a kNow task or a drain() waits
  bool stopping_ = false;
  std::thread thread_;  // last: starts after the members it uses exist
};

}  // namespace morgue::indexer
