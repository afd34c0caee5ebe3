// Two tiers of failure, as in c10/util/Exception.h: Error for what the user can fix (bad input,
// missing files), NASRANK_ASSERT for our own broken invariants. The CLI turns Error into
// "nasrank: error: ..." and exit 1, UsageError into exit 2.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace nasrank {

/// A failure the user can act on: the message says what is wrong and how to fix it.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The command line itself is wrong (unknown option, missing argument): exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// A broken internal invariant: a bug in nasrank, never the user's fault.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

namespace detail {
template <typename... Args>
std::string concat(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}
[[noreturn]] void throw_internal(const char* file, int line, const char* condition, const std::string& message);
}  // namespace detail

}  // namespace nasrank

/// Checks user input: throws nasrank::Error with the streamed message when `cond` is false.
#define NASRANK_CHECK(cond, ...)                                                 \
  do {                                                                           \
    if (!(cond)) throw ::nasrank::Error(::nasrank::detail::concat(__VA_ARGS__)); \
  } while (0)

/// Checks an invariant of our own code: failure means a bug in nasrank.
#define NASRANK_ASSERT(cond, ...)                                                                  \
  do {                                                                                             \
    if (!(cond))                                                                                   \
      ::nasrank::detail::throw_internal(__FILE__, __LINE__, #cond,                                 \
                                        ::nasrank::detail::concat("" __VA_OPT__(, ) __VA_ARGS__)); \
  } while (0)
