#include "nasrank/core/log.h"

#include <atomic>
#include <memory>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace nasrank::log {
namespace {

std::atomic<Level> g_level{Level::info};

spdlog::logger& logger() {
  // stderr only, never stdout: results and logs must not mix.
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    auto l = std::make_shared<spdlog::logger>("nasrank", sink);
    l->set_pattern("[%Y-%m-%d %H:%M:%S.%e] %^%l%$ %v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::trace);
    return l;
  }();
  return *instance;
}

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::debug:
      return spdlog::level::debug;
    case Level::info:
      return spdlog::level::info;
    case Level::warn:
      return spdlog::level::warn;
    case Level::error:
      return spdlog::level::err;
    case Level::off:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

}  // namespace

void set_level(Level level) { g_level.store(level); }
Level level() { return g_level.load(); }
bool enabled(Level level) { return level >= g_level.load() && level != Level::off; }
void write(Level level, const std::string& message) { logger().log(to_spdlog(level), message); }

}  // namespace nasrank::log
