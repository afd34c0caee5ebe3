// How a user's stop request (Ctrl-C, a batch scheduler's SIGTERM) reaches long work: the program
// records it here, from its signal handler; workers and supervisors poll it.
#pragma once

#include <atomic>

namespace nasrank::study {

/// Stop requests as a signal handler records them. Lock-free atomics only, so a handler may write them.
struct StopRequests {
  std::atomic<int> count{0};           ///< requests so far
  std::atomic<int> last{0};            ///< the last one's signal number
  std::atomic<bool> requested{false};  ///< at least one arrived: finish or give back the job in hand, then stop
};

}  // namespace nasrank::study
