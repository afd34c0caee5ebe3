// Several worker processes on one machine (`sweep run --concurrent K` on the CPU): start them, pass
// on the user's stop requests, report the sweep's progress from the store, and wait for them all.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "nasrank/study/stop.h"

namespace nasrank::study {

struct SuperviseOptions {
  /// The store the workers share; read for progress lines.
  std::filesystem::path db;
  /// Seconds between progress lines (also written whenever a job finishes).
  double report_every = 30;
  /// Failed jobs with fewer attempts count as work left in the ETA.
  int max_attempts = 3;
};

/// Starts every command (argv[0] is the program) as a child process in a process group of its
/// own, so a terminal's Ctrl-C reaches only this process, which passes it on once: the first stop
/// request is forwarded as is (workers give their job back and exit), a second one kills them.
/// Returns 0 when every child exited with 0, else the first non-zero status (128 + signal for a
/// child killed by one). Throws nasrank::Error when a child cannot be started.
int supervise(const std::vector<std::vector<std::string>>& commands, const SuperviseOptions& options,
              const StopRequests* stop);

/// This program's own executable, to start workers of the same build.
std::string self_executable();

}  // namespace nasrank::study
