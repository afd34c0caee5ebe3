#include "stop_signals.h"

#include <signal.h>
#include <time.h>

#include <algorithm>

namespace nasrank::cli {
namespace {

study::StopRequests g_requests;
std::atomic<bool> g_second_signal_kills{true};
std::atomic<long long> g_last_request_ns{0};
/// Signals closer together than this are one request: a batch scheduler signals every process of a
/// job at once, and a worker may get the same request from it and from its supervisor.
constexpr long long kSameRequestNs = 2'000'000'000LL;

extern "C" void on_stop_signal(int sig) {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  const long long now = static_cast<long long>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
  if (g_requests.count.load() > 0 && now - g_last_request_ns.load() < kSameRequestNs) return;
  g_last_request_ns.store(now);
  const int before = g_requests.count.fetch_add(1);
  g_requests.last.store(sig);
  g_requests.requested.store(true);
  if (before >= 1 && g_second_signal_kills.load()) {
    signal(sig, SIG_DFL);
    raise(sig);
  }
}

}  // namespace

study::StopRequests& stop_requests() { return g_requests; }

void install_stop_handlers(bool second_kills) {
  g_second_signal_kills = second_kills;
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int stopped_exit_code() { return 128 + std::max(1, g_requests.last.load()); }

}  // namespace nasrank::cli
