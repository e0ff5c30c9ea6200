// SPDX-License-Identifier: Apache-2.0
// Expected<T>: the subset of C++23 std::expected we need. GCC 12 ships std::expected only under
// -std=c++2b, so this stands in until the project moves to C++23 (then it becomes an alias).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace mtls {

/// Why an input could not be used. `where` is "file:line", "frame 12", "attempt 2: handshake"...
struct Error {
  std::string message;
  std::string where;

  /// "where: message", or just the message when there is no location.
  [[nodiscard]] std::string to_string() const {
    return where.empty() ? message : where + ": " + message;
  }
};

template <typename E>
struct Unexpected {
  E error;
};

inline Unexpected<Error> unexpected(std::string message, std::string where = {}) {
  return Unexpected<Error>{Error{std::move(message), std::move(where)}};
}
inline Unexpected<Error> unexpected(Error error) { return Unexpected<Error>{std::move(error)}; }

template <typename T>
class [[nodiscard]] Expected {
 public:
  using value_type = T;

  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Expected(Unexpected<Error> error)                                         // NOLINT: implicit
      : state_(std::in_place_index<1>, std::move(error.error)) {}

  [[nodiscard]] bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  const Error& error() const {
    assert(!has_value());
    return std::get<1>(state_);
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> state_;
};

/// For operations that produce nothing but may fail.
struct Done {};

}  // namespace mtls
