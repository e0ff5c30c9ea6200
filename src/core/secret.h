// SPDX-License-Identifier: Apache-2.0
// A password or other secret: move-only, never printed, wiped from memory when destroyed.
#pragma once

#include <string.h>  // explicit_bzero (glibc)

#include <string>
#include <string_view>
#include <utility>

namespace mtls {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
  Secret& operator=(Secret&& other) noexcept {
    wipe();
    value_ = std::move(other.value_);
    other.wipe();
    return *this;
  }
  ~Secret() { wipe(); }

  /// The secret itself: hand it straight to the library that needs it, never to output.
  [[nodiscard]] std::string_view reveal() const { return value_; }
  [[nodiscard]] bool empty() const { return value_.empty(); }

 private:
  void wipe() {
    // explicit_bzero is not optimised away, unlike memset before destruction.
    if (!value_.empty()) explicit_bzero(value_.data(), value_.size());
    value_.clear();
  }
  std::string value_;
};

}  // namespace mtls
