// SPDX-License-Identifier: Apache-2.0
#include "parse/logs/progress.h"

#include <chrono>
#include <cstdio>

namespace mtls::logs {

ProgressPrinter::ProgressPrinter(bool enabled, std::uint64_t total, std::atomic<std::uint64_t>& done)
    : done_(done), total_(total) {
  if (enabled) thread_ = std::thread([this] { loop(); });
}

ProgressPrinter::~ProgressPrinter() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (printed_) std::fputs("\r\033[K", stderr);
}

void ProgressPrinter::loop() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  while (!cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) {
    if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) continue;
    const double mib = static_cast<double>(done_.load(std::memory_order_relaxed)) / (1 << 20);
    std::fprintf(stderr, "\rmtls-doctor logs: %.0f of %.0f MiB read", mib, static_cast<double>(total_) / (1 << 20));
    std::fflush(stderr);
    printed_ = true;
  }
}

}  // namespace mtls::logs
