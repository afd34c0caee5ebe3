// Who runs a job: enough for another process on the same machine to tell whether it still lives.
#pragma once

#include <cstdint>
#include <string>

namespace nasrank::study {

/// Who runs a job: enough for another process on the same machine to tell whether it still lives.
struct WorkerIdentity {
  std::string host;  ///< the host name
  std::int64_t pid = 0;
  std::string node;        ///< boot id and pid namespace: pids are comparable only within one node
  std::int64_t start = 0;  ///< process start time in clock ticks after boot: tells a reused pid apart

  /// This process.
  static WorkerIdentity current();
  /// True when `observer` (on the same host and node) can see that this process is gone: no such
  /// pid, a zombie, or a pid reused by a younger process. False when it lives or is out of sight.
  bool known_dead(const WorkerIdentity& observer) const;
};

}  // namespace nasrank::study
