// SPDX-License-Identifier: Apache-2.0
// The progress line of a long read, for a person watching a terminal (the caller decides that).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace mtls::logs {

/// Print "logs: 412 MiB of 1.0 GiB" on stderr every quarter second once a second has passed.
class ProgressPrinter {
 public:
  ProgressPrinter(bool enabled, std::uint64_t total, std::atomic<std::uint64_t>& done);
  ~ProgressPrinter();
  ProgressPrinter(const ProgressPrinter&) = delete;
  ProgressPrinter& operator=(const ProgressPrinter&) = delete;

 private:
  void loop();
  std::atomic<std::uint64_t>& done_;
  std::uint64_t total_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool printed_ = false;
  std::thread thread_;
};

}  // namespace mtls::logs
