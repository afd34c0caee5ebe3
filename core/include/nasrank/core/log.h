// Timestamped logging to stderr. Results never go through here: stdout holds only what a
// command was asked to print. The header keeps fmt out on purpose: LibTorch ships its own fmt,
// so spdlog (built on Debian's fmt) stays inside log.cpp and callers stream their messages.
#pragma once

#include <string>

#include "nasrank/core/error.h"

namespace nasrank::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

/// Sets the lowest level written (the CLI maps --verbose to debug and --quiet to warn).
void set_level(Level level);
Level level();
bool enabled(Level level);
void write(Level level, const std::string& message);

}  // namespace nasrank::log

#define NASRANK_LOG(lvl, ...)                                                                             \
  do {                                                                                                    \
    if (::nasrank::log::enabled(lvl)) ::nasrank::log::write(lvl, ::nasrank::detail::concat(__VA_ARGS__)); \
  } while (0)
#define LOG_DEBUG(...) NASRANK_LOG(::nasrank::log::Level::debug, __VA_ARGS__)
#define LOG_INFO(...) NASRANK_LOG(::nasrank::log::Level::info, __VA_ARGS__)
#define LOG_WARN(...) NASRANK_LOG(::nasrank::log::Level::warn, __VA_ARGS__)
